"""Backups through SQLite's online backup API: consistent copies even while the app writes.

Backups live in `backups/` beside the database, rotated so a bounded number is kept. A backup is
built in a staging file (staging.py) and renamed into place whole, holding the files lock
(files_lock.py): a backup never runs alongside an erasure, a passphrase change or a restore.
Restoring, re-keying and erasing from backups, which replace files, are in swaps.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from contextlib import closing
from pathlib import Path

from ercsheet.atomic import sync_folder
from ercsheet.store import cipher, files_lock, journal, staging
from ercsheet.store.opening import StoreError, is_damage, open_failure

KEEP = 10
PREFIX = "ercsheet-"


class BackupError(StoreError):
    """A backup could not be made or restored; the message says why and what to do."""


def backups_dir(database: Path) -> Path:
    folder = database.parent / "backups"
    if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
        raise BackupError(
            f"{folder} is not a folder, but ercsheet keeps the database's backups there: move "
            "or rename it, then try again. Nothing was changed."
        )
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def copy_database(
    source: Path, destination: Path, passphrase: str | None = None, database: Path | None = None
) -> None:
    """A consistent copy of `source` at `destination`: whole or not at all, readable by the
    user only, and encrypted with the same passphrase as the database when it has one.
    `database`: whose files lock and staging files these are (`source`'s by default)."""
    owner = database or source
    with files_lock.exclusive(owner):
        stage = staging.new_file(owner, destination, "backup")
        # Outside the database's folders a leftover would not be found: the journal names it
        # (inside an operation that has its own journal, the staging folder is enough).
        named = destination.parent not in (owner.parent, owner.parent / "backups")
        named = named and not journal.exists(owner)
        if named:
            journal.write(owner, {"operation": "backup", "staging": [str(stage)]})
        try:
            uri = f"file:{source.resolve().as_posix()}?mode=ro"
            with (
                closing(cipher.connect(uri, passphrase, uri=True)) as src,
                closing(cipher.connect(stage, passphrase)) as dst,
            ):
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            cipher.sync_file(stage)
            os.replace(stage, destination)
            sync_folder(destination.parent)
        except cipher.Error as error:
            if is_damage(error):
                raise BackupError(f"Could not back up {source}: {error}.") from None
            # Anything else is where the copy goes (or the folder's disk): full, failing.
            raise BackupError(open_failure(destination, error)) from None
        finally:
            staging.discard(stage)
            if named:
                journal.clear(owner)
            with contextlib.suppress(OSError):
                stage.parent.rmdir()  # the staging folder, when nothing else is staged there


def rotate(
    database: Path, reason: str, keep: int = KEEP, passphrase: str | None = None
) -> Path | None:
    """Take an automatic backup (on start, on close, before a migration) and keep the newest."""
    if not database.exists() or database.stat().st_size == 0:
        return None
    folder = backups_dir(database)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    destination = folder / f"{PREFIX}{stamp}-{reason}.sqlite3"
    with files_lock.exclusive(database):
        copy_database(database, destination, passphrase)
        for old in sorted(folder.glob(f"{PREFIX}*.sqlite3"))[:-keep]:
            staging.shred(old)
    return destination


def list_backups(database: Path) -> list[Path]:
    return sorted(backups_dir(database).glob(f"{PREFIX}*.sqlite3"), reverse=True)


def check_database_file(path: Path, passphrase: str | None = None) -> str | None:
    """Why `path` is not a usable ercsheet database, or None when it is one."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return f"there is no file {path}"
    if not stat.S_ISREG(mode):
        return f"{path} is not a regular file"
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


def _who(candidate_id: int | None, number: str) -> tuple[str, tuple[object, ...]]:
    """The SQL condition for the erased candidate: their row's id and number (a backup is a
    copy, so both match), or the number alone when the id is no longer known."""
    if candidate_id is None:
        return "candidate_number = ? AND candidate_number != ''", (number,)
    return "id = ? AND candidate_number = ?", (candidate_id, number)


def holds(file: Path, passphrase: str | None, candidate_id: int | None, number: str) -> bool:
    """Whether the database file `file` still holds the candidate."""
    where, values = _who(candidate_id, number)
    uri = f"file:{file.resolve().as_posix()}?mode=ro"
    with closing(cipher.connect(uri, key_for(file, passphrase), uri=True)) as connection:
        found = connection.execute(f"SELECT count(*) FROM candidate WHERE {where}", values)
        return bool(found.fetchone()[0])


def erase_in(file: Path, passphrase: str | None, candidate_id: int | None, number: str) -> int:
    """Remove a candidate and all their sheets from one database file (a staging copy of a
    backup); returns sheets removed.

    Works on backups of any schema this app wrote: rows go by foreign-key cascade, then the
    file is vacuumed so nothing of them is left in free pages. Its rollback journal and VACUUM's
    temporary copy are kept in memory: no other file ever holds what is being erased.
    """
    where, values = _who(candidate_id, number)
    with closing(cipher.connect(file, passphrase)) as connection:
        connection.execute("PRAGMA journal_mode=MEMORY")
        connection.execute("PRAGMA temp_store=MEMORY")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA secure_delete=ON")
        found = connection.execute(f"SELECT id FROM candidate WHERE {where}", values)
        ids = [row[0] for row in found]
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
    cipher.sync_file(file)
    return int(sheets)


def key_for(path: Path, passphrase: str | None) -> str | None:
    """The passphrase to open `path` with: none for a plain file."""
    return passphrase if cipher.is_encrypted(path) else None


def restore(database: Path, backup: Path, passphrase: str | None = None) -> Path | None:
    """Replace `database` with `backup` (swaps.restore); returns the backup of the data replaced."""
    from ercsheet.store import swaps

    return swaps.restore(database, backup, passphrase)
