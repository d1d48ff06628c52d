"""The exchange format, version 1: one sheet as JSON (see docs/exchange-format.md).

The models are strict: an unknown key is refused with its path, so a file from a later
version (or a typo) never loses data silently.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import Candidate, EvidenceRow, Person, SheetContent, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind

FORMAT = "ercsheet.sheet"
VERSION = 1

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
Coordinate = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Point = tuple[Coordinate, Coordinate]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)


class CandidateV1(Strict):
    name: Name
    candidate_number: ShortText = ""
    centre_number: ShortText = ""


class PersonV1(Strict):
    name: Name
    qualified: bool = True


class EvidenceV1(Strict):
    ref: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    title: str = Field(default="", max_length=100_000)
    method: Method
    date: dt.date | None = None
    criteria: list[Annotated[str, StringConstraints(max_length=20)]] = []
    notes: str = Field(default="", max_length=100_000)

    @model_validator(mode="after")
    def _no_repeated_ticks(self) -> EvidenceV1:
        if len(set(self.criteria)) != len(self.criteria):
            raise ValueError("a criterion is listed twice")
        return self


class SignatureV1(Strict):
    role: Role
    name: Name
    date: dt.date
    kind: SignatureKind
    strokes: list[list[Point]] | None = None

    @model_validator(mode="after")
    def _strokes_match_kind(self) -> SignatureV1:
        if self.kind is SignatureKind.DRAWN and not self.strokes:
            raise ValueError("a drawn signature needs its strokes")
        if self.kind is not SignatureKind.DRAWN and self.strokes:
            raise ValueError(f"a {self.kind.value} signature has no strokes")
        return self


Hex64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# The one form ercsheet writes an event's time in (and, before schema 4, without microseconds):
# an event whose time reads otherwise would hash differently once stored, so it is refused.
EventTime = Annotated[
    str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$")
]


class AuditEventV1(Strict):
    at: EventTime
    actor: str = Field(max_length=1000)
    action: str = Field(max_length=40)
    detail: str = Field(max_length=100_000)
    prev_hash: Hex64
    hash: Hex64
    # Written since the store's one audit chain (schema 4); absent in older files, whose
    # events chain sheet by sheet.
    sheet_id: int | None = None
    candidate_id: int | None = None
    changes: list[tuple[str, str, str]] | None = None
    payload_hash: Hex64 | None = None
    erased: bool = False
    key: str | None = Field(default=None, max_length=64)
    key_signature: str | None = Field(default=None, max_length=256)


class KeyV1(Strict):
    """The public half of the assessor's signing key (Ed25519, 32 bytes in hex)."""

    public_key: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    seal_signature: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{128}$")]


class AddendumV1(Strict):
    """A signature made after the seal: `role` names it among the file's signatures."""

    number: int = Field(ge=1, le=100)
    role: Role
    prev_hash: Hex64
    hash: Hex64
    key_signature: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{128}$")]


class SheetV1(Strict):
    format: Literal["ercsheet.sheet"]
    version: Literal[1]
    unit: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    qualification: str = Field(default="", max_length=1000)
    candidate: CandidateV1
    assessor: PersonV1
    # Optional: the internal verifier who sampled the sheet (their qualification decides
    # whether an IV countersignature is needed).
    iv: PersonV1 | None = None
    evidence: list[EvidenceV1] = []
    signatures: list[SignatureV1] = []
    # Optional additions (compatible: a reader of the first release ignores nothing it needs):
    # the SHA-256 record code sealed at the assessor's signature, and the sheet's audit trail.
    record_code: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    audit: list[AuditEventV1] = []
    # Since signing keys: the key that signed the seal, and the signatures added after it.
    key: KeyV1 | None = None
    addenda: list[AddendumV1] = []


def content_of(sheet: SheetV1, unit: Unit) -> SheetContent:
    """The domain's view of a validated file, with `unit` (the file names it only by id)."""
    return SheetContent(
        unit=unit,
        candidate=Candidate(**sheet.candidate.model_dump()),
        assessor=Person(**sheet.assessor.model_dump()),
        qualification=sheet.qualification,
        iv=Person(**sheet.iv.model_dump()) if sheet.iv else None,
        evidence=tuple(
            EvidenceRow(e.ref, e.title, e.method, e.date, frozenset(e.criteria), e.notes)
            for e in sheet.evidence
        ),
        signatures=tuple(
            Signature(
                s.role,
                s.name,
                s.date,
                s.kind,
                tuple(tuple(point) for point in (s.strokes or [])),
            )
            for s in sheet.signatures
        ),
    )


def sheet_to_dict(content: SheetContent) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "unit": content.unit.id,
        "qualification": content.qualification,
        "candidate": {
            "name": content.candidate.name,
            "candidate_number": content.candidate.candidate_number,
            "centre_number": content.candidate.centre_number,
        },
        "assessor": {"name": content.assessor.name, "qualified": content.assessor.qualified},
    }
    if content.iv is not None:
        data["iv"] = {"name": content.iv.name, "qualified": content.iv.qualified}
    data["evidence"] = [
        {
            "ref": row.ref,
            "title": row.title,
            "method": row.method.value,
            "date": row.date.isoformat() if row.date else None,
            "criteria": sorted(row.criteria, key=_criterion_order),
            "notes": row.notes,
        }
        for row in content.evidence
    ]
    data["signatures"] = [_signature_dict(s) for s in content.signatures]
    return data


def _criterion_order(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split(".") if part.isdigit())


def _signature_dict(signature: Signature) -> dict[str, Any]:
    data: dict[str, Any] = {
        "role": signature.role.value,
        "name": signature.name,
        "date": signature.date.isoformat(),
        "kind": signature.kind.value,
    }
    if signature.kind is SignatureKind.DRAWN:
        data["strokes"] = [[list(point) for point in stroke] for stroke in signature.strokes]
    return data


def json_schema() -> dict[str, object]:
    """The JSON Schema of the format (docs/exchange-format.schema.json is this, written out)."""
    schema = SheetV1.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ercsheet exchange format, version 1: one Evidence Record Sheet"
    return schema


if __name__ == "__main__":
    import json

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
