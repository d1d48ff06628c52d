"""Signing, sealing, addenda, reopening and erasure, as functions of a transaction.

The assessor's signature seals the sheet (domain.seal) with their key; any signature after it
is an addendum, also signed with the key, so the record code never changes. Reopening keeps
the signed version whole, with its addenda.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from ercsheet.domain import rules
from ercsheet.domain.audit import AuditEntry, Change
from ercsheet.domain.dates import uk
from ercsheet.domain.names import normalise
from ercsheet.domain.rules import Problem
from ercsheet.domain.seal import Addendum
from ercsheet.domain.sheet import Person, SheetContent, Signature
from ercsheet.domain.vocabulary import Role
from ercsheet.store import convert, keys, models, signing
from ercsheet.store import library_operations as library
from ercsheet.store.kept import content_from_exchange
from ercsheet.store.operations import get, load_sheet, require_safe
from ercsheet.store.tx import Tx
from ercsheet.store.values import NotFound, RuleViolation, SupersededVersion


def add_signature(
    tx: Tx, sheet_id: int, signature: Signature, pin: str | None, iv: Person | None
) -> None:
    sheet = load_sheet(tx.session, sheet_id)
    require_safe(("The signer's name", signature.name), ("The IV's name", iv.name if iv else ""))
    signature = _normalised(signature)
    if iv is not None:
        if signature.role is not Role.IV:
            raise ValueError("only the internal verifier's signature records the IV")
        iv = Person(normalise(iv.name), iv.qualified)
        sheet.iv_name, sheet.iv_qualified = iv.name, iv.qualified
    content = signing.signed_content(sheet)
    problems = signing.signature_problems(content, signature, tx)
    if problems:
        raise RuleViolation(problems)
    sealed_before = sheet.record_code is not None
    needs_key = signature.role is Role.ASSESSOR or sealed_before
    key = signing.unlock(tx, pin) if needs_key else None
    sheet.signatures.append(convert.signature_record(signature))
    changes = [
        Change(
            content.signer_label(*signature.signer), "", f"{signature.name}, {uk(signature.date)}"
        ),
        Change("kind", "", signature.kind.value),
    ]
    if iv is not None:
        changes.append(Change("internal verifier", "", f"{iv.name} ({_qualified(iv.qualified)})"))

    def log(action: str, detail: str = "", key: keys.UnlockedKey | None = None) -> None:
        tx.log(
            action,
            detail,
            sheet_id=sheet_id,
            candidate_id=sheet.candidate_id,
            changes=changes,
            key=key,
        )

    if sealed_before:
        assert key is not None
        made = signing.add_addendum(
            sheet, signature, iv if signature.role is Role.IV else None, key
        )
        changes += [Change("addendum", "", str(made.number)), _code_change(sheet)]
        log("addendum signed", "bound to the sealed record", key)
    elif signature.role is Role.ASSESSOR:
        signing.seal_sheet(sheet, signing.signed_content(sheet), key)
        changes.append(_code_change(sheet))
        log("signed and sealed", key=key)
    else:
        log("signed")


def _code_change(sheet: models.Sheet) -> Change:
    return Change("record code", "", sheet.record_code or "")


def _normalised(signature: Signature) -> Signature:
    return replace(signature, name=normalise(signature.name))


def _qualified(value: bool) -> str:
    return "qualified" if value else "not qualified"


def reopen(tx: Tx, sheet_id: int, reason: str, actor: str, pin: str | None) -> int:
    # Imported here: the exchange format's models load pydantic, which only this and viewing
    # a superseded version need.
    from ercsheet.store.exchange_format import sheet_to_dict

    sheet = load_sheet(tx.session, sheet_id)
    require_safe(("The reason", reason), ("The name", actor))
    if sheet.record_code is None:
        raise RuleViolation(
            [Problem(rules.Rule.SIGNATURE_ORDER, "This sheet is not signed: edit it directly.")]
        )
    key = signing.unlock(tx, pin)
    number = len(sheet.versions) + 1
    sheet.versions.append(
        models.SheetVersion(
            number=number,
            content=json.dumps(sheet_to_dict(signing.signed_content(sheet)), ensure_ascii=False),
            record_code=sheet.record_code,
            seal=sheet.seal,
            seal_key=sheet.seal_key,
            seal_signature=sheet.seal_signature,
            superseded_at=tx.now(),
            superseded_by=normalise(actor),
            reason=reason.strip(),
        )
    )
    tx.session.execute(
        update(models.Addendum)
        .where(models.Addendum.sheet_id == sheet_id, models.Addendum.version.is_(None))
        .values(version=number)
    )
    tx.session.expire(sheet, ["addenda"])
    code = sheet.record_code
    voided = [f"{convert.signer_label(sheet, s)}: {s.name}" for s in sheet.signatures]
    sheet.signatures.clear()
    sheet.record_code = sheet.seal = sheet.seal_key = sheet.seal_signature = None
    sheet.updated_at = tx.now()
    # A draft's rows follow their library items: edits made to them while it was signed
    # reach it now (said in the event).
    followed = library.resync(tx, sheet)
    tx.log(
        "reopened",
        f"reason: {reason.strip()}",
        sheet_id=sheet_id,
        candidate_id=sheet.candidate_id,
        changes=[Change("record code", code, ""), Change("kept as version", "", str(number))]
        + [Change("signature voided", v, "") for v in voided]
        + followed,
        key=key,
        actor=normalise(actor),
    )
    return number


def versions(session: Session, sheet_id: int) -> list[SupersededVersion]:
    sheet = get(session, models.Sheet, sheet_id)
    return [
        SupersededVersion(
            v.number, v.record_code, v.superseded_at, v.superseded_by, v.reason, v.content
        )
        for v in sheet.versions
    ]


def version_content(session: Session, sheet_id: int, number: int) -> SheetContent:
    sheet = get(session, models.Sheet, sheet_id)
    version = next((v for v in sheet.versions if v.number == number), None)
    if version is None:
        raise NotFound(f"Sheet {sheet_id} has no superseded version {number}.")
    return content_from_exchange(version.content, convert.unit_of(sheet))


def erase_candidate(tx: Tx, candidate_id: int, pin: str | None) -> int:
    """Erase a candidate and their sheets. Their audit events stay, blanked of what they said
    (the chain keeps their digests); the erasure's own event names no one."""
    candidate = get(tx.session, models.Candidate, candidate_id)
    key = signing.unlock(tx, pin) if signing.own_key(tx.session) is not None else None
    sheets = len(candidate.sheets)
    tx.session.execute(
        update(models.AuditEvent)
        .where(models.AuditEvent.candidate_id == candidate_id)
        .values(actor="", detail="", changes="[]", erased=True)
    )
    tx.session.delete(candidate)
    tx.log(
        "candidate erased",
        f"a candidate and {sheets} sheet(s) erased; their events keep no personal data",
        candidate_id=candidate_id,
        key=key,
    )
    return sheets


def compact(engine: Engine) -> None:
    """Rewrite the file without its free pages and empty the write-ahead log, so no page of
    either keeps what an erasure removed."""
    with engine.connect() as connection:
        connection.exec_driver_sql("VACUUM")
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def sealed_sheet_ids(session: Session, candidate_id: int) -> list[int]:
    return list(
        session.scalars(
            select(models.Sheet.id).where(
                models.Sheet.candidate_id == candidate_id, models.Sheet.record_code.is_not(None)
            )
        )
    )


def key_fingerprint(session: Session) -> str | None:
    stored = signing.own_key(session)
    return keys.grouped(stored.fingerprint) if stored else None


@dataclass(frozen=True)
class SealedRecord:
    """What an export carries beside a sheet's content: its code, the key that signed it,
    its addenda, and the trail it came with when it was imported."""

    code: str | None
    public_key: str | None
    seal_signature: str | None
    addenda: list[Addendum]
    origin: list[AuditEntry]
    key_fingerprint: str | None


def sealed_record(session: Session, sheet_id: int) -> SealedRecord:
    sheet = get(session, models.Sheet, sheet_id)
    public = signing.public_key(session, sheet.seal_key) if sheet.seal_key else None
    origin = [_origin_event(item) for item in json.loads(sheet.origin or "[]")]
    return SealedRecord(
        sheet.record_code,
        public,
        sheet.seal_signature,
        signing.addenda(sheet),
        origin,
        keys.grouped(sheet.seal_key) if sheet.seal_key else None,
    )


def _origin_event(item: dict[str, Any]) -> AuditEntry:
    changes = tuple(Change(*c) for c in item.pop("changes", []))
    return AuditEntry(**{**item, "changes": changes})
