"""The store's changes, and the reads that need mapped objects, as functions of a session.

This is the store's SQLAlchemy half: Store (store.py) loads it on the first change, so the
window can show an assessor their candidates before SQLAlchemy's import (several times longer
than the window's own start) has even begun. Every function runs inside the transaction the
Store gives it, committed whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from typing import TypeVar, cast

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.snapshot import unit_from_json, unit_to_json
from ercsheet.domain import rules
from ercsheet.domain.audit import AuditEntry
from ercsheet.domain.rules import Problem
from ercsheet.domain.sheet import EvidenceRow, Person, SheetContent, Signature
from ercsheet.domain.vocabulary import Role
from ercsheet.store import audit, convert, models, reading, signing
from ercsheet.store.values import NotFound, Profile, RuleViolation, SupersededVersion

_Row = TypeVar("_Row", bound=models.Base)

# --- the assessor profile ---------------------------------------------------------------------


def set_profile(session: Session, profile: Profile) -> None:
    row = session.scalars(select(models.AssessorProfile)).first()
    if row is None:
        row = models.AssessorProfile()
        session.add(row)
    row.name, row.qualified = profile.name, profile.qualified
    row.assessor_number = profile.assessor_number


def set_pin(session: Session, pin: str | None, current: str | None) -> None:
    problems = signing.pin_problems(session, current)
    if problems:
        raise RuleViolation(problems)
    profile = session.scalars(select(models.AssessorProfile)).first()
    if profile is None:
        raise NotFound("Set up the assessor profile first.")
    profile.pin_hash = signing.hash_pin(pin) if pin else None


# --- candidates ---------------------------------------------------------------------------------


def add_candidate(session: Session, name: str, candidate_number: str, centre_number: str) -> int:
    row = models.Candidate(
        name=name.strip(),
        candidate_number=candidate_number.strip(),
        centre_number=centre_number.strip(),
    )
    session.add(row)
    session.flush()
    return row.id


def update_candidate(
    session: Session, candidate_id: int, name: str, candidate_number: str, centre_number: str
) -> None:
    row = get(session, models.Candidate, candidate_id)
    row.name, row.candidate_number = name.strip(), candidate_number.strip()
    row.centre_number = centre_number.strip()


# --- sheets -------------------------------------------------------------------------------------


def create_sheet(
    session: Session, candidate_id: int, unit: Unit, qualification: str, assessor: Person
) -> int:
    get(session, models.Candidate, candidate_id)
    sheet = models.Sheet(
        candidate_id=candidate_id,
        unit_id=unit.id,
        unit_snapshot=unit_to_json(unit),
        qualification=qualification,
        assessor_name=assessor.name,
        assessor_qualified=assessor.qualified,
    )
    session.add(sheet)
    session.flush()
    audit.append(session, sheet.id, assessor.name, "created", f"unit {unit.id}")
    return sheet.id


def delete_sheet(session: Session, sheet_id: int) -> None:
    session.delete(get(session, models.Sheet, sheet_id))


# --- evidence -----------------------------------------------------------------------------------


def add_evidence(
    session: Session, sheet_id: int, row: EvidenceRow, position: int | None, today: dt.date
) -> int:
    sheet = _editable_sheet(session, sheet_id)
    content = convert.sheet_content(sheet)
    _check_row(content, row, content.evidence, today)
    items = list(sheet.evidence)
    position = len(items) if position is None else max(0, min(position, len(items)))
    item = convert.evidence_item(row, position)
    items.insert(position, item)
    sheet.evidence = items
    _renumber(items)
    session.flush()
    return item.id


def evidence(session: Session, evidence_id: int) -> EvidenceRow:
    return convert.evidence_row(get(session, models.EvidenceItem, evidence_id))


def update_evidence(session: Session, evidence_id: int, row: EvidenceRow, today: dt.date) -> None:
    """Replace an item's fields and ticks with `row`'s."""
    item = get(session, models.EvidenceItem, evidence_id)
    sheet = _editable_sheet(session, item.sheet_id)
    content = convert.sheet_content(sheet)
    others = [convert.evidence_row(i) for i in sheet.evidence if i.id != evidence_id]
    _check_row(content, row, others, today)
    item.ref, item.ref_key = row.ref.strip(), convert.ref_key(row.ref)
    item.title, item.method, item.date, item.notes = (
        row.title,
        row.method.value,
        row.date,
        row.notes,
    )
    current = {t.criterion for t in item.ticks}
    item.ticks = [t for t in item.ticks if t.criterion in row.criteria] + [
        models.Tick(criterion=c) for c in sorted(row.criteria - current)
    ]


def set_tick(session: Session, evidence_id: int, criterion: str, covered: bool) -> None:
    # The most frequent edit: checked with three small queries, not by loading the sheet.
    found = session.execute(
        select(models.Sheet.id, models.Sheet.unit_snapshot)
        .join(models.EvidenceItem)
        .where(models.EvidenceItem.id == evidence_id)
    ).one_or_none()
    if found is None:
        raise NotFound(f"There is no evidence item {evidence_id}.")
    sheet_id, snapshot = found
    if _assessor_signed(session, sheet_id):
        raise RuleViolation([_locked_problem()])
    if criterion not in unit_from_json(snapshot).criterion_numbers:
        raise RuleViolation(
            [Problem(rules.Rule.UNKNOWN_CRITERION, f"This unit has no criterion {criterion}.")]
        )
    tick = session.get(models.Tick, (evidence_id, criterion))
    if covered and tick is None:
        session.add(models.Tick(evidence_id=evidence_id, criterion=criterion))
    elif not covered and tick is not None:
        session.delete(tick)
    session.execute(
        update(models.Sheet).where(models.Sheet.id == sheet_id).values(updated_at=models.utcnow())
    )


def delete_evidence(session: Session, evidence_id: int) -> tuple[int, EvidenceRow]:
    """Remove an item; returns its position and content so it can be put back (undo)."""
    item = get(session, models.EvidenceItem, evidence_id)
    sheet = _editable_sheet(session, item.sheet_id)
    position, row = item.position, convert.evidence_row(item)
    items = [i for i in sheet.evidence if i.id != evidence_id]
    session.delete(item)
    session.flush()
    _renumber(items)
    return position, row


def move_evidence(session: Session, evidence_id: int, new_position: int) -> None:
    item = get(session, models.EvidenceItem, evidence_id)
    sheet = _editable_sheet(session, item.sheet_id)
    items = [i for i in sheet.evidence if i.id != evidence_id]
    items.insert(max(0, min(new_position, len(items))), item)
    _renumber(items)


# --- signatures and signed records --------------------------------------------------------------


def add_signature(
    session: Session,
    sheet_id: int,
    signature: Signature,
    today: dt.date,
    pin: str | None,
    iv: Person | None,
) -> None:
    sheet = load_sheet(session, sheet_id)
    if iv is not None:
        if signature.role is not Role.IV:
            raise ValueError("only the internal verifier's signature records the IV")
        sheet.iv_name, sheet.iv_qualified = iv.name.strip(), iv.qualified
    content = convert.sheet_content(sheet)
    problems = rules.blocking(rules.check_signature(content, signature, today))
    if signature.role is Role.ASSESSOR:
        problems += signing.pin_problems(session, pin)
    if problems:
        raise RuleViolation(problems)
    sheet.signatures.append(convert.signature_record(signature))
    signing.seal(sheet)
    audit.append(
        session,
        sheet_id,
        signature.name,
        "signed",
        f"{signature.role.value} ({signature.kind.value}) dated {signature.date}"
        + (f"; record code {sheet.record_code}" if sheet.record_code else ""),
    )


def reopen(session: Session, sheet_id: int, reason: str, actor: str, pin: str | None) -> int:
    # Imported here: the exchange format's models load pydantic, which only this and viewing
    # a superseded version need.
    from ercsheet.store.exchange_format import sheet_to_dict

    problems = signing.pin_problems(session, pin)
    if problems:
        raise RuleViolation(problems)
    sheet = load_sheet(session, sheet_id)
    if sheet.record_code is None:
        raise RuleViolation(
            [Problem(rules.Rule.SIGNATURE_ORDER, "This sheet is not signed: edit it directly.")]
        )
    number = len(sheet.versions) + 1
    sheet.versions.append(
        models.SheetVersion(
            number=number,
            content=json.dumps(sheet_to_dict(convert.sheet_content(sheet)), ensure_ascii=False),
            record_code=sheet.record_code,
            superseded_by=actor,
            reason=reason.strip(),
        )
    )
    sheet.signatures.clear()
    sheet.record_code = None
    audit.append(
        session,
        sheet_id,
        actor,
        "reopened",
        f"signatures voided; version {number} "
        f"(record code {sheet.versions[-1].record_code}) kept; reason: {reason.strip()}",
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
    from ercsheet.store.exchange_format import SheetV1, content_of

    sheet = get(session, models.Sheet, sheet_id)
    version = next((v for v in sheet.versions if v.number == number), None)
    if version is None:
        raise NotFound(f"Sheet {sheet_id} has no superseded version {number}.")
    kept = SheetV1.model_validate_json(version.content)
    return content_of(kept, convert.unit_of(sheet))


def check_records(session: Session) -> list[signing.RecordCheck]:
    """Every sheet whose signed record does not verify (tampering, a broken audit trail).

    Read in bulk (a centre's store has tens of thousands of sheets): every audit event in
    one pass, the sheets' codes as columns, and the content only of sheets with a code."""
    trails: dict[int, list[AuditEntry]] = defaultdict(list)
    events = select(models.AuditEvent).where(models.AuditEvent.sheet_id.is_not(None))
    for event in session.scalars(events.order_by(models.AuditEvent.id)):
        trails[event.sheet_id or 0].append(audit.entry(event))
    signed = set(
        session.scalars(
            select(models.SignatureRecord.sheet_id).where(
                models.SignatureRecord.role == Role.ASSESSOR.value
            )
        )
    )
    sheets = session.execute(
        select(
            models.Sheet.id,
            models.Sheet.record_code,
            models.Sheet.audit_head,
            models.Sheet.unit_id,
            models.Candidate.name,
        ).join(models.Candidate)
    ).all()
    found = []
    for sheet in sheets:
        problem = signing.check_record_parts(
            sheet.id in signed,
            sheet.record_code,
            sheet.audit_head,
            functools.partial(_content, session, sheet.id),
            trails.get(sheet.id, []),
        )
        if problem:
            found.append(signing.RecordCheck(sheet.id, sheet.name, sheet.unit_id, problem))
    return found


def check_record(session: Session, sheet_id: int) -> str | None:
    sheet = get(session, models.Sheet, sheet_id)
    return signing.check_sheet_record(
        sheet, session, functools.partial(_content, session, sheet_id)
    )


def _content(session: Session, sheet_id: int) -> SheetContent:
    return reading.read_sheet(driver(session), sheet_id)[0]


# --- helpers ------------------------------------------------------------------------------------


def driver(session: Session) -> sqlite3.Connection:
    """The session's own DB-API connection, for reading.py's plain queries; the session's
    pending changes are flushed to it first, so they are read too."""
    session.flush()
    # sqlite3's, or sqlcipher3's for an encrypted store: the same DB-API.
    return cast(sqlite3.Connection, session.connection().connection.driver_connection)


def load_sheet(session: Session, sheet_id: int) -> models.Sheet:
    sheet = session.scalars(
        select(models.Sheet)
        .where(models.Sheet.id == sheet_id)
        .options(
            selectinload(models.Sheet.candidate),
            selectinload(models.Sheet.evidence).selectinload(models.EvidenceItem.ticks),
            selectinload(models.Sheet.signatures),
        )
    ).first()
    if sheet is None:
        raise NotFound(f"There is no sheet {sheet_id}.")
    return sheet


def get(session: Session, model: type[_Row], key: int) -> _Row:
    row = session.get(model, key)
    if row is None:
        raise NotFound(f"There is no {getattr(model, '__tablename__', 'row')} {key}.")
    return row


def _check_row(
    content: SheetContent, row: EvidenceRow, others: Sequence[EvidenceRow], today: dt.date
) -> None:
    problems = rules.blocking(rules.check_evidence_row(content.unit, row, others, today))
    if problems:
        raise RuleViolation(problems)


def _renumber(items: Sequence[models.EvidenceItem]) -> None:
    for index, item in enumerate(items):
        item.position = index


def _editable_sheet(session: Session, sheet_id: int) -> models.Sheet:
    sheet = load_sheet(session, sheet_id)
    if any(s.role == Role.ASSESSOR for s in sheet.signatures):
        raise RuleViolation([_locked_problem()])
    sheet.updated_at = models.utcnow()
    return sheet


def _assessor_signed(session: Session, sheet_id: int) -> bool:
    return (
        session.scalar(
            select(models.SignatureRecord.id).where(
                models.SignatureRecord.sheet_id == sheet_id,
                models.SignatureRecord.role == Role.ASSESSOR.value,
            )
        )
        is not None
    )


def _locked_problem() -> Problem:
    return Problem(
        rules.Rule.SIGNATURE_ORDER,
        "This sheet is signed by the assessor and locked: reopen it to change it "
        "(this voids the signatures).",
    )
