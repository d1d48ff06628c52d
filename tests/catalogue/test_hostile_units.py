"""Hostile unit files: each is reported (file, field, what is wrong) in bounded time, and never
stops the catalogue or a command that loads it. The corpus is made here, by the tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ercsheet.catalogue import loader
from ercsheet.catalogue.loader import load_catalogue

pytestmark = pytest.mark.timeout(60)

GOOD = """
title = "Keep bees"
level = 2

[rules]
simulation_allowed = false

[[learning_outcomes]]
number = "1"
title = "Know the hive"

[[learning_outcomes.criteria]]
number = "1.1"
text = "Name the parts of a hive"
"""


def text(content: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_text(content, encoding="utf-8")

    return make


def fifo(path: Path) -> None:
    os.mkfifo(path)


def to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def folder(path: Path) -> None:
    path.mkdir()


def too_large(path: Path) -> None:
    with path.open("wb") as file:
        file.truncate(loader.MAX_UNIT_FILE_BYTES + 1)


DEEP = 100_000
POSIX = os.name == "posix"

# (file name, how it is made, the field reported, what the report says)
CORPUS: list[tuple[str, Callable[[Path], None], str, str]] = [
    ("deep-arrays.toml", text("x = " + "[" * DEEP + "]" * DEEP), "", "nested hundreds"),
    ("deep-inline.toml", text("x = " + "{a=" * DEEP + "1" + "}" * DEEP), "", "nested hundreds"),
    ("deep-dotted.toml", text("a" + ".a" * DEEP + " = 1\n" + GOOD), "", "line 1 has a key"),
    ("deep-header.toml", text("[a" + ".a" * DEEP + "]\nx = 1\n"), "", "dotted parts"),
    ("nested-ok-parse.toml", text("x = " + "[" * 50 + "]" * 50 + GOOD), "x[0][0][0][0][0][0]", ""),
    ("long-int.toml", text(GOOD.replace("level = 2", "level = " + "9" * 5000)), "", "digits"),
    ("big-int.toml", text(GOOD.replace("level = 2", "level = " + "9" * 30)), "level", "too large"),
    ("level-true.toml", text(GOOD.replace("level = 2", "level = true")), "level", "whole number"),
    ("level-float.toml", text(GOOD.replace("level = 2", "level = 3.0")), "level", "whole number"),
    (
        "sim-no.toml",
        text(GOOD.replace("simulation_allowed = false", 'simulation_allowed = "no"')),
        "rules.simulation_allowed",
        "true or false",
    ),
    (
        "expires-time.toml",
        text(GOOD.replace("level = 2", "expires = 2015-02-28T10:00:00")),
        "expires",
        "(a date alone), not 2015-02-28 10:00:00",
    ),
    ("too-large.toml", too_large, "", "a unit file is at most 1 MB"),
    ("a-folder.toml", folder, "", "is a folder, not a file"),
]
if POSIX:
    CORPUS += [
        ("fifo.toml", fifo, "", "is a FIFO (named pipe), not a file"),
        ("dev-zero.toml", to_dev_zero, "", "is a device, not a file"),
    ]


def hostile_folder(where: Path) -> Path:
    units = where / "units"
    units.mkdir()
    (units / "a-good-one.toml").write_text(GOOD, encoding="utf-8")
    for name, make, _field, _reason in CORPUS:
        make(units / name)
    return units


@pytest.mark.parametrize(("name", "make", "field", "reason"), CORPUS, ids=[c[0] for c in CORPUS])
def test_each_hostile_unit_file_is_reported_with_its_reason(
    tmp_path: Path, name: str, make: Callable[[Path], None], field: str, reason: str
) -> None:
    units = tmp_path / "units"
    units.mkdir()
    (units / "a-good-one.toml").write_text(GOOD, encoding="utf-8")
    make(units / name)
    start = time.monotonic()
    catalogue = load_catalogue([units])
    assert time.monotonic() - start < 20
    assert list(catalogue.units) == ["a-good-one"]
    [error] = catalogue.errors
    assert error.path == units / name
    assert error.field.startswith(field)
    assert reason in error.message


def test_the_whole_corpus_at_once_still_loads_the_good_unit(tmp_path: Path) -> None:
    catalogue = load_catalogue([hostile_folder(tmp_path)])
    assert list(catalogue.units) == ["a-good-one"]
    assert len(catalogue.errors) == len(CORPUS)


def test_a_folder_that_cannot_be_listed_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()

    def refuse(path: object) -> object:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", refuse)
    [error] = load_catalogue([locked]).errors
    assert str(error) == f"{locked}: the folder cannot be read (permission denied)"


@pytest.mark.skipif(not POSIX or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_a_folder_with_mode_000_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        [error] = load_catalogue([locked]).errors
    finally:
        locked.chmod(0o700)
    assert "the folder cannot be read (permission denied)" in str(error)


def test_ercsheet_units_lists_the_good_units_and_names_every_bad_file(tmp_path: Path) -> None:
    units = hostile_folder(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "ercsheet", "--units-dir", str(units), "units"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "a-good-one" in result.stdout
    for name, *_rest in CORPUS:
        assert f"ercsheet: skipped {units / name}: " in result.stderr
