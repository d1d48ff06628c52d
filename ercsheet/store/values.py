"""What the store's operations return and raise: plain values, importable without SQLAlchemy,
so the window can name them before the store's ORM half is loaded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ercsheet.domain.rules import Problem
from ercsheet.store.opening import StoreError


class RuleViolation(Exception):
    """A change was refused by a rule; `problems` say which and what to do."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DiskFull(StoreError):
    """A write found no room on the disk; nothing of it was stored."""


class NotFound(LookupError):
    pass


class ImportRefused(Exception):
    """The file was not imported; the message names the file, the place in it and the rule."""


class EncryptedRefused(ImportRefused):
    """The file is encrypted and the passphrase is missing or wrong."""


class ExpiredUnitRefused(ImportRefused):
    """Refused only because the unit has expired: importing it again with allow_expired works."""


@dataclass(frozen=True)
class Profile:
    name: str
    qualified: bool
    assessor_number: str = ""


@dataclass(frozen=True)
class CandidateInfo:
    id: int
    name: str
    candidate_number: str
    centre_number: str


@dataclass(frozen=True)
class SupersededVersion:
    number: int
    record_code: str
    superseded_at: dt.datetime
    superseded_by: str
    reason: str
    content_json: str
