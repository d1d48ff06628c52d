"""Which assessment criteria the evidence covers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ercsheet.catalogue.model import Unit
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


# An item ticked against this share of a unit's ACs (or more) draws a warning.
OVER_MAPPING_SHARE = 0.8
OVER_MAPPING_MIN_CRITERIA = 5


def is_over_mapped(unit: Unit, row: EvidenceRow) -> bool:
    total = len(unit.criterion_numbers)
    if total < OVER_MAPPING_MIN_CRITERIA or len(row.criteria) < OVER_MAPPING_SHARE * total:
        return False
    return len(row.criteria & unit.criterion_set) >= OVER_MAPPING_SHARE * total
