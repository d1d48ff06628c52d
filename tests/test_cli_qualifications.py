"""`ercsheet qualifications` and what `ercsheet units` says of them, run as a user runs them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from ercsheet import paths
from ercsheet.catalogue.qualification import Qualification
from tests.test_cli import ercsheet

KITCHEN = Path(__file__).resolve().parent / "qualifications"


def test_the_json_listing_is_the_model_of_each_qualification() -> None:
    result = ercsheet("--units-dir", KITCHEN, "qualifications", "--json")
    assert result.returncode == 0 and result.stderr == ""
    listed = {q["id"]: q for q in json.loads(result.stdout)}
    assert list(listed) == ["kitchen-leadership-l3", "mgmt-l3-cert", "teamlead-l3"]
    fields = [f.name for f in dataclasses.fields(Qualification)]
    assert all(list(q) == fields for q in listed.values())
    assert listed["teamlead-l3"] == {
        "id": "teamlead-l3",
        "title": "OCR Level 3 NVQ in Team Leading",
        "awarding_body": "OCR",
        "level": 3,
        "qualification_number": "",
        "min_credit": None,
        "glh": None,
        "tqt": None,
        "complete": False,
        "mandatory": [],
        "groups": [],
        "credit_at_level": None,
        "unplaced": [{"unit": "teamlead-l3-u29-f17", "number": "29"}],
    }
    kitchen = listed["kitchen-leadership-l3"]
    assert kitchen["credit_at_level"] == {"level": 3, "min_credit": 15}
    assert kitchen["groups"][1] == {
        "title": "Optional group C: skills",
        "units": [
            {"unit": "kitchen-knives-l2", "number": "201"},
            {"unit": "kitchen-pastry-l2", "number": "202"},
            {"unit": "kitchen-allergens-l2", "number": "203"},
        ],
        "min_units": None,
        "max_units": None,
        "min_credit": 4,
        "max_credit": 8,
    }
    # The catalogue's commands open no database.
    assert not paths.default_database().exists()


def test_the_listing_shows_the_rules_of_combination() -> None:
    result = ercsheet("--units-dir", KITCHEN, "qualifications")
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].startswith("kitchen-leadership-l3        Invented Level 3 Diploma in Kitchen")
    assert lines[0].endswith("[Invented Awarding Body, L3, 999/9999/9, GLH 120, TQT 200]")
    assert [line.strip() for line in lines[1:5]] == [
        "at least 20 credits; at least 15 credits at level 3 or above",
        "mandatory: Unit 301 (kitchen-safety-l3), Unit 302 (kitchen-team-l3)",
        "Optional group B: supervision (at least 1 unit, at most 2 units): Unit 310 "
        "(kitchen-rota-l3), Unit 311 (kitchen-stock-l3), Unit 312 (kitchen-training-l3)",
        "Optional group C: skills (at least 4 credits, at most 8 credits): Unit 201 "
        "(kitchen-knives-l2), Unit 202 (kitchen-pastry-l2), Unit 203 (kitchen-allergens-l2)",
    ]
    assert lines[5:] == [
        "mgmt-l3-cert                 OCR Level 3 NVQ Certificate in Management  [OCR, L3]  "
        "RULES OF COMBINATION NOT TRANSCRIBED",
        f"{'':29}place not transcribed: Unit 40 (mgmt-l3-u40-f17)",
        "teamlead-l3                  OCR Level 3 NVQ in Team Leading  [OCR, L3]  "
        "RULES OF COMBINATION NOT TRANSCRIBED",
        f"{'':29}place not transcribed: Unit 29 (teamlead-l3-u29-f17)",
    ]


def test_units_says_which_qualifications_a_unit_is_in() -> None:
    listed = ercsheet("--units-dir", KITCHEN, "units", "--json")
    assert listed.returncode == 0 and listed.stderr == ""
    by_id = {u["id"]: u for u in json.loads(listed.stdout)}
    assert by_id["mgmt-l3-u40-f17"]["in_qualifications"] == [
        {"qualification": "mgmt-l3-cert", "number": "40", "place": "unplaced", "group": ""}
    ]
    assert by_id["kitchen-stock-l3"]["in_qualifications"] == [
        {
            "qualification": "kitchen-leadership-l3",
            "number": "311",
            "place": "group",
            "group": "Optional group B: supervision",
        }
    ]
    assert by_id["cs-operations-l4-u1"]["in_qualifications"] == []
    text = ercsheet("--units-dir", KITCHEN, "units").stdout.splitlines()
    at = text.index(next(line for line in text if line.startswith("teamlead-l3-u29-f17 ")))
    assert text[at + 2].strip() == "qualifications: teamlead-l3 (Unit 29, place not transcribed)"
    safety = next(i for i, line in enumerate(text) if line.startswith("kitchen-safety-l3 "))
    assert text[safety + 2].strip() == "qualifications: kitchen-leadership-l3 (Unit 301, mandatory)"


def test_a_qualification_naming_a_missing_unit_is_warned_about(tmp_path: Path) -> None:
    folder = tmp_path / "qualifications"
    folder.mkdir()
    text = (KITCHEN / "qualifications" / "kitchen-leadership-l3.toml").read_text(encoding="utf-8")
    (folder / "kitchen-leadership-l3.toml").write_text(text, encoding="utf-8")
    (folder / "broken.toml").write_text("title = 'x'\n", encoding="utf-8")
    # Without the kitchen's units: every unit it names is missing, and it still loads.
    for command in ("qualifications", "units"):
        result = ercsheet("--units-dir", tmp_path, command)
        assert result.returncode == 1  # the broken file was skipped
        said = result.stderr.splitlines()
        assert (
            f"ercsheet: skipped {folder / 'broken.toml'}: awarding_body: this key is required"
            in said
        )
        assert (
            f"ercsheet: warning: {folder / 'kitchen-leadership-l3.toml'}: mandatory: unit "
            "'kitchen-safety-l3' is not in the catalogue: add its unit file "
            "(kitchen-safety-l3.toml) to a units folder, or correct the id"
        ) in said
        assert len([line for line in said if "is not in the catalogue" in line]) == 8
    listed = ercsheet("--units-dir", tmp_path, "qualifications")
    assert listed.stdout.startswith("kitchen-leadership-l3")
