"""A draft sheet and its unit's current file: what changed since the sheet kept its copy of the
unit, in an assessor's words, and which ticks would fall on criteria the unit no longer has.

A sheet keeps the unit as it was when the sheet was made (its snapshot), so a unit file edited
later never changes a sheet behind the assessor's back. A unit saved while its criteria were not
all transcribed (`complete = false`), or with a typo, is corrected in its file; a draft follows
the correction only when the assessor updates it, having read this comparison. Criteria are
matched by number (ticks, the grid and exchange files name them so); learning outcomes too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum

from ercsheet.catalogue.model import (
    Criterion,
    LearningOutcome,
    MethodName,
    QualificationContext,
    SignOffLine,
    Unit,
)
from ercsheet.domain.dates import uk
from ercsheet.domain.problems import Problem, Rule
from ercsheet.domain.sheet import EvidenceRow

# A unit's fields in the words of its specification and of the window. A field left out here is
# said by its name (a test keeps every field named).
UNIT_WORDS = {
    "title": "Title",
    "descriptor": "Description (shown when there is no title)",
    "urn": "URN",
    "sector_unit_number": "Sector unit number",
    "level": "Level",
    "credit": "Credit value",
    "glh": "Guided learning hours",
    "expires": "Expiry date",
    "purpose": "Purpose",
    "assessment": "Assessment",
    "evidence_requirements": "Evidence requirements",
    "assessment_guidance": "Guidance on assessment and evidence requirements",
    "nos": "National occupational standards",
    "rules.simulation_allowed": "Simulation allowed",
    "rules.line_manager_signature": "Line manager signs the sheet",
    "qualifications": "Qualifications",
    "complete": "Every criterion transcribed",
    "methods": "Key of assessment methods",
    "kind": "What the unit assesses",
    "declarations.candidate": "Candidate's declaration",
    "declarations.assessor": "Assessor's declaration",
    "sign_off": "Sign-off lines",
}
OUTCOME_WORDS = {
    "title": "title",
    "knowledge": "knowledge, understanding and skills",
    "range": "range",
    "kind": "what it assesses",
}
CRITERION_WORDS = {
    "guidance": "guidance",
    "grade": "grade",
    "real_work": "must be assessed in real work",
    "methods": "methods that may evidence it",
    "required_methods": "methods its evidence must include",
}
# What a unit's comparison leaves to its own lines: the criteria and outcomes themselves, and
# the id, which is the same by definition.
_NOT_FIELDS = {"id", "learning_outcomes"}


@dataclass(frozen=True)
class Difference:
    """One thing that differs: `what` (in words: "Credit value", "LO 2 title", "AC 1.2") went
    from `old` to `new`; "" where there was none (added) or is none now (removed)."""

    what: str
    old: str
    new: str
    # A criterion or an outcome itself (its text, its title), not one of its details: said as
    # added, removed or reworded.
    item: bool = False

    def __str__(self) -> str:
        if self.item:
            if not self.old:
                return f"{self.what} added: {self.new}"
            if not self.new:
                return f"{self.what} removed: {self.old}"
            return f"{self.what} reworded: “{self.old}” → “{self.new}”"
        return f"{self.what}: {self.old or '(none)'} → {self.new or '(none)'}"


@dataclass(frozen=True)
class DroppedTick:
    """An evidence item's tick on a criterion the unit's current version does not have."""

    ref: str
    criterion: str

    def __str__(self) -> str:
        return f"{self.ref} × {self.criterion}"


@dataclass(frozen=True)
class UnitChanges:
    """What a sheet's copy of its unit and the unit's current version differ in."""

    added: tuple[Criterion, ...] = ()
    removed: tuple[Criterion, ...] = ()
    reworded: tuple[Difference, ...] = ()  # "AC 1.2", old text, new text
    outcomes: tuple[Difference, ...] = ()  # outcomes added, removed, or given other words
    criteria_details: tuple[Difference, ...] = ()  # a criterion's guidance, grade, rules, LO
    others: tuple[Difference, ...] = ()  # the unit's other fields
    dropped: tuple[DroppedTick, ...] = ()
    # The sheet's copy was an incomplete transcription; the current version is complete.
    completes: bool = False
    # The current version is an incomplete transcription (still, or again).
    incomplete: bool = False

    @property
    def any(self) -> bool:
        return bool(
            self.added
            or self.removed
            or self.reworded
            or self.outcomes
            or self.criteria_details
            or self.others
        )

    @property
    def differences(self) -> list[Difference]:
        """Every difference, one each: what an audit event lists (old → new)."""
        return [difference for _heading, said in self._grouped() for difference in said]

    def sections(self) -> list[tuple[str, list[str]]]:
        """The differences in an assessor's words, under their headings (those with any)."""
        return [(heading, [str(d) for d in said]) for heading, said in self._grouped() if said]

    def _grouped(self) -> list[tuple[str, list[Difference]]]:
        return [
            (
                "Criteria added",
                [Difference(f"AC {c.number}", "", c.text, True) for c in self.added],
            ),
            (
                "Criteria removed",
                [Difference(f"AC {c.number}", c.text, "", True) for c in self.removed],
            ),
            ("Criteria reworded", list(self.reworded)),
            ("Learning outcomes", list(self.outcomes)),
            ("Details of criteria", list(self.criteria_details)),
            ("Other details of the unit", list(self.others)),
        ]

    def summary(self) -> str:
        """ "3 criteria added, 1 reworded, 1 removed; other details changed", or "" when the
        two are the same."""
        parts: list[str] = []
        for count, verb in (
            (len(self.added), "added"),
            (len(self.reworded), "reworded"),
            (len(self.removed), "removed"),
        ):
            if count:
                # The noun once, on the first count: "3 criteria added, 1 reworded".
                noun = "" if parts else " criterion" if count == 1 else " criteria"
                parts.append(f"{count}{noun} {verb}")
        said = ", ".join(parts)
        if self.outcomes or self.criteria_details or self.others:
            said = f"{said}; other details changed" if said else "details changed"
        return said


def unit_changes(kept: Unit, current: Unit, evidence: Sequence[EvidenceRow] = ()) -> UnitChanges:
    """How the unit's `current` version differs from the copy a sheet `kept`, and which of the
    sheet's ticks (its `evidence`) would fall on criteria `current` does not have."""
    old = {c.number: c for c in kept.criteria}
    new = {c.number: c for c in current.criteria}
    reworded = tuple(
        Difference(f"AC {number}", old[number].text, criterion.text, item=True)
        for number, criterion in new.items()
        if number in old and old[number].text != criterion.text
    )
    dropped = tuple(
        DroppedTick(row.ref, number)
        for row in evidence
        for number in kept.in_order(row.criteria)
        if number not in new
    )
    return UnitChanges(
        added=tuple(c for n, c in new.items() if n not in old),
        removed=tuple(c for n, c in old.items() if n not in new),
        reworded=reworded,
        outcomes=tuple(_outcome_differences(kept, current)),
        criteria_details=tuple(_criterion_differences(kept, current)),
        others=tuple(_unit_differences(kept, current)),
        dropped=dropped,
        completes=not kept.complete and current.complete,
        incomplete=not current.complete,
    )


def dropped_ticks_problem(dropped: Sequence[DroppedTick]) -> Problem:
    """Refusal of an update that would drop ticks the assessor has not agreed to drop."""
    count = len(dropped)
    ticks = "1 tick" if count == 1 else f"{count} ticks"
    return Problem(
        Rule.UNIT_UPDATE,
        f"The unit's current version no longer has some criteria this sheet ticks: updating "
        f"drops {ticks} ({', '.join(str(d) for d in dropped)}). Confirm that they are to be "
        "dropped; each is listed in the audit trail.",
    )


# --- the differences, field by field ----------------------------------------------------------


def _outcome_differences(kept: Unit, current: Unit) -> Iterable[Difference]:
    old = {lo.number: lo for lo in kept.learning_outcomes}
    new = {lo.number: lo for lo in current.learning_outcomes}
    yield from _order("Order of the learning outcomes", list(old), list(new))
    for number, outcome in new.items():
        if number not in old:
            yield Difference(f"LO {number}", "", outcome.title, item=True)
            continue
        yield from _field_differences(old[number], outcome, OUTCOME_WORDS, f"LO {number} ")
    for number, outcome in old.items():
        if number not in new:
            yield Difference(f"LO {number}", outcome.title, "", item=True)


def _criterion_differences(kept: Unit, current: Unit) -> Iterable[Difference]:
    # The grid's columns follow the file's order; a criterion moved to another outcome is said
    # below, so the order is compared within each outcome.
    old_outcomes = {lo.number: lo for lo in kept.learning_outcomes}
    for outcome in current.learning_outcomes:
        outcome_before = old_outcomes.get(outcome.number)
        if outcome_before is not None:
            yield from _order(
                f"LO {outcome.number} order of its criteria",
                [c.number for c in outcome_before.criteria],
                [c.number for c in outcome.criteria],
            )
    for criterion in current.criteria:
        before = kept.criterion(criterion.number)
        if before is None:
            continue
        yield from _field_differences(before, criterion, CRITERION_WORDS, f"AC {criterion.number} ")
        was, now = kept.outcome_of(criterion.number), current.outcome_of(criterion.number)
        if was is not None and now is not None and was.number != now.number:
            yield Difference(
                f"AC {criterion.number} listed under", f"LO {was.number}", f"LO {now.number}"
            )


def _order(what: str, old: list[str], new: list[str]) -> Iterable[Difference]:
    """The order of the numbers both have, where it changed."""
    both = set(old) & set(new)
    before, after = [n for n in old if n in both], [n for n in new if n in both]
    if before != after:
        yield Difference(what, ", ".join(before), ", ".join(after))


def _unit_differences(kept: Unit, current: Unit) -> Iterable[Difference]:
    for field in fields(Unit):
        if field.name in _NOT_FIELDS:
            continue
        old, new = getattr(kept, field.name), getattr(current, field.name)
        if old == new:
            continue
        if field.name in ("rules", "declarations"):
            # Each rule or declaration is a field of its own to an assessor.
            for part in fields(old):
                key = f"{field.name}.{part.name}"
                before, after = getattr(old, part.name), getattr(new, part.name)
                if before != after:
                    yield Difference(_words(key), said(before), said(after))
        else:
            yield Difference(_words(field.name), said(old), said(new))


def _field_differences(
    old: LearningOutcome | Criterion,
    new: LearningOutcome | Criterion,
    words: dict[str, str],
    prefix: str,
) -> Iterable[Difference]:
    for name, word in words.items():
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            yield Difference(f"{prefix}{word}", said(before), said(after))


def _words(key: str) -> str:
    return UNIT_WORDS.get(key, key.replace("_", " ").replace(".", " ").capitalize())


def said(value: object) -> str:
    """A unit's value as an assessor reads it: yes/no, 28/02/2015, a list a line each."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return uk(value)
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ")
    if isinstance(value, tuple):
        return "; ".join(said(item) for item in value)
    if isinstance(value, QualificationContext):
        number = f", unit {value.unit_number}" if value.unit_number else ""
        line = f" (“{value.sheet_unit_line}”)" if value.sheet_unit_line else ""
        return f"{value.title}{number}{line}"
    if isinstance(value, MethodName):
        return f"{value.abbreviation} = {value.label} ({said(value.method)})"
    if isinstance(value, SignOffLine):
        return f"{value.label}{'' if value.required else ' (optional)'}: {value.line}"
    assert not is_dataclass(value), f"no words for {type(value).__name__}"
    return str(value)
