"""A file on this laptop recorded as where a piece of evidence is: its path and SHA-256.

ercsheet never copies, moves or sends the file: the digest shows later that the file found at
the path is the one recorded (or not). Reading it takes as long as the file is large (a video of
an observation: seconds), so the window runs this off its thread.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from ercsheet.domain.library import Holding

CHUNK = 1 << 20


class FileRefused(Exception):
    """The file cannot be recorded: the message says why, naming it."""


def holding_for(path: Path, held_at: str = "") -> Holding:
    """The file at `path` as a holding: its absolute path and SHA-256. A folder, a pipe or a
    device is refused before it is opened (reading a pipe would wait for ever)."""
    path = path.expanduser().absolute()
    try:
        found = path.stat()
    except OSError as error:
        raise FileRefused(f"{path}: {error.strerror or error}.") from None
    if not stat.S_ISREG(found.st_mode):
        raise FileRefused(f"{path} is not a file (a folder, a pipe or a device).")
    digest = hashlib.sha256()
    try:
        # O_NONBLOCK: had it become a pipe since the check, opening does not wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as file:
            while chunk := file.read(CHUNK):
                digest.update(chunk)
    except OSError as error:
        raise FileRefused(f"{path} could not be read: {error.strerror or error}.") from None
    return Holding(held_at, str(path), digest.hexdigest())


def still_the_same(holding: Holding) -> bool | None:
    """Whether the recorded file is at its path unchanged (None: no file recorded, or it
    cannot be read now)."""
    if holding.file_path is None:
        return None
    try:
        return holding_for(Path(holding.file_path)).file_sha256 == holding.file_sha256
    except FileRefused:
        return None
