"""The commands choose passphrases by the domain's policy, as the window does: a passphrase it
refuses ends the command with the rule's message, exit status 1, and nothing changed."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from ercsheet.cli import main
from ercsheet.domain.passphrase import passphrase_problems
from ercsheet.store import backup, cipher
from ercsheet.store.store import Store

NAME = "Łukasz Żółć"
RULE = passphrase_problems("abc")[0].message


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A database as a restored backup leaves it: in rollback-journal mode, which merely opening
    it as the store changes (to WAL), so a command that refuses must refuse before opening it."""
    path = tmp_path / "cli.sqlite3"
    with Store(path) as store:
        store.add_candidate(NAME, "0042")
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
    return path


def test_a_short_new_database_passphrase_is_refused_and_the_file_left_as_it_was(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = database.read_bytes()
    monkeypatch.setenv("ERCSHEET_NEW_PASSPHRASE", "abc")
    assert main(["--db", str(database), "passphrase"]) == 1
    assert capsys.readouterr().err == f"ercsheet: {RULE} Nothing was changed.\n"
    assert database.read_bytes() == before
    assert not cipher.is_encrypted(database)
    assert backup.list_backups(database) == []  # not even the backup taken before a change
    monkeypatch.setenv("ERCSHEET_NEW_PASSPHRASE", "a walk on Cadair Idris")
    assert main(["--db", str(database), "passphrase"]) == 0
    assert cipher.is_encrypted(database)


def test_a_short_passphrase_for_an_encrypted_export_writes_nothing(
    database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ercsheet import paths
    from ercsheet.catalogue.loader import load_catalogue
    from ercsheet.domain.sheet import Person

    unit = load_catalogue([paths.builtin_units_dir()]).units["mgmt-l3-u40-f17"]
    with Store(database) as store:
        sheet_id = store.create_sheet(store.candidates()[0].id, unit, "", Person("Pat Jones"))
    sent = tmp_path / "sent.json"
    monkeypatch.setenv("ERCSHEET_EXPORT_PASSPHRASE", "short")
    assert main(["--db", str(database), "export", str(sheet_id), "--encrypt", "-o", str(sent)]) == 1
    assert capsys.readouterr().err == f"ercsheet: {RULE} Nothing was written.\n"
    assert not sent.exists()


def test_a_new_database_is_not_created_with_a_short_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.sqlite3"
    monkeypatch.setenv("ERCSHEET_PASSPHRASE", "abc")
    assert main(["--db", str(new), "sheets"]) == 1
    assert capsys.readouterr().err == (
        f"ercsheet: {RULE} Nothing was created: set a longer ERCSHEET_PASSPHRASE.\n"
    )
    assert not new.exists()


def test_the_store_itself_refuses_a_short_passphrase_or_pin(database: Path) -> None:
    from ercsheet.domain.rules import Rule
    from ercsheet.store.store import Profile, RuleViolation

    with Store(database) as store:
        with pytest.raises(RuleViolation) as refused:
            store.change_passphrase("abc")
        assert [p.message for p in refused.value.problems] == [RULE]
        store.set_profile(Profile("Pat Jones", True))
        with pytest.raises(RuleViolation) as short_pin:
            store.set_pin("12")
        assert [p.rule for p in short_pin.value.problems] == [Rule.ASSESSOR_PIN]
        assert not store.has_pin()
    assert not cipher.is_encrypted(database) and backup.list_backups(database) == []
