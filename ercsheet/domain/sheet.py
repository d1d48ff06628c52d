"""A sheet's content as plain immutable values: what the rules, the PDF and the exchange see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ercsheet.catalogue.model import Unit
from ercsheet.domain.vocabulary import Method, Role, SignatureKind

# A drawn signature's points are in a box three times as wide as it is tall (the pad's shape):
# keeping that shape wherever it is drawn keeps a signature recognisable.
SIGNATURE_ASPECT = 3.0

Point = tuple[float, float]
Stroke = tuple[Point, ...]


@dataclass(frozen=True)
class Candidate:
    name: str
    candidate_number: str = ""
    centre_number: str = ""


@dataclass(frozen=True)
class Person:
    """An assessor or internal verifier as the sheet records them."""

    name: str
    qualified: bool = True


@dataclass(frozen=True)
class EvidenceRow:
    ref: str
    title: str
    method: Method
    date: dt.date | None = None
    criteria: frozenset[str] = frozenset()
    notes: str = ""


@dataclass(frozen=True)
class Signature:
    role: Role
    name: str
    date: dt.date
    kind: SignatureKind
    strokes: tuple[Stroke, ...] = ()


@dataclass(frozen=True)
class SheetContent:
    unit: Unit
    candidate: Candidate
    assessor: Person
    qualification: str = ""
    iv: Person | None = None
    evidence: tuple[EvidenceRow, ...] = ()
    signatures: tuple[Signature, ...] = field(default=())

    def signature(self, role: Role) -> Signature | None:
        return next((s for s in self.signatures if s.role == role), None)

    @property
    def unit_line(self) -> str:
        context = next(
            (q for q in self.unit.qualifications if q.title == self.qualification),
            self.unit.qualifications[0] if len(self.unit.qualifications) == 1 else None,
        )
        return self.unit.unit_line(context)
