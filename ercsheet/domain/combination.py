"""A qualification's rules of combination applied to a candidate's units, as pure functions.

The candidate's **selection** is the qualification's mandatory units and the units they have
chosen from it; the **achieved** units are those of the selection signed off. The rules say
whether the selection is a valid choice (`choice_problems`: it can complete the qualification
and breaks no maximum) and how far the achieved units go (`progress`): the mandatory units
achieved and missing, per optional group what is achieved and what its minimum still needs,
the credit achieved against the qualification's minimum (and at its level or above).

Only units the qualification lists count: a unit chosen from outside it is a problem of the
choice; an achieved unit outside the selection is not counted (choose it first). A unit whose
credit or level is not known (its unit file gives none, or it is not in the catalogue) counts
for no credit, and where a credit rule needs it, the choice is not valid until it is known:
the rules never say a qualification is complete on a guess. Nor for a qualification whose rules
are not transcribed (`complete = false`): its progress is shown, its choice not checked.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from ercsheet.catalogue.qualification import OptionalGroup, Qualification, group_words
from ercsheet.domain.problems import Problem, Rule

RULE = Rule.RULES_OF_COMBINATION


class Credited(Protocol):
    """What the rules need to know of a unit (a catalogue `Unit` is one)."""

    @property
    def credit(self) -> int | None: ...

    @property
    def level(self) -> int | None: ...


@dataclass(frozen=True)
class GroupProgress:
    group: OptionalGroup
    # The group as its qualification names it ("Optional group B").
    name: str
    chosen: tuple[str, ...]
    achieved: tuple[str, ...]
    achieved_credit: int
    # What the group's minimum still needs: more achieved units, more achieved credit.
    units_needed: int
    credit_needed: int

    @property
    def met(self) -> bool:
        return self.units_needed == 0 and self.credit_needed == 0


@dataclass(frozen=True)
class Progress:
    qualification: Qualification
    mandatory_achieved: tuple[str, ...]
    mandatory_missing: tuple[str, ...]
    groups: tuple[GroupProgress, ...]
    achieved_credit: int
    # What the qualification's minimum credit still needs (0 when it sets none).
    credit_needed: int
    # The credit achieved at the level of the rule `credit_at_level` or above, and what that
    # rule still needs (0 and 0 when the qualification has no such rule).
    level_credit: int
    level_credit_needed: int
    choice_problems: tuple[Problem, ...]

    @property
    def rules_known(self) -> bool:
        return self.qualification.complete

    @property
    def can_complete(self) -> bool:
        """Whether the selection, once achieved, completes the qualification (a valid choice)."""
        return self.rules_known and not any(p.blocking for p in self.choice_problems)

    @property
    def complete(self) -> bool:
        return (
            self.can_complete
            and not self.mandatory_missing
            and all(group.met for group in self.groups)
            and self.credit_needed == 0
            and self.level_credit_needed == 0
        )


def progress(
    qualification: Qualification,
    chosen: Collection[str],
    achieved: Collection[str],
    units: Mapping[str, Credited],
) -> Progress:
    """How far `achieved` goes towards the qualification, for the candidate who has `chosen`
    these of its optional units. `units` gives each unit's credit and level (the catalogue's)."""
    done = _selection(qualification, chosen) & set(achieved)
    at_level = qualification.credit_at_level
    level_credit = _credit(units, _at_level(units, done, at_level.level)) if at_level else 0
    achieved_credit = _credit(units, done)
    return Progress(
        qualification=qualification,
        mandatory_achieved=tuple(u for u in qualification.mandatory_ids if u in done),
        mandatory_missing=tuple(u for u in qualification.mandatory_ids if u not in done),
        groups=tuple(
            _group_progress(group, index, set(chosen), done, units)
            for index, group in enumerate(qualification.groups)
        ),
        achieved_credit=achieved_credit,
        credit_needed=_short(qualification.min_credit, achieved_credit),
        level_credit=level_credit,
        level_credit_needed=_short(at_level.min_credit, level_credit) if at_level else 0,
        choice_problems=tuple(choice_problems(qualification, chosen, units)),
    )


def choice_problems(
    qualification: Qualification, chosen: Collection[str], units: Mapping[str, Credited]
) -> list[Problem]:
    """What stops the chosen units (with the mandatory ones) completing the qualification once
    achieved: too few or too many from a group, too little credit, a unit not in it, a credit
    not known. A mandatory unit among the chosen is no problem (it is in the selection anyway)."""
    if not qualification.complete:
        return [
            Problem(
                RULE,
                f"{qualification.title}'s rules of combination are not transcribed: the choice "
                "of units cannot be checked, and the qualification is never shown as achieved.",
                blocking=False,
            )
        ]
    return [problem for problem, _ in _checked(qualification, chosen, units)]


def excess_problems(
    qualification: Qualification, chosen: Collection[str], units: Mapping[str, Credited]
) -> list[Problem]:
    """The problems of `choice_problems` that choosing more units cannot mend: a unit not in
    the qualification, more units or credit than a group allows. A registration is refused for
    these; a choice still short of a minimum is a candidate's registration in progress (units
    are added as they go). Checked whether or not the qualification's rules are transcribed:
    a unit it does not list is never one of its units."""
    return [problem for problem, excess in _checked(qualification, chosen, units) if excess]


def _checked(
    qualification: Qualification, chosen: Collection[str], units: Mapping[str, Credited]
) -> Iterator[tuple[Problem, bool]]:
    """Each problem of the choice, with whether it is an excess (see `excess_problems`)."""
    picked = set(chosen)
    # In a fixed order (the ids' own), so the same choice always reads the same.
    for unit in sorted(picked - qualification.unit_ids):
        yield (
            Problem(
                RULE,
                f"The unit {unit} is not in {qualification.title}: choose from its mandatory "
                "units and optional groups.",
            ),
            True,
        )
    for index, group in enumerate(qualification.groups):
        from_group = [e.unit for e in group.units if e.unit in picked]
        yield from _group_problems(group_words(group.title, index), group, from_group, units)
    selection = _selection(qualification, picked)
    for problem in [
        *_unknown_problems(qualification, selection, units),
        *_credit_problems(qualification, selection, units),
    ]:
        yield problem, False


def _selection(qualification: Qualification, chosen: Collection[str]) -> set[str]:
    return set(qualification.mandatory_ids) | (set(chosen) & qualification.unit_ids)


def _credit(units: Mapping[str, Credited], ids: Collection[str]) -> int:
    """The credit the units carry together; one whose credit is not known counts for none."""
    return sum(credit for unit in ids if (credit := _of(units, unit).credit) is not None)


def _at_level(units: Mapping[str, Credited], ids: Collection[str], level: int) -> set[str]:
    return {u for u in ids if (found := _of(units, u).level) is not None and found >= level}


@dataclass(frozen=True)
class _Unknown:
    credit: int | None = None
    level: int | None = None


def _of(units: Mapping[str, Credited], unit: str) -> Credited:
    return units.get(unit) or _Unknown()


def _short(least: int | None, reached: int) -> int:
    return max(0, (least or 0) - reached)


def _group_progress(
    group: OptionalGroup,
    index: int,
    chosen: set[str],
    done: set[str],
    units: Mapping[str, Credited],
) -> GroupProgress:
    achieved = tuple(e.unit for e in group.units if e.unit in done)
    credit = _credit(units, achieved)
    return GroupProgress(
        group=group,
        name=group_words(group.title, index),
        chosen=tuple(e.unit for e in group.units if e.unit in chosen),
        achieved=achieved,
        achieved_credit=credit,
        units_needed=_short(group.min_units, len(achieved)),
        credit_needed=_short(group.min_credit, credit),
    )


def _group_problems(
    name: str, group: OptionalGroup, chosen: list[str], units: Mapping[str, Credited]
) -> Iterator[tuple[Problem, bool]]:
    count, credit = len(chosen), _credit(units, chosen)
    if group.min_units is not None and count < group.min_units:
        yield (
            Problem(
                RULE,
                f"{name} needs at least {_units(group.min_units)}, and {_chosen(count)}: choose "
                f"{_units(group.min_units - count)} more from it.",
            ),
            False,
        )
    if group.max_units is not None and count > group.max_units:
        yield (
            Problem(
                RULE,
                f"{name} allows at most {_units(group.max_units)}, and {_chosen(count)}: leave "
                f"out {_units(count - group.max_units)}.",
            ),
            True,
        )
    if group.min_credit is not None and credit < group.min_credit:
        yield (
            Problem(
                RULE,
                f"{name} needs at least {_credits(group.min_credit)}, and the units chosen from it "
                f"carry {credit}: choose units worth {_credits(group.min_credit - credit)} more "
                "from it.",
            ),
            False,
        )
    if group.max_credit is not None and credit > group.max_credit:
        yield (
            Problem(
                RULE,
                f"{name} allows at most {_credits(group.max_credit)}, and the units chosen from it "
                f"carry {credit}: leave out units worth {_credits(credit - group.max_credit)}.",
            ),
            True,
        )


def _unknown_problems(
    qualification: Qualification, selection: set[str], units: Mapping[str, Credited]
) -> Iterator[Problem]:
    """A unit whose credit (or level) a credit rule needs, and that is not known: no rule can
    say the choice carries enough credit without it."""
    # A minimum of none needs no unit's credit; a maximum needs every one's.
    at_level = qualification.credit_at_level
    needs_level = selection if at_level and at_level.min_credit else set()
    needs_credit = set(selection) if qualification.min_credit or needs_level else set()
    for group in qualification.groups:
        if group.min_credit or group.max_credit is not None:
            needs_credit |= {e.unit for e in group.units} & selection
    for what, needed in (("credit", needs_credit), ("level", needs_level)):
        unknown = sorted(u for u in needed if getattr(_of(units, u), what) is None)
        if unknown:
            yield Problem(
                RULE,
                f"The {what} of {', '.join(unknown)} is not known (its unit file gives none, or "
                "it is not in the catalogue): the choice cannot be checked against the "
                "qualification's credit rules until it is.",
            )


def _credit_problems(
    qualification: Qualification, selection: set[str], units: Mapping[str, Credited]
) -> Iterator[Problem]:
    credit = _credit(units, selection)
    least = qualification.min_credit
    if least is not None and credit < least:
        yield Problem(
            RULE,
            f"The units chosen, with the mandatory ones, carry {_credits(credit)}, and "
            f"{qualification.title} needs at least {least}: choose units worth "
            f"{_credits(least - credit)} more.",
        )
    at_level = qualification.credit_at_level
    if at_level is not None:
        high = _credit(units, _at_level(units, selection, at_level.level))
        if high < at_level.min_credit:
            yield Problem(
                RULE,
                f"The units chosen at level {at_level.level} or above carry {_credits(high)}, "
                f"and {qualification.title} needs at least {at_level.min_credit}: choose units "
                f"of level {at_level.level} or above worth "
                f"{_credits(at_level.min_credit - high)} more.",
            )


def _chosen(count: int) -> str:
    return "none is chosen" if not count else f"{count} {'is' if count == 1 else 'are'} chosen"


def _units(count: int) -> str:
    return f"{count} unit" if count == 1 else f"{count} units"


def _credits(count: int) -> str:
    return f"{count} credit" if count == 1 else f"{count} credits"
