"""Backups through SQLite's online backup API: consistent copies even while the app writes.

Backups live in `backups/` beside the database, rotated so a bounded number is kept. Restoring
checks the file first and backs up the current database before replacing it.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from contextlib import closing
from pathlib import Path

from ercsheet.store import cipher

KEEP = 10
PREFIX = "ercsheet-"


class BackupError(Exception):
    """A backup could not be made or restored; the message says why and what to do."""


def backups_dir(database: Path) -> Path:
    folder = database.parent / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def copy_database(source: Path, destination: Path, passphrase: str | None = None) -> None:
    """A consistent copy of `source` at `destination`: atomic, readable by the user only, and
    encrypted with the same passphrase as the database when it has one."""
    handle, temporary = tempfile.mkstemp(dir=destination.parent, prefix=".backup-", suffix=".tmp")
    os.close(handle)
    try:
        uri = f"file:{source.resolve().as_posix()}?mode=ro"
        with (
            closing(cipher.connect(uri, passphrase, uri=True)) as src,
            closing(cipher.connect(temporary, passphrase)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        os.chmod(temporary, 0o600)
        os.replace(temporary, destination)
    except cipher.Error as error:
        raise BackupError(f"could not back up {source}: {error}") from None
    except OSError as error:
        raise BackupError(f"could not write {destination}: {error.strerror}") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def rotate(
    database: Path, reason: str, keep: int = KEEP, passphrase: str | None = None
) -> Path | None:
    """Take an automatic backup (on start, on close, before a migration) and keep the newest."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    folder = backups_dir(database)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    destination = folder / f"{PREFIX}{stamp}-{reason}.sqlite3"
    copy_database(database, destination, passphrase)
    for old in sorted(folder.glob(f"{PREFIX}*.sqlite3"))[:-keep]:
        old.unlink(missing_ok=True)
    return destination


def list_backups(database: Path) -> list[Path]:
    return sorted(backups_dir(database).glob(f"{PREFIX}*.sqlite3"), reverse=True)


def check_database_file(path: Path, passphrase: str | None = None) -> str | None:
    """Why `path` is not a usable ercsheet database, or None when it is one."""
    if cipher.is_encrypted(path) and (passphrase is None or not cipher.readable(path, passphrase)):
        return (
            f"{path} is not an ercsheet database (file is not a database, or one encrypted "
            "with another passphrase)"
        )
    if passphrase is not None and not cipher.is_encrypted(path):
        passphrase = None  # a plain backup of a database encrypted since
    try:
        uri = f"file:{path.resolve().as_posix()}?mode=ro"
        with closing(cipher.connect(uri, passphrase, uri=True)) as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                return f"{path} is damaged ({result[0] if result else 'no answer'})"
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables or "sheet" not in tables:
                return f"{path} is not an ercsheet database"
    except cipher.Error as error:
        return f"{path} is not an ercsheet database ({error})"
    return None


def erase_candidate(file: Path, candidate_number: str, passphrase: str | None = None) -> int:
    """Remove a candidate and all their sheets from one database file; returns sheets removed.

    For the backups the store keeps (the database itself is erased by Store.erase_candidate,
    with its audit event). Works on backups of any schema this app wrote: rows go by
    foreign-key cascade, then the file is vacuumed so nothing of them is left in free pages.
    """
    with closing(cipher.connect(file, key_for(file, passphrase))) as connection:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA secure_delete=ON")
        ids = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM candidate WHERE candidate_number = ?", (candidate_number,)
            )
        ]
        if not ids:
            return 0
        marks = ",".join("?" * len(ids))
        sheets = connection.execute(
            f"SELECT count(*) FROM sheet WHERE candidate_id IN ({marks})", ids
        ).fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        with connection:
            if "audit_log" in tables:
                # Schema 4 keeps the events, blanked as the store's erasure blanks them.
                connection.execute(
                    "UPDATE audit_log SET actor = '', detail = '', changes = '[]', erased = 1"
                    f" WHERE candidate_id IN ({marks})",
                    ids,
                )
            connection.execute(f"DELETE FROM candidate WHERE id IN ({marks})", ids)
        connection.execute("VACUUM")
        return int(sheets)


def rekey_backups(database: Path, old: str | None, new: str | None) -> list[Path]:
    """Give every backup in the database's backups folder the database's new key (None: plain),
    so no copy of the data stays readable without it (or with a passphrase given up). Returns
    the backups the old key did not open, left as they were."""
    left = []
    for path in list_backups(database):
        if not cipher.readable(path, key_for(path, old)):
            left.append(path)
            continue
        cipher.export(path, key_for(path, old), new)
    return left


def key_for(path: Path, passphrase: str | None) -> str | None:
    """The passphrase to open `path` with: none for a plain file."""
    return passphrase if cipher.is_encrypted(path) else None


def restore(database: Path, backup: Path, passphrase: str | None = None) -> Path | None:
    """Replace `database` with `backup`; the current database is backed up first.

    Returns the backup of the current database. The app must have closed the database.
    `passphrase` opens whichever of the two is encrypted.
    """
    problem = check_database_file(backup, passphrase)
    if problem:
        raise BackupError(f"{problem}; nothing was changed")
    saved = (
        rotate(database, "before-restore", passphrase=key_for(database, passphrase))
        if database.exists()
        else None
    )
    staging = database.with_name(f".{database.name}.restoring")
    copy_database(backup, staging, key_for(backup, passphrase))
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.replace(staging, database)
    return saved
