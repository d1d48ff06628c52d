"""A sheet's content as plain immutable values: what the rules, the PDF and the exchange see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ercsheet.catalogue.model import Grade, Unit
from ercsheet.domain.vocabulary import Method, Role, SignatureKind

# A drawn signature's points are in a box three times as wide as it is tall (the pad's shape):
# keeping that shape wherever it is drawn keeps a signature recognisable.
SIGNATURE_ASPECT = 3.0

Point = tuple[float, float]
Stroke = tuple[Point, ...]

# Limits, far above any real sheet, that keep every sheet ercsheet accepts printable and
# exportable in bounded time and memory. A drawn signature: the pad records about 100 points a
# second, and a signature takes a few seconds (a few hundred points, under twenty strokes).
MAX_STROKE_POINTS = 5_000
MAX_SIGNATURE_STROKES = 200
MAX_SIGNATURE_POINTS = 10_000
# Evidence items on one sheet: a full unit's evidence is tens of items; the printed grid of 2,000
# rows is already some 250 pages.
MAX_EVIDENCE_ROWS = 2_000


def strokes_problem(strokes: Sequence[Sequence[Point]]) -> str | None:
    """What is wrong with a drawn signature's strokes (empty, or beyond the limits), or None."""
    if not strokes:
        return "A drawn signature needs at least one stroke."
    if len(strokes) > MAX_SIGNATURE_STROKES:
        return (
            f"The signature has {len(strokes):,} strokes; a signature has at most "
            f"{MAX_SIGNATURE_STROKES:,}."
        )
    total = 0
    for index, stroke in enumerate(strokes):
        if not stroke:
            return f"Stroke {index + 1} of the signature has no points."
        if len(stroke) > MAX_STROKE_POINTS:
            return (
                f"Stroke {index + 1} of the signature has {len(stroke):,} points; a stroke has "
                f"at most {MAX_STROKE_POINTS:,}."
            )
        total += len(stroke)
    if total > MAX_SIGNATURE_POINTS:
        return (
            f"The signature has {total:,} points; a signature has at most {MAX_SIGNATURE_POINTS:,}."
        )
    return None


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
    # Which of the unit's own sign-off lines a Role.EXTRA signature is on; "" for every other.
    line: str = ""

    @property
    def signer(self) -> Signer:
        return (self.role, self.line)


# Who signs: a role, and for Role.EXTRA the unit's sign-off line (its key); "" otherwise.
Signer = tuple[Role, str]


def signer_label(unit: Unit, role: Role, line: str = "") -> str:
    found = unit.sign_off_line(line) if role is Role.EXTRA else None
    return found.label if found is not None else role.label


@dataclass(frozen=True)
class SheetContent:
    unit: Unit
    candidate: Candidate
    assessor: Person
    qualification: str = ""
    iv: Person | None = None
    evidence: tuple[EvidenceRow, ...] = ()
    signatures: tuple[Signature, ...] = field(default=())
    # The grade the assessor awards, on a graded unit's sheet (None: not chosen, or not graded).
    grade: Grade | None = None

    def signature(self, role: Role, line: str = "") -> Signature | None:
        return next((s for s in self.signatures if s.signer == (role, line)), None)

    def signer_label(self, role: Role, line: str = "") -> str:
        """Who signs, as the window names them: the unit's label for its own lines."""
        return signer_label(self.unit, role, line)

    @property
    def unit_line(self) -> str:
        return self.unit.unit_line(self.unit.context(self.qualification))
