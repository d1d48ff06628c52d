"""`ercsheet unit import` run as a user runs it: on a PDF, a DOCX and a text file; its unit
files load back with the catalogue's loader; bad input gets a message, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ercsheet.catalogue.listing import LISTED
from ercsheet.catalogue.loader import load_catalogue
from tests.catalogue.importer.specs.invented import TITLE


def ercsheet(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ercsheet", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_json_lists_each_unit_as_ercsheet_units_does(specs: Path) -> None:
    result = ercsheet(
        "unit", "import", specs / "table.pdf", specs / "table.docx", specs / "flat.txt", "--json"
    )
    assert result.returncode == 0, result.stderr
    units = json.loads(result.stdout)
    assert [tuple(u)[: len(LISTED)] for u in units] == [LISTED] * 3
    assert {u["title"] for u in units} == {TITLE}
    assert all(len(u["learning_outcomes"]) == 3 for u in units)
    # What it is unsure of: in the JSON and, a line each, on stderr.
    flat = units[2]["unsure"]
    assert {
        "field": "nos",
        "reason": "LAMGC14 read as LANGC14, the shape of the unit's other codes.",
        "said": "NOS: LAMGC14 read as LANGC14, the shape of the unit's other codes.",
    } in flat
    assert "flat.txt: unsure: NOS: LAMGC14 read as LANGC14" in result.stderr
    # The reviewer reads the specification's words, never a unit file's keys.
    assert "rules." not in result.stderr and "simulation_allowed" not in result.stderr
    assert "unsure: Simulation: ruled out for AC 2.2 and 2.3 only — " in result.stderr


def test_unit_files_written_load_back_unchanged(specs: Path, tmp_path: Path) -> None:
    for name in ("table.pdf", "table.docx", "flat.txt"):
        out = tmp_path / name
        out.mkdir()
        result = ercsheet("unit", "import", specs / name, "-o", out)
        assert result.returncode == 0, result.stderr
        written = sorted(out.glob("*.toml"))
        assert [p.name for p in written] == [
            "prepare-and-maintain-a-safe-grounds-care-work-area-u12.toml"
        ]
        assert result.stdout.strip() == str(written[0])
        catalogue = load_catalogue([out])
        assert catalogue.errors == []
        (unit,) = catalogue.units.values()
        assert (unit.title, unit.urn, len(unit.criteria)) == (TITLE, "K/615/0042", 10)
        assert unit.rules.line_manager_signature
        # "Simulation is not allowed for AC 2.2 and 2.3." is written on those ACs alone.
        assert [c.number for c in unit.criteria if c.real_work] == ["2.2", "2.3"]
        # The marks travel with the file, as comments where the reviewer edits.
        text = written[0].read_text(encoding="utf-8")
        assert "# UNSURE Simulation: ruled out for AC 2.2 and 2.3 only — written as" in text
        assert "# RULE FOR" not in text


def test_an_existing_file_is_not_overwritten(specs: Path, tmp_path: Path) -> None:
    assert ercsheet("unit", "import", specs / "table.pdf", "-o", tmp_path).returncode == 0
    again = ercsheet("unit", "import", specs / "table.pdf", "-o", tmp_path)
    assert again.returncode == 1
    assert "exists; not overwritten" in again.stderr


def test_a_unit_that_is_not_complete_is_not_written(tmp_path: Path) -> None:
    spec = tmp_path / "notes.txt"
    spec.write_text("Unit Title: Notes\n\nNothing else.\n", encoding="utf-8")
    result = ercsheet("unit", "import", spec, "-o", tmp_path)
    assert result.returncode == 1
    assert "not written, the unit is not complete" in result.stderr
    assert "(learning_outcomes: this key is required)" in result.stderr
    assert list(tmp_path.glob("*.toml")) == []


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a PDF body\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    large = tmp_path / "large.txt"
    with large.open("wb") as file:
        file.truncate(50 * 1024 * 1024)
    junk = tmp_path / "junk.docx"
    junk.write_bytes(os.urandom(4096))
    zipped = tmp_path / "other.docx"
    import zipfile

    with zipfile.ZipFile(zipped, "w") as package:
        package.writestr("hello.txt", "not a Word document")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 1000)
    return {
        "broken PDF": (broken_pdf, "not a PDF that can be read"),
        "empty": (empty, "the file is empty"),
        "50 MB": (large, "a unit specification is at most 20 MB"),
        "junk named .docx": (junk, "named .docx but not a Word document"),
        "a ZIP that is not a document": (zipped, "a ZIP file, but not a Word document"),
        "binary": (binary, "holds binary data"),
        "missing": (tmp_path / "missing.pdf", "there is no such file"),
        "folder": (tmp_path, "is a folder, not a file"),
    }


def test_bad_input_gets_a_clear_message_and_the_others_still_import(
    specs: Path, tmp_path: Path
) -> None:
    bad = _bad_inputs(tmp_path)
    result = ercsheet(
        "unit", "import", *(path for path, _ in bad.values()), specs / "flat.txt", "--json"
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for path, message in bad.values():
        assert f"ercsheet: {path}: " in result.stderr
        assert message in result.stderr, (path, result.stderr)
    assert [u["title"] for u in json.loads(result.stdout)] == [TITLE]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "spec.txt"
    os.mkfifo(fifo)
    result = ercsheet("unit", "import", fifo)
    assert result.returncode == 1
    assert "is a FIFO (named pipe), not a file" in result.stderr


def test_a_graded_unit_and_an_incomplete_one_are_written_in_format_2(tmp_path: Path) -> None:
    graded = tmp_path / "graded.txt"
    graded.write_text(
        "Unit 4: Running an event\n\nLearning Outcomes Assessment Criteria Guidance\n"
        "Learning aim A: Plan an event\nA.P1 Produce a plan\nA.M1 Explain the plan\n"
        "A.D1 Evaluate the plan\n",
        encoding="utf-8",
    )
    incomplete = tmp_path / "incomplete.txt"
    incomplete.write_text(
        "Unit Title: Mow a lawn\n\nLearning Outcomes Assessment Criteria Guidance\n"
        "1 Be able to mow\n1.1 Set the blade height\n2 Know the machines\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    result = ercsheet("unit", "import", graded, incomplete, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "unsure: LO 2: no assessment criteria were found under it" in result.stderr
    catalogue = load_catalogue([out])
    assert catalogue.errors == []
    event = catalogue.units["running-an-event-u4"]
    assert [(c.number, c.grade) for c in event.criteria] == [
        ("A.P1", "pass"),
        ("A.M1", "merit"),
        ("A.D1", "distinction"),
    ]
    lawn = catalogue.units["mow-a-lawn"]
    assert not lawn.complete
    assert [len(lo.criteria) for lo in lawn.learning_outcomes] == [1, 0]


def test_an_output_folder_not_there_yet_is_made_and_a_file_in_its_place_refused(
    specs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "my units" / "new"
    result = ercsheet("unit", "import", specs / "flat.txt", "-o", out)
    assert result.returncode == 0, result.stderr
    assert len(list(out.glob("*.toml"))) == 1
    taken = tmp_path / "a file"
    taken.write_text("")
    refused = ercsheet("unit", "import", specs / "flat.txt", "-o", taken)
    assert refused.returncode != 0 and "is not a folder" in refused.stderr
