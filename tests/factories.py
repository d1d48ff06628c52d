"""Small builders for test data: units, rows and sheets with sensible defaults."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.validation import parse_unit
from ercsheet.domain.sheet import Candidate, EvidenceRow, Person, SheetContent, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind


def make_unit(
    criteria_per_lo: Sequence[int] = (3, 3, 4),
    *,
    unit_id: str = "test-unit",
    simulation_allowed: bool = True,
    line_manager: bool = False,
    expires: dt.date | None = None,
) -> Unit:
    return parse_unit(
        {
            "id": unit_id,
            "title": "A test unit",
            "expires": expires,
            "rules": {
                "simulation_allowed": simulation_allowed,
                "line_manager_signature": line_manager,
            },
            "qualifications": [{"title": "OCR Level 3 NVQ in Testing", "unit_number": "7"}],
            "learning_outcomes": [
                {
                    "number": str(lo),
                    "title": f"Outcome {lo}",
                    "criteria": [
                        {"number": f"{lo}.{ac}", "text": f"Criterion {lo}.{ac}"}
                        for ac in range(1, count + 1)
                    ],
                }
                for lo, count in enumerate(criteria_per_lo, start=1)
            ],
        }
    )


def row(
    ref: str,
    criteria: Iterable[str] = (),
    method: Method = Method.OBSERVATION,
    date: dt.date | None = None,
    title: str = "Observation at work",
) -> EvidenceRow:
    return EvidenceRow(ref, title, method, date, frozenset(criteria), "")


def sign(role: Role, date: dt.date, name: str = "Pat Jones") -> Signature:
    return Signature(role, name, date, SignatureKind.TYPED)


def sheet(
    unit: Unit,
    evidence: Sequence[EvidenceRow] = (),
    signatures: Sequence[Signature] = (),
    *,
    assessor_qualified: bool = True,
    iv: Person | None = None,
) -> SheetContent:
    return SheetContent(
        unit=unit,
        candidate=Candidate("Siân Ní Bhriain", "0042", "12345"),
        assessor=Person("Pat Jones", assessor_qualified),
        qualification="OCR Level 3 NVQ in Testing",
        iv=iv,
        evidence=tuple(evidence),
        signatures=tuple(signatures),
    )


def covering_all(unit: Unit, ref: str = "E01") -> list[EvidenceRow]:
    """Rows that together cover every criterion, two or three criteria each."""
    numbers = list(unit.criterion_numbers)
    return [row(f"{ref}-{i}", numbers[i : i + 2]) for i in range(0, len(numbers), 2)]


# --- a unit's file corrected: versions of a unit to update a sheet to -------------------------


def incomplete(unit: Unit) -> Unit:
    """`unit` as first transcribed: LO 3 still without its criteria."""
    first, second, third = unit.learning_outcomes
    return dataclasses.replace(
        unit,
        complete=False,
        learning_outcomes=(first, second, dataclasses.replace(third, criteria=())),
    )


def with_criterion(unit: Unit, number: str, **changed: object) -> Unit:
    """`unit` with criterion `number`'s fields changed."""
    return dataclasses.replace(
        unit,
        learning_outcomes=tuple(
            dataclasses.replace(
                lo,
                criteria=tuple(
                    dataclasses.replace(c, **changed) if c.number == number else c  # type: ignore[arg-type]
                    for c in lo.criteria
                ),
            )
            for lo in unit.learning_outcomes
        ),
    )


def without_criterion(unit: Unit, number: str) -> Unit:
    return dataclasses.replace(
        unit,
        learning_outcomes=tuple(
            dataclasses.replace(lo, criteria=tuple(c for c in lo.criteria if c.number != number))
            for lo in unit.learning_outcomes
        ),
    )


def incomplete_file(text: str) -> str:
    """A unit file's text as first transcribed: `complete = false`, and its last learning
    outcome still without its criteria."""
    last = text.rindex("[[learning_outcomes]]")
    return "complete = false\n" + text[: text.index("[[learning_outcomes.criteria]]", last)]
