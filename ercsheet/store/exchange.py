"""Export a stored sheet to the exchange format and import one back, atomically.

An import checks the file's shape, then every rule of the domain, and only then writes, in one
transaction: a file that breaks anything is refused whole and the store is left unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.validation import location_text
from ercsheet.domain import audit as audit_chain
from ercsheet.domain import rules
from ercsheet.domain.audit import AuditEntry, Change
from ercsheet.domain.seal import Addendum, make_addendum, seal
from ercsheet.domain.sheet import SheetContent
from ercsheet.domain.vocabulary import Role
from ercsheet.store import envelope, keys
from ercsheet.store.exchange_format import FORMAT, VERSION, SheetV1, content_of, sheet_to_dict
from ercsheet.store.import_operations import Incoming, SignedBy
from ercsheet.store.store import Store
from ercsheet.store.values import EncryptedRefused as EncryptedRefused
from ercsheet.store.values import ExpiredUnitRefused as ExpiredUnitRefused
from ercsheet.store.values import ImportRefused as ImportRefused

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Imported:
    sheet_id: int
    warnings: list[str]
    # The same sheet was in the store already: nothing was written.
    already: bool = False


# --- export -------------------------------------------------------------------------------


def export_sheet(store: Store, sheet_id: int) -> str:
    """The sheet as an exchange file: its content, record code, the key that signed its seal
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
                "prev_hash": a.prev,
                "hash": a.hash,
                "key_signature": a.key_signature,
            }
            for a in record.addenda
        ]
    data["audit"] = [_event_dict(e) for e in (*record.origin, *store.audit_trail(sheet_id))]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _event_dict(event: AuditEntry) -> dict[str, Any]:
    data = dataclasses.asdict(event)
    data["changes"] = [[c.what, c.old, c.new] for c in event.changes]
    if not event.payload_hash:
        # An event of an earlier version's file, passed on as it came.
        for key in ("sheet_id", "candidate_id", "changes", "payload_hash", "erased"):
            data.pop(key)
    return data


@dataclass(frozen=True)
class ParsedSheet:
    content: SheetContent
    record_code: str | None
    audit: list[AuditEntry]
    incoming: Incoming


# --- import -------------------------------------------------------------------------------


def parse_sheet(text: str, units: Callable[[str], Unit | None], today: dt.date) -> SheetContent:
    """The sheet a file describes, checked against every rule; ImportRefused otherwise."""
    return parse_exchange(text, units, today).content


def parse_exchange(text: str, units: Callable[[str], Unit | None], today: dt.date) -> ParsedSheet:
    """The sheet, its record code and audit trail, all checked; ImportRefused otherwise."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefused(f"not valid JSON (line {error.lineno}, column {error.colno})") from None
    if not isinstance(data, dict):
        raise ImportRefused("not an ercsheet sheet (the file is not a JSON object)")
    if data.get("format") != FORMAT:
        raise ImportRefused(f'format: not an ercsheet sheet (expected "format": "{FORMAT}")')
    if data.get("version") != VERSION:
        raise ImportRefused(
            f"version: this is version {data.get('version')!r}; this ercsheet reads version "
            f"{VERSION}. Update ercsheet to import it."
        )
    try:
        sheet = SheetV1.model_validate(data)
    except ValidationError as error:
        raise ImportRefused(
            "; ".join(_validation_message(e) for e in error.errors()[:10])
        ) from None
    unit = units(sheet.unit)
    if unit is None:
        raise ImportRefused(f"unit: there is no unit {sheet.unit!r} in the catalogue")
    content = content_of(sheet, unit)
    problems = rules.blocking(rules.check_sheet(content, today))
    if problems:
        raise ImportRefused("; ".join(str(p) for p in problems))
    trail = _trail(sheet)
    return ParsedSheet(content, sheet.record_code, trail, _incoming(sheet, content, trail))


def _trail(sheet: SheetV1) -> list[AuditEntry]:
    trail = [
        AuditEntry(
            **{
                **event.model_dump(exclude={"changes", "payload_hash"}),
                "changes": tuple(Change(*c) for c in event.changes or ()),
                "payload_hash": event.payload_hash or "",
            }
        )
        for event in sheet.audit
    ]
    if any(event.payload_hash is None for event in sheet.audit):
        broken = audit_chain.first_broken_legacy(trail)
        if broken is not None:
            raise ImportRefused(
                f"audit[{broken}]: the audit trail was altered (it does not verify)"
            )
        return trail
    for index, event in enumerate(trail):
        if audit_chain.entry_problem(event) is not None:
            raise ImportRefused(f"audit[{index}]: the audit trail was altered (it does not verify)")
    return trail


def _incoming(sheet: SheetV1, content: SheetContent, trail: list[AuditEntry]) -> Incoming:
    """The sheet's seal, addenda and key, each verified against the file's content."""
    signed = content.signature(Role.ASSESSOR) is not None
    if sheet.record_code is not None and not signed:
        raise ImportRefused("record_code: the sheet has a record code but no assessor signature")
    if sheet.addenda and sheet.record_code is None:
        raise ImportRefused("addenda: a sheet with addenda needs its record code")
    if not signed:
        return Incoming(content, None, trail=tuple(trail))
    added = {a.role for a in sheet.addenda}
    view = replace(
        content,
        iv=None if Role.IV in added else content.iv,
        signatures=tuple(s for s in content.signatures if s.role not in added),
    )
    sealed = seal(view)
    if sheet.record_code is not None and sealed.code != sheet.record_code:
        raise ImportRefused(
            "record_code: the sheet's content does not match its record code: "
            "it was changed after it was signed"
        )
    signed_by = None
    if sheet.key is not None:
        signed_by = SignedBy(sheet.key.public_key, sheet.key.seal_signature)
        if not keys.verify(signed_by.public_key, keys.SEAL, sealed.code, signed_by.seal_signature):
            raise ImportRefused("key: the seal is not signed by the key the file names")
    addenda: list[Addendum] = []
    for index, entry in enumerate(sheet.addenda):
        signature = content.signature(entry.role)
        if signature is None:
            raise ImportRefused(f"addenda[{index}]: there is no {entry.role.value} signature")
        iv = content.iv if entry.role is Role.IV else None
        made = make_addendum(addenda, sealed.code, signature, iv)
        if made.hash != entry.hash or made.prev != entry.prev_hash or made.number != entry.number:
            raise ImportRefused(f"addenda[{index}]: the addendum was changed after it was signed")
        if signed_by is None or not keys.verify(
            signed_by.public_key, keys.ADDENDUM, made.hash, entry.key_signature
        ):
            raise ImportRefused(f"addenda[{index}]: not signed by the key the file names")
        addenda.append(replace(made, key=signed_by.fingerprint, key_signature=entry.key_signature))
    return Incoming(
        content,
        sealed,
        tuple(addenda),
        signed_by,
        tuple(trail),
        code_in_file=sheet.record_code is not None,
    )


def _validation_message(error: Any) -> str:
    path = location_text(tuple(error["loc"])) or "(top level)"
    if error["type"] == "extra_forbidden":
        return f"{path}: unknown key"
    if error["type"] == "missing":
        return f"{path}: required key is missing"
    return f"{path}: {str(error['msg']).removeprefix('Value error, ')}"


def import_files(
    store: Store,
    paths: Iterable[Path],
    units: Callable[[str], Unit | None],
    today: dt.date,
    allow_expired: bool = False,
    passphrase: str | None = None,
) -> list[tuple[Path, Imported | ImportRefused]]:
    """Each file imported whole or refused whole; one file's refusal does not stop the others.
    `passphrase` opens encrypted exchange files."""
    results: list[tuple[Path, Imported | ImportRefused]] = []
    for path in paths:
        try:
            imported = import_file(store, path, units, today, allow_expired, passphrase)
            results.append((path, imported))
        except ImportRefused as refusal:
            results.append((path, refusal))
    return results


def import_file(
    store: Store,
    path: Path,
    units: Callable[[str], Unit | None],
    today: dt.date,
    allow_expired: bool = False,
    passphrase: str | None = None,
) -> Imported:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportRefused(
                f"{path}: the file is {path.stat().st_size // (1024 * 1024)} MB; a sheet file is "
                f"at most {MAX_FILE_BYTES // (1024 * 1024)} MB"
            )
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except OSError as error:
        raise ImportRefused(f"{path}: cannot be read ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise ImportRefused(f"{path}: not UTF-8 text (byte {error.start})") from None
    if envelope.is_sealed(text):
        if passphrase is None:
            raise EncryptedRefused(
                f"{path}: the file is encrypted: give its passphrase to import it"
            )
        try:
            text = envelope.unseal(text, passphrase)
        except envelope.EnvelopeError as error:
            raise EncryptedRefused(f"{path}: {error}") from None
    try:
        parsed = parse_exchange(text, units, today)
        content = parsed.content
        warnings = [p.message for p in rules.check_new_sheet(content.unit, today)]
        if warnings and not allow_expired:
            raise ExpiredUnitRefused(
                f"unit: {warnings[0]} Import it again with --allow-expired to accept this."
            )
        warnings += [str(p) for p in rules.check_evidence(content, today) if not p.blocking]
        stored = store.import_sheet(parsed.incoming, path.name, hashlib.sha256(raw).hexdigest())
        return Imported(stored.sheet_id, warnings, stored.already)
    except ImportRefused as refusal:
        raise type(refusal)(f"{path}: {refusal}") from None


def store_sheet(store: Store, content: SheetContent, source: str = "(not from a file)") -> int:
    """Write a checked sheet as an import does (one transaction, audited); a signed sheet is
    sealed whole, as a hand-written signed file without a record code is."""
    sealed = seal(content) if content.signature(Role.ASSESSOR) is not None else None
    text = json.dumps(sheet_to_dict(content), ensure_ascii=False)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return store.import_sheet(Incoming(content, sealed), source, digest).sheet_id
