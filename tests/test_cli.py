"""The headless commands, run as a user runs them: a real process, a fresh database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ercsheet.cli import main
from tests.store.test_exchange import good_file, without_record

EXPECTED_CRITERIA = {
    # seed unit id: ACs per LO (PRODUCT.md's table)
    "mgmt-l3-u40-f17": [3, 3, 4],
    "teamlead-l3-u29-f17": [3, 3, 4],
    "cs-operations-l4-u1": [7, 5, 8, 3, 5],
    "reliable-cs-l3-u44": [3, 8, 4, 8],
    "cs-environment-knowledge": [2, 4, 7, 3],
}


def ercsheet(*args: str | Path, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ercsheet"]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run(
        [*command, *map(str, args)], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


@pytest.fixture(scope="module")
def units_json() -> list[dict[str, Any]]:
    result = ercsheet("units", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    units: list[dict[str, Any]] = json.loads(result.stdout)
    return units


def test_units_json_holds_the_five_seed_units(units_json: list[dict[str, Any]]) -> None:
    by_id = {u["id"]: u for u in units_json}
    assert set(EXPECTED_CRITERIA) <= set(by_id)
    for unit_id, counts in EXPECTED_CRITERIA.items():
        unit = by_id[unit_id]
        assert [len(lo["criteria"]) for lo in unit["learning_outcomes"]] == counts, unit_id
        for lo in unit["learning_outcomes"]:
            assert isinstance(lo["number"], str)
            assert [c["number"] for c in lo["criteria"]] == [
                f"{lo['number']}.{n}" for n in range(1, len(lo["criteria"]) + 1)
            ]
        for key in ("title", "urn", "level", "credit", "glh", "expires", "qualifications", "rules"):
            assert key in unit


def test_seed_facts(units_json: list[dict[str, Any]]) -> None:
    by_id = {u["id"]: u for u in units_json}
    management, team_leading = by_id["mgmt-l3-u40-f17"], by_id["teamlead-l3-u29-f17"]
    assert (management["urn"], management["level"], management["credit"], management["glh"]) == (
        "D/600/9804",
        3,
        4,
        25,
    )
    assert management["qualifications"] == [
        {"title": "OCR Level 3 NVQ Certificate in Management", "unit_number": "40"}
    ]
    assert management["rules"]["simulation_allowed"] is False
    assert team_leading["expires"] == "2015-02-28"
    assert team_leading["qualifications"][0]["title"] == "OCR Level 3 NVQ in Team Leading"

    def criterion(unit: dict[str, Any], number: str) -> str:
        text: str = next(
            c["text"]
            for lo in unit["learning_outcomes"]
            for c in lo["criteria"]
            if c["number"] == number
        )
        return text

    # The same unit in two qualifications, with different wording of 1.1 and 2.3.
    assert criterion(management, "1.1") == (
        "State organisational, legal and regulatory requirements for customer service standards."
    )
    assert criterion(team_leading, "1.1") == (
        "State organisational, legal and regulatory requirements for customer service."
    )
    assert criterion(management, "2.3") != criterion(team_leading, "2.3")
    assert criterion(management, "1.2") == criterion(team_leading, "1.2")
    assert by_id["reliable-cs-l3-u44"]["rules"]["line_manager_signature"] is True
    assert by_id["reliable-cs-l3-u44"]["urn"] == "Y/601/1230"
    assert by_id["cs-operations-l4-u1"]["urn"] == "M/506/2898"
    knowledge = by_id["cs-environment-knowledge"]
    assert knowledge["title"] == "" and knowledge["urn"] == ""
    assert any("CFACSC1" in n for n in knowledge["nos"])
    assert not any("CEACSC1" in n for n in knowledge["nos"])


def test_a_broken_unit_file_is_named_and_the_others_still_listed(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text("title = 'no outcomes'\n", encoding="utf-8")
    result = ercsheet("--units-dir", tmp_path, "units", "--json")
    assert result.returncode == 1
    assert f"{tmp_path / 'broken.toml'}: learning_outcomes: this key is required" in result.stderr
    assert len(json.loads(result.stdout)) == 5


def test_import_sheets_export(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    data = good_file()
    data["unit"] = "teamlead-l3-u29-f17"
    data["qualification"] = "OCR Level 3 NVQ in Team Leading"
    file = tmp_path / "in.json"
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    refused = ercsheet("import", file, db=db)
    assert refused.returncode == 1
    assert "expired on 28/02/2015" in refused.stderr and "--allow-expired" in refused.stderr

    imported = ercsheet("import", "--allow-expired", file, db=db)
    assert imported.returncode == 0, imported.stderr
    [sheet] = json.loads(ercsheet("sheets", "--json", db=db).stdout)
    assert sheet["candidate"] == {"name": "Siân Ní Bhriain", "candidate_number": "0042"}
    assert sheet["coverage"] == {"covered": 10, "total": 10}
    assert sheet["status"] == "signed"
    assert sheet["unit"] == "teamlead-l3-u29-f17"

    exported = ercsheet("export", str(sheet["id"]), db=db)
    assert exported.returncode == 0
    assert without_record(json.loads(exported.stdout)) == data
    out = tmp_path / "out.json"
    assert ercsheet("export", str(sheet["id"]), "-o", out, db=db).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(exported.stdout)
    # -o a folder: the file in it named as the window suggests, and said
    folder = tmp_path / "outbox"
    folder.mkdir()
    named = ercsheet("export", str(sheet["id"]), "-o", folder, db=db)
    assert named.stdout == f"{folder / '0042-teamlead-l3-u29-f17.ercsheet'}\n"
    assert json.loads((folder / "0042-teamlead-l3-u29-f17.ercsheet").read_text("utf-8")) == (
        json.loads(exported.stdout)
    )


def test_refused_import_leaves_the_store_unchanged_and_says_why(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    data = good_file()
    data["unit"] = "mgmt-l3-u40-f17"
    data["evidence"][1]["method"] = "simulation"
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    result = ercsheet("import", file, db=db)
    assert result.returncode == 1
    assert f"{file}: evidence[1]: Simulation is not allowed for this unit" in result.stderr
    assert json.loads(ercsheet("sheets", "--json", db=db).stdout) == []


def test_errors_and_usage(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    missing = ercsheet("export", "42", db=db)
    assert missing.returncode == 1 and "no sheet 42" in missing.stderr
    assert ercsheet("export", "forty-two", db=db).returncode == 2
    assert ercsheet("frobnicate", db=db).returncode == 2
    unreadable = ercsheet("import", tmp_path / "nope.json", db=db)
    assert unreadable.returncode == 1 and "cannot be read" in unreadable.stderr


@pytest.mark.slow  # a process per command: ~6 s
def test_check_finds_a_sheet_edited_behind_the_apps_back(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "store.sqlite3"
    data = good_file()
    data["unit"] = "mgmt-l3-u40-f17"
    file = tmp_path / "in.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    assert ercsheet("import", file, db=db).returncode == 0
    fine = ercsheet("check", db=db)
    assert fine.returncode == 0 and "1 signed sheet(s) checked, 0 problem(s)" in fine.stdout
    code = json.loads(ercsheet("export", "1", db=db).stdout)["record_code"]
    typed = f"{code[:4].upper()}-{code[4:8].upper()}-{code[8:12].upper()}"
    assert "sheet 1, current: verified" in ercsheet("check", "--code", typed, db=db).stdout

    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE evidence_item SET title = 'Edited later' WHERE ref = 'E01'")
    broken = ercsheet("check", db=db)
    assert broken.returncode == 1
    assert "sheet 1 (Siân Ní Bhriain, mgmt-l3-u40-f17): its content no longer matches what" in (
        broken.stderr
    )
    assert ercsheet("check", "--code", typed, db=db).returncode == 1
    assert ercsheet("check", "--code", "0000-0000", db=db).returncode == 1


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    # `ercsheet units | head -1`: the pipe is closed while ercsheet still has lines to write
    # (here, before its first: the same error, without depending on timing).
    with subprocess.Popen(
        [sys.executable, "-m", "ercsheet", "units"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as listing:
        assert listing.stdout is not None and listing.stderr is not None
        listing.stdout.close()
        errors = listing.stderr.read()
    assert "Traceback" not in errors


def test_a_command_works_on_the_day_it_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "store.sqlite3"
    file = tmp_path / "in.json"
    data = good_file()
    data["unit"] = "mgmt-l3-u40-f17"
    file.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("ERCSHEET_TODAY", "2026-11-05")  # before the file's signatures
    early = ercsheet("import", file, db=db)
    assert early.returncode == 1 and "10/11/2026 is in the future" in early.stderr
    monkeypatch.setenv("ERCSHEET_TODAY", "5 Nov")
    odd = ercsheet("import", file, db=db)
    assert odd.returncode == 1
    assert "ERCSHEET_TODAY='5 Nov' is not a date in the form YYYY-MM-DD" in odd.stderr
    monkeypatch.setenv("ERCSHEET_TODAY", "2026-11-22")
    assert ercsheet("import", file, db=db).returncode == 0


def test_the_version_is_said() -> None:
    from ercsheet import __version__

    said = ercsheet("--version")
    assert said.returncode == 0 and said.stdout.strip() == f"ercsheet {__version__}"


def test_the_window_without_a_desktop_says_so_in_one_line(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "ercsheet", "--db", str(tmp_path / "s.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("ercsheet: the window needs a desktop")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_candidate_exports_and_imports_as_one_file(tmp_path: Path) -> None:
    db, other = tmp_path / "store.sqlite3", tmp_path / "laptop2.sqlite3"
    data = good_file()
    data["unit"] = "mgmt-l3-u40-f17"
    sheet = tmp_path / "in.json"
    sheet.write_text(json.dumps(data), encoding="utf-8")
    assert ercsheet("import", sheet, db=db).returncode == 0
    assert ercsheet("export", db=db).returncode == 1  # neither a sheet nor a candidate
    unknown = ercsheet("export", "--candidate", "9999", db=db)
    assert unknown.returncode == 1 and "no candidate with number 9999" in unknown.stderr

    assert ercsheet("export", "--candidate", "0042", "-o", tmp_path, db=db).returncode == 0
    file = tmp_path / "0042-all-sheets.ercsheet"
    written = json.loads(file.read_text(encoding="utf-8"))
    assert (written["format"], written["version"]) == ("ercsheet.candidate", 2)
    assert [item["ref"] for item in written["library"]] == ["E01", "E02"]

    imported = ercsheet("import", file, db=other)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == f"{file}: imported as sheet 1\n"
    again = ercsheet("import", file, sheet, db=other)
    assert again.returncode == 0
    assert again.stdout.count("already in the store (sheet 1); nothing changed") == 2
    assert ercsheet("check", db=other).returncode == 0


def test_a_file_to_open_that_is_not_there_is_said_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "Downloads" / "0042-unit.ercsheet"
    assert main(["--db", str(tmp_path / "db.sqlite3"), str(missing)]) == 1
    assert capsys.readouterr().err == (
        f"ercsheet: {missing}: there is no such file; nothing was imported\n"
    )
    assert not (tmp_path / "db.sqlite3").exists()


def test_the_window_on_a_display_no_x_server_answers_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt would end the program (SIGABRT) with a page of its own messages."""
    unused = next(n for n in range(7300, 7400) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    monkeypatch.setenv("DISPLAY", f":{unused}")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert main(["--db", str(tmp_path / "db.sqlite3")]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"ercsheet: the window cannot reach the display :{unused} "), error
    assert error.count("\n") == 1
