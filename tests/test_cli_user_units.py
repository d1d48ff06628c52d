"""The user's own units folder: read by every command with no --units-dir, a unit there
replacing the built-in one of its id; two units with one URN are warned about."""

from __future__ import annotations

import json
from pathlib import Path

from ercsheet import paths
from tests.test_cli import ercsheet

KITCHEN = Path(__file__).resolve().parent / "units" / "three-level-kitchen.toml"
BUILT_IN = paths.builtin_units_dir()


def test_a_unit_in_the_users_folder_is_listed_without_units_dir() -> None:
    own = paths.user_units_dir()
    assert own.parent == paths.data_dir()
    (own / "kitchen.toml").write_text(KITCHEN.read_text(encoding="utf-8"), encoding="utf-8")
    result = ercsheet("units", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    listed = {u["id"]: u for u in json.loads(result.stdout)}
    assert len(listed) == 6
    assert [c["number"] for c in listed["kitchen"]["learning_outcomes"][2]["criteria"]] == [
        "301.3.2",
        "301.3.1",
    ]


def test_a_users_unit_with_a_built_in_id_replaces_it() -> None:
    text = (BUILT_IN / "mgmt-l3-u40-f17.toml").read_text(encoding="utf-8")
    changed = text.replace("glh = 25", "glh = 26")
    assert changed != text
    (paths.user_units_dir() / "mgmt-l3-u40-f17.toml").write_text(changed, encoding="utf-8")
    result = ercsheet("units", "--json")
    assert result.returncode == 0 and result.stderr == ""  # replaced: no URN said twice
    [unit] = [u for u in json.loads(result.stdout) if u["id"] == "mgmt-l3-u40-f17"]
    assert unit["glh"] == 26


def test_two_units_with_one_urn_are_warned_about(tmp_path: Path) -> None:
    text = (BUILT_IN / "mgmt-l3-u40-f17.toml").read_text(encoding="utf-8")
    (paths.user_units_dir() / "my-f17.toml").write_text(text, encoding="utf-8")
    (tmp_path / "f17-again.toml").write_text(text, encoding="utf-8")
    result = ercsheet("--units-dir", tmp_path, "units")
    assert result.returncode == 0  # every unit loads: a warning, not a failure
    [warning] = result.stderr.splitlines()
    assert warning.startswith(f"ercsheet: warning: {BUILT_IN / 'mgmt-l3-u40-f17.toml'}: urn: ")
    assert "D/600/9804 is also the URN of" in warning
    assert str(paths.user_units_dir() / "my-f17.toml") in warning
    assert str(tmp_path / "f17-again.toml") in warning


def test_the_listing_says_which_units_are_not_all_transcribed() -> None:
    units = Path(__file__).resolve().parent / "units"
    result = ercsheet("--units-dir", units, "units")
    assert result.returncode == 0, result.stderr
    [line] = [line for line in result.stdout.splitlines() if line.startswith("incomplete-letters")]
    assert line.endswith("NOT ALL TRANSCRIBED (cannot be signed off)")
