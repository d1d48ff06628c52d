"""The commands with hostile input: a FIFO or a device named as a file never hangs a command, and
text from the store or a file never reaches the terminal as control characters."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from ercsheet.store.store import Store
from tests.store.test_exchange import good_file
from tests.test_cli import ercsheet

pytestmark = pytest.mark.timeout(120)


def good_path(folder: Path) -> Path:
    data = good_file()
    data["unit"] = "mgmt-l3-u40-f17"
    data["qualification"] = "OCR Level 3 NVQ Certificate in Management"
    path = folder / "good.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")
def test_import_refuses_a_fifo_and_a_device_at_once_and_goes_on(tmp_path: Path) -> None:
    fifo, zero = tmp_path / "pipe.json", tmp_path / "zero.json"
    os.mkfifo(fifo)
    zero.symlink_to("/dev/zero")
    result = ercsheet("import", fifo, zero, good_path(tmp_path), db=tmp_path / "store.sqlite3")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"ercsheet: refused {fifo}: is a FIFO (named pipe), not a file" in result.stderr
    assert f"ercsheet: refused {zero}: is a device, not a file" in result.stderr
    assert "good.json: imported as sheet 1" in result.stdout


def test_stored_names_are_listed_with_control_characters_escaped(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    assert ercsheet("import", good_path(tmp_path), db=db).returncode == 0
    # A store written before the safe-text rule (or by another program) may hold anything.
    with sqlite3.connect(db) as connection:
        connection.execute(
            "UPDATE candidate SET name = ?, candidate_number = ?",
            ("Evil\x1b]0;owned\x07\x1b[2J\u202etxt.exe", "00\x9b42"),
        )
    listed = ercsheet("sheets", db=db)
    assert listed.returncode == 0
    assert "\x1b" not in listed.stdout and "\u202e" not in listed.stdout
    assert "\x9b" not in listed.stdout
    assert "Evil\\x1b]0;owned\\x07\\x1b[2J\\u202etxt.exe (00\\x9b42)" in listed.stdout
    as_json = ercsheet("sheets", "--json", db=db)
    assert "\u202e" not in as_json.stdout and "\x9b" not in as_json.stdout
    [sheet] = json.loads(as_json.stdout)
    assert sheet["candidate"]["name"] == "Evil\x1b]0;owned\x07\x1b[2J\u202etxt.exe"
    with Store(db) as store:
        assert store.sheets()[0].candidate_name.startswith("Evil\x1b")
