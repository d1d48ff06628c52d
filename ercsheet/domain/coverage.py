"""Which assessment criteria the evidence covers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ercsheet.catalogue.model import Grade, Unit
from ercsheet.domain.sheet import EvidenceRow


@dataclass(frozen=True)
class Coverage:
    per_criterion: dict[str, int]

    @property
    def total(self) -> int:
        return len(self.per_criterion)

    @property
    def covered(self) -> int:
        return sum(1 for count in self.per_criterion.values() if count > 0)

    @property
    def uncovered(self) -> list[str]:
        return [number for number, count in self.per_criterion.items() if count == 0]

    @property
    def complete(self) -> bool:
        return self.covered == self.total

    def __str__(self) -> str:
        return f"{self.covered}/{self.total}"


def coverage(unit: Unit, evidence: Iterable[EvidenceRow]) -> Coverage:
    counts = dict.fromkeys(unit.criterion_numbers, 0)
    for row in evidence:
        for number in row.criteria:
            if number in counts:
                counts[number] += 1
    return Coverage(counts)


def needed_for(unit: Unit, grade: Grade | None = None) -> tuple[str, ...]:
    """The criteria the assessor's sign-off needs covered: every criterion of an ungraded unit;
    in a graded unit, those of the grade signed for and of every grade below it (pass when no
    grade is said), so a candidate signed at pass is never held by merit criteria."""
    if not unit.graded:
        return unit.criterion_numbers
    level = grade or Grade.PASS
    return tuple(c.number for c in unit.criteria if c.grade and level.includes(c.grade))


def sign_off_coverage(
    unit: Unit, evidence: Iterable[EvidenceRow], grade: Grade | None = None
) -> Coverage:
    """How far the evidence covers what the sign-off needs (`needed_for`)."""
    counts = coverage(unit, evidence).per_criterion
    return Coverage({number: counts[number] for number in needed_for(unit, grade)})


def achieved_grade(unit: Unit, evidence: Iterable[EvidenceRow]) -> Grade | None:
    """The highest grade of a graded unit whose criteria (and those below) are all covered;
    None when not even the pass criteria are, or the unit is not graded."""
    if not unit.graded:
        return None
    counts = coverage(unit, evidence).per_criterion
    reached = None
    for grade in Grade:
        if not all(counts[number] for number in needed_for(unit, grade)):
            break
        reached = grade
    return reached


# An item ticked against this share of a unit's ACs (or more) draws a warning.
OVER_MAPPING_SHARE = 0.8
OVER_MAPPING_MIN_CRITERIA = 5


def is_over_mapped(unit: Unit, row: EvidenceRow) -> bool:
    total = len(unit.criterion_numbers)
    if total < OVER_MAPPING_MIN_CRITERIA or len(row.criteria) < OVER_MAPPING_SHARE * total:
        return False
    return len(row.criteria & unit.criterion_set) >= OVER_MAPPING_SHARE * total
