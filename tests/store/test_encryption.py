"""Candidates' data encrypted at rest with SQLCipher: in the database, its WAL and its backups."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ercsheet.store import backup, cipher
from ercsheet.store.opening import StoreError
from ercsheet.store.store import Store

NAME = "Łukasz Żółć"
SECRET = "correct horse battery staple ŵ"


def holds(path: Path, text: str) -> bool:
    data = path.read_bytes()
    return text.encode("utf-8") in data or text.encode("utf-16-le") in data


def test_no_name_in_the_database_its_wal_or_a_backup(tmp_path: Path) -> None:
    database = tmp_path / "secret.sqlite3"
    store = Store(database, passphrase=SECRET)
    store.add_candidate(NAME, "0042")
    wal = Path(f"{database}-wal")
    assert wal.exists()  # the change is still in the WAL: checked there too
    taken = store.backup("test")
    assert taken is not None
    for path in (database, wal, taken):
        assert cipher.is_encrypted(path) or path == wal
        assert not holds(path, NAME), path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    store.close()
    with Store(database, passphrase=SECRET) as reopened:
        assert [c.name for c in reopened.candidates()] == [NAME]
    with Store(taken, passphrase=SECRET) as from_backup:
        assert [c.name for c in from_backup.candidates()] == [NAME]


@pytest.mark.slow  # opens the encrypted store many times, each deriving its key: ~7 s
def test_encrypting_later_leaves_no_plain_backup_behind(tmp_path: Path) -> None:
    database = tmp_path / "plain-first.sqlite3"
    with Store(database) as store:
        store.add_candidate(NAME, "0042")
        earlier = store.backup("on close")
        assert earlier is not None and holds(earlier, NAME)
        store.change_passphrase(SECRET)
        kept = backup.list_backups(database)
        assert earlier in kept and len(kept) == 2  # and the one taken before the change
        for path in kept:
            assert not holds(path, NAME), path
            assert cipher.readable(path, SECRET), path
        store.change_passphrase("a newer passphrase")
        assert all(cipher.readable(path, "a newer passphrase") for path in kept)
        assert not any(cipher.readable(path, SECRET) for path in kept)


def test_a_wrong_or_missing_passphrase_is_said_plainly_and_changes_nothing(
    tmp_path: Path,
) -> None:
    database = tmp_path / "secret.sqlite3"
    with Store(database, passphrase=SECRET) as store:
        store.add_candidate(NAME)
    before = database.read_bytes()
    with pytest.raises(StoreError, match="The passphrase is wrong"):
        Store(database, passphrase="not it")
    with pytest.raises(StoreError, match="needs its passphrase"):
        Store(database)
    assert database.read_bytes() == before


@pytest.mark.slow  # opens the encrypted store many times, each deriving its key: ~10 s
def test_the_passphrase_can_be_set_changed_and_removed(tmp_path: Path) -> None:
    database = tmp_path / "changing.sqlite3"
    store = Store(database)
    store.add_candidate(NAME)
    assert not cipher.is_encrypted(database)
    store.change_passphrase(SECRET)
    assert cipher.is_encrypted(database) and not holds(database, NAME)
    store.add_candidate("Siân Ní Bhriain")  # still usable at once
    store.change_passphrase("another one")
    store.close()
    with pytest.raises(StoreError, match="wrong"):
        Store(database, passphrase=SECRET)
    store = Store(database, passphrase="another one")
    assert len(store.candidates()) == 2
    store.change_passphrase(None)
    store.close()
    assert not cipher.is_encrypted(database)
    with Store(database) as plain:
        assert len(plain.candidates()) == 2
    # Each change was preceded by a backup of the database as it was.
    assert sum("before-passphrase" in p.name for p in backup.list_backups(database)) == 3


def test_an_encrypted_backup_restores_with_its_passphrase_only(tmp_path: Path) -> None:
    database = tmp_path / "main.sqlite3"
    with Store(database, passphrase=SECRET) as store:
        store.add_candidate(NAME)
        taken = store.backup("test")
        store.add_candidate("Siân Ní Bhriain")
    assert taken is not None
    with pytest.raises(backup.BackupError, match="another passphrase"):
        backup.restore(database, taken, "not it")
    backup.restore(database, taken, SECRET)
    with Store(database, passphrase=SECRET) as restored:
        assert [c.name for c in restored.candidates()] == [NAME]


@pytest.mark.slow  # each command opens the encrypted store, deriving its key: ~8 s
def test_the_command_line_takes_the_passphrase_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ercsheet.cli import main

    database = tmp_path / "cli.sqlite3"
    with Store(database) as store:
        store.add_candidate(NAME, "0042")
    monkeypatch.setenv("ERCSHEET_NEW_PASSPHRASE", SECRET)
    assert main(["--db", str(database), "passphrase"]) == 0
    assert cipher.is_encrypted(database) and not holds(database, NAME)
    assert main(["--db", str(database), "sheets"]) == 1
    assert "is encrypted: set ERCSHEET_PASSPHRASE" in capsys.readouterr().err
    monkeypatch.setenv("ERCSHEET_PASSPHRASE", "not it")
    assert main(["--db", str(database), "sheets"]) == 1
    assert "The passphrase is wrong" in capsys.readouterr().err
    monkeypatch.setenv("ERCSHEET_PASSPHRASE", SECRET)
    assert main(["--db", str(database), "backup"]) == 0
    assert main(["--db", str(database), "check"]) == 0
    assert main(["--db", str(database), "passphrase", "--remove"]) == 0
    assert not cipher.is_encrypted(database)


def test_an_encrypted_export_imports_with_its_passphrase_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ercsheet import paths
    from ercsheet.catalogue.loader import load_catalogue
    from ercsheet.cli import main
    from ercsheet.domain.sheet import Person

    source = tmp_path / "source.sqlite3"
    with Store(source) as store:
        unit = load_catalogue([paths.builtin_units_dir()]).units["mgmt-l3-u40-f17"]
        sheet_id = store.create_sheet(store.add_candidate(NAME, "0042"), unit, "", Person("Pat"))
    sent = tmp_path / "sheet.ercsheet.json"
    monkeypatch.setenv("ERCSHEET_EXPORT_PASSPHRASE", SECRET)
    assert main(["--db", str(source), "export", str(sheet_id), "--encrypt", "-o", str(sent)]) == 0
    assert not holds(sent, NAME) and '"ercsheet.encrypted"' in sent.read_text()
    target = tmp_path / "target.sqlite3"
    monkeypatch.setenv("ERCSHEET_EXPORT_PASSPHRASE", "not it")
    assert main(["--db", str(target), "import", str(sent)]) == 1
    assert "the passphrase is wrong, or the file was changed" in capsys.readouterr().err
    monkeypatch.setenv("ERCSHEET_EXPORT_PASSPHRASE", SECRET)
    assert main(["--db", str(target), "import", str(sent)]) == 0
    with Store(target) as imported:
        assert [c.name for c in imported.candidates()] == [NAME]
