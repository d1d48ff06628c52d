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
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import ClassVar, TypeVar

from ercsheet.catalogue.methods import Method

T = TypeVar("T")
# Marks a field added after the first unit format (version 2): snapshot.py leaves it out of a
# unit's JSON while it has its default, so a unit that does not use it keeps, byte for byte, the
# JSON (and so the record codes) it had before the field existed.
OMITTED_AT_DEFAULT = "ercsheet.omitted_at_default"


def added(default: T) -> T:
    """A field of unit format version 2, with its default (see OMITTED_AT_DEFAULT)."""
    made: T = field(default=default, metadata={OMITTED_AT_DEFAULT: True})
    return made


class Closed:
    # Read by pydantic when validation.py checks a unit file: an unknown key is an error (a typo
    # must not silently drop a field). A plain dict, so this module does not import pydantic.
    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}


class Grade(StrEnum):
    """The grade a criterion of a graded unit evidences, lowest first."""

    PASS = "pass"
    MERIT = "merit"
    DISTINCTION = "distinction"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    def includes(self, other: Grade) -> bool:
        """Whether a candidate awarded this grade must have met `other`'s criteria too."""
        order = list(Grade)
        return order.index(other) <= order.index(self)


class Kind(StrEnum):
    """What a unit (or one of its outcomes) assesses: the assessor's declaration follows it."""

    COMPETENCE = "competence"
    KNOWLEDGE = "knowledge"
    # A unit whose outcomes differ: each outcome says which it is.
    MIXED = "mixed"


@dataclass(frozen=True)
class Criterion(Closed):
    """One assessment criterion (AC). Its number is as the source writes it (`1.1`, `1.1.1`,
    `101.1.1`, `P1`, `1a`, `a`…) and unique in its unit; it belongs to the learning outcome it is
    listed under, whatever the number starts with."""

    number: str
    text: str
    guidance: str = ""
    # In a graded unit, the grade this criterion evidences (every criterion of it has one).
    grade: Grade | None = added(None)
    # Must be assessed in real work: simulation never evidences this criterion, whatever the
    # unit allows elsewhere (domain/evidence_rules.py, criterion_refusals).
    real_work: bool = added(False)
    # The only methods that may evidence it (empty: any the unit allows).
    methods: tuple[Method, ...] = added(())
    # Methods its evidence must include, each, before the assessor signs off.
    required_methods: tuple[Method, ...] = added(())


@dataclass(frozen=True)
class LearningOutcome(Closed):
    number: str
    title: str
    # Empty only in a unit whose transcription is not complete (`Unit.complete`).
    criteria: tuple[Criterion, ...] = ()
    # "Knowledge, understanding and skills" and the range statement some specifications give
    # for an outcome as a whole, verbatim.
    knowledge: str = added("")
    range: str = added("")
    # Competence or knowledge; None: the unit's kind (every outcome of a mixed unit says it).
    kind: Kind | None = added(None)

    @property
    def label(self) -> str:
        """ "LO1" over its criteria on the grid; "LO A" for an outcome not numbered in digits."""
        return f"LO{self.number}" if self.number[:1].isdigit() else f"LO {self.number}"


@dataclass(frozen=True)
class QualificationContext(Closed):
    """How one qualification names this unit (the ERS header uses it)."""

    title: str = ""
    unit_number: str = ""
    # The unit line as this qualification's ERS prints it, when it differs from
    # "Unit <unit_number> <unit title>" (seed 001 prints "Unit F17 ...").
    sheet_unit_line: str = ""


@dataclass(frozen=True)
class MethodName(Closed):
    """One line of an awarding body's key of assessment methods: what the unit calls one of the
    standard methods (`EP = examination of products` for `product`)."""

    method: Method
    abbreviation: str
    label: str


def criterion_order(number: str) -> tuple[object, ...]:
    """A criterion number's place among others when no unit gives the order: numbers in digits
    by their value (`1.2` before `1.10`, `1.1` before `1.1.1`), the rest by their letters.
    The parts alternate text and digits, so any two numbers compare without a type error."""
    return tuple(
        int(part) if index % 2 else part.casefold()
        for index, part in enumerate(re.split(r"([0-9]+)", number))
    )


@dataclass(frozen=True)
class UnitRules(Closed):
    simulation_allowed: bool = True
    line_manager_signature: bool = False


# A unit's own sign-off lines: forms add one or two (an employer's, a witness's); the limit keeps
# the signatures of a sheet (and of an exchange file) bounded.
MAX_SIGN_OFF_LINES = 8
# A sign-off line's key: stored with its signatures and written in exchange files.
SIGN_OFF_KEY = r"^[a-z][a-z0-9_]{0,39}$"
# A sign-off line's wording prints on one line of the form beside its date.
MAX_SIGN_OFF_LINE = 150
MAX_SIGN_OFF_LABEL = 40
# The longest declaration a unit file may give, per role: what still prints on one line of the
# form at its smallest declaration size (the candidate's shares the header with the titles).
MAX_DECLARATION = {"candidate": 90, "assessor": 190}


@dataclass(frozen=True)
class SignOffLine(Closed):
    """A signature line the unit's form adds (an employer's, a witness's…), signed and dated
    like the line manager's. `role` is its key, unique in the unit (what sheets and exchange
    files store); `label` names the signer in the window; `line` is the form's own wording."""

    role: str
    label: str
    line: str
    # A required line is signed, on or before the assessor's date, before the assessor signs.
    required: bool = True


@dataclass(frozen=True)
class UnitDeclarations(Closed):
    """The awarding body's own wording of a declaration, where the unit file gives it: it is
    printed and shown in place of the wording for the unit's kind ("" keeps that wording)."""

    candidate: str = ""
    assessor: str = ""


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
    # False while the unit's criteria are not all transcribed: a sheet can be made, never signed.
    complete: bool = added(True)
    # The awarding body's own names for methods; the others keep their standard names.
    methods: tuple[MethodName, ...] = added(())
    kind: Kind = added(Kind.COMPETENCE)
    declarations: UnitDeclarations = added(UnitDeclarations())
    sign_off: tuple[SignOffLine, ...] = added(())

    @property
    def display_title(self) -> str:
        return self.title or self.descriptor or self.id

    @property
    def printed_name(self) -> str:
        """What names the unit on paper: its title; without one, its URN (an identifier the
        awarding body gave, so it goes first), else its descriptor."""
        return self.title or (f"URN {self.urn}" if self.urn else self.descriptor)

    # Computed once per unit (it is immutable): the rules ask for them for every evidence item.
    @cached_property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for lo in self.learning_outcomes for c in lo.criteria)

    @cached_property
    def graded(self) -> bool:
        return any(c.grade is not None for c in self.criteria)

    @cached_property
    def assesses(self) -> frozenset[Kind]:
        """What the unit's outcomes assess: competence, knowledge, or both (never MIXED)."""
        return frozenset(lo.kind or self.kind for lo in self.learning_outcomes) - {Kind.MIXED}

    @cached_property
    def grid_groups(self) -> tuple[tuple[str, tuple[Criterion, ...]], ...]:
        """The grid's columns, in bands: each learning outcome over the criteria listed under
        it ("LO1"); in a graded unit, each grade over its criteria ("Pass", "Merit"…), so the
        criteria a grade needs stand together."""
        if self.graded:
            return tuple(
                (grade.label, found)
                for grade in Grade
                if (found := tuple(c for c in self.criteria if c.grade is grade))
            )
        return tuple((lo.label, lo.criteria) for lo in self.learning_outcomes if lo.criteria)

    @cached_property
    def criterion_numbers(self) -> tuple[str, ...]:
        return tuple(c.number for c in self.criteria)

    @cached_property
    def criterion_set(self) -> frozenset[str]:
        return frozenset(self.criterion_numbers)

    def criterion(self, number: str) -> Criterion | None:
        return next((c for c in self.criteria if c.number == number), None)

    @cached_property
    def _outcome_of(self) -> dict[str, LearningOutcome]:
        return {c.number: lo for lo in self.learning_outcomes for c in lo.criteria}

    def outcome_of(self, number: str) -> LearningOutcome | None:
        """The learning outcome the criterion is listed under."""
        return self._outcome_of.get(number)

    def in_order(self, numbers: Iterable[str]) -> list[str]:
        """Criterion numbers in the unit's order; any the unit does not have, after them."""
        place = {number: index for index, number in enumerate(self.criterion_numbers)}
        return sorted(numbers, key=lambda n: (place.get(n, len(place)), criterion_order(n)))

    def method_abbreviation(self, method: Method) -> str:
        named = self._method_names.get(method)
        return named.abbreviation if named else method.abbreviation

    def method_label(self, method: Method) -> str:
        named = self._method_names.get(method)
        return named.label if named else method.label

    @cached_property
    def _method_names(self) -> dict[Method, MethodName]:
        return {named.method: named for named in self.methods}

    def sign_off_line(self, role: str) -> SignOffLine | None:
        return next((line for line in self.sign_off if line.role == role), None)

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
        """The unit line of the ERS header as the qualification names the unit; a unit whose
        source gives no title is named by its URN or descriptor, so no sheet leaves it unnamed."""
        if qualification is not None and qualification.sheet_unit_line:
            return qualification.sheet_unit_line
        number = qualification.unit_number if qualification is not None else ""
        name = self.printed_name
        return " ".join(part for part in ("Unit", number, name) if part) if number else name
