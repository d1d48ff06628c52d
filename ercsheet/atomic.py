"""Atomic file writes: a file is either the old one or the whole new one, never half-written."""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

# A write killed between its temporary file and the rename (a power cut, a kill) leaves the
# temporary file, hidden, with the data it was writing: the next write of the same file removes
# such leftovers once they are older than any write still under way could be.
LEFTOVER_AGE_S = 60.0


def write_bytes_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    path = Path(path)
    remove_leftovers(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def remove_leftovers(path: Path, older_than_s: float = LEFTOVER_AGE_S) -> None:
    """Remove the temporary files earlier killed writes of `path` left beside it (named as
    `mkstemp` names ours: a dot, the name, a dot, eight characters, `.tmp`)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    now = time.time()
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return  # the write itself will say what is wrong with the folder
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > older_than_s:
                os.unlink(entry.path)
        except OSError:
            continue  # gone already, or not ours to remove: the write goes on


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable: until the folder is flushed, a power cut can bring back
    the old file (POSIX; Windows has no folder handles to flush)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_text_atomic(path: Path, text: str, mode: int = 0o600) -> None:
    write_bytes_atomic(path, text.encode("utf-8"), mode)
