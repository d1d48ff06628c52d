"""Exchange files in and out: a sheet (version 1) or a candidate (version 2), atomically.

An import checks the file's shape, then every rule of the domain, and only then writes, in one
transaction: a file that breaks anything is refused whole and the store is left unchanged.
Writing the files is exchange_export.py's; reading them, exchange_checks.py's (version 1) and
exchange_v2.py's (version 2).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ercsheet import safe_read
from ercsheet.catalogue.model import Unit
from ercsheet.domain import rules
from ercsheet.domain.seal import seal
from ercsheet.domain.sheet import SheetContent
from ercsheet.domain.vocabulary import Role
from ercsheet.store import envelope
from ercsheet.store.candidate_import_operations import IncomingCandidate
from ercsheet.store.exchange_checks import ParsedSheet as ParsedSheet
from ercsheet.store.exchange_checks import parse_exchange as parse_exchange
from ercsheet.store.exchange_checks import parse_sheet as parse_sheet
from ercsheet.store.exchange_checks import read_json, sheet_of
from ercsheet.store.exchange_export import export_candidate as export_candidate
from ercsheet.store.exchange_export import export_sheet as export_sheet
from ercsheet.store.exchange_format import sheet_to_dict
from ercsheet.store.exchange_v2 import ParsedCandidate as ParsedCandidate
from ercsheet.store.exchange_v2 import is_candidate_file, parse_candidate
from ercsheet.store.import_operations import Incoming, Stored
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
    # A candidate file's sheets, each written or found already (`sheet_id` is the first's).
    sheets: tuple[Stored, ...] = ()
    differs: bool = False  # a version 1 file is found only as the same content: never


def already_said(sheet_id: int, differs: bool) -> str:
    """What an import says of a sheet the store has already (the window's and the command's
    words)."""
    if differs:
        return (
            f"already in the store (sheet {sheet_id}) with other content (edited since on one "
            "laptop or the other): this store's copy is kept, the file's is not merged into it"
        )
    return f"already in the store (sheet {sheet_id}); nothing changed"


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
    incoming: Incoming | IncomingCandidate
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
        incoming: Incoming | IncomingCandidate = parsed.incoming
        if isinstance(parsed, ParsedCandidate):
            sheet_units = [
                (f"the unit of its sheet {i}", unit) for i, unit in enumerate(parsed.units, 1)
            ]
        else:
            sheet_units = [("the sheet's unit", parsed.content.unit)]
        warnings = []
        for where, unit in sheet_units:
            expired = [p.message for p in rules.check_new_sheet(unit, today)]
            if expired and not allow_expired:
                # How to accept it anyway is the caller's to say: a flag, or a question.
                raise ExpiredUnitRefused(f"{where}: {expired[0]}")
            warnings += expired
        return Prepared(path, incoming, digest, [*warnings, *parsed.warnings])
    except ImportRefused as refusal:
        raise type(refusal)(f"{path}: {refusal}") from None


def store_prepared(store: Store, prepared: Prepared) -> Imported:
    """Write a prepared file's sheet (one store operation); a sheet already there is left."""
    incoming = prepared.incoming
    try:
        if isinstance(incoming, IncomingCandidate):
            written = store.import_candidate(incoming, prepared.path.name, prepared.digest)
            first = written.sheets[0]
            every = all(stored.already for stored in written.sheets)
            return Imported(first.sheet_id, prepared.warnings, every, written.sheets)
        stored = store.import_sheet(incoming, prepared.path.name, prepared.digest)
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


def parse_file(
    text: str, units: Callable[[str], Unit | None], today: dt.date
) -> ParsedSheet | ParsedCandidate:
    """A file of either version, checked whole; ImportRefused otherwise."""
    data = read_json(text)
    if is_candidate_file(data):
        return parse_candidate(data, units, today)
    return sheet_of(data, units, today)


def _parse_guarded(
    text: str, units: Callable[[str], Unit | None], today: dt.date
) -> ParsedSheet | ParsedCandidate:
    """parse_file, with any failure a refusal of this file: whatever a file holds, it is
    refused on its own and the files imported with it go on."""
    try:
        return parse_file(text, units, today)
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
