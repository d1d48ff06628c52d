"""`ercsheet report` as a user runs it: a candidate's matrix or progress report, clear refusals."""

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
from tests.pdf.test_cli_pdf import assert_loads_none_of_the_heavy
from tests.test_cli import ercsheet


@pytest.fixture
def database(tmp_path: Path, f17: Unit, reliable: Unit) -> Path:
    """Siân: an F17 sheet, every criterion covered, and an empty Unit 44 sheet; Zoë: none."""
    path = tmp_path / "store.sqlite3"
    with Store(path) as store:
        sian = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
        store.add_candidate("Zoë Ødegård", "0050", "12345")
        sheet = store.create_sheet(sian, f17, "", Person("Pat Jones"))
        for row in covering_all(f17):
            store.add_evidence(sheet, row)
        store.create_sheet(sian, reliable, "", Person("Pat Jones"))
    return path


def text_of(path: Path) -> str:
    return flat(" ".join(page.extract_text() for page in read(path.read_bytes()).pages))


def test_the_matrix_and_the_progress_report(database: Path, tmp_path: Path) -> None:
    matrix = tmp_path / "matrix.pdf"
    result = ercsheet("report", "0042", "--matrix", "-o", matrix, db=database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{matrix}: cross-reference matrix, 5 item(s) × 2 unit(s)"
    assert stat.S_IMODE(matrix.stat().st_mode) == 0o600
    text = text_of(matrix)
    assert "Cross-reference matrix" in text and "Siân Ní Bhriain" in text
    assert "Unit 40 (F17)" in text and "Unit 44 (D.05)" in text
    progress = tmp_path / "progress.pdf"
    result = ercsheet("report", "0042", "--progress", "-o", progress, db=database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{progress}: progress report, 2 unit(s)"
    text = text_of(progress)
    assert "Coverage: 10/10 criteria" in text and "Every criterion is covered." in text
    assert "Coverage: 0/23 criteria" in text and "Not yet covered: 1.1, 1.2, 1.3, 2.1" in text


def test_refusals_are_clear_and_write_nothing(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.pdf"
    nobody = ercsheet("report", "9999", "--matrix", "-o", out, db=database)
    assert nobody.returncode == 1
    assert nobody.stderr.strip() == "ercsheet: there is no candidate with number 9999"
    no_sheets = ercsheet("report", "0050", "--progress", "-o", out, db=database)
    assert no_sheets.returncode == 1
    assert no_sheets.stderr.strip() == "ercsheet: candidate 0050 (Zoë Ødegård) has no sheets"
    both = ercsheet("report", "0042", "--matrix", "--progress", "-o", out, db=database)
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    neither = ercsheet("report", "0042", "-o", out, db=database)
    assert neither.returncode == 2 and "one of the arguments --matrix --progress" in neither.stderr
    missing = tmp_path / "no.sqlite3"
    no_store = ercsheet("report", "0042", "--matrix", "-o", out, db=missing)
    assert no_store.stderr.strip() == f"ercsheet: there is no database at {missing} yet"
    assert not out.exists() and not missing.exists()


def test_an_unwritable_path_is_a_clear_error(database: Path, tmp_path: Path) -> None:
    nowhere = ercsheet("report", "0042", "--matrix", "-o", tmp_path / "no" / "x.pdf", db=database)
    assert nowhere.returncode == 1
    assert f"the folder {tmp_path / 'no'} does not exist" in nowhere.stderr
    assert "Traceback" not in nowhere.stderr
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        denied = ercsheet("report", "0042", "--progress", "-o", locked / "x.pdf", db=database)
        assert denied.returncode == 1 and "Permission denied" in denied.stderr
        assert "Traceback" not in denied.stderr


def test_reports_load_neither_sqlalchemy_nor_pydantic(database: Path, tmp_path: Path) -> None:
    command = ["--db", str(database), "report", "0042", "--matrix", "-o", str(tmp_path / "x.pdf")]
    assert_loads_none_of_the_heavy(command)
