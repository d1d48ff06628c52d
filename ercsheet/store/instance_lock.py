"""One ercsheet at a time writing a database: an operating-system lock on `<database>.lock`.

The window and the commands that change the store hold it for as long as they have the store
open; reading commands (sheets, check, pdf, export, backup) do not need it. The OS releases the
lock when the process ends, however it ends (a crash or a kill leaves no stale lock behind).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ercsheet.store.opening import StoreError


class AlreadyOpen(StoreError):
    """Another ercsheet holds the database; the message says what to do."""


def lock_path(database: Path) -> Path:
    return database.with_name(f"{database.name}.lock")


class InstanceLock:
    def __init__(self, database: Path) -> None:
        self.database = database
        self._fd: int | None = None

    def acquire(self) -> None:
        path = lock_path(self.database)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise AlreadyOpen(
                f"ercsheet is already open on this database ({self.database}), in another "
                "window or command. Close the other window first; nothing was changed."
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
