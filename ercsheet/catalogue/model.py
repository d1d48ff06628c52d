"""The unit catalogue's data model: a unit as plain immutable values.

The same values are a unit file's content and the unit snapshot a sheet keeps, so a sheet made
years ago still knows the exact wording it was assessed against. They are plain dataclasses, not
validating models: a unit file is checked once, as it is loaded (`validation.py`); a snapshot is
read back as written (`snapshot.py`), so printing a sheet never loads the validator, whose import
takes longer than printing the sheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar


class Closed:
    # Read by pydantic when validation.py checks a unit file: an unknown key is an error (a typo
    # must not silently drop a field). A plain dict, so this module does not import pydantic.
    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}


@dataclass(frozen=True)
class Criterion(Closed):
    """One assessment criterion (AC), numbered `LO.n`."""

    number: str
    text: str
    guidance: str = ""


@dataclass(frozen=True)
class LearningOutcome(Closed):
    number: str
    title: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class QualificationContext(Closed):
    """How one qualification names this unit (the ERS header uses it)."""

    title: str = ""
    unit_number: str = ""
    # The unit line as this qualification's ERS prints it, when it differs from
    # "Unit <unit_number> <unit title>" (seed 001 prints "Unit F17 ...").
    sheet_unit_line: str = ""


@dataclass(frozen=True)
class UnitRules(Closed):
    simulation_allowed: bool = True
    line_manager_signature: bool = False


@dataclass(frozen=True, kw_only=True)
class Unit(Closed):
    id: str
    title: str = ""
    # A description to show in lists when the source gives no title (seed 004).
    descriptor: str = ""
    urn: str = ""
    sector_unit_number: str = ""
    level: int | None = None
    credit: int | None = None
    glh: int | None = None
    expires: dt.date | None = None
    purpose: str = ""
    assessment: str = ""
    evidence_requirements: str = ""
    assessment_guidance: str = ""
    nos: tuple[str, ...] = ()
    rules: UnitRules = UnitRules()
    qualifications: tuple[QualificationContext, ...] = ()
    learning_outcomes: tuple[LearningOutcome, ...]

    @property
    def display_title(self) -> str:
        return self.title or self.descriptor or self.id

    # Computed once per unit (it is immutable): the rules ask for them for every evidence item.
    @cached_property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for lo in self.learning_outcomes for c in lo.criteria)

    @cached_property
    def criterion_numbers(self) -> tuple[str, ...]:
        return tuple(c.number for c in self.criteria)

    @cached_property
    def criterion_set(self) -> frozenset[str]:
        return frozenset(self.criterion_numbers)

    def criterion(self, number: str) -> Criterion | None:
        return next((c for c in self.criteria if c.number == number), None)

    def is_expired(self, on: dt.date) -> bool:
        return self.expires is not None and on > self.expires

    def unit_line(self, qualification: QualificationContext | None) -> str:
        """The unit line of the ERS header as the qualification names the unit."""
        if qualification is not None and qualification.sheet_unit_line:
            return qualification.sheet_unit_line
        number = qualification.unit_number if qualification is not None else ""
        return (
            " ".join(part for part in ("Unit", number, self.title) if part)
            if number
            else self.title
        )
