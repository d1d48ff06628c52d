"""A full disk: the change is refused with a plain message and nothing saved before is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.pool import ConnectionPoolEntry

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import EvidenceRow, Person
from ercsheet.domain.vocabulary import Method
from ercsheet.store.store import DiskFull, Store


def fill_the_disk(store: Store) -> None:
    """From now on the database cannot grow: SQLite answers SQLITE_FULL, as on a full disk."""
    with store.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
    store.engine.dispose()

    def no_room(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(store.engine, "connect", no_room)


def test_a_full_disk_refuses_the_change_and_keeps_everything_before(
    tmp_path: Path, f17: Unit
) -> None:
    database = tmp_path / "full.sqlite3"
    store = Store(database)
    candidate = store.add_candidate("Łukasz Żółć", "0042")
    sheet_id = store.create_sheet(candidate, f17, "", Person("Pat Jones"))
    saved = 0
    fill_the_disk(store)
    with pytest.raises(DiskFull, match="The disk is full, so this change was not saved") as refusal:
        for n in range(10_000):
            title = f"Observation {n} " + "of a long customer service briefing " * 20
            store.add_evidence(sheet_id, EvidenceRow(f"E{n}", title, Method.OBSERVATION))
            saved += 1
    assert "Free some space" in str(refusal.value)
    store.close()
    with Store(database) as reopened:
        assert len(reopened.sheet(sheet_id).evidence) == saved
        with reopened.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
