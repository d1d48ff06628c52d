"""`ercsheet pdf` as a user runs it: sheets by id or by candidate, and clear errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import Person
from ercsheet.store.store import Store
from tests.factories import covering_all
from tests.pdf.reading import flat, read
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
            for row in covering_all(unit):
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
    assert "cannot write" in missing_folder.stderr and "No such file" in missing_folder.stderr
    assert "Traceback" not in missing_folder.stderr
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        denied = ercsheet("pdf", "1", "-o", locked / "x.pdf", db=database)
        assert denied.returncode == 1 and "Permission denied" in denied.stderr
    folder = ercsheet("pdf", "1", "-o", tmp_path, db=database)
    assert folder.returncode == 1 and "cannot write" in folder.stderr
