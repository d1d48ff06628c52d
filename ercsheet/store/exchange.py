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

from ercsheet import safe_read
from ercsheet.catalogue.model import Unit
from ercsheet.domain import audit as audit_chain
from ercsheet.domain import rules
from ercsheet.domain.audit import AuditEntry, Change
from ercsheet.domain.seal import Addendum, make_addendum, seal
from ercsheet.domain.sheet import SheetContent
from ercsheet.domain.text import unsafe_text_problem
from ercsheet.domain.vocabulary import Role
from ercsheet.safe_read import location_text
from ercsheet.store import envelope, keys
from ercsheet.store.exchange_format import (
    FORMAT,
    MAX_DEPTH,
    VERSION,
    SheetV1,
    content_of,
    sheet_to_dict,
)
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
                **({"line": a.signature.line} if a.signature.line else {}),
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
    # What the rules warn about (over-mapped items), already in words with their place.
    warnings: tuple[str, ...] = ()


# --- import -------------------------------------------------------------------------------


def parse_sheet(text: str, units: Callable[[str], Unit | None], today: dt.date) -> SheetContent:
    """The sheet a file describes, checked against every rule; ImportRefused otherwise."""
    return parse_exchange(text, units, today).content


def parse_exchange(text: str, units: Callable[[str], Unit | None], today: dt.date) -> ParsedSheet:
    """The sheet, its record code and audit trail, all checked; ImportRefused otherwise.

    Bounded whatever the text holds: JSON nested deeper than MAX_DEPTH, whole numbers of more
    than 18 digits, a key given twice, NaN, more rows or signature points than the limits are
    refused before anything is built from them; the checks that follow are linear in the rows.
    """
    try:
        data = safe_read.load_json(text, MAX_DEPTH)
    except safe_read.NotReadable as error:
        raise ImportRefused(str(error)) from None
    if not isinstance(data, dict):
        raise ImportRefused("not an ercsheet sheet (the file is not a JSON object)")
    if data.get("format") != FORMAT:
        raise ImportRefused(f'format: not an ercsheet sheet (expected "format": "{FORMAT}")')
    version = data.get("version")
    if type(version) is not int:
        raise ImportRefused(
            f"version: must be the whole number {VERSION}, not {json.dumps(version)[:40]}"
        )
    if version != VERSION:
        raise ImportRefused(
            f"version: this is version {version}; this ercsheet reads version "
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
    problems = rules.check_sheet(content, today)
    unsafe = _unsafe_audit_text(sheet)
    blocking = rules.blocking(problems) + ([unsafe] if unsafe else [])
    if blocking:
        raise ImportRefused("; ".join(str(p) for p in blocking[:10]))
    trail = _trail(sheet)
    warnings = tuple(str(p) for p in problems if not p.blocking)
    return ParsedSheet(
        content, sheet.record_code, trail, _incoming(sheet, content, trail), warnings
    )


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
    added = {(a.role, a.line or "") for a in sheet.addenda}
    view = replace(
        content,
        iv=None if (Role.IV, "") in added else content.iv,
        signatures=tuple(s for s in content.signatures if s.signer not in added),
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
        signature = content.signature(entry.role, entry.line or "")
        if signature is None:
            named = f"{entry.role.value} {entry.line}" if entry.line else entry.role.value
            raise ImportRefused(f"addenda[{index}]: there is no {named} signature")
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


def _unsafe_audit_text(sheet: SheetV1) -> rules.Problem | None:
    for index, event in enumerate(sheet.audit):
        for name, value in (("actor", event.actor), ("action", event.action)):
            problem = unsafe_text_problem(f"audit[{index}].{name}", value)
            if problem is not None:
                return problem
        problem = unsafe_text_problem(f"audit[{index}].detail", event.detail, multiline=True)
        if problem is not None:
            return problem
    return None


# Pydantic's wording, for what goes wrong in a file written by hand or by another program.
PLAIN_MESSAGES = {
    "bool_type": "must be true or false (without quotes)",
    "float_type": "must be a number (without quotes)",
    "string_type": "must be text (in quotes)",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "model_type": "must be an object of keys",
    "model_attributes_type": "must be an object of keys",
    "string_unicode": "holds a lone surrogate (an escape such as \\udc00 that is not a character)",
}
# What a list holds, by its key (a stroke, strokes[i], holds points), for "at most N … here".
_LIST_ITEMS = {
    "evidence": "evidence items",
    "signatures": "signatures",
    "strokes": "strokes",
    "criteria": "criteria",
}


def _items(location: tuple[str | int, ...]) -> str:
    if len(location) >= 2 and location[-2] == "strokes":
        return "points"
    return _LIST_ITEMS.get(str(location[-1]), "items") if location else "items"


def _validation_message(error: Any) -> str:
    path = location_text(tuple(error["loc"])) or "(top level)"
    kind, context = error["type"], error.get("ctx") or {}
    if kind == "extra_forbidden":
        return f"{path}: unknown key"
    if kind == "missing":
        return f"{path}: required key is missing"
    if kind == "too_long" and "max_length" in context:
        actual = context.get("actual_length")
        has = f" (this has {actual:,})" if isinstance(actual, int) else ""
        return f"{path}: at most {context['max_length']:,} {_items(error['loc'])} here{has}"
    if kind == "too_short" and context.get("min_length") == 1:
        return f"{path}: must not be empty"
    if kind in PLAIN_MESSAGES:
        return f"{path}: {PLAIN_MESSAGES[kind]}"
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


def read_exchange(path: Path, passphrase: str | None = None) -> tuple[str, str]:
    """The exchange file's JSON text, opened with `passphrase` when it is encrypted; read only
    if it is a regular file, and at most MAX_FILE_BYTES. ImportRefused (naming the file)."""
    try:
        raw = safe_read.read_bytes(path, MAX_FILE_BYTES, "a sheet file")
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"{path}: not UTF-8 text (byte {error.start})") from None
    except safe_read.NotReadable as error:
        raise ImportRefused(f"{path}: {error}") from None
    if envelope.is_sealed(text):
        if passphrase is None:
            raise EncryptedRefused(
                f"{path}: the file is encrypted: give its passphrase to import it"
            )
        try:
            text = envelope.unseal(text, passphrase)
        except envelope.EnvelopeError as error:
            raise EncryptedRefused(f"{path}: {error}") from None
    # The file as it is on disk (encrypted or not) is what the audit trail names.
    return text, hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Prepared:
    """A file read and checked against every rule, not yet written: what an import does
    before it touches the store (the window does this part off its own thread)."""

    path: Path
    incoming: Incoming
    digest: str  # SHA-256 of the file as it is on disk
    warnings: list[str]


def prepare_file(
    path: Path,
    units: Callable[[str], Unit | None],
    today: dt.date,
    allow_expired: bool = False,
    passphrase: str | None = None,
) -> Prepared:
    """Read and check a file (no store needed); ImportRefused, naming the file, otherwise."""
    text, digest = read_exchange(path, passphrase)
    try:
        parsed = _parse_guarded(text, units, today)
        warnings = [p.message for p in rules.check_new_sheet(parsed.content.unit, today)]
        if warnings and not allow_expired:
            raise ExpiredUnitRefused(
                f"unit: {warnings[0]} Import it again with --allow-expired to accept this."
            )
        return Prepared(path, parsed.incoming, digest, [*warnings, *parsed.warnings])
    except ImportRefused as refusal:
        raise type(refusal)(f"{path}: {refusal}") from None


def store_prepared(store: Store, prepared: Prepared) -> Imported:
    """Write a prepared file's sheet (one store operation); a sheet already there is left."""
    try:
        stored = store.import_sheet(prepared.incoming, prepared.path.name, prepared.digest)
    except ImportRefused as refusal:  # e.g. its candidate number is another name's here
        raise type(refusal)(f"{prepared.path}: {refusal}") from None
    return Imported(stored.sheet_id, prepared.warnings, stored.already)


def import_file(
    store: Store,
    path: Path,
    units: Callable[[str], Unit | None],
    today: dt.date,
    allow_expired: bool = False,
    passphrase: str | None = None,
) -> Imported:
    return store_prepared(store, prepare_file(path, units, today, allow_expired, passphrase))


def _parse_guarded(text: str, units: Callable[[str], Unit | None], today: dt.date) -> ParsedSheet:
    """parse_exchange, with any failure a refusal of this file: whatever a file holds, it is
    refused on its own and the files imported with it go on."""
    try:
        return parse_exchange(text, units, today)
    except ImportRefused:
        raise
    except Exception as error:  # a file that finds a fault in the reader is still only refused
        raise ImportRefused(
            f"the file could not be read ({type(error).__name__}: {str(error)[:200]}); "
            "please report this file to ercsheet's developers"
        ) from error


def store_sheet(store: Store, content: SheetContent, source: str = "(not from a file)") -> int:
    """Write a checked sheet as an import does (one transaction, audited); a signed sheet is
    sealed whole, as a hand-written signed file without a record code is."""
    sealed = seal(content) if content.signature(Role.ASSESSOR) is not None else None
    text = json.dumps(sheet_to_dict(content), ensure_ascii=False)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return store.import_sheet(Incoming(content, sealed), source, digest).sheet_id
