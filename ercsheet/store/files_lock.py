"""The files lock: commands that rewrite ercsheet's files exclude each other.

Backups, erasure, passphrase changes and restores hold it exclusively while they copy, rewrite
or replace the database and its backups, so a backup finishing after an erasure cannot write
the candidate back, and one finishing after a passphrase change cannot leave a plaintext copy.
Opening the store holds it shared, so a file is never read while it is being replaced. It is an
operating-system lock on `<database>.files.lock` (released when the process ends, however it
ends), re-entrant within a process: an operation that takes a backup holds it once.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ercsheet.store.opening import StoreError

# How long to wait for another ercsheet's backup, erasure or re-encryption to end (seconds).
WAIT = 30.0
_POLL = 0.05


class Busy(StoreError):
    """Another ercsheet is rewriting the files; the message says which operation."""


def lock_path(database: Path) -> Path:
    return database.with_name(f"{database.name}.files.lock")


@dataclass
class _Held:
    fd: int
    exclusive: bool
    depth: int


_held: dict[str, _Held] = {}
_guard = threading.RLock()

# What an unfinished journal's operation is called in a Busy message.
DOING = {
    "erase": "erasing a candidate",
    "passphrase": "re-encrypting the database (its passphrase is changing)",
    "restore": "restoring a backup",
    "backup": "taking a backup",
}


@contextmanager
def exclusive(database: Path, wait: float | None = None) -> Iterator[None]:
    with _hold(database, True, WAIT if wait is None else wait):
        yield


@contextmanager
def shared(database: Path, wait: float | None = None) -> Iterator[None]:
    """Shared; where the lock file cannot be made (a read-only folder, or no folder yet), no
    lock: nothing can rewrite files there either."""
    try:
        context = _hold(database, False, WAIT if wait is None else wait)
        context.__enter__()
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT):
            yield
            return
        raise
    try:
        yield
    finally:
        context.__exit__(None, None, None)


@contextmanager
def _hold(database: Path, want_exclusive: bool, wait: float) -> Iterator[None]:
    key = str(lock_path(database))
    with _guard:
        held = _held.get(key)
        upgraded = False
        if held is None:
            fd = os.open(key, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                _wait_for(fd, want_exclusive, wait, database)
            except BaseException:
                os.close(fd)
                raise
            held = _held[key] = _Held(fd, want_exclusive, 0)
        elif want_exclusive and not held.exclusive:
            _wait_for(held.fd, True, wait, database)
            held.exclusive = upgraded = True
        held.depth += 1
    try:
        yield
    finally:
        with _guard:
            held.depth -= 1
            if upgraded:
                _lock(held.fd, False, blocking=True)
                held.exclusive = False
            if held.depth == 0:
                _unlock(held.fd)
                os.close(held.fd)
                del _held[key]


def _wait_for(fd: int, want_exclusive: bool, wait: float, database: Path) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            _lock(fd, want_exclusive, blocking=False)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise Busy(busy_message(database)) from None
            time.sleep(_POLL)


def busy_message(database: Path) -> str:
    from ercsheet.store import journal

    record = journal.read(database)
    doing = DOING.get(str(record.get("operation")), "rewriting its files") if record else None
    return (
        f"Another ercsheet is {doing or 'rewriting its files'} on {database}: try again when "
        "it has finished. Nothing was changed."
    )


if sys.platform == "win32":
    import msvcrt

    # Windows has no shared whole-file lock here: readers take it exclusively, briefly.
    def _lock(fd: int, want_exclusive: bool, blocking: bool) -> None:
        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK if blocking else msvcrt.LK_NBLCK, 1)
        except OSError:
            raise BlockingIOError from None

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int, want_exclusive: bool, blocking: bool) -> None:
        mode = fcntl.LOCK_EX if want_exclusive else fcntl.LOCK_SH
        fcntl.flock(fd, mode if blocking else mode | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
