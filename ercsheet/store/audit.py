"""Appending to and reading the store's one audit chain (domain.audit)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ercsheet.domain.audit import (
    AuditEntry,
    Change,
    chain_entry,
    changes_json,
    timestamp,
)
from ercsheet.store import keys, models, reading


def append(
    session: Session,
    now: dt.datetime,
    actor: str,
    action: str,
    detail: str = "",
    *,
    sheet_id: int | None = None,
    candidate_id: int | None = None,
    changes: Sequence[Change] = (),
    key: keys.UnlockedKey | None = None,
) -> models.AuditEvent:
    """Chain an event to the store's last one (the caller's transaction holds both).

    Signed with `key`, the event becomes the chain's anchor: everything up to it is then
    covered by the assessor's signature."""
    session.flush()
    last = session.scalars(
        select(models.AuditEvent.hash).order_by(models.AuditEvent.id.desc()).limit(1)
    ).first()
    new = chain_entry(
        last,
        timestamp(now),
        actor,
        action,
        detail,
        sheet_id=sheet_id,
        candidate_id=candidate_id,
        changes=changes,
    )
    event = models.AuditEvent(
        at=new.at,
        action=action,
        sheet_id=sheet_id,
        candidate_id=candidate_id,
        actor=actor,
        detail=detail,
        changes=changes_json(changes),
        payload_hash=new.payload_hash,
        erased=False,
        prev_hash=new.prev_hash,
        hash=new.hash,
    )
    session.add(event)
    if key is not None:
        event.key, event.key_signature = key.fingerprint, key.sign(keys.EVENT, new.hash)
        session.flush()
        anchor = session.get(models.AuditAnchor, 1) or models.AuditAnchor(id=1)
        anchor.event_id, anchor.hash = event.id, event.hash
        anchor.key, anchor.signature = event.key, event.key_signature
        session.add(anchor)
    return event


def trail(
    session: Session, sheet_id: int | None = None, candidate_id: int | None = None
) -> list[AuditEntry]:
    """A sheet's events, a candidate's, or (neither given) the whole chain, oldest first."""
    from ercsheet.store.operations import driver

    return reading.audit_events(driver(session), sheet_id, candidate_id)
