"""The unit catalogue's data model: what a unit file must contain.

The same model validates unit files (TOML) and the unit snapshot a sheet keeps, so a sheet
made years ago still knows the exact wording it was assessed against.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

Text = Annotated[str, StringConstraints(strip_whitespace=True)]
LO_NUMBER = re.compile(r"^[1-9][0-9]*$")
AC_NUMBER = re.compile(r"^([1-9][0-9]*)\.([1-9][0-9]*)$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Criterion(Strict):
    """One assessment criterion (AC), numbered `LO.n`."""

    number: str
    text: Text = Field(min_length=1)
    guidance: Text = ""

    @field_validator("number")
    @classmethod
    def _number_form(cls, value: str) -> str:
        if not AC_NUMBER.match(value):
            raise ValueError(f"criterion number {value!r} is not of the form '1.1'")
        return value


class LearningOutcome(Strict):
    number: str
    title: Text = Field(min_length=1)
    criteria: tuple[Criterion, ...] = Field(min_length=1)

    @field_validator("number")
    @classmethod
    def _number_form(cls, value: str) -> str:
        if not LO_NUMBER.match(value):
            raise ValueError(f"learning outcome number {value!r} is not a whole number like '1'")
        return value

    @model_validator(mode="after")
    def _criteria_belong(self) -> LearningOutcome:
        for criterion in self.criteria:
            if criterion.number.split(".")[0] != self.number:
                raise ValueError(
                    f"criterion {criterion.number} is listed under learning outcome {self.number}"
                )
        return self


class QualificationContext(Strict):
    """How one qualification names this unit (the ERS header uses it)."""

    title: Text = ""
    unit_number: Text = ""
    # The unit line as this qualification's ERS prints it, when it differs from
    # "Unit <unit_number> <unit title>" (seed 001 prints "Unit F17 ...").
    sheet_unit_line: Text = ""


class UnitRules(Strict):
    simulation_allowed: bool = True
    line_manager_signature: bool = False


class Unit(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    title: Text = ""
    # A description to show in lists when the source gives no title (seed 004).
    descriptor: Text = ""
    urn: Text = ""
    sector_unit_number: Text = ""
    level: int | None = Field(default=None, ge=1, le=8)
    credit: int | None = Field(default=None, ge=0, le=999)
    glh: int | None = Field(default=None, ge=0, le=9999)
    expires: dt.date | None = None
    purpose: Text = ""
    assessment: Text = ""
    evidence_requirements: Text = ""
    assessment_guidance: Text = ""
    nos: tuple[Text, ...] = ()
    rules: UnitRules = UnitRules()
    qualifications: tuple[QualificationContext, ...] = ()
    learning_outcomes: tuple[LearningOutcome, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_numbers(self) -> Unit:
        seen: set[str] = set()
        for lo in self.learning_outcomes:
            if lo.number in seen:
                raise ValueError(f"learning outcome {lo.number} appears twice")
            seen.add(lo.number)
            for criterion in lo.criteria:
                if criterion.number in seen:
                    raise ValueError(f"criterion {criterion.number} appears twice")
                seen.add(criterion.number)
        return self

    @property
    def display_title(self) -> str:
        return self.title or self.descriptor or self.id

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for lo in self.learning_outcomes for c in lo.criteria)

    @property
    def criterion_numbers(self) -> tuple[str, ...]:
        return tuple(c.number for c in self.criteria)

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
