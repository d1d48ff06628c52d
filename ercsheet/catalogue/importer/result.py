"""What the importer found: a unit as plain lists and strings, with what it is unsure of.

The shape follows the catalogue's model (`ercsheet/catalogue/model.py`) so that `to_unit_data`
is a plain mapping; what the model has no field for (guidance that could not be placed against
one AC, rules that name ACs) is kept here and reported, never dropped in silence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# What the reviewer reads for each field the importer marks: the specification's and the review
# dialog's words, never the unit file's keys ("rules.simulation_allowed"). "LO 2" and "AC 2.3"
# are said as they are.
FIELD_WORDS = {
    "title": "Title",
    "urn": "URN",
    "sector_unit_number": "Sector unit number",
    "unit_number": "Unit number",
    "level": "Level",
    "credit": "Credit value",
    "glh": "Guided learning hours",
    "expires": "Expiry date",
    "purpose": "Purpose",
    "nos": "NOS",
    "learning_outcomes": "Learning outcomes and criteria",
    "rules.simulation_allowed": "Simulation",
    "rules.line_manager_signature": "Line manager's signature",
    "knowledge": "Knowledge, understanding and skills",
    "range": "Range",
    "methods": "Assessment methods",
    "kind": "What the unit assesses",
}


@dataclass(frozen=True)
class Unsure:
    """A value the importer is not sure of, or a fact it could not place: shown for review.

    `field` is where it belongs (the review dialog finds its widget by it); `reason` is said
    after the field's words, as the rest of a sentence, with its full stop."""

    field: str
    reason: str

    @property
    def words(self) -> str:
        return FIELD_WORDS.get(self.field, self.field)

    def __str__(self) -> str:
        return f"{self.words}: {self.reason}"


def quoted(text: str) -> str:
    """A value from the specification as the reviewer reads it in a message (not Python's repr,
    which escapes and picks its quotes)."""
    return f"“{' '.join(text.split())}”"


def listed(numbers: tuple[str, ...] | list[str]) -> str:
    """ "2.2", "2.2 and 2.3", "2.1, 2.2 and 2.3"."""
    return " and ".join([", ".join(numbers[:-1]), numbers[-1]] if len(numbers) > 1 else numbers)


@dataclass
class ParsedCriterion:
    number: str
    text: str
    guidance: str = ""
    # "pass", "merit" or "distinction" for a graded criterion (P1, M1, D1).
    grade: str = ""
    # Must be assessed in real work (no simulation), where a rule sentence names the AC.
    real_work: bool = False


@dataclass
class ParsedOutcome:
    number: str
    title: str
    criteria: list[ParsedCriterion] = field(default_factory=list)
    # Guidance of this LO's table rows that could not be told apart per AC (a flattened table
    # whose guidance blocks do not match its ACs one to one): kept for the reviewer.
    unplaced_guidance: str = ""
    # The outcome's "Knowledge, understanding and skills" and range statement, where the
    # specification gives them under their own heading (outcome_text.py).
    knowledge: str = ""
    range: str = ""


@dataclass(frozen=True)
class ParsedMethod:
    """A line of the specification's own key of assessment methods (`EP = Examination of
    products`), with the standard method it names (`product`; method_key.py)."""

    method: str
    abbreviation: str
    label: str


@dataclass
class ParsedQualification:
    title: str = ""
    unit_number: str = ""
    sheet_unit_line: str = ""


@dataclass
class CriterionRule:
    """A rule sentence naming ACs ("simulation is not allowed for 2.3"): "no simulation" and
    "real work" are written as `real_work` on the ACs found (rules.apply_criterion_rules); "line
    manager signs" has no place per criterion in the format, so it is reported only."""

    criteria: tuple[str, ...]
    rule: str
    sentence: str


@dataclass
class ParsedUnit:
    title: str = ""
    urn: str = ""
    sector_unit_number: str = ""
    level: int | None = None
    credit: int | None = None
    glh: int | None = None
    expires: dt.date | None = None
    purpose: str = ""
    # "knowledge" where the specification says so; "" keeps the format's default (competence).
    kind: str = ""
    assessment: str = ""
    evidence_requirements: str = ""
    assessment_guidance: str = ""
    nos: list[str] = field(default_factory=list)
    simulation_allowed: bool = True
    line_manager_signature: bool = False
    qualifications: list[ParsedQualification] = field(default_factory=list)
    learning_outcomes: list[ParsedOutcome] = field(default_factory=list)
    methods: list[ParsedMethod] = field(default_factory=list)
    criterion_rules: list[CriterionRule] = field(default_factory=list)
    unsure: list[Unsure] = field(default_factory=list)

    def mark(self, where: str, reason: str) -> None:
        self.unsure.append(Unsure(where, reason))

    @property
    def criteria(self) -> list[ParsedCriterion]:
        return [c for lo in self.learning_outcomes for c in lo.criteria]


def to_unit_data(unit: ParsedUnit) -> dict[str, Any]:
    """The unit as a unit file's keys (empty values left out, as a person transcribing does)."""
    data: dict[str, Any] = {}
    for key in ("title", "urn", "sector_unit_number", "purpose", "assessment"):
        if getattr(unit, key):
            data[key] = getattr(unit, key)
    if unit.kind and unit.kind != "competence":
        data["kind"] = unit.kind
    for key in ("level", "credit", "glh", "expires"):
        if getattr(unit, key) is not None:
            data[key] = getattr(unit, key)
    for key in ("evidence_requirements", "assessment_guidance"):
        if getattr(unit, key):
            data[key] = getattr(unit, key)
    if unit.nos:
        data["nos"] = list(unit.nos)
    rules: dict[str, bool] = {}
    if not unit.simulation_allowed:
        rules["simulation_allowed"] = False
    if unit.line_manager_signature:
        rules["line_manager_signature"] = True
    if rules:
        data["rules"] = rules
    if any(not lo.criteria for lo in unit.learning_outcomes):
        # An LO whose ACs were not found: the transcription is not complete, and says so (a
        # sheet can be made for the unit, never signed off, until they are added).
        data["complete"] = False
    if unit.qualifications:
        data["qualifications"] = [
            {k: v for k, v in vars(q).items() if v or k != "sheet_unit_line"}
            for q in unit.qualifications
        ]
    if unit.methods:
        data["methods"] = [vars(method).copy() for method in unit.methods]
    data["learning_outcomes"] = [
        {
            "number": lo.number,
            "title": lo.title,
            **({"knowledge": lo.knowledge} if lo.knowledge else {}),
            **({"range": lo.range} if lo.range else {}),
            "criteria": [
                {
                    "number": c.number,
                    "text": c.text,
                    **({"guidance": c.guidance} if c.guidance else {}),
                    **({"grade": c.grade} if c.grade else {}),
                    **({"real_work": True} if c.real_work else {}),
                }
                for c in lo.criteria
            ],
        }
        for lo in unit.learning_outcomes
    ]
    return data
