"""Opening the SQLite store: durable settings on every connection, migrations at start."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Engine, create_engine, event

from ercsheet.domain.clock import Clock, SystemClock
from ercsheet.store import backup, cipher
from ercsheet.store.models import Base
from ercsheet.store.opening import (
    SCHEMA_REVISION,
    StoreError,
    damaged_message,
    encryption_message,
    open_failure,
    prepare_connection,
    stored_revision,
    write_problem,
)

if TYPE_CHECKING:
    from alembic.config import Config


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # With a passphrase, the SQLCipher dialect has already keyed the connection.
    prepare_connection(dbapi_connection)


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return config


def head_revision() -> str:
    """The newest migration, as Alembic reads it from migrations/versions."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _check_known(path: Path, revision: str | None) -> None:
    from alembic.script import ScriptDirectory

    known = {
        rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()
    }
    if revision is not None and revision not in known:
        raise StoreError(
            f"{path} was written by a newer version of ercsheet (schema {revision}). "
            "Install the newer version to open it; nothing was changed."
        )


def _migrate(engine: Engine, current: str | None, clock: Clock) -> None:
    from alembic import command

    config = _alembic_config()
    # The upgrade's own audit event is dated by the store's clock, like every other.
    config.attributes["now"] = clock.now()
    with engine.connect() as connection:
        # Table rebuilds during a migration drop and re-create tables; with foreign keys on,
        # SQLite would cascade those drops into the rows that refer to them.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        # The whole upgrade is one transaction, DDL included: Python's sqlite3 begins one only
        # before a data change, so an upgrade starting with ALTER TABLE ran its first steps
        # committed one by one, and a kill between them left a half-upgraded file that no
        # later start could finish ("duplicate column name"). Begun here explicitly, it
        # commits whole (leaving `with`) or not at all.
        driver = connection.connection.driver_connection
        assert driver is not None
        default_level = driver.isolation_level
        driver.isolation_level = None
        try:
            with connection.begin():
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                config.attributes["connection"] = connection
                if current is None:
                    Base.metadata.create_all(connection)
                    command.stamp(config, "head")
                else:
                    command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise StoreError(f"The upgrade left {len(broken)} broken references.")
        finally:
            driver.isolation_level = default_level
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def _quick_check(engine: Engine, path: Path) -> None:
    with engine.connect() as connection:
        result = connection.exec_driver_sql("PRAGMA quick_check").scalar()
    if result != "ok":
        raise StoreError(damaged_message(path, result))


def _engine(path: Path, passphrase: str | None) -> Engine:
    if passphrase is None:
        return create_engine(f"sqlite:///{path}")
    url = URL.create("sqlite+pysqlcipher", password=passphrase, database=str(path))
    return create_engine(url)


def open_engine(
    path: Path,
    passphrase: str | None = None,
    quick_check: bool = True,
    clock: Clock | None = None,
) -> Engine:
    """An engine on the database at `path`, created or upgraded to the current schema; an
    SQLCipher-encrypted file when `passphrase` is given. `quick_check` reads the whole file
    first (the window does it in the background instead, so a big store opens at once)."""
    path = Path(path)
    problem = encryption_message(path, passphrase)
    if problem:
        raise StoreError(problem)
    new_file = not path.exists()
    if new_file:
        _create_private_file(path)
    else:
        problem = write_problem(path)
        if problem:
            raise StoreError(problem)
    try:
        current = None if new_file else stored_revision(path, passphrase)
    except cipher.DatabaseError as error:
        raise StoreError(open_failure(path, error)) from None
    if current != SCHEMA_REVISION:
        _check_known(path, current)
    engine = _engine(path, passphrase)
    event.listen(engine, "connect", _on_connect)
    try:
        if current != SCHEMA_REVISION:
            if current is not None:
                # An upgrade rewrites tables: keep the file as it was, whatever happens next.
                backup.rotate(path, f"before-schema-{SCHEMA_REVISION}", passphrase=passphrase)
            _migrate(engine, current, clock or SystemClock())
        if quick_check:
            _quick_check(engine, path)
    except Exception as error:
        engine.dispose()
        if isinstance(error, StoreError):
            raise
        cause = getattr(error, "orig", error)
        if isinstance(cause, cipher.DatabaseError):
            raise StoreError(open_failure(path, cause)) from error
        raise StoreError(f"{path} could not be opened ({cause}). Nothing was changed.") from error
    return engine


def _create_private_file(path: Path) -> None:
    """Create the database file readable by its owner alone, before SQLite opens it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as error:
        raise StoreError(
            f"ercsheet cannot create its database at {path} ({error.strerror}). "
            "Make the folder writable or choose another file with --db."
        ) from None
