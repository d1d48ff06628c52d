"""Recognising a database file before opening it, with the plain DB-API drivers only.

Its schema revision, whether its passphrase opens it, whether it is damaged, whether it can be
written: the store checks these before it reads (store.py), so a store that only reads, such as
`ercsheet pdf` or the window before its first change, never loads SQLAlchemy at all.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from ercsheet.store import cipher

BUSY_TIMEOUT_MS = 5000

# The schema revision this code writes: the newest migration in migrations/versions (a test holds
# the two together). A file already at this revision opens without importing Alembic, which is
# about a third of a command's start-up; Alembic is loaded only when a file must be created or
# upgraded.
SCHEMA_REVISION = "0008"


class StoreError(Exception):
    """The database cannot be used; the message says why and what to do."""


# SQLite's answers for a file that is not, or no longer, a readable database. Others (a lock held
# too long, a closed connection, a full disk) are not damage, and restoring a backup would not help.
DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def is_damage(error: BaseException) -> bool:
    return getattr(error, "sqlite_errorcode", None) in DAMAGE_CODES


def stored_revision(path: Path, passphrase: str | None = None) -> str | None:
    """The schema revision of an existing file, read without changing a byte of it — but for
    rolling back a change a kill interrupted (a hot rollback journal beside a file of schema 1
    to 3, before the store kept its log in WAL mode), which SQLite does only on a connection
    that may write, and which any open must do before the file can be read."""
    journal = path.with_name(path.name + "-journal")
    if journal.exists() and journal.stat().st_size > 0 and write_problem(path) is None:
        with closing(cipher.connect(str(path), passphrase)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    uri = f"file:{path.resolve().as_posix()}?mode=ro"
    with closing(cipher.connect(uri, passphrase, uri=True)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            if tables:
                raise StoreError(f"{path} is an SQLite file, but not an ercsheet database.")
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None


def damaged_message(path: Path, cause: object) -> str:
    return (
        f"{path} is damaged or not an ercsheet database ({cause}). If it is yours, restore a "
        "backup: ercsheet restore FILE (backups are in the backups folder beside it). "
        "Nothing was changed."
    )


def open_failure(path: Path, error: BaseException) -> str:
    """Why the file could not be opened or read: damage only when SQLite says so; a full disk
    (SQLite cannot create its log or index beside the file) is said as such."""
    if is_damage(error):
        return damaged_message(path, error)
    import shutil

    from ercsheet.environment import explain, full_disk

    said = explain(error, path)
    if said:
        return said
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        free = None
    if free is not None and free < 64 * 1024:
        return full_disk(path)
    return (
        f"{path} could not be opened ({error}). Check that its disk is connected, working and "
        "has free space; nothing was changed."
    )


def encryption_message(path: Path, passphrase: str | None) -> str | None:
    """What is wrong when the passphrase does not open the file, or None when it does."""
    encrypted = cipher.is_encrypted(path)
    if passphrase is None and encrypted:
        return (
            f"{path} is encrypted, or damaged or not an ercsheet database. If it is your "
            "encrypted database, ercsheet needs its passphrase (set ERCSHEET_PASSPHRASE, or type "
            "it when asked); if it was not encrypted, restore a backup: ercsheet restore FILE. "
            "Nothing was changed."
        )
    if passphrase is not None and encrypted and not cipher.readable(path, passphrase):
        return f"The passphrase is wrong for {path}: try again. Nothing was changed."
    if passphrase is not None and not encrypted and path.exists() and path.stat().st_size:
        return (
            f"{path} is not encrypted, so it has no passphrase: open it without one (unset "
            "ERCSHEET_PASSPHRASE), then set one with `ercsheet passphrase`. Nothing was changed."
        )
    return None


def quick_check_file(path: Path, passphrase: str | None = None) -> str | None:
    """What `PRAGMA quick_check` finds wrong with the file (None: nothing), on a connection of
    its own, read-only: the window runs it in the background, as it reads the whole file."""
    uri = f"file:{path.resolve().as_posix()}?mode=ro"
    try:
        with closing(cipher.connect(uri, passphrase, uri=True)) as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()
    except cipher.Error as error:
        return open_failure(path, error)
    if result and result[0] == "ok":
        return None
    found = str(result[0]).replace("*** in database main ***", "").strip() if result else ""
    return damaged_message(path, found.splitlines()[0] if found else "no answer")


def prepare_connection(dbapi_connection: sqlite3.Connection) -> None:
    """Durable settings, on every connection the store opens (after its key, if encrypted)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Deleted rows (an erased candidate) are overwritten, not left readable in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit is on disk before it returns, even if the battery dies next.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def write_problem(path: Path) -> str | None:
    """Why ercsheet cannot write to the existing database at `path` (None: it can)."""
    if os.access(path.parent, os.W_OK) and os.access(path, os.W_OK):
        return None
    return (
        f"ercsheet cannot write to {path} (the file or its folder is read-only). Nothing was "
        "changed: make the folder writable, or copy the file somewhere writable and open it "
        "with --db."
    )
