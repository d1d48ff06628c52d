"""The exchange format, version 1: one sheet as JSON (see docs/exchange-format.md).

The models are strict: an unknown key is refused with its path, so a file from a later
version (or a typo) never loses data silently; so is a value of another type than the key's
(`"yes"` or `1` for true, `true` for 1, `"0.5"` for a number, a date and time for a date), where
pydantic's lax mode would guess. Lists are bounded by the limits of domain/sheet.py, so whatever
a file holds, reading it takes bounded time and memory.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StringConstraints,
    field_validator,
    model_validator,
)

from ercsheet.catalogue.model import MAX_SIGN_OFF_LINES, SIGN_OFF_KEY, Grade, Unit
from ercsheet.domain.library import ItemFields
from ercsheet.domain.sheet import (
    MAX_EVIDENCE_ROWS,
    MAX_SIGNATURE_POINTS,
    MAX_SIGNATURE_STROKES,
    MAX_STROKE_POINTS,
    Candidate,
    EvidenceRow,
    Person,
    SheetContent,
    Signature,
)
from ercsheet.domain.vocabulary import Method, Role, SignatureKind

FORMAT = "ercsheet.sheet"
VERSION = 1
# Lists and objects within each other: a point of a stroke of a signature is five levels deep.
MAX_DEPTH = 8
# Criteria ticked on one row: units have tens (60 is the most the print is made for).
MAX_ROW_CRITERIA = 1_000

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _iso_date(value: object) -> object:
    """A date as the format writes it, `2026-11-02`, and nothing else (no time, no number)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        shown = repr(value)[:40] if isinstance(value, str) else type(value).__name__
        raise ValueError(f"must be a date written YYYY-MM-DD, not {shown}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
Coordinate = Annotated[float, Strict(), Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Point = tuple[Coordinate, Coordinate]
Stroke = Annotated[list[Point], Field(min_length=1, max_length=MAX_STROKE_POINTS)]


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)


class CandidateV1(Closed):
    name: Name
    candidate_number: ShortText = ""
    centre_number: ShortText = ""


class PersonV1(Closed):
    name: Name
    qualified: StrictBool = True


class EvidenceFieldsV1(Closed):
    """What an evidence item is, without its ticks (version 2's library items are these)."""

    ref: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    title: str = Field(default="", max_length=100_000)
    method: Method
    date: IsoDate | None = None
    notes: str = Field(default="", max_length=100_000)


class TicksV1(Closed):
    """The criteria a row ticks, each once, in the unit's order as written."""

    criteria: Annotated[
        list[Annotated[str, StringConstraints(max_length=20)]], Field(max_length=MAX_ROW_CRITERIA)
    ] = []

    @model_validator(mode="after")
    def _no_repeated_ticks(self) -> TicksV1:
        if len(set(self.criteria)) != len(self.criteria):
            raise ValueError("a criterion is listed twice")
        return self


class EvidenceV1(EvidenceFieldsV1, TicksV1):
    pass


class SignatureV1(Closed):
    role: Role
    name: Name
    date: IsoDate
    kind: SignatureKind
    strokes: Annotated[list[Stroke], Field(max_length=MAX_SIGNATURE_STROKES)] | None = None
    # Since units' own sign-off lines: which line of the unit an `extra` signature is on.
    line: Annotated[str, StringConstraints(pattern=SIGN_OFF_KEY)] | None = None

    @model_validator(mode="after")
    def _line_matches_role(self) -> SignatureV1:
        if (self.role is Role.EXTRA) != (self.line is not None):
            raise ValueError('an "extra" signature, and only one, names its line ("line")')
        return self

    @model_validator(mode="after")
    def _strokes_match_kind(self) -> SignatureV1:
        if self.kind is SignatureKind.DRAWN and not self.strokes:
            raise ValueError("a drawn signature needs its strokes")
        if self.kind is not SignatureKind.DRAWN and self.strokes is not None:
            raise ValueError(f"a {self.kind.value} signature has no strokes")
        points = sum(len(stroke) for stroke in self.strokes or ())
        if points > MAX_SIGNATURE_POINTS:
            raise ValueError(
                f"the signature has {points:,} points; a signature has at most "
                f"{MAX_SIGNATURE_POINTS:,}"
            )
        return self


Hex64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# The one form ercsheet writes an event's time in (and, before schema 4, without microseconds):
# an event whose time reads otherwise would hash differently once stored, so it is refused.
EVENT_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?")


class AuditEventV1(Closed):
    at: str = Field(max_length=40)
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

    @field_validator("at")
    @classmethod
    def _a_time(cls, value: str) -> str:
        try:
            dt.datetime.fromisoformat(value)
            if not EVENT_TIME.fullmatch(value):
                raise ValueError
        except ValueError:
            raise ValueError(
                f"{value[:40]!r} is not a date and time as ercsheet writes it "
                "(YYYY-MM-DDTHH:MM:SS.ffffff)"
            ) from None
        return value


class KeyV1(Closed):
    """The public half of the assessor's signing key (Ed25519, 32 bytes in hex)."""

    public_key: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    seal_signature: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{128}$")]


class AddendumV1(Closed):
    """A signature made after the seal: `role` names it among the file's signatures."""

    number: int = Field(ge=1, le=100)
    role: Role
    # The unit's own line an `extra` signature is on (as in `signatures`).
    line: Annotated[str, StringConstraints(pattern=SIGN_OFF_KEY)] | None = None
    prev_hash: Hex64
    hash: Hex64
    key_signature: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{128}$")]


class SheetBodyV1(Closed):
    """A sheet's keys that both versions write alike: all but who it is of and its rows."""

    unit: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    qualification: str = Field(default="", max_length=1000)
    assessor: PersonV1
    # Optional: the internal verifier who sampled the sheet (their qualification decides
    # whether an IV countersignature is needed).
    iv: PersonV1 | None = None
    # One signature per role at most, and per line of the unit's own.
    signatures: Annotated[list[SignatureV1], Field(max_length=len(Role) + MAX_SIGN_OFF_LINES)] = []
    # Optional additions (compatible: a reader of the first release ignores nothing it needs):
    # the SHA-256 record code sealed at the assessor's signature, and the sheet's audit trail.
    record_code: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    audit: list[AuditEventV1] = []
    # Since signing keys: the key that signed the seal, and the signatures added after it.
    key: KeyV1 | None = None
    addenda: list[AddendumV1] = []
    # Since graded units: the grade the assessor awards on a graded unit's sheet; written only
    # when one is chosen, so a file of an ungraded unit reads as before.
    grade: Grade | None = None


class SheetV1(SheetBodyV1):
    format: Literal["ercsheet.sheet"]
    version: Literal[1]
    candidate: CandidateV1
    evidence: Annotated[list[EvidenceV1], Field(max_length=MAX_EVIDENCE_ROWS)] = []


def content_of(sheet: SheetV1, unit: Unit) -> SheetContent:
    """The domain's view of a validated file, with `unit` (the file names it only by id)."""
    return SheetContent(
        unit=unit,
        candidate=Candidate(**sheet.candidate.model_dump()),
        assessor=Person(**sheet.assessor.model_dump()),
        qualification=sheet.qualification,
        iv=Person(**sheet.iv.model_dump()) if sheet.iv else None,
        grade=sheet.grade,
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
                s.line or "",
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
        evidence_dict(row, content.unit.in_order(row.criteria)) for row in content.evidence
    ]
    data["signatures"] = [_signature_dict(s) for s in content.signatures]
    if content.grade is not None:
        data["grade"] = content.grade.value
    return data


def evidence_dict(
    row: EvidenceRow | ItemFields, criteria: list[str] | None = None
) -> dict[str, Any]:
    """A row as the file writes it (`criteria`: its ticks), or an item without ticks."""
    data: dict[str, Any] = {
        "ref": row.ref,
        "title": row.title,
        "method": row.method.value,
        "date": row.date.isoformat() if row.date else None,
    }
    if criteria is not None:
        data["criteria"] = criteria
    data["notes"] = row.notes
    return data


def _signature_dict(signature: Signature) -> dict[str, Any]:
    data: dict[str, Any] = {
        "role": signature.role.value,
        "name": signature.name,
        "date": signature.date.isoformat(),
        "kind": signature.kind.value,
    }
    if signature.kind is SignatureKind.DRAWN:
        data["strokes"] = [[list(point) for point in stroke] for stroke in signature.strokes]
    if signature.line:
        data["line"] = signature.line
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
