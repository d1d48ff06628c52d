"""The exchange format, version 2: one candidate as JSON, with their evidence library carried once
and their sheets, whose rows name library items (see docs/exchange-format.md, Version 2).

A version 2 sheet has every key of a version 1 sheet but two: who it is of (the file's candidate)
and its rows, which name an item of the file's library by uuid and carry the sheet's own ticks.
exchange_v2.py expands each sheet into the version 1 sheet it stands for, checked as one.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from ercsheet.domain.library import MAX_HELD_AT
from ercsheet.domain.sheet import MAX_EVIDENCE_ROWS
from ercsheet.domain.vocabulary import Method
from ercsheet.store.exchange_format import (
    CandidateV1,
    Closed,
    EvidenceFieldsV1,
    Hex64,
    IsoDate,
    SheetBodyV1,
    TicksV1,
)

FORMAT_V2 = "ercsheet.candidate"
VERSION_V2 = 2
# Far above any real candidate's (tens of units, tens of items each), so that whatever a file
# holds, reading it takes bounded time; the file's 20 MB bound comes first for most files.
MAX_LIBRARY_ITEMS = 20_000
MAX_CANDIDATE_SHEETS = 500
MAX_REGISTRATIONS = 100
# The fields a row may carry of its own: the row as its sheet was signed, where the item was
# edited since (a signed sheet keeps its rows as signed; domain/library.py).
ROW_FIELDS = ("ref", "title", "method", "date", "notes")

Uuid = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
]


class CandidateV2(CandidateV1):
    uuid: Uuid


class HeldFileV2(Closed):
    """A file the evidence is, by its name and SHA-256 only: its path is the laptop's own."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    sha256: Hex64

    @field_validator("name")
    @classmethod
    def _a_name_only(cls, value: str) -> str:
        if "/" in value or "\\" in value or value in (".", ".."):
            raise ValueError("a file's name only, without its folder")
        return value


class ItemV2(EvidenceFieldsV1):
    """An item of the candidate's evidence library."""

    uuid: Uuid
    held_at: str = Field(default="", max_length=MAX_HELD_AT)
    file: HeldFileV2 | None = None


class RowV2(TicksV1):
    """A row of a sheet: an item of the library, the sheet's ticks and, written only where they
    differ from the item's, the row's own fields as its sheet was signed."""

    item: Uuid
    ref: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    title: str | None = Field(default=None, max_length=100_000)
    method: Method | None = None
    date: IsoDate | None = None
    notes: str | None = Field(default=None, max_length=100_000)

    @model_validator(mode="after")
    def _written_with_a_value(self) -> RowV2:
        # `"date": null` says the row has no date where its item has one; the others always
        # have a value, so a null is a mistake, not a field of its own.
        for name in ("ref", "title", "method", "notes"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f'"{name}" is written only with a value')
        return self


class RegistrationV2(Closed):
    """The candidate registered on a qualification (by the catalogue's id for it)."""

    uuid: Uuid
    qualification: Annotated[str, Field(min_length=1, max_length=80)]
    number: Annotated[str, Field(max_length=200)] = ""
    registered_on: IsoDate | None = None


class SheetV2(SheetBodyV1):
    uuid: Uuid
    # The registration whose unit the sheet assesses (a uuid of the file's `registrations`).
    registration: Uuid | None = None
    # The candidate as the sheet was signed, where that differs from the file's candidate
    # (corrected since): a signed sheet keeps the details it was sealed with.
    candidate: CandidateV1 | None = None
    evidence: Annotated[list[RowV2], Field(default_factory=list, max_length=MAX_EVIDENCE_ROWS)]


class CandidateFileV2(Closed):
    format: Literal["ercsheet.candidate"]
    version: Literal[2]
    candidate: CandidateV2
    library: Annotated[list[ItemV2], Field(default_factory=list, max_length=MAX_LIBRARY_ITEMS)]
    registrations: Annotated[
        list[RegistrationV2], Field(default_factory=list, max_length=MAX_REGISTRATIONS)
    ]
    sheets: Annotated[list[SheetV2], Field(min_length=1, max_length=MAX_CANDIDATE_SHEETS)]


def json_schema_v2() -> dict[str, object]:
    """The JSON Schema of version 2 (docs/exchange-format-v2.schema.json is this, written out)."""
    schema = CandidateFileV2.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = (
        "ercsheet exchange format, version 2: one candidate, their evidence and sheets"
    )
    return schema


if __name__ == "__main__":
    import json

    print(json.dumps(json_schema_v2(), indent=2, ensure_ascii=False))
