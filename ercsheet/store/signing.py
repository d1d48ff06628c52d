"""Signing records: the assessor's PIN, the record code, reopening, and checking records."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ercsheet.domain import audit as audit_chain
from ercsheet.domain.audit import AuditEntry
from ercsheet.domain.record import normalise_typed_code, record_code
from ercsheet.domain.rules import Problem, Rule
from ercsheet.domain.sheet import SheetContent
from ercsheet.domain.vocabulary import Role
from ercsheet.store import audit, convert, models

# scrypt parameters: about 50 ms on a laptop, enough to make guessing a stolen file's PIN slow.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        _scheme, salt, digest = stored.split("$")
    except ValueError:
        return False
    candidate = hashlib.scrypt(pin.encode("utf-8"), salt=bytes.fromhex(salt), **_SCRYPT)
    return hmac.compare_digest(candidate.hex(), digest)


def pin_problems(session: Session, pin: str | None) -> list[Problem]:
    """Signing as assessor (or reopening) needs the profile's PIN, when one is set."""
    profile = session.scalars(select(models.AssessorProfile)).first()
    if profile is None or not profile.pin_hash:
        return []
    if pin is None or not pin_matches(pin, profile.pin_hash):
        return [
            Problem(
                Rule.ASSESSOR_PIN,
                "The assessor's PIN or passphrase is not right: only the assessor can sign "
                "as assessor or reopen a signed sheet.",
            )
        ]
    return []


def seal(sheet: models.Sheet) -> None:
    """Once the assessor has signed, the record code covers everything signed so far."""
    signed = any(s.role == Role.ASSESSOR for s in sheet.signatures)
    sheet.record_code = record_code(convert.sheet_content(sheet)) if signed else None


@dataclass(frozen=True)
class RecordCheck:
    sheet_id: int
    candidate_name: str
    unit_id: str
    problem: str


def check_sheet_record(
    sheet: models.Sheet, session: Session, content: Callable[[], SheetContent]
) -> str | None:
    """What is wrong with a sheet's record, or None when its code and audit trail verify.

    `content` reads the sheet's content: asked for only when the sheet has a record code."""
    signed = any(s.role == Role.ASSESSOR for s in sheet.signatures)
    trail = audit.trail(session, sheet.id)
    return check_record_parts(signed, sheet.record_code, sheet.audit_head, content, trail)


def check_record_parts(
    signed: bool,
    code: str | None,
    audit_head: str | None,
    content: Callable[[], SheetContent],
    trail: list[AuditEntry],
) -> str | None:
    if signed and not code:
        return "signed by the assessor but has no record code"
    if code and not signed:
        return "has a record code but no assessor signature"
    if code and record_code(content()) != code:
        return (
            f"its content no longer matches its record code {code[:12]}…: "
            "it was changed after signing, outside ercsheet"
        )
    broken = audit_chain.first_broken(trail)
    if broken is not None:
        return f"its audit trail was altered (event {broken + 1} does not verify)"
    if (trail[-1].hash if trail else None) != audit_head:
        return "its audit trail was altered (its latest events were removed)"
    return None


def find_versions_by_code(session: Session, typed: str) -> list[tuple[int, int | None]]:
    """(sheet id, superseded version number or None for the current one) whose code starts so."""
    prefix = normalise_typed_code(typed)
    if len(prefix) < 8:
        return []
    found: list[tuple[int, int | None]] = [
        (sheet_id, None)
        for sheet_id in session.scalars(
            select(models.Sheet.id).where(models.Sheet.record_code.startswith(prefix))
        )
    ]
    found += [
        (version.sheet_id, version.number)
        for version in session.scalars(
            select(models.SheetVersion).where(models.SheetVersion.record_code.startswith(prefix))
        )
    ]
    return found


def version_content(version: models.SheetVersion) -> dict[str, object]:
    data: dict[str, object] = json.loads(version.content)
    return data
