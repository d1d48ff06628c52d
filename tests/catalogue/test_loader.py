"""Unit files: every one validated, a broken one named with the field and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from ercsheet import paths
from ercsheet.catalogue.loader import load_catalogue

GOOD = """
title = "Keep bees"
urn = "A/123/4567"
level = 2

[[learning_outcomes]]
number = "1"
title = "Know the hive"

[[learning_outcomes.criteria]]
number = "1.1"
text = "Name the parts of a hive"
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_centres_own_unit_loads_beside_the_built_in_ones(tmp_path: Path) -> None:
    write(tmp_path / "extra", "keep-bees.toml", GOOD)
    catalogue = load_catalogue([paths.builtin_units_dir(), tmp_path / "extra"])
    assert catalogue.errors == []
    bees = catalogue.get("keep-bees")
    assert bees is not None and bees.criterion_numbers == ("1.1",)
    assert len(catalogue.units) == 6


@pytest.mark.parametrize(
    ("text", "field", "reason"),
    [
        ("title = 'x'\n", "learning_outcomes", "this key is required"),
        (
            GOOD.replace('number = "1.1"', 'number = "1,1"'),
            "LO 1, AC 1,1, number",
            "'1,1' is not a number like 1.1, 1.1.1, P1 or 1a",
        ),
        (GOOD.replace("level = 2", "level = 'two'"), "level", "must be a whole number"),
        (GOOD.replace("level = 2", "levle = 2"), "levle", "unknown key"),
        (
            GOOD.replace('text = "Name the parts of a hive"', 'text = ""'),
            "LO 1, AC 1.1, text",
            "must not be empty",
        ),
        (GOOD + "\n[rules]\nsimulation = false\n", "rules.simulation", "unknown key"),
        (GOOD.replace('urn = "A/123/4567"', "urn = "), "", "not valid TOML"),
        (GOOD.replace("level = 2", 'expires = "2015-02-30"'), "expires", "date"),
        (GOOD.replace("level = 2", "level = 9"), "level", "must be from 1 to 8"),
        (
            GOOD + GOOD[GOOD.index("[[learning_outcomes]]") :],
            "LO 1",
            "appears twice: give each learning outcome its own number",
        ),
        (
            GOOD.replace('text = "Name the parts of a hive"', "text = 11"),
            "LO 1, AC 1.1, text",
            "valid string",
        ),
    ],
)
def test_a_broken_file_is_named_with_the_field_and_the_others_still_load(
    tmp_path: Path, text: str, field: str, reason: str
) -> None:
    folder = tmp_path / "units"
    write(folder, "a-good-one.toml", GOOD)
    broken = write(folder, "broken.toml", text)
    catalogue = load_catalogue([folder])
    assert list(catalogue.units) == ["a-good-one"]
    [error] = [e for e in catalogue.errors if e.field == field and reason in e.message]
    assert error.path == broken
    assert str(error).startswith(f"{broken}: ")


def test_not_utf8_and_an_id_in_the_file_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "units"
    (folder).mkdir()
    (folder / "latin.toml").write_bytes(GOOD.replace("bees", "abeilles ç").encode("latin-1"))
    write(folder, "with-id.toml", 'id = "other"\n' + GOOD)
    catalogue = load_catalogue([folder])
    assert catalogue.units == {}
    messages = sorted(str(e) for e in catalogue.errors)
    assert "not UTF-8" in messages[0]
    assert "the id is the file name" in messages[1]


def test_a_bad_file_name_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "u", "Keep Bees.toml", GOOD)
    [error] = load_catalogue([tmp_path / "u"]).errors
    assert error.field == "id"
    assert "file name" in error.message


def test_a_5000_character_title_and_welsh_text_load_whole(tmp_path: Path) -> None:
    title = ("Gweithio’n effeithiol ŵ ŷ " * 200)[:5000]
    write(tmp_path / "u", "long.toml", GOOD.replace('title = "Keep bees"', f'title = "{title}"'))
    unit = load_catalogue([tmp_path / "u"]).get("long")
    assert unit is not None and unit.title == title.strip()
