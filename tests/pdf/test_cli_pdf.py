"""`ercsheet pdf` as a user runs it: sheets by id or by candidate, and clear errors."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import Person
from ercsheet.store.store import Store
from tests.factories import covering_all
from tests.pdf.reading import flat, read
from tests.store.test_database import OLD_DATABASE
from tests.test_cli import ercsheet


@pytest.fixture
def database(tmp_path: Path, f17: Unit, operations: Unit) -> Path:
    """Two candidates: Siân with two sheets, Łukasz with one."""
    path = tmp_path / "store.sqlite3"
    with Store(path) as store:
        sian = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
        lukasz = store.add_candidate("Łukasz Żółć", "0043", "12345")
        for candidate, unit in ((sian, f17), (sian, operations), (lukasz, f17)):
            sheet = store.create_sheet(candidate, unit, "", Person("Pat Jones"))
            # References are the candidate's: each unit's items have their own.
            for row in covering_all(unit, ref=unit.id):
                store.add_evidence(sheet, row)
    return path


def test_print_sheets_by_id(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "two.pdf"
    result = ercsheet("pdf", "1", "3", "-o", out, db=database)
    assert result.returncode == 0, result.stderr
    assert f"{out}: 2 sheet(s)" in result.stdout
    text = flat(" ".join(page.extract_text() for page in read(out.read_bytes()).pages))
    assert text.count("(Page 1 of 1)") == 2
    assert "Siân Ní Bhriain" in text and "Łukasz Żółć" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    again = tmp_path / "again.pdf"
    assert ercsheet("pdf", "1", "3", "-o", again, db=database).returncode == 0
    assert again.read_bytes() == out.read_bytes(), "another run printed other bytes"


def test_print_every_sheet_of_a_candidate(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "sian.pdf"
    result = ercsheet("pdf", "--candidate", "0042", "-o", out, db=database)
    assert result.returncode == 0, result.stderr
    text = flat(" ".join(page.extract_text() for page in read(out.read_bytes()).pages))
    assert "Manage customer service in own area of responsibility" in text
    assert "Manage customer service operations" in text
    assert "Łukasz" not in text


def test_an_unknown_sheet_or_candidate_is_named_and_nothing_is_written(
    database: Path, tmp_path: Path
) -> None:
    out = tmp_path / "none.pdf"
    unknown = ercsheet("pdf", "1", "99", "-o", out, db=database)
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == "ercsheet: There is no sheet 99."
    nobody = ercsheet("pdf", "--candidate", "9999", "-o", out, db=database)
    assert nobody.returncode == 1
    assert "there is no candidate with number 9999" in nobody.stderr
    assert not out.exists()


def test_an_unwritable_path_is_a_clear_error(database: Path, tmp_path: Path) -> None:
    missing_folder = ercsheet("pdf", "1", "-o", tmp_path / "nowhere" / "x.pdf", db=database)
    assert missing_folder.returncode == 1
    assert f"the folder {tmp_path / 'nowhere'} does not exist" in missing_folder.stderr
    assert "Traceback" not in missing_folder.stderr
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        denied = ercsheet("pdf", "1", "-o", locked / "x.pdf", db=database)
        assert denied.returncode == 1 and "Permission denied" in denied.stderr
    folder = ercsheet("pdf", "1", "-o", tmp_path, db=database)
    assert folder.returncode == 1 and "is not a regular file" in folder.stderr


def test_printing_loads_neither_sqlalchemy_nor_pydantic(database: Path, tmp_path: Path) -> None:
    # They take several times longer to import than a sheet takes to print (docs/performance.md).
    command = ["--db", str(database), "pdf", "1", "-o", str(tmp_path / "x.pdf")]
    assert_loads_none_of_the_heavy(command)


def assert_loads_none_of_the_heavy(command: list[str]) -> None:
    """The command succeeds in a fresh process without SQLAlchemy, pydantic, Alembic or Qt."""
    script = (
        f"import sys; from ercsheet.cli import main; status = main({command!r}); "
        "print(status, sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'pydantic', 'alembic', 'PySide6'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.splitlines()[-1] == "0 []", result.stderr


def test_a_database_from_an_earlier_version_is_upgraded_then_printed(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    path.write_bytes(OLD_DATABASE.read_bytes())
    out = tmp_path / "old.pdf"
    result = ercsheet("pdf", "1", "-o", out, db=path)
    assert result.returncode == 0, result.stderr
    assert "(Page 1 of 1)" in flat(read(out.read_bytes()).pages[0].extract_text())
    assert ercsheet("pdf", "1", "-o", out, db=path).returncode == 0  # now current: no upgrade


def test_an_encrypted_store_prints_with_its_passphrase_only(
    tmp_path: Path, f17: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.sqlite3"
    with Store(path, passphrase="correct horse") as store:
        candidate = store.add_candidate("Gwenllian Ŵyn", "0007", "12345")
        store.create_sheet(candidate, f17, "", Person("Pat Jones"))
    out = tmp_path / "secret.pdf"
    monkeypatch.setenv("ERCSHEET_PASSPHRASE", "wrong horse")
    wrong = ercsheet("pdf", "1", "-o", out, db=path)
    assert wrong.returncode == 1 and "passphrase is wrong" in wrong.stderr
    assert not out.exists()
    monkeypatch.setenv("ERCSHEET_PASSPHRASE", "correct horse")
    right = ercsheet("pdf", "--candidate", "0007", "-o", out, db=path)
    assert right.returncode == 0, right.stderr
    assert "Gwenllian Ŵyn" in flat(read(out.read_bytes()).pages[0].extract_text())


def test_printing_needs_a_database_and_creates_none(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"
    result = ercsheet("pdf", "1", "-o", tmp_path / "x.pdf", db=missing)
    assert result.returncode == 1
    assert result.stderr.strip() == f"ercsheet: there is no database at {missing} yet"
    assert not missing.exists()


def test_printing_while_the_window_has_the_store_open(database: Path, tmp_path: Path) -> None:
    with Store(database, exclusive=True) as window_store:
        window_store.add_candidate("Added while printing", "0099")
        result = ercsheet("pdf", "2", "-o", tmp_path / "x.pdf", db=database)
    assert result.returncode == 0, result.stderr
