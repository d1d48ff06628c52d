"""What the rules of combination say of a candidate's progress, in an assessor's words: one
wording for the window, the commands and (later) a printed report (combination.py decides;
this only says it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from ercsheet.domain.combination import GroupProgress, Progress

NOT_TRANSCRIBED = "Rules of combination not transcribed: never shown as complete."
# The heading over the sheets of no registration (made on their own), in the window, the
# command and the printed report alike.
UNREGISTERED = "Units not registered on a qualification"
# A registration of no unit (no mandatory one, none chosen), which the domain allows: said
# before it is made, and when it is, in the window and the command alike.
NO_SHEETS = (
    "With no unit chosen, the registration has no sheet: add units to it later (the "
    "candidate's progress in the window, Add units…)."
)


def sheet_names(units: Mapping[int, str]) -> dict[int, str]:
    """The candidate's sheets (by id) named as an assessor knows them, by their unit (`units`:
    "Unit 44 (D.05)" or the unit's line); a sheet's number only where two of them would read
    alike: "Unit 44 (D.05) (sheet 7)" and "Unit 44 (D.05) (sheet 9)"."""
    alike = Counter(units.values())
    return {
        sheet: f"{unit} (sheet {sheet})" if alike[unit] > 1 else unit
        for sheet, unit in units.items()
    }


def status(progress: Progress) -> str:
    """The qualification's state in one sentence."""
    if not progress.rules_known:
        return NOT_TRANSCRIBED
    if progress.complete:
        return "Complete: every rule of combination is met."
    if not progress.can_complete:
        return "Not complete: the units chosen cannot complete it yet (see below)."
    return "Not complete yet: the units chosen complete it once achieved."


def rule_lines(progress: Progress) -> list[str]:
    """Each rule of combination with what is achieved of it and what it still needs."""
    qualification = progress.qualification
    lines = []
    if qualification.mandatory:
        missing = progress.mandatory_missing
        lines.append(
            f"Mandatory units: {len(progress.mandatory_achieved)} of "
            f"{len(qualification.mandatory)} achieved"
            + (
                f"; still to achieve: {', '.join(_numbered(progress, missing))}."
                if missing
                else "."
            )
        )
    lines += [_group_line(group) for group in progress.groups]
    if qualification.min_credit:
        lines.append(
            f"Credit: {progress.achieved_credit} achieved of at least "
            f"{qualification.min_credit}{_needed(progress.credit_needed, 'credit')}."
        )
    at_level = qualification.credit_at_level
    if at_level is not None:
        lines.append(
            f"Credit at level {at_level.level} or above: {progress.level_credit} achieved of at "
            f"least {at_level.min_credit}{_needed(progress.level_credit_needed, 'credit')}."
        )
    if progress.rules_known:  # else `status` has said so: once is enough
        lines += [problem.message for problem in progress.choice_problems]
    return lines


def _numbered(progress: Progress, unit_ids: tuple[str, ...]) -> list[str]:
    """Units as the qualification numbers them ("Unit 302"), the catalogue's id for a unit it
    gives no number."""
    numbers = {u.unit: u.number for u in progress.qualification.mandatory}
    return [f"Unit {numbers[u]}" if numbers.get(u) else u for u in unit_ids]


def _group_line(group: GroupProgress) -> str:
    needs = [
        _needed(group.units_needed, "unit").removeprefix("; "),
        _needed(group.credit_needed, "credit").removeprefix("; "),
    ]
    still = "; ".join(need for need in needs if need) or "met"
    credit = _plural(group.achieved_credit, "credit")
    return (
        f"{group.name} ({group.group.rule_text}): {len(group.achieved)} of "
        f"{len(group.chosen)} chosen achieved ({credit}); {still}."
    )


def _needed(count: int, noun: str) -> str:
    return f"; needs {_plural(count, noun)} more" if count else ""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun if count == 1 else noun + 's'}"
