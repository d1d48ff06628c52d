"""What the importer found: a unit as plain lists and strings, with what it is unsure of.

The shape follows the catalogue's model (`ercsheet/catalogue/model.py`) so that `to_unit_data`
is a plain mapping; what the model has no field for (guidance that could not be placed against
one AC, rules that name ACs) is kept here and reported, never dropped in silence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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
    "criterion_methods": "Methods for a criterion",
    "sign_off": "Sign-off lines",
    "declarations": "Declarations",
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


def listed(numbers: Sequence[str], conjunction: str = "and") -> str:
    """ "2.2", "2.2 and 2.3", "2.1, 2.2 and 2.3" ("or" for a choice)."""
    parts = [", ".join(numbers[:-1]), numbers[-1]] if len(numbers) > 1 else list(numbers)
    return f" {conjunction} ".join(parts)


@dataclass
class ParsedCriterion:
    number: str
    text: str
    guidance: str = ""
    # "pass", "merit" or "distinction" for a graded criterion (P1, M1, D1).
    grade: str = ""
    # Must be assessed in real work (no simulation), where a rule sentence names the AC.
    real_work: bool = False
    # The only methods that may evidence it, and those its evidence must include (standard
    # method values, "observation"), where a rule sentence names the AC (criterion_rules.py).
    methods: list[str] = field(default_factory=list)
    required_methods: list[str] = field(default_factory=list)


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
    # "knowledge" or "competence" as its title reads ("Understand …", "Be able to …"), "" when
    # it tells neither: written only in a unit the specification says is mixed (kinds.py).
    kind: str = ""


@dataclass(frozen=True)
class ParsedMethod:
    """A line of the specification's own key of assessment methods (`EP = Examination of
    products`), with the standard method it names (`product`; method_key.py)."""

    method: str
    abbreviation: str
    label: str


@dataclass(frozen=True)
class ParsedSignOff:
    """A signature line the specification asks for beyond OCR's (an employer's, a witness's):
    the unit file's `[[sign_off]]` (sign_off.py)."""

    role: str
    label: str
    line: str
    required: bool = True


@dataclass
class ParsedQualification:
    title: str = ""
    unit_number: str = ""
    sheet_unit_line: str = ""


# Rules for some ACs only that the format has no place for: reported, and comments in the file.
UNWRITTEN_RULES = ("line manager signs", "sign-off")


@dataclass
class CriterionRule:
    """A rule sentence naming ACs or LOs ("simulation is not allowed for 2.3", "criteria 3.1–3.4
    may be evidenced by professional discussion"): "no simulation" and "real work" are written
    as `real_work` on the ACs found, "methods" and "required methods" as their `methods` and
    `required_methods` (criterion_rules.py); "line manager signs" and "sign-off" have no place
    per criterion in the format, so they are reported only.

    `criteria` are the references as written ("2.3", "3.1–3.4", "LO 4": references.py);
    `found`, once the ACs are read, the ACs they name that the unit has."""

    criteria: tuple[str, ...]
    rule: str
    sentence: str
    # For a methods rule: the methods it names (standard values), and the verb it uses them
    # with ("must", "may"), which the mark repeats.
    methods: tuple[str, ...] = ()
    modal: str = ""
    found: tuple[str, ...] = ()


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
    sign_off: list[ParsedSignOff] = field(default_factory=list)
    # The specification's own declaration wording, by role ("candidate", "assessor").
    declarations: dict[str, str] = field(default_factory=dict)
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
    if any(unit.declarations.values()):
        data["declarations"] = {role: text for role, text in unit.declarations.items() if text}
    if unit.sign_off:
        data["sign_off"] = [vars(line).copy() for line in unit.sign_off]
    mixed = unit.kind == "mixed"
    data["learning_outcomes"] = [
        {
            "number": lo.number,
            "title": lo.title,
            **({"kind": lo.kind} if mixed and lo.kind else {}),
            **({"knowledge": lo.knowledge} if lo.knowledge else {}),
            **({"range": lo.range} if lo.range else {}),
            "criteria": [_criterion_data(c) for c in lo.criteria],
        }
        for lo in unit.learning_outcomes
    ]
    return data


def _criterion_data(criterion: ParsedCriterion) -> dict[str, Any]:
    data: dict[str, Any] = {"number": criterion.number, "text": criterion.text}
    for key in ("guidance", "grade", "real_work", "methods", "required_methods"):
        value = getattr(criterion, key)
        if value:
            data[key] = list(value) if isinstance(value, list) else value
    return data
