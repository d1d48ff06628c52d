"""The assessor's PIN and signing key, the seal, and addenda (operations' helpers)."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ercsheet.domain import rules
from ercsheet.domain.audit import Change
from ercsheet.domain.rules import Problem, Rule
from ercsheet.domain.seal import Addendum, Seal, addendum_from_row, make_addendum, seal
from ercsheet.domain.sheet import Person, SheetContent, Signature
from ercsheet.store import convert, keys, models
from ercsheet.store.tx import Tx
from ercsheet.store.values import RuleViolation

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


WRONG_PIN = Problem(
    Rule.ASSESSOR_PIN,
    "The assessor's PIN is not right. Only the assessor can sign as assessor, add a signature "
    "to a signed sheet, or reopen or delete a signed sheet.",
)
NO_PIN = Problem(
    Rule.ASSESSOR_PIN,
    "Set your PIN first (Assessor → PIN…): signing as assessor needs it, and it keeps "
    "the key that seals your signed sheets.",
)


def pin_problems(session: Session, pin: str | None) -> list[Problem]:
    """Whether `pin` is the profile's PIN (no PIN set: nothing to check)."""
    profile = session.scalars(select(models.AssessorProfile)).first()
    if profile is None or not profile.pin_hash:
        return []
    if pin is None or not pin_matches(pin, profile.pin_hash):
        return [WRONG_PIN]
    return []


def own_key(session: Session) -> models.SigningKey | None:
    return session.scalars(
        select(models.SigningKey).where(models.SigningKey.private_sealed.is_not(None)).limit(1)
    ).first()


def unlock(tx: Tx, pin: str | None) -> keys.UnlockedKey:
    """The assessor's key, unlocked by their PIN; RuleViolation when it cannot be.

    A store whose PIN was set before signing keys existed gets its key now, under that PIN."""
    profile = tx.session.scalars(select(models.AssessorProfile)).first()
    if profile is None or not profile.pin_hash:
        raise RuleViolation([NO_PIN])
    if pin is None or not pin_matches(pin, profile.pin_hash):
        raise RuleViolation([WRONG_PIN])
    stored = own_key(tx.session)
    if stored is None:
        return create_key(tx, pin, profile.name)
    try:
        return keys.unlock(keys.LockedKey(stored.public_key, stored.private_sealed or ""), pin)
    except keys.WrongPin:
        raise RuleViolation([WRONG_PIN]) from None


def create_key(tx: Tx, pin: str, owner: str) -> keys.UnlockedKey:
    locked, unlocked = keys.new_key(pin)
    keep_key(tx, locked.public_hex, owner, locked.private_sealed)
    tx.log(
        "signing key created",
        "the assessor's key that seals signed sheets, kept under their PIN",
        changes=[keys_change(locked.fingerprint)],
        key=unlocked,
    )
    return unlocked


def keep_key(tx: Tx, public_hex: str, owner: str, private_sealed: str | None = None) -> None:
    """Keep a public key (and, for the assessor's own, its private half sealed by the PIN)."""
    fingerprint = keys.fingerprint(public_hex)
    if tx.session.get(models.SigningKey, fingerprint) is None:
        tx.session.add(
            models.SigningKey(
                fingerprint=fingerprint,
                public_key=public_hex,
                private_sealed=private_sealed,
                owner=owner,
                created_at=tx.now(),
            )
        )


def keys_change(fingerprint: str) -> Change:
    return Change("signing key", "", keys.grouped(fingerprint))


def public_key(session: Session, fingerprint: str) -> str | None:
    found = session.get(models.SigningKey, fingerprint)
    return found.public_key if found else None


# --- the seal and addenda ----------------------------------------------------------------------


def sheet_seal(sheet: models.Sheet) -> Seal | None:
    if sheet.seal is None or sheet.record_code is None:
        return None
    return Seal(sheet.seal, sheet.record_code)


def seal_sheet(sheet: models.Sheet, content: SheetContent, key: keys.UnlockedKey | None) -> Seal:
    """Freeze what the assessor signed: its text, its code and (with a key) its signature."""
    sealed = seal(content)
    sheet.seal, sheet.record_code = sealed.text, sealed.code
    if key is not None:
        sheet.seal_key, sheet.seal_signature = key.fingerprint, key.sign(keys.SEAL, sealed.code)
    return sealed


def addenda(sheet: models.Sheet, version: int | None = None) -> list[Addendum]:
    return [addendum(row) for row in sheet.addenda if row.version == version]


def addendum(row: models.Addendum) -> Addendum:
    return addendum_from_row(
        row.number, row.record_code, row.prev_hash, row.body, row.hash, row.key, row.key_signature
    )


def add_addendum(
    sheet: models.Sheet, signature: Signature, iv: Person | None, key: keys.UnlockedKey
) -> Addendum:
    assert sheet.record_code is not None
    made = make_addendum(addenda(sheet), sheet.record_code, signature, iv)
    signed = replace(made, key=key.fingerprint, key_signature=key.sign(keys.ADDENDUM, made.hash))
    sheet.addenda.append(addendum_row(signed))
    return signed


def addendum_row(addendum: Addendum) -> models.Addendum:
    """An addendum as the store keeps it (of the sheet's current seal)."""
    return models.Addendum(
        version=None,
        number=addendum.number,
        record_code=addendum.code,
        prev_hash=addendum.prev,
        body=json.dumps(addendum.body, ensure_ascii=False),
        hash=addendum.hash,
        key=addendum.key,
        key_signature=addendum.key_signature,
    )


def signature_problems(content: SheetContent, signature: Signature, tx: Tx) -> list[Problem]:
    return rules.blocking(rules.check_signature(content, signature, tx.today()))


def signed_content(sheet: models.Sheet) -> SheetContent:
    """The sheet as the domain sees it: a sealed sheet names the candidate as they were."""
    content = convert.sheet_content(sheet)
    sealed = sheet_seal(sheet)
    return replace(content, candidate=sealed.candidate) if sealed else content
