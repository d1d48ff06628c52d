"""The store's changes to candidates, sheets and evidence, as functions of a transaction.

This is the store's SQLAlchemy half: Store (store.py) loads it on the first change, so the
window can show an assessor their candidates before SQLAlchemy's import has even begun. Every
function runs inside the transaction the Store gives it (tx.py), applies the domain's rules,
and appends its audit event saying who, when and what (old → new): all committed, or none.
Signing, reopening and checking records are in sign_operations.py and checking.py.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar, cast

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.snapshot import unit_from_json, unit_to_json
from ercsheet.domain import rules
from ercsheet.domain.audit import Change
from ercsheet.domain.dates import uk
from ercsheet.domain.names import normalise
from ercsheet.domain.rules import Problem
from ercsheet.domain.sheet import EvidenceRow, Person, SheetContent
from ercsheet.domain.text import unsafe_text_problem
from ercsheet.domain.vocabulary import Role
from ercsheet.store import convert, keys, models, signing
from ercsheet.store.tx import Tx
from ercsheet.store.values import NotFound, Profile, RuleViolation

_Row = TypeVar("_Row", bound=models.Base)

# --- the assessor profile ---------------------------------------------------------------------


def set_profile(tx: Tx, profile: Profile) -> None:
    row = tx.session.scalars(select(models.AssessorProfile)).first()
    old = Profile(row.name, row.qualified, row.assessor_number) if row else None
    if row is None:
        row = models.AssessorProfile(pin_hash=None)
        tx.session.add(row)
    require_safe(("The name", profile.name), ("The assessor number", profile.assessor_number))
    row.name, row.qualified = normalise(profile.name), profile.qualified
    row.assessor_number = normalise(profile.assessor_number)
    changes = _diff(
        [
            ("name", old.name if old else "", row.name),
            ("qualified", _yes(old.qualified) if old else "", _yes(row.qualified)),
            ("assessor number", old.assessor_number if old else "", row.assessor_number),
        ]
    )
    if changes:
        tx.log("assessor profile " + ("changed" if old else "set"), changes=changes)


def set_pin(tx: Tx, pin: str, current: str | None) -> None:
    """Set or change the PIN; the signing key is kept under it (made with the first PIN)."""
    problems = signing.pin_problems(tx.session, current)
    if problems:
        raise RuleViolation(problems)
    profile = tx.session.scalars(select(models.AssessorProfile)).first()
    if profile is None:
        raise NotFound("Set up the assessor profile first.")
    stored = signing.own_key(tx.session)
    had_pin = bool(profile.pin_hash)
    key: keys.UnlockedKey | None = None
    if stored is not None and current is not None:
        key = signing.unlock(tx, current)
        stored.private_sealed = keys.relock(key, pin).private_sealed
    elif stored is None:
        key = signing.create_key(tx, pin, profile.name)
    profile.pin_hash = signing.hash_pin(pin)
    tx.log("PIN " + ("changed" if had_pin else "set"), key=key)


# --- the file as a whole -----------------------------------------------------------------------


def note_restored(tx: Tx, source: Path, kept: Path | None, digest: str = "") -> None:
    """`digest`: the backup's SHA-256 as it was restored (read now when not given)."""
    if not digest and source.is_file():
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
    tx.log(
        "restored from a backup",
        "events made after the backup are in the database kept aside" if kept else "",
        changes=_diff(
            [
                ("backup", "", source.name),
                ("SHA-256", "", digest),
                ("database as it was, kept in", "", kept.name if kept else ""),
            ]
        ),
    )


def note_encryption(tx: Tx, before: bool, after: bool) -> None:
    what = {
        (False, True): "encrypted with a passphrase",
        (True, True): "passphrase changed",
        (True, False): "encryption removed",
        (False, False): "left unencrypted",
    }[(before, after)]
    tx.log("database " + what)


# --- candidates ---------------------------------------------------------------------------------


def add_candidate(tx: Tx, name: str, candidate_number: str, centre_number: str) -> int:
    _candidate_text(name, candidate_number, centre_number)
    row = models.Candidate(
        name=normalise(name),
        candidate_number=normalise(candidate_number),
        centre_number=normalise(centre_number),
        created_at=tx.now(),
    )
    _require_name(row.name)
    tx.session.add(row)
    tx.session.flush()
    tx.log(
        "candidate added",
        candidate_id=row.id,
        changes=_diff(
            [
                ("name", "", row.name),
                ("candidate number", "", row.candidate_number),
                ("centre number", "", row.centre_number),
            ]
        ),
    )
    return row.id


def _candidate_text(name: str, candidate_number: str, centre_number: str) -> None:
    require_safe(
        ("The candidate's name", name),
        ("The candidate number", candidate_number),
        ("The centre number", centre_number),
    )


def signed_sheet_count(session: Session, candidate_id: int) -> int:
    """How many of the candidate's sheets are signed (they keep the details they were signed
    with when the candidate's details are corrected)."""
    return len(
        session.scalars(
            select(models.Sheet.id).where(
                models.Sheet.candidate_id == candidate_id, models.Sheet.record_code.is_not(None)
            )
        ).all()
    )


def update_candidate(
    tx: Tx, candidate_id: int, name: str, candidate_number: str, centre_number: str
) -> None:
    row = get(tx.session, models.Candidate, candidate_id)
    _candidate_text(name, candidate_number, centre_number)
    new = (normalise(name), normalise(candidate_number), normalise(centre_number))
    _require_name(new[0])
    changes = _diff(
        [
            ("name", row.name, new[0]),
            ("candidate number", row.candidate_number, new[1]),
            ("centre number", row.centre_number, new[2]),
        ]
    )
    if not changes:
        return
    row.name, row.candidate_number, row.centre_number = new
    signed = signed_sheet_count(tx.session, candidate_id)
    tx.log(
        "candidate details corrected",
        f"{signed} signed sheet(s) keep the details they were signed with; drafts follow"
        if signed
        else "",
        candidate_id=candidate_id,
        changes=changes,
    )


def _require_name(name: str) -> None:
    if not name:
        raise RuleViolation([Problem(rules.Rule.REQUIRED_FIELD, "A candidate needs a name.")])


def require_safe(*fields: tuple[str, str]) -> None:
    """Names, numbers and titles with control or direction characters are refused on entry,
    whichever way they come in (domain.text): they could display as something they are not."""
    problems = [
        problem
        for subject, value in fields
        if (problem := unsafe_text_problem("", value, subject=subject)) is not None
    ]
    if problems:
        raise RuleViolation(problems)


# --- sheets -------------------------------------------------------------------------------------


def create_sheet(
    tx: Tx, candidate_id: int, unit: Unit, qualification: str, assessor: Person
) -> int:
    get(tx.session, models.Candidate, candidate_id)
    require_safe(("The assessor's name", assessor.name), ("The qualification", qualification))
    if not normalise(assessor.name):
        raise RuleViolation(
            [
                Problem(
                    rules.Rule.REQUIRED_FIELD,
                    "A sheet needs its assessor: set up the assessor profile first.",
                )
            ]
        )
    now = tx.now()
    sheet = models.Sheet(
        candidate_id=candidate_id,
        unit_id=unit.id,
        unit_snapshot=unit_to_json(unit),
        qualification=qualification,
        assessor_name=normalise(assessor.name),
        assessor_qualified=assessor.qualified,
        created_at=now,
        updated_at=now,
    )
    tx.session.add(sheet)
    tx.session.flush()
    tx.log(
        "sheet created",
        sheet_id=sheet.id,
        candidate_id=candidate_id,
        changes=_diff(
            [
                ("unit", "", unit.id),
                ("qualification", "", qualification),
                ("assessor", "", f"{sheet.assessor_name} ({_qualified(assessor.qualified)})"),
            ]
        ),
    )
    return sheet.id


def delete_sheet(tx: Tx, sheet_id: int, pin: str | None) -> None:
    """Delete a sheet; one that is signed or keeps signed versions needs the assessor's PIN."""
    sheet = load_sheet(tx.session, sheet_id)
    codes = [v.record_code for v in sheet.versions]
    if sheet.record_code:
        codes.append(sheet.record_code)
    key = signing.unlock(tx, pin) if codes else None
    tx.session.delete(sheet)
    tx.log(
        "sheet deleted",
        sheet_id=sheet_id,
        candidate_id=sheet.candidate_id,
        changes=[Change("unit", sheet.unit_id, "")]
        + [Change("record code", code, "") for code in codes],
        key=key,
    )


# --- evidence -----------------------------------------------------------------------------------


def add_evidence(tx: Tx, sheet_id: int, row: EvidenceRow, position: int | None) -> int:
    sheet = _editable_sheet(tx, sheet_id)
    content = convert.sheet_content(sheet)
    _check_row(tx, content, row, content.evidence)
    items = list(sheet.evidence)
    position = len(items) if position is None else max(0, min(position, len(items)))
    item = convert.evidence_item(row, position)
    items.insert(position, item)
    sheet.evidence = items
    _renumber(items)
    tx.session.flush()
    _evidence_changed(
        tx, sheet, "evidence added", item.ref, _row_changes(None, convert.evidence_row(item))
    )
    return item.id


def evidence(session: Session, evidence_id: int) -> EvidenceRow:
    return convert.evidence_row(get(session, models.EvidenceItem, evidence_id))


def update_evidence(tx: Tx, evidence_id: int, row: EvidenceRow) -> None:
    """Replace an item's fields and ticks with `row`'s."""
    item = get(tx.session, models.EvidenceItem, evidence_id)
    sheet = _editable_sheet(tx, item.sheet_id)
    content = convert.sheet_content(sheet)
    old = convert.evidence_row(item)
    others = [convert.evidence_row(i) for i in sheet.evidence if i.id != evidence_id]
    _check_row(tx, content, row, others)
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
    changes = _row_changes(old, convert.evidence_row(item))
    if changes:
        _evidence_changed(tx, sheet, "evidence edited", old.ref, changes)


def set_tick(tx: Tx, evidence_id: int, criterion: str, covered: bool) -> None:
    # The most frequent edit: checked with a few small queries, not by loading the sheet.
    session = tx.session
    found = session.execute(
        select(models.Sheet.id, models.Sheet.unit_snapshot, models.EvidenceItem.ref)
        .join(models.EvidenceItem)
        .where(models.EvidenceItem.id == evidence_id)
    ).one_or_none()
    if found is None:
        raise NotFound(f"There is no evidence item {evidence_id}.")
    sheet_id, snapshot, ref = found
    signed = session.scalars(
        select(models.SignatureRecord).where(models.SignatureRecord.sheet_id == sheet_id)
    ).all()
    if any(s.role == Role.ASSESSOR for s in signed):
        raise RuleViolation([_locked_problem()])
    if criterion not in unit_from_json(snapshot).criterion_numbers:
        raise RuleViolation(
            [Problem(rules.Rule.UNKNOWN_CRITERION, f"This unit has no criterion {criterion}.")]
        )
    tick = session.get(models.Tick, (evidence_id, criterion))
    if covered == (tick is not None):
        return
    if covered:
        session.add(models.Tick(evidence_id=evidence_id, criterion=criterion))
    else:
        session.delete(tick)
    sheet = session.get(models.Sheet, sheet_id)
    assert sheet is not None
    sheet.updated_at = tx.now()
    change = Change(f"{ref} × {criterion}", *(("", "ticked") if covered else ("ticked", "")))
    _log_evidence(tx, sheet, "tick set" if covered else "tick cleared", ref, [change])
    _void_earlier_signatures(tx, sheet, signed)


def delete_evidence(tx: Tx, evidence_id: int) -> tuple[int, EvidenceRow]:
    """Remove an item; returns its position and content so it can be put back (undo)."""
    item = get(tx.session, models.EvidenceItem, evidence_id)
    sheet = _editable_sheet(tx, item.sheet_id)
    position, row = item.position, convert.evidence_row(item)
    items = [i for i in sheet.evidence if i.id != evidence_id]
    tx.session.delete(item)
    tx.session.flush()
    _renumber(items)
    _evidence_changed(tx, sheet, "evidence deleted", row.ref, _row_changes(row, None))
    return position, row


def move_evidence(tx: Tx, evidence_id: int, new_position: int) -> None:
    item = get(tx.session, models.EvidenceItem, evidence_id)
    sheet = _editable_sheet(tx, item.sheet_id)
    old = item.position
    items = [i for i in sheet.evidence if i.id != evidence_id]
    items.insert(max(0, min(new_position, len(items))), item)
    _renumber(items)
    if item.position != old:
        change = Change(f"row of {item.ref}", str(old + 1), str(item.position + 1))
        _evidence_changed(tx, sheet, "evidence moved", item.ref, [change])


# --- what every change of evidence does -----------------------------------------------------------


def _evidence_changed(
    tx: Tx, sheet: models.Sheet, action: str, ref: str, changes: Sequence[Change]
) -> None:
    _log_evidence(tx, sheet, action, ref, changes)
    _void_earlier_signatures(tx, sheet, list(sheet.signatures))


def _log_evidence(
    tx: Tx, sheet: models.Sheet, action: str, ref: str, changes: Sequence[Change]
) -> None:
    tx.log(action, ref, sheet_id=sheet.id, candidate_id=sheet.candidate_id, changes=changes)


def _void_earlier_signatures(
    tx: Tx, sheet: models.Sheet, signatures: Sequence[models.SignatureRecord]
) -> None:
    """The candidate and the line manager signed the evidence as it was: a change to it
    removes their signatures (each an audit event), so no declaration stands over evidence
    its signer never saw."""
    for record in signatures:
        tx.session.delete(record)
        tx.log(
            "signature voided",
            "the evidence changed after they signed: they sign again",
            sheet_id=sheet.id,
            candidate_id=sheet.candidate_id,
            changes=[
                Change(Role(record.role).label, f"{record.name}, {uk(record.date)}", ""),
            ],
        )
    if signatures:
        tx.session.flush()
        tx.session.expire(sheet, ["signatures"])


def _row_changes(old: EvidenceRow | None, new: EvidenceRow | None) -> list[Change]:
    def fields(row: EvidenceRow | None) -> list[str]:
        if row is None:
            return ["", "", "", "", "", ""]
        return [
            row.ref,
            row.title,
            row.method.label,
            uk(row.date),
            ", ".join(sorted(row.criteria, key=_criterion_order)),
            row.notes,
        ]

    names = ["reference", "title", "method", "date", "criteria", "notes"]
    changes = _diff(list(zip(names, fields(old), fields(new), strict=True)))
    if old is not None and new is not None:
        # Ticks are said one by one: "1.2 ticked", "2.1 cleared".
        changes = [c for c in changes if c.what != "criteria"]
        ref = new.ref
        changes += [
            Change(f"{ref} × {c}", "", "ticked") for c in sorted(new.criteria - old.criteria)
        ]
        changes += [
            Change(f"{ref} × {c}", "ticked", "") for c in sorted(old.criteria - new.criteria)
        ]
    return changes


def _criterion_order(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split(".") if part.isdigit())


def _diff(fields: Sequence[tuple[str, str, str]]) -> list[Change]:
    return [Change(what, old, new) for what, old, new in fields if old != new]


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _qualified(value: bool) -> str:
    return "qualified" if value else "not qualified"


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
            selectinload(models.Sheet.addenda),
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
    tx: Tx, content: SheetContent, row: EvidenceRow, others: Sequence[EvidenceRow]
) -> None:
    problems = rules.blocking(rules.check_evidence_row(content.unit, row, others, tx.today()))
    if problems:
        raise RuleViolation(problems)


def _renumber(items: Sequence[models.EvidenceItem]) -> None:
    for index, item in enumerate(items):
        item.position = index


def _editable_sheet(tx: Tx, sheet_id: int) -> models.Sheet:
    sheet = load_sheet(tx.session, sheet_id)
    if any(s.role == Role.ASSESSOR for s in sheet.signatures):
        raise RuleViolation([_locked_problem()])
    sheet.updated_at = tx.now()
    return sheet


def _locked_problem() -> Problem:
    return Problem(
        rules.Rule.SIGNATURE_ORDER,
        "This sheet is signed by the assessor and locked: reopen it to change it "
        "(this voids the signatures).",
    )
