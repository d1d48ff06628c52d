"""Writing exchange files: one sheet (version 1), or one candidate with their evidence library
and sheets (version 2, exchange_v2_format.py).

A version 2 sheet is its version 1 record with the candidate and the rows' item fields taken
out into the file's candidate and library: what is left is written as version 1 writes it.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import PureWindowsPath
from typing import Any

from ercsheet.domain.audit import AuditEntry
from ercsheet.domain.library import Holding
from ercsheet.store.exchange_format import evidence_dict, sheet_to_dict
from ercsheet.store.exchange_v2_format import FORMAT_V2, ROW_FIELDS, VERSION_V2
from ercsheet.store.progress_reading import Registered
from ercsheet.store.store import Store


def export_sheet(store: Store, sheet_id: int) -> str:
    """The sheet as an exchange file (version 1)."""
    return _text(sheet_record(store, sheet_id))


def sheet_record(store: Store, sheet_id: int) -> dict[str, Any]:
    """The sheet as version 1 writes it: its content, record code, the key that signed its seal
    and addenda, and its audit trail (what came with it on import, then this store's)."""
    data = sheet_to_dict(store.sheet(sheet_id))
    record = store.sealed_record(sheet_id)
    if record.code:
        data["record_code"] = record.code
    if record.public_key and record.seal_signature:
        data["key"] = {"public_key": record.public_key, "seal_signature": record.seal_signature}
    if record.addenda:
        data["addenda"] = [
            {
                "number": a.number,
                "role": a.signature.role.value,
                **({"line": a.signature.line} if a.signature.line else {}),
                "prev_hash": a.prev,
                "hash": a.hash,
                "key_signature": a.key_signature,
            }
            for a in record.addenda
        ]
    data["audit"] = [_event_dict(e) for e in (*record.origin, *store.audit_trail(sheet_id))]
    return data


def _text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _event_dict(event: AuditEntry) -> dict[str, Any]:
    data = dataclasses.asdict(event)
    data["changes"] = [[c.what, c.old, c.new] for c in event.changes]
    if not event.payload_hash:
        # An event of an earlier version's file, passed on as it came.
        for key in ("sheet_id", "candidate_id", "changes", "payload_hash", "erased"):
            data.pop(key)
    return data


def export_candidate(store: Store, candidate_id: int) -> str:
    """The candidate, their whole evidence library (each item once) and their sheets, as an
    exchange file of version 2."""
    info = store.candidate(candidate_id)
    candidate = {
        "name": info.name,
        "candidate_number": info.candidate_number,
        "centre_number": info.centre_number,
    }
    entries = store.library(candidate_id)
    library = {entry.uuid: evidence_dict(entry.fields) for entry in entries}
    holdings = {entry.uuid: entry.holding for entry in entries}
    registrations = store.registrations(candidate_id)
    registration_of = {s: r.uuid for r in registrations for s in r.sheet_ids}
    sheets = []
    for summary in store.sheets(candidate_id):
        sheet_uuid, items = store.sheet_uuids(summary.id)
        record = sheet_record(store, summary.id)
        del record["format"], record["version"]
        sheet: dict[str, Any] = {"uuid": sheet_uuid}
        if summary.id in registration_of:
            sheet["registration"] = registration_of[summary.id]
        signed_as = record.pop("candidate")
        if signed_as != candidate:
            # A signed sheet keeps the candidate as they were when it was sealed.
            sheet["candidate"] = signed_as
        sheet.update(record)
        sheet["evidence"] = [
            _row(row, item, library[item])
            for row, item in zip(record["evidence"], items, strict=True)
        ]
        sheets.append(sheet)
    return _text(
        {
            "format": FORMAT_V2,
            "version": VERSION_V2,
            "candidate": {"uuid": store.candidate_uuid(candidate_id), **candidate},
            "library": [
                {"uuid": uuid, **fields, **_holding(holdings[uuid])}
                for uuid, fields in library.items()
            ],
            "registrations": [_registration(r) for r in registrations],
            "sheets": sheets,
        }
    )


def _registration(registration: Registered) -> dict[str, Any]:
    written: dict[str, Any] = {
        "uuid": registration.uuid,
        "qualification": registration.qualification_id,
    }
    if registration.number:
        written["number"] = registration.number
    if registration.registered_on is not None:
        written["registered_on"] = registration.registered_on.isoformat()
    return written


def _row(row: dict[str, Any], uuid: str, item: dict[str, Any]) -> dict[str, Any]:
    """A row as its item and ticks, and the fields in which it differs from the item now: a
    signed sheet's row is as it was signed, whatever the item became since."""
    own = {key: row[key] for key in ROW_FIELDS if row[key] != item[key]}
    return {"item": uuid, "criteria": row["criteria"], **own}


def _holding(holding: Holding) -> dict[str, Any]:
    """Where the item is held and, for a file, its name and SHA-256 alone: the path is this
    laptop's (another's folders differ, and a path can say more about its owner than the
    file's name does); the digest shows a copy found elsewhere to be the same file."""
    data: dict[str, Any] = {"held_at": holding.held_at}
    if holding.file_path and holding.file_sha256:
        data["file"] = {
            "name": PureWindowsPath(holding.file_path).name,
            "sha256": holding.file_sha256,
        }
    return data
