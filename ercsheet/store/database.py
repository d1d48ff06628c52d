"""Opening the SQLite store: durable settings on every connection, migrations at start."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from ercsheet.store.models import Base

BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """The database cannot be used; the message says why and what to do."""


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit is on disk before it returns, even if the battery dies next.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _migrate(engine: Engine) -> None:
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        current = MigrationContext.configure(connection).get_current_revision()
        if current is None and not inspect(connection).get_table_names():
            Base.metadata.create_all(connection)
            command.stamp(config, "head")
            return
        known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
        if current is not None and current not in known:
            raise StoreError(
                "This database was written by a newer version of ercsheet "
                f"(schema {current}). Install the newer version to open it; nothing was changed."
            )
        if current != head_revision():
            command.upgrade(config, "head")


def open_engine(path: Path) -> Engine:
    """An engine on the database at `path`, created or upgraded to the current schema."""
    path = Path(path)
    new_file = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    try:
        _migrate(engine)
    except sqlite3.DatabaseError as error:
        engine.dispose()
        raise StoreError(f"{path} is not a usable ercsheet database ({error}).") from error
    except Exception as error:
        engine.dispose()
        if isinstance(error, StoreError):
            raise
        cause = getattr(error, "orig", error)
        raise StoreError(f"{path} is not a usable ercsheet database ({cause}).") from error
    if new_file and os.name == "posix":
        path.chmod(0o600)
    return engine


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One short session per operation: committed on success, rolled back on any error."""
    with factory.begin() as session:
        yield session
