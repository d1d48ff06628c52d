"""The SQLite file: durable settings, migrations from code, old databases upgraded in place."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from ercsheet.domain.vocabulary import Role
from ercsheet.store.database import head_revision, open_engine
from ercsheet.store.models import Base
from ercsheet.store.opening import SCHEMA_REVISION, StoreError, is_damage
from ercsheet.store.store import Store

OLD_DATABASE = Path(__file__).parent / "data" / "schema-0001.sqlite3"


DURABLE = {"foreign_keys": 1, "journal_mode": "wal", "synchronous": 2, "busy_timeout": 5000}


def test_every_connection_is_durable(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "a.sqlite3")
    with engine.connect() as connection:
        found = {name: connection.execute(text(f"PRAGMA {name}")).scalar() for name in DURABLE}
    engine.dispose()
    assert found == DURABLE  # synchronous 2 is FULL
    # The store's read connection (its half without SQLAlchemy) is set up the same way.
    with Store(tmp_path / "a.sqlite3") as store:
        reader = store._reader
        assert {name: reader.execute(f"PRAGMA {name}").fetchone()[0] for name in DURABLE} == DURABLE


def test_a_new_database_matches_the_models_and_is_at_head(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "new.sqlite3")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_the_schema_revision_the_code_writes_is_the_newest_migration() -> None:
    assert head_revision() == SCHEMA_REVISION, (
        "a migration was added: set SCHEMA_REVISION in ercsheet/store/opening.py to its revision"
    )


def test_opening_a_current_database_does_not_load_alembic(tmp_path: Path) -> None:
    # Every command and the window pay Alembic's import only when a file must be migrated.
    path = tmp_path / "current.sqlite3"
    Store(path).close()
    script = (
        "import sys; from pathlib import Path; from ercsheet.store.store import Store; "
        f"Store(Path({str(path)!r})).close(); print('alembic' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_an_old_database_is_upgraded_in_place_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(OLD_DATABASE, path)
    store = Store(path)
    [summary] = store.sheets()
    assert summary.candidate_name == "Łukasz Żółć"
    assert (summary.covered, summary.total) == (1, 2)
    content = store.sheet(summary.id)
    assert content.unit.criteria[0].text == "Do the first thing"
    assert content.evidence[0].title == "Observation of team briefing"
    assert content.iv is None
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == head_revision()
        # The upgraded schema is exactly what a new database gets.
        assert compare_metadata(context, Base.metadata) == []
    store.close()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    shutil.copy(OLD_DATABASE, path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version of ercsheet"):
        Store(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("shopping list\n" * 100)
    with pytest.raises(StoreError, match=r"damaged or not an ercsheet database.*restore a backup"):
        Store(path)
    assert path.read_text() == "shopping list\n" * 100


def test_only_damage_is_called_damage(tmp_path: Path) -> None:
    # "Restore a backup" is the advice for a damaged file; a closed connection or a lock held
    # too long is something else, and must not send the assessor to their backups.
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database " * 600)
    with pytest.raises(sqlite3.DatabaseError) as not_a_database:
        sqlite3.connect(junk).execute("SELECT * FROM sqlite_master")
    assert is_damage(not_a_database.value)
    closed = sqlite3.connect(":memory:")
    closed.close()
    with pytest.raises(sqlite3.ProgrammingError) as closed_error:
        closed.execute("SELECT 1")
    assert not is_damage(closed_error.value)
    store = Store(tmp_path / "a.sqlite3")
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        store.candidates()


# Every schema an earlier ercsheet wrote, as it wrote it (schema-0002.sqlite3: a signed sheet from
# before record codes existed, a draft, and their audit events of schema 2).
EARLIER_STORES = sorted((Path(__file__).parent / "data").glob("*.sqlite3"))


@pytest.mark.parametrize("stored", EARLIER_STORES, ids=lambda path: path.name)
def test_every_earlier_store_upgrades_and_verifies(tmp_path: Path, stored: Path) -> None:
    path = tmp_path / stored.name
    path.write_bytes(stored.read_bytes())
    with Store(path) as store:
        assert store.check_records() == []
        # Stores from before the one chain end with the upgrade that re-chained them (schema 4);
        # schema 5 adds search keys only, derived from what the chain records, and no event.
        if stored.name < "schema-0004":
            assert store.audit_trail()[-1].action == "store upgraded"
        for summary in store.sheets():
            code = store.record_code(summary.id)
            if summary.status == "signed":
                assert code is not None
                assert store.find_by_code(code[:12])[0][:2] == (summary.id, None)


def test_a_schema_2_store_keeps_its_sheets_and_seals_the_signed_one(tmp_path: Path) -> None:
    path = tmp_path / "two.sqlite3"
    path.write_bytes((Path(__file__).parent / "data" / "schema-0002.sqlite3").read_bytes())
    with Store(path) as store:
        signed, draft = store.sheets()
        assert (signed.status, draft.status) == ("signed", "draft")
        assert store.sheet(signed.id).candidate.name == "Siân Ní Bhriain"
        assert len(store.sheet(draft.id).evidence) == 5
        upgrade = store.audit_trail()[-1]
        assert f"note: sheet {signed.id}: signed before record codes: sealed now" in upgrade.summary
        assert [e.action for e in store.audit_trail(signed.id)] == ["created", "signed"]


def test_a_schema_3_store_with_a_reopened_sheet_keeps_both_codes(tmp_path: Path) -> None:
    """reopened-0003.sqlite3, written by ercsheet 0.1: Unit 44 signed by candidate, line
    manager, assessor and IV (code V1), reopened, an item added, signed again (code V2)."""
    path = tmp_path / "reopened.sqlite3"
    path.write_bytes((Path(__file__).parent / "data" / "reopened-0003.sqlite3").read_bytes())
    v1 = "2fd378ddfc5c7bc0396ce42d459119e753e13fdf218e57b117c9595d67336092"
    v2 = "f02454327e1fe9f011d9e875a430df41698026103b0806886a8b5a3fbea3f236"
    with Store(path) as store:
        assert store.check_records() == []
        assert [(s, v) for s, v, _ in store.find_by_code(v1[:12])] == [(1, 1)]
        assert [(s, v) for s, v, _ in store.find_by_code(v2[:12])] == [(1, None)]
        assert store.version_content(1, 1).signature(Role.IV) is not None


def test_a_schema_4_store_finds_and_sorts_its_candidates_as_people_type(tmp_path: Path) -> None:
    """schema-0004.sqlite3, written by ercsheet at schema 4 (1f02a2c), which sorted Łukasz after
    Zoë and found no one for "lukasz": six candidates, a signed sheet, a draft."""
    path = tmp_path / "four.sqlite3"
    path.write_bytes((Path(__file__).parent / "data" / "schema-0004.sqlite3").read_bytes())
    events = None
    with Store(path) as store:
        assert [c.name for c in store.candidates()] == [
            "aoife Byrne",
            "Dafydd ap Gruffŵdd",
            "Lara Smith",
            "Łukasz Żółć",
            "Siân Ní Bhriain",
            "Zoë Ødegård",
        ]
        assert [c.name for c in store.candidates("lukasz ZOLC")] == ["Łukasz Żółć"]
        assert [c.name for c in store.candidates("sian")] == ["Siân Ní Bhriain"]
        assert [c.name for c in store.candidates("0003")] == ["Dafydd ap Gruffŵdd"]
        assert [s.status for s in store.sheets()] == ["signed", "draft"]
        assert store.check_records() == []
        events = len(store.audit_trail())
        # A correction after the upgrade keeps the keys: found by the new name only.
        lara = store.candidates("lara")[0]
        store.update_candidate(lara.id, "Lára Ødegård", "0006", "12345")
        assert [c.name for c in store.candidates("odegard")] == ["Lára Ødegård", "Zoë Ødegård"]
        assert store.candidates("smith") == []
    with sqlite3.connect(path) as connection:
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert version == (SCHEMA_REVISION,)
    assert events == 18  # the upgrades appended no event to the chain


def verified_codes(store: Store) -> list[str]:
    """The record codes of the store's sheets, once every sealed record verifies."""
    assert store.check_records() == []
    return [code for s in store.sheets() if (code := store.record_code(s.id)) is not None]


def test_a_schema_5_store_keeps_its_record_codes_and_takes_a_grade(tmp_path: Path) -> None:
    """schema-0005.sqlite3, written by ercsheet at schema 5 (9735d5d): Unit 40 signed by the
    candidate and the assessor, and a draft of Unit 1. The grade awarded (schema 6) is none on
    both, and adds nothing to the signed sheet's record code."""
    path = tmp_path / "five.sqlite3"
    path.write_bytes((Path(__file__).parent / "data" / "schema-0005.sqlite3").read_bytes())
    with Store(path) as store:
        assert verified_codes(store) == [
            "35729dd7934c1d782cc6602d0871ba78ad035b98193a01ce47f2919bf26f2f3a"
        ]
        signed, draft = store.sheets()
        assert store.sheet(signed.id).grade is None and store.sheet(draft.id).grade is None
        events = len(store.audit_trail())
    with sqlite3.connect(path) as connection:
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert version == (SCHEMA_REVISION,)
    with Store(path) as store:
        assert len(store.audit_trail()) == events


def test_a_schema_6_store_keeps_its_signatures_and_codes_and_takes_sign_off_lines(
    tmp_path: Path,
) -> None:
    """schema-0006.sqlite3, written by ercsheet at schema 6 (654b9c3): Unit 44 signed by the
    candidate, the line manager (drawn), the assessor and the IV (an addendum), and a draft of
    Unit 44 signed by the candidate and the line manager. Schema 7 gives every signature the
    line "" (none of a unit's own), which adds nothing to codes or addenda."""
    path = tmp_path / "six.sqlite3"
    path.write_bytes((Path(__file__).parent / "data" / "schema-0006.sqlite3").read_bytes())
    with Store(path) as store:
        signed, draft = store.sheets()
        assert verified_codes(store) == [
            "968ab420ae5ce31216aba5747fe45d308f53b21b74bda5e18cca1a90b3a2f408"
        ]
        kept = store.sheet(signed.id)
        assert [(s.role, s.line) for s in kept.signatures] == [
            (Role.CANDIDATE, ""),
            (Role.LINE_MANAGER, ""),
            (Role.ASSESSOR, ""),
            (Role.IV, ""),
        ]
        manager = kept.signature(Role.LINE_MANAGER)
        assert manager is not None and manager.strokes == (((0.1, 0.5), (0.3, 0.4)),)
        assert [s.role for s in store.sheet(draft.id).signatures] == [
            Role.CANDIDATE,
            Role.LINE_MANAGER,
        ]
        events = len(store.audit_trail())
    engine = open_engine(path)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == SCHEMA_REVISION
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
    with Store(path) as store:
        assert len(store.audit_trail()) == events  # the upgrade appended no event


def test_a_schema_7_store_gives_each_candidate_a_library_of_their_rows(tmp_path: Path) -> None:
    """schema-0007.sqlite3, written by ercsheet at schema 7 (d7d7085): Gwenllian's Unit 40,
    signed by her and the assessor, and Unit 44, a draft, both with E01 typed alike (the same
    observation) and an E02 each that differ; Zbigniew's draft of Unit 44 with W1. Schema 8
    makes each row an item of its candidate's library: E01 once, used on both sheets; the two
    E02 two items (they keep their shared reference); codes unchanged."""
    path = tmp_path / "seven.sqlite3"
    path.write_bytes((Path(__file__).parent / "data" / "schema-0007.sqlite3").read_bytes())
    with Store(path) as store:
        assert verified_codes(store) == [
            "816407cc611197c1f874e82397ed8f60fe94d4b08a5bbe3bc5bbc558efd61838"
        ]
        gwenllian, zbigniew = (c.id for c in store.candidates())
        library = store.library(gwenllian)
        assert [(e.fields.ref, [u.unit_label for u in e.uses]) for e in library] == [
            ("E01", ["Unit 40 (F17)", "Unit 44 (D.05)"]),
            ("E02", ["Unit 40 (F17)"]),
            ("E02", ["Unit 44 (D.05)"]),
        ]
        assert [e.fields.ref for e in store.library(zbigniew)] == ["W1"]
        uuids = {e.uuid for e in library}
        assert len(uuids) == 3 and all(len(u) == 36 for u in uuids)
        events = len(store.audit_trail())
    engine = open_engine(path)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == SCHEMA_REVISION
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
    with Store(path) as store:
        assert len(store.audit_trail()) == events


@pytest.mark.parametrize(
    "fixture", sorted(p.name for p in (Path(__file__).parent / "data").glob("*.sqlite3"))
)
def test_every_earlier_stores_rows_are_rows_of_library_items(tmp_path: Path, fixture: str) -> None:
    path = tmp_path / fixture
    path.write_bytes((Path(__file__).parent / "data" / fixture).read_bytes())
    with Store(path) as store:
        for candidate in store.candidates():
            used = sum(len(e.uses) for e in store.library(candidate.id))
            rows = sum(len(store.sheet(s.id).evidence) for s in store.sheets(candidate.id))
            assert used == rows
        assert store.check_records() == []


def test_an_upgrade_stopped_half_way_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Schema 8's upgrade fails after its first table changes (here: an error while it builds
    the library; in life, a kill): nothing of it stays, and the next start upgrades the file
    whole. (Python's sqlite3 committed each ALTER TABLE of an upgrade on its own, so a kill
    between them left a file no start could upgrade: found by killing `ercsheet sheets` at
    its 130th write.)"""
    from ercsheet.domain.library import ItemFields

    path = tmp_path / "seven.sqlite3"
    path.write_bytes((Path(__file__).parent / "data" / "schema-0007.sqlite3").read_bytes())

    def stopped(_fields: ItemFields) -> tuple[str, ...]:
        raise RuntimeError("stopped half way")

    monkeypatch.setattr(ItemFields, "key", stopped)
    with pytest.raises(StoreError, match="stopped half way"):
        Store(path)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0007",)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(candidate)")]
        assert "uuid" not in columns
    monkeypatch.undo()
    with Store(path) as store:
        assert verified_codes(store) == [
            "816407cc611197c1f874e82397ed8f60fe94d4b08a5bbe3bc5bbc558efd61838"
        ]
        assert len(store.library(1)) == 3


def test_a_schema_1_file_a_kill_left_half_written_is_rolled_back_and_upgraded(
    tmp_path: Path,
) -> None:
    """Before WAL (schemas 1 to 3) SQLite kept a rollback journal: a kill in the middle of a
    write leaves it "hot" beside the file, and the file readable only once it is rolled back,
    which a read-only connection cannot do. Found by killing an upgrade of schema-0001: the
    next start said the file was read-only."""
    path = tmp_path / "one.sqlite3"
    path.write_bytes((Path(__file__).parent / "data" / "schema-0001.sqlite3").read_bytes())
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA journal_mode=DELETE'); c.execute('PRAGMA cache_size=1')\n"
            "c.execute('BEGIN')\n"
            "c.execute('CREATE TABLE filler (x)')\n"
            "c.executemany('INSERT INTO filler VALUES (?)', [('x' * 900,)] * 400)\n"
            "c.execute(\"UPDATE candidate SET name = 'half written'\")\n"
            "os._exit(9)\n",
            str(path),
        ],
        check=False,
    )
    assert killed.returncode == 9
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    with Store(path) as store:
        assert [c.name for c in store.candidates()] != ["half written"]
        assert store.check_records() == []
    assert not journal.exists() or journal.stat().st_size == 0
