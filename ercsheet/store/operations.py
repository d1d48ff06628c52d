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
from ercsheet.catalogue.snapshot import unit_to_json
from ercsheet.domain import form_rules, rules
from ercsheet.domain.audit import Change
from ercsheet.domain.names import normalise
from ercsheet.domain.rules import Problem
from ercsheet.domain.sheet import Person
from ercsheet.domain.text import unsafe_text_problem
from ercsheet.store import keys, models, signing
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
    changes = diff(
        [
            ("name", old.name if old else "", row.name),
            ("qualified", _yes(old.qualified) if old else "", _yes(row.qualified)),
            ("assessor number", old.assessor_number if old else "", row.assessor_number),
        ]
    )
    if changes:
        tx.log("assessor profile " + ("changed" if old else "set"), changes=changes)
    if old is not None:
        _drafts_follow_the_profile(tx, old, row)


def _drafts_follow_the_profile(tx: Tx, old: Profile, row: models.AssessorProfile) -> None:
    """The assessor's draft sheets name them as the profile now does, as a candidate's drafts
    follow a correction of the candidate: a trainee who set "qualified" by mistake on the first
    run, and corrected it, found their draft still asking for a countersignature. Signed sheets
    keep the assessor they were signed by (the seal); sheets of other assessors (imported) are
    theirs."""
    if (old.name, old.qualified) == (row.name, row.qualified):
        return
    drafts = tx.session.scalars(
        select(models.Sheet).where(
            models.Sheet.record_code.is_(None), models.Sheet.assessor_name == old.name
        )
    )
    for sheet in drafts:
        changes = diff(
            [
                ("assessor", sheet.assessor_name, row.name),
                ("assessor qualified", _yes(sheet.assessor_qualified), _yes(row.qualified)),
            ]
        )
        sheet.assessor_name, sheet.assessor_qualified = row.name, row.qualified
        tx.log(
            "sheet's assessor corrected",
            "a draft follows the assessor profile",
            sheet_id=sheet.id,
            candidate_id=sheet.candidate_id,
            changes=changes,
        )


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
        changes=diff(
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
    _require_candidate(name, candidate_number, centre_number)
    row = models.Candidate(
        name=normalise(name),
        candidate_number=normalise(candidate_number),
        centre_number=normalise(centre_number),
        created_at=tx.now(),
    )
    tx.session.add(row)
    tx.session.flush()
    tx.log(
        "candidate added",
        candidate_id=row.id,
        changes=diff(
            [
                ("name", "", row.name),
                ("candidate number", "", row.candidate_number),
                ("centre number", "", row.centre_number),
            ]
        ),
    )
    return row.id


def _require_candidate(name: str, candidate_number: str, centre_number: str) -> None:
    problems = form_rules.candidate_problems(name, candidate_number, centre_number)
    if problems:
        raise RuleViolation(problems)


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
    _require_candidate(name, candidate_number, centre_number)
    new = (normalise(name), normalise(candidate_number), normalise(centre_number))
    changes = diff(
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
        _signed_sheets_keep(signed) if signed else "",
        candidate_id=candidate_id,
        changes=changes,
    )


def _signed_sheets_keep(count: int) -> str:
    sheets = "1 signed sheet keeps" if count == 1 else f"{count} signed sheets keep"
    return f"{sheets} the details they were signed with; drafts follow"


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
    tx: Tx,
    candidate_id: int,
    unit: Unit,
    qualification: str,
    assessor: Person,
    registration_id: int | None = None,
) -> int:
    """A draft sheet of the unit (`registration_id`: a unit of that registration's choice)."""
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
        registration_id=registration_id,
        created_at=now,
        updated_at=now,
    )
    tx.session.add(sheet)
    tx.session.flush()
    tx.log(
        "sheet created",
        sheet_id=sheet.id,
        candidate_id=candidate_id,
        changes=diff(
            [
                ("unit", "", unit.id),
                ("qualification", "", qualification),
                ("assessor", "", f"{sheet.assessor_name} ({_qualified(assessor.qualified)})"),
            ]
        ),
    )
    return sheet.id


def delete_sheet(tx: Tx, sheet_id: int, pin: str | None) -> None:
    """Delete a sheet; one that is signed or keeps signed versions needs the assessor's PIN.
    Its evidence items stay in the candidate's library: they are the candidate's, and may hold
    where the evidence is kept (a row deleted from a sheet is what takes an unused item)."""
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


def diff(fields: Sequence[tuple[str, str, str]]) -> list[Change]:
    return [Change(what, old, new) for what, old, new in fields if old != new]


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _qualified(value: bool) -> str:
    return "qualified" if value else "not qualified"
