"""The store's connections: the file checked and opened in two halves, and the transactions
its operations run in (store.py's `Store` is the API built on them).

Reads are plain SQL on a DB-API connection of the store's own (reading.py), ready as soon as the
file is checked. Changes, and the few reads that need mapped objects, go through SQLAlchemy,
loaded when first needed. An operation interrupted earlier (journal.py) is finished or undone
when the store opens.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

from ercsheet import paths
from ercsheet.domain.clock import Clock, SystemClock
from ercsheet.store import (
    cipher,
    files_lock,
    journal,
    reading,
    recovery,
    staging,
    swaps,
)
from ercsheet.store.instance_lock import InstanceLock
from ercsheet.store.journal import Record
from ercsheet.store.opening import (
    SCHEMA_REVISION,
    StoreError,
    encryption_message,
    is_damage,
    open_failure,
    prepare_connection,
    quick_check_file,
    stored_revision,
    write_problem,
)
from ercsheet.store.reading import SheetSummary as SheetSummary
from ercsheet.store.values import CandidateInfo as CandidateInfo
from ercsheet.store.values import DiskFull as DiskFull
from ercsheet.store.values import NotFound as NotFound
from ercsheet.store.values import Profile as Profile
from ercsheet.store.values import RuleViolation as RuleViolation
from ercsheet.store.values import SupersededVersion as SupersededVersion

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from ercsheet.store.tx import Tx

T = TypeVar("T")


class Connection:
    def __init__(
        self,
        path: Path,
        exclusive: bool = False,
        passphrase: str | None = None,
        quick_check: bool = True,
        clock: Clock | None = None,
    ) -> None:
        """`exclusive`: hold the database's instance lock while open (the window, and commands
        that change the store), so a second ercsheet on the same file is told so.
        `passphrase`: the file is SQLCipher-encrypted with it (None: a plain SQLite file).
        `quick_check`: read the whole file for damage first (the window does it afterwards).
        `clock`: where every "today" and "now" of the store comes from (the system's)."""
        # The real file: through a symlink, the file it names is locked and changed.
        self.path = paths.real(Path(path))
        self.clock: Clock = clock or SystemClock()
        self.passphrase = passphrase
        # What the store finished or undid of an interrupted operation when it opened, in words.
        self.notes: list[str] = []
        # Candidate numbers whose erasure this store finished (interrupted, or just now).
        self.finished_erasures: list[str] = []
        self._own_journal = False
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._lock = InstanceLock(self.path) if exclusive else None
        if self._lock is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._lock.acquire()
        try:
            self._open_safely(quick_check)
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise

    def _open_safely(self, quick_check: bool) -> None:
        """Open the file (`_open`), never while another ercsheet is replacing it (the files
        lock, shared), and first finish or undo what an interrupted operation left."""
        while True:
            if recovery.pending(self.path):
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                with files_lock.exclusive(self.path):
                    record = recovery.recover_files(self.path)
                    self._open(quick_check)
                    if record is not None:
                        self._carry_on(record)
                return
            with files_lock.shared(self.path):
                if journal.exists(self.path):
                    continue  # an operation started meanwhile and stopped: recover it first
                self._open(quick_check)
                return

    def _carry_on(self, record: Record) -> None:
        """The part of an interrupted (or just finished) operation that needs the open store:
        an erasure's backups, or the audit event of a passphrase change or a restore."""
        # The write half's operations, loaded only when there is something to carry on.
        from ercsheet.store import operations, sign_operations

        operation = record.get("operation")
        interrupted = not self._own_journal
        if operation == "erase":
            candidate_id, number = record.get("candidate_id"), str(record.get("number", ""))
            if record.get("phase") == "database":
                found = self._read(reading.candidate, candidate_id)
                if found is not None and found.candidate_number == number:
                    # The erasure never committed: nothing was erased anywhere, nothing to undo.
                    journal.clear(self.path)
                    if interrupted:
                        self.notes.append(
                            f"an erasure of candidate {number} was interrupted before it "
                            "changed anything; run erase-candidate again to erase them"
                        )
                    return
            journal.write(self.path, {**record, "phase": "backups"})
            engine = self.engine  # loads the write half (sign_operations)
            sign_operations.compact(engine)
            left = swaps.erase_from_backups(self.path, candidate_id, number, self.passphrase)
            staging.sweep(self.path)
            journal.clear(self.path)
            self.finished_erasures.append(number)
            self.notes += [
                f"could not erase candidate {number} from the backup {file}: the database's "
                "passphrase does not open it. Delete it if you do not need it."
                for file in left
            ]
            if interrupted:
                self.notes.append(
                    f"finished an interrupted erasure of candidate {number} (the store and "
                    "every backup)"
                )
        elif record.get("phase") == "log":
            if operation == "passphrase":
                before, after = bool(record.get("before")), bool(record.get("after"))
                self._change(lambda tx: operations.note_encryption(tx, before, after))
                done = "an interrupted passphrase change"
            else:
                source, kept = Path(str(record.get("source"))), record.get("kept")
                digest = str(record.get("digest", ""))
                kept_path = Path(kept) if isinstance(kept, str) else None
                self._change(lambda tx: operations.note_restored(tx, source, kept_path, digest))
                done = f"an interrupted restore of {source}"
            journal.clear(self.path)
            if interrupted:
                self.notes.append(f"finished {done}")
        else:
            journal.clear(self.path)

    def _open(self, quick_check: bool) -> None:
        """Check the file and open the read connection; a file that must be created or
        upgraded first is opened through SQLAlchemy (and Alembic) at once."""
        if not self._is_current():
            self._orm_sessions(quick_check)
        elif quick_check:
            problem = quick_check_file(self.path, self.passphrase)
            if problem:
                raise StoreError(problem)
        try:
            self._reader = cipher.connect(self.path, self.passphrase)
            prepare_connection(self._reader)
        except cipher.DatabaseError as error:
            raise StoreError(open_failure(self.path, error)) from None

    def _is_current(self) -> bool:
        """Whether the file can be read as it is: it exists, is at this schema, opens with the
        passphrase and is writable (what is wrong is raised as a StoreError). False: it must
        be created or upgraded first."""
        if not self.path.exists() or not self.path.stat().st_size:
            return False
        problem = encryption_message(self.path, self.passphrase) or write_problem(self.path)
        if problem:
            raise StoreError(problem)
        try:
            return stored_revision(self.path, self.passphrase) == SCHEMA_REVISION
        except cipher.DatabaseError as error:
            raise StoreError(open_failure(self.path, error)) from None

    def _orm_sessions(self, quick_check: bool = False) -> sessionmaker[Session]:
        if self._sessions is None:
            # The SQLAlchemy half, imported on first use (see the module's docstring).
            from sqlalchemy.orm import sessionmaker

            from ercsheet.store.database import open_engine

            self._engine = open_engine(self.path, self.passphrase, quick_check, self.clock)
            self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        return self._sessions

    @property
    def engine(self) -> Engine:
        self._orm_sessions()
        assert self._engine is not None
        return self._engine

    def load_orm(self) -> None:
        """Load the SQLAlchemy half now (the window calls this once it is shown)."""
        self._orm_sessions()

    def close(self) -> None:
        self._close_connections()
        if self._lock is not None:
            self._lock.release()

    def _close_connections(self) -> None:
        self._reader.close()
        if self._engine is not None:
            self._engine.dispose()
        self._engine = self._sessions = None

    def reconnect(self) -> None:
        """Open the file again (after a restore replaced it), with the same checks as at start."""
        self._close_connections()
        if self.passphrase is not None and not cipher.is_encrypted(self.path):
            self.passphrase = None  # a plain backup was restored into a plain store
        self._open_safely(quick_check=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- the two halves ---------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A write transaction; a full disk is reported plainly (SQLite rolled it back whole)."""
        from sqlalchemy.exc import OperationalError

        try:
            with self._orm_sessions().begin() as session:
                yield session
        except OperationalError as error:
            if getattr(error.orig, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
                raise DiskFull(
                    f"The disk is full, so this change was not saved ({self.path}). Everything "
                    "saved before it is safe. Free some space (delete or move files you do not "
                    "need), then make the change again."
                ) from None
            raise

    def _change(self, operation: Callable[[Tx], T], today: dt.date | None = None) -> T:
        """Run an operation (operations.py) in a write transaction of its own; checked against
        `today` when the caller names its day (the window's), else the store's clock's."""
        from ercsheet.store.tx import Tx

        clock = self.clock if today is None else _OnDay(today, self.clock)
        with self._writing() as session:
            return operation(Tx(session, clock))

    def _orm_read(self, operation: Callable[[Session], T]) -> T:
        with self._orm_sessions()() as session:
            return operation(session)

    def _read(self, query: Callable[..., T], *args: Any) -> T:
        """A read on the store's own connection; damage found where it reads is said plainly."""
        try:
            return query(self._reader, *args)
        except cipher.DatabaseError as error:
            if not is_damage(error):
                raise
            raise StoreError(open_failure(self.path, error)) from None


@dataclass(frozen=True)
class _OnDay:
    """The store's clock, on the day a caller names."""

    day: dt.date
    clock: Clock

    def today(self) -> dt.date:
        return self.day

    def now(self) -> dt.datetime:
        return self.clock.now()
