"""The one clock: every "today" and "now" of the store and the rules comes from a Clock.

The window, the commands and the tests each pass theirs; nothing below them reads the wall
clock, so a sheet checked against "today" is checked against the same day everywhere (a test
with a fixed day passes whatever the machine's date, and so does an undo).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol


class Clock(Protocol):
    def today(self) -> dt.date:
        """The local date: what an assessor writes beside a signature."""
        ...

    def now(self) -> dt.datetime:
        """The time in UTC without its zone (as the audit trail records it)."""
        ...


class SystemClock:
    def today(self) -> dt.date:
        return dt.date.today()

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class FixedDay:
    """A clock whose date is `day` and whose time runs from midnight of it (tests, replays)."""

    day: dt.date

    def today(self) -> dt.date:
        return self.day

    def now(self) -> dt.datetime:
        wall = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        return dt.datetime.combine(self.day, wall.time())
