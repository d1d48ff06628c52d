"""Staging files: the copies an operation builds before it replaces a file with one.

Each lives in a `.ercsheet-staging` folder (0700) beside the file it will replace (the same file
system, so the replacement is one rename), is created 0600, and is named for its database
(`<database>~<file>.<purpose>`), so recovery knows whose it is. A staging file that is not used
is overwritten before it is removed: it may hold a plaintext copy of the records.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

FOLDER = ".ercsheet-staging"
# SQLite's files beside a database: a staging copy's are staging too.
SIDECARS = ("-journal", "-wal", "-shm")
_CHUNK = 1 << 20


def folder(near: Path) -> Path:
    """The staging folder beside `near`, made private (0700) if it is not already."""
    path = near.parent / FOLDER
    path.mkdir(mode=0o700, exist_ok=True)
    if stat.S_IMODE(path.stat().st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path


def new_file(database: Path, target: Path, purpose: str) -> Path:
    """An empty private file, to be built and then renamed over `target`."""
    path = folder(target) / f"{database.name}~{target.name}.{purpose}"
    discard(path)
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    return path


def discard(path: Path) -> None:
    """Remove a staging file and its SQLite sidecars, each overwritten first."""
    for file in (path, *(Path(f"{path}{suffix}") for suffix in SIDECARS)):
        shred(file)


def shred(path: Path) -> None:
    """Overwrite a file with zeros, then remove it. A file with another name (a hard link kept
    to a database being replaced) is only unlinked: its data is still in use."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISREG(info.st_mode) and info.st_nlink == 1 and info.st_size:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            zeros = bytes(min(_CHUNK, info.st_size))
            left = info.st_size
            while left > 0:
                left -= os.write(fd, zeros[: min(left, len(zeros))])
            os.fsync(fd)
        finally:
            os.close(fd)
    path.unlink(missing_ok=True)


def folders(database: Path) -> list[Path]:
    """Where a database's staging files may be: beside it and in its backups folder."""
    return [database.parent / FOLDER, database.parent / "backups" / FOLDER]


def leftovers(database: Path) -> list[Path]:
    """Staging files of `database` on disk, the journal's own temporary copy (a kill while it
    was written), and the temporary files of earlier versions (`.backup-*.tmp`,
    `.<name>.rekeying`, `.<name>.restoring`)."""
    found: list[Path] = []
    name = _glob_escape(database.name)
    for place in folders(database):
        if place.is_dir():
            found += sorted(place.glob(f"{name}~*"))
    found += sorted(database.parent.glob(f".{name}.journal.json.*.tmp"))
    for place in (database.parent, database.parent / "backups"):
        if place.is_dir():
            for pattern in (".backup-*.tmp", ".*.rekeying", ".*.restoring"):
                found += sorted(place.glob(pattern))
    return found


def sweep(database: Path, keep: Iterable[Path] = ()) -> None:
    """Discard every leftover staging file of `database` except `keep`, and empty folders."""
    kept = {Path(path) for path in keep}
    for path in leftovers(database):
        if path not in kept and not any(str(path) == f"{k}{s}" for k in kept for s in SIDECARS):
            shred(path)
    for place in folders(database):
        # Not when it is not empty (another database's files, or kept ones), or not there.
        with contextlib.suppress(OSError):
            place.rmdir()


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)
