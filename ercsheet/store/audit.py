"""Appending to and reading the hash-chained audit trail of a sheet."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from ercsheet.domain.audit import AuditEntry, chain_entry
from ercsheet.store import models


def entry(event: models.AuditEvent) -> AuditEntry:
    return AuditEntry(
        event.at.isoformat(), event.actor, event.action, event.detail, event.prev_hash, event.hash
    )


def _events(sheet_id: int | None) -> Select[Any]:
    condition = (
        models.AuditEvent.sheet_id.is_(None)
        if sheet_id is None
        else models.AuditEvent.sheet_id == sheet_id
    )
    return select(models.AuditEvent).where(condition).order_by(models.AuditEvent.id)


def append(
    session: Session, sheet_id: int | None, actor: str, action: str, detail: str = ""
) -> None:
    """Add an event chained to the sheet's last one (the session's transaction holds both)."""
    session.flush()
    last = session.scalars(
        _events(sheet_id).order_by(None).order_by(models.AuditEvent.id.desc())
    ).first()
    at = models.utcnow()
    new = chain_entry(entry(last) if last else None, at.isoformat(), actor, action, detail)
    if sheet_id is not None:
        session.execute(
            update(models.Sheet).where(models.Sheet.id == sheet_id).values(audit_head=new.hash)
        )
    session.add(
        models.AuditEvent(
            sheet_id=sheet_id,
            at=at,
            actor=actor,
            action=action,
            detail=detail,
            prev_hash=new.prev_hash,
            hash=new.hash,
        )
    )


def trail(session: Session, sheet_id: int) -> list[AuditEntry]:
    return [entry(event) for event in session.scalars(_events(sheet_id))]
