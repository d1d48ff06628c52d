"""Opening SQLite files, encrypted at rest with SQLCipher when the assessor set a passphrase.

A database with a passphrase is an SQLCipher file (AES-256, every page and the WAL encrypted);
one without is a plain SQLite file (the assessor declined encryption). Every part of the store
that opens the file (the engine, the revision check, backups, restore, erasure) opens it here.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

PLAIN_HEADER = b"SQLite format 3\x00"
# The errors of both drivers, for code that handles either kind of file.
Error: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher.DatabaseError)


def is_encrypted(path: Path) -> bool:
    """True for an existing, non-empty file that is not plain SQLite (SQLCipher's first page
    is ciphertext, so it has no readable header)."""
    try:
        with open(path, "rb") as file:
            header = file.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return False
    return bool(header) and header != PLAIN_HEADER


def key_statement(passphrase: str) -> str:
    return "PRAGMA key = '" + passphrase.replace("'", "''") + "'"


def apply_key(connection: Any, passphrase: str) -> None:
    """Must be the first statement on a new connection to an encrypted file."""
    # A wrong key is answered by an exception we turn into a plain message: no log lines too.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(key_statement(passphrase))


def connect(target: Path | str, passphrase: str | None, uri: bool = False) -> Any:
    """A DB-API connection to `target`; encrypted with `passphrase` when one is given."""
    if passphrase is None:
        return sqlite3.connect(target, uri=uri)
    connection = sqlcipher.connect(str(target), uri=uri)
    apply_key(connection, passphrase)
    return connection


def sqlcipher_version() -> str:
    """The SQLCipher library's version ("4.6.1 community"), as support asks for it."""
    connection = sqlcipher.connect(":memory:")
    try:
        row = connection.execute("PRAGMA cipher_version").fetchone()
    finally:
        connection.close()
    return str(row[0]) if row else "unknown"


def readable(path: Path, passphrase: str | None) -> bool:
    """Whether `passphrase` opens `path` (None: whether it is plain SQLite)."""
    try:
        connection = connect(path, passphrase)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except Error:
        return False
    return True


def export_to(path: Path, passphrase: str | None, new: str | None, staging: Path) -> None:
    """Copy `path` whole into the empty file `staging` with the key `new` (None: plain SQLite),
    synced to disk; `path` is read, not changed (only its write-ahead log is checkpointed)."""
    source = sqlcipher.connect(str(path))  # SQLCipher opens plain files too, with no key
    try:
        if passphrase is not None:
            apply_key(source, passphrase)
        if Path(f"{path}-wal").exists():
            source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        source.execute("ATTACH DATABASE ? AS target KEY ?", (str(staging), new or ""))
        source.execute("SELECT sqlcipher_export('target')")
        source.execute("DETACH DATABASE target")
    finally:
        source.close()
    sync_file(staging)


def sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def checkpoint(path: Path, passphrase: str | None) -> None:
    """Move the write-ahead log's pages into the file and empty the log, so the file alone
    holds every committed change before it is replaced (the log is then removed)."""
    if not Path(f"{path}-wal").exists():
        return
    connection = connect(path, passphrase)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
