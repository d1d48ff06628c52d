"""What every operation of the store's write half is given: its session, and the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ercsheet.domain.audit import Change
from ercsheet.domain.clock import Clock
from ercsheet.store import audit, keys, models


@dataclass
class Tx:
    """One write transaction: every change made through it is committed with its audit
    events, or none is."""

    session: Session
    clock: Clock

    def now(self) -> dt.datetime:
        return self.clock.now()

    def today(self) -> dt.date:
        return self.clock.today()

    def user(self) -> str:
        """Who is making the change: the laptop's assessor (or ercsheet, before a profile)."""
        name = self.session.scalars(select(models.AssessorProfile.name).limit(1)).first()
        return name or "ercsheet"

    def log(
        self,
        action: str,
        detail: str = "",
        *,
        sheet_id: int | None = None,
        candidate_id: int | None = None,
        changes: Sequence[Change] = (),
        key: keys.UnlockedKey | None = None,
        actor: str | None = None,
    ) -> models.AuditEvent:
        return audit.append(
            self.session,
            self.now(),
            actor if actor is not None else self.user(),
            action,
            detail,
            sheet_id=sheet_id,
            candidate_id=candidate_id,
            changes=changes,
            key=key,
        )
