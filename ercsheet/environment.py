"""What to tell the user when the computer, not ercsheet, stops a command: a file or folder
ercsheet may not use, a read-only disk, a full disk, a file where a folder should be.

`explain` recognises those errors alone (by their errno, or SQLite's result code), wherever
they are in an exception's chain; anything else is not the environment's doing and keeps its
traceback, so a real bug is never hidden behind a message.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

# SQLite's primary result codes that are about the environment.
SQLITE_PERM, SQLITE_READONLY, SQLITE_FULL, SQLITE_CANTOPEN = 3, 8, 13, 14
AFTER = "then run the command again"


def explain(error: BaseException, database: Path | None) -> str | None:
    """The message for an error of the environment, or None for any other error."""
    for cause in _chain(error):
        if isinstance(cause, OSError) and cause.errno is not None:
            message = _os_message(cause, database)
            if message:
                return message
        code = getattr(cause, "sqlite_errorcode", None)
        if isinstance(code, int):
            message = _sqlite_message(code & 0xFF, database)
            if message:
                return message
    return None


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error, what it wraps (SQLAlchemy's `orig`), its cause and context, each once."""
    seen: set[int] = set()
    todo = [error]
    while todo and len(seen) < 20:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for inner in (getattr(current, "orig", None), current.__cause__, current.__context__):
            if isinstance(inner, BaseException):
                todo.append(inner)


def _os_message(error: OSError, database: Path | None) -> str | None:
    name = error.filename or database or "a file"
    code = error.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return full_disk(name)
    if code == errno.EROFS:
        return (
            f"{name} is on a read-only disk, so ercsheet cannot write there. Copy the database "
            f"somewhere writable and open it with --db, or choose another file; {AFTER}."
        )
    if code in (errno.EACCES, errno.EPERM):
        return (
            f"ercsheet is not allowed to use {name} (permission denied). If it belongs to "
            "another user, run ercsheet as that user; if it is yours, make it and its folder "
            f"readable and writable by you (chmod u+rw), or choose another file; {AFTER}."
        )
    if code == errno.ENOTDIR:
        return (
            f"{name}: part of this path is a file where a folder should be. Move that file "
            f"away or choose another path; {AFTER}."
        )
    if code == errno.EEXIST:
        return f"{name} is in the way (ercsheet needs a folder there): move it away; {AFTER}."
    if code == errno.EISDIR:
        return f"{name} is a folder, not a file: name a file; {AFTER}."
    if code == errno.ENOENT and error.filename:
        return f"there is no {name}: check the name, and that its folder exists; {AFTER}."
    return None


def _sqlite_message(code: int, database: Path | None) -> str | None:
    name = database or "the database"
    if code == SQLITE_FULL:
        return full_disk(name)
    if code == SQLITE_READONLY:
        return (
            f"ercsheet cannot write to {name} (the file or its folder is read-only, or belongs "
            f"to another user). Make them writable by you, or open a copy with --db; {AFTER}."
        )
    if code in (SQLITE_PERM, SQLITE_CANTOPEN):
        return (
            f"ercsheet cannot open {name}: check that it and its folder exist and are yours "
            f"(readable and writable by you); {AFTER}."
        )
    return None


def full_disk(name: object) -> str:
    return (
        f"The disk is full ({name}). Everything saved before is safe, and what this command "
        "had started is finished or undone when ercsheet next opens the database. Free some "
        f"space (delete or move files you do not need), {AFTER}."
    )
