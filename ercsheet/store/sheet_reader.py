"""A store opened only to read sheets, without SQLAlchemy: what `ercsheet pdf` prints from.

Printing a sheet takes tens of milliseconds; importing SQLAlchemy's ORM takes several times that,
so a command that only reads opens the file with the DB-API driver and reads through the same
queries as the store (reading.py). It makes the same checks first (passphrase, damage, schema
revision); a file that must be created or upgraded is refused with OutOfDate, and the caller
opens the full store once to do that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ercsheet.domain.sheet import SheetContent
from ercsheet.store import cipher, reading
from ercsheet.store.opening import (
    BUSY_TIMEOUT_MS,
    SCHEMA_REVISION,
    StoreError,
    damaged_message,
    encryption_message,
    stored_revision,
)

T = TypeVar("T")


class OutOfDate(StoreError):
    """The file is new or at an older schema: the store must create or upgrade it first."""


@dataclass(frozen=True)
class CandidateSheets:
    name: str
    sheet_ids: list[int]


class SheetReader:
    def __init__(self, path: Path, passphrase: str | None = None) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise StoreError(f"there is no database at {self.path} yet")
        problem = encryption_message(self.path, passphrase)
        if problem:
            raise StoreError(problem)
        try:
            revision = stored_revision(self.path, passphrase)
            if revision != SCHEMA_REVISION:
                raise OutOfDate(f"{self.path} is at schema {revision}, not {SCHEMA_REVISION}")
            self.connection = cipher.connect(self.path, passphrase)
            self.connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            # This connection never writes, whatever a bug might ask of it.
            self.connection.execute("PRAGMA query_only=ON")
        except cipher.DatabaseError as error:
            raise StoreError(damaged_message(self.path, error)) from None

    def close(self) -> None:
        self.connection.close()

    def sheet(self, sheet_id: int) -> SheetContent:
        return self._read(lambda: reading.read_sheet(self.connection, sheet_id)[0])

    def record_code(self, sheet_id: int) -> str | None:
        return self._read(lambda: reading.record_code(self.connection, sheet_id))

    def candidate_sheets(self, candidate_number: str) -> CandidateSheets | None:
        """The sheets of the candidate with this number, by id (None: no such candidate)."""
        found = self._read(
            lambda: self.connection.execute(
                "SELECT id, name FROM candidate WHERE candidate_number = ? ORDER BY id",
                (candidate_number.strip(),),
            ).fetchone()
        )
        if found is None:
            return None
        candidate_id, name = found
        sheets = self._read(
            lambda: self.connection.execute(
                "SELECT id FROM sheet WHERE candidate_id = ? ORDER BY id", (candidate_id,)
            ).fetchall()
        )
        return CandidateSheets(name, [sheet_id for (sheet_id,) in sheets])

    def _read(self, query: Callable[[], T]) -> T:
        try:
            return query()
        except cipher.DatabaseError as error:  # damage found where the query read
            raise StoreError(damaged_message(self.path, error)) from None
