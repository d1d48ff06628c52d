"""Sheets to print in the PDF tests: the seed units, signed and unsigned, short and very long."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import Candidate, EvidenceRow, Person, SheetContent, Signature, Stroke
from ercsheet.domain.vocabulary import Method, Role, SignatureKind

SIGNED_ON = dt.date(2026, 10, 7)
METHODS = [m for m in Method if m is not Method.SIMULATION]


def wave(phase: float = 0.0, points: int = 40) -> tuple[Stroke, ...]:
    """A drawn signature: one wavy stroke across the pad and a short second stroke."""
    first = tuple(
        (0.05 + 0.9 * i / (points - 1), 0.5 + 0.3 * math.sin(phase + i / 4)) for i in range(points)
    )
    second = ((0.3, 0.2), (0.35, 0.8))
    return (first, second)


def rows_for(
    unit: Unit, count: int, title: str = "Observation of team briefing"
) -> list[EvidenceRow]:
    """`count` rows ticking a varied pattern (row i ticks the ACs whose index ≡ i mod 3)."""
    numbers = unit.criterion_numbers
    return [
        EvidenceRow(
            f"E{i:03}",
            f"{title} {i}",
            METHODS[i % len(METHODS)],
            SIGNED_ON,
            frozenset(n for j, n in enumerate(numbers) if (i + j) % 3 == 0),
        )
        for i in range(1, count + 1)
    ]


def unsigned(
    unit: Unit,
    evidence: list[EvidenceRow],
    candidate: Candidate | None = None,
    qualification: str = "",
) -> SheetContent:
    context = unit.qualifications[0].title if unit.qualifications else ""
    return SheetContent(
        unit=unit,
        candidate=candidate or Candidate("Siân Ní Bhriain", "0042", "12345"),
        assessor=Person("Dafydd ap Gruffŵdd"),
        qualification=qualification or context,
        evidence=tuple(evidence),
    )


def signed(content: SheetContent) -> SheetContent:
    """Candidate (drawn), assessor (typed), IV (drawn) and, where required, line manager."""
    signatures = [
        Signature(Role.CANDIDATE, content.candidate.name, SIGNED_ON, SignatureKind.DRAWN, wave()),
        Signature(Role.ASSESSOR, content.assessor.name, SIGNED_ON, SignatureKind.TYPED),
        Signature(Role.IV, "Zoë Ødegård", SIGNED_ON, SignatureKind.DRAWN, wave(2.0)),
    ]
    if content.unit.rules.line_manager_signature:
        signatures.append(
            Signature(Role.LINE_MANAGER, "Łukasz Żółć", SIGNED_ON, SignatureKind.TYPED)
        )
    return dataclasses.replace(content, signatures=tuple(signatures))
