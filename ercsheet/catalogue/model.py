"""The unit catalogue's data model: a unit as plain immutable values.

The same values are a unit file's content and the unit snapshot a sheet keeps, so a sheet made
years ago still knows the exact wording it was assessed against. They are plain dataclasses, not
validating models: a unit file is checked once, as it is loaded (`validation.py`); a snapshot is
read back as written (`snapshot.py`), so printing a sheet never loads the validator, whose import
takes longer than printing the sheet.
"""

from __future__ import annotations

import datetime as dt
import re
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


def labelled(label: str, title: str) -> str:
    """ "Unit 40 (F17) Manage customer service in own area of responsibility": a unit's label
    before its title, the code the title ends with said once."""
    if label.endswith(")"):
        title = title.removesuffix(label[label.rfind("(") :]).strip()
    return f"{label} {title}".strip()


# A code at the end of a title, in brackets: "(F17)", "(CFA M&L D6)" is not one.
_TITLE_CODE = re.compile(r"\(([A-Z]{1,3}\.?\d{1,3}[A-Z]?)\)\s*$")


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

    @cached_property
    def code(self) -> str:
        """The unit's own code, where its source gives one: its sector unit number (D.05), or
        the code its title ends with in brackets ("… responsibility (F17)"); "" otherwise."""
        if self.sector_unit_number:
            return self.sector_unit_number
        found = _TITLE_CODE.search(self.title)
        return found[1] if found else ""

    def context(self, qualification_title: str) -> QualificationContext | None:
        """How the qualification titled so names this unit (a sheet keeps the title); the one
        context of a unit that has only one; None when it cannot be told."""
        return next(
            (q for q in self.qualifications if q.title == qualification_title),
            self.qualifications[0] if len(self.qualifications) == 1 else None,
        )

    def unit_label(self, qualification: QualificationContext | None) -> str:
        """The unit in a few characters, as the qualification numbers it and with its own code:
        "Unit 40 (F17)", "Unit 29 (F17)", "Unit 1", "Unit 44 (D.05)"; "" when the source gives
        neither number nor code. Lists use it to tell apart units whose titles read alike."""
        number = qualification.unit_number if qualification is not None else ""
        code = self.code if self.code.casefold() != number.casefold() else ""
        if number:
            return f"Unit {number} ({code})" if code else f"Unit {number}"
        return f"({code})" if code else ""

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
