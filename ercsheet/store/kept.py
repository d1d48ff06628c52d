"""A kept (superseded) signed version, as the store keeps it: the exchange format's JSON."""

from __future__ import annotations

import datetime as dt
import json

from ercsheet.catalogue.model import Grade, Unit
from ercsheet.domain.sheet import Candidate, EvidenceRow, Person, SheetContent, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind


def content_from_exchange(text: str, unit: Unit) -> SheetContent:
    """A kept version's content from the exchange-format JSON the store wrote when it was
    reopened. Read without pydantic: the file was checked when it was written, and the checker
    and the migrations read thousands of these."""
    data = json.loads(text)
    iv = data.get("iv")
    return SheetContent(
        unit=unit,
        candidate=Candidate(**data["candidate"]),
        assessor=Person(**data["assessor"]),
        qualification=data.get("qualification", ""),
        iv=Person(**iv) if iv else None,
        grade=Grade(data["grade"]) if data.get("grade") else None,
        evidence=tuple(
            EvidenceRow(
                e["ref"],
                e.get("title", ""),
                Method(e["method"]),
                dt.date.fromisoformat(e["date"]) if e.get("date") else None,
                frozenset(e.get("criteria", ())),
                e.get("notes", ""),
            )
            for e in data.get("evidence", ())
        ),
        signatures=tuple(
            Signature(
                Role(s["role"]),
                s["name"],
                dt.date.fromisoformat(s["date"]),
                SignatureKind(s["kind"]),
                tuple(tuple((float(x), float(y)) for x, y in st) for st in s.get("strokes") or ()),
                s.get("line", ""),
            )
            for s in data.get("signatures", ())
        ),
    )
