"""The layer rules in ruff's configuration fire: an import in the wrong place fails `ruff check`.

Each case lints a small source as if it were a file at the given path (ruff takes the path's
configuration and per-file-ignores from it), so the rules are proven without touching the tree.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUFF = [sys.executable, "-m", "ruff", "check", "--output-format", "json"]

LAZY = "def later() -> None:\n    import {module}\n"
TYPES_ONLY = "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import {module}\n"


def layer_rules(path: str, source: str) -> set[str]:
    """The layer rules (TID*) that `ruff check` reports for `source` placed at `path`."""
    return set(reported(path, source))


def reported(path: str, source: str) -> list[str]:
    """Each layer rule (TID*) reported for `source` placed at `path`, once per import."""
    result = subprocess.run(
        [*RUFF, "--stdin-filename", path, "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: something was reported
    return sorted(d["code"] for d in json.loads(result.stdout) if d["code"].startswith("TID"))


@pytest.mark.parametrize(
    "path",
    [
        "ercsheet/domain/x.py",
        "ercsheet/catalogue/x.py",
        "ercsheet/store/x.py",
        "ercsheet/store/operations.py",
        "ercsheet/pdf/x.py",
        "ercsheet/cli/main.py",
        "tests/store/x.py",
        # The window itself takes Qt from its one import point, ercsheet/gui/qt/.
        "ercsheet/gui/x.py",
        "ercsheet/gui/signing/x.py",
        "ercsheet/gui/main_window.py",
    ],
)
def test_qt_outside_the_gui_fails_the_lint(path: str) -> None:
    assert layer_rules(path, "from PySide6.QtCore import Qt\n") == {"TID251"}
    assert layer_rules(path, "import PySide6\n") == {"TID251"}
    assert layer_rules(path, LAZY.format(module="PySide6.QtWidgets")) == {"TID251"}


@pytest.mark.parametrize(
    "path", ["ercsheet/gui/qt/core.py", "ercsheet/gui/qt/x.py", "tests/gui/x.py"]
)
def test_qt_at_its_one_import_point_passes(path: str) -> None:
    assert layer_rules(path, "from PySide6.QtCore import Qt\n") == set()


@pytest.mark.parametrize("path", ["ercsheet/gui/x.py", "ercsheet/gui/signing/x.py"])
def test_the_window_imports_qt_from_its_import_point(path: str) -> None:
    assert layer_rules(path, "from ercsheet.gui.qt.core import Qt\n") == set()


# The modules the window and `ercsheet pdf` load on their way to the screen or the printout.
ON_THE_WAY = [
    "ercsheet/gui/main_window.py",
    "ercsheet/gui/x.py",
    "ercsheet/store/store.py",
    "ercsheet/store/reading.py",
    "ercsheet/catalogue/snapshot.py",
    "ercsheet/domain/x.py",
    "ercsheet/cli/main.py",
    "ercsheet/pdf/render.py",
]
HEAVY = ["sqlalchemy", "sqlalchemy.orm", "alembic", "pydantic", "cryptography.hazmat"]


@pytest.mark.parametrize("path", ON_THE_WAY)
def test_a_heavy_import_at_module_level_on_the_way_fails_the_lint(path: str) -> None:
    source = "".join(f"import {module}\n" for module in HEAVY)
    assert reported(path, source) == ["TID253"] * len(HEAVY)


@pytest.mark.parametrize("path", ON_THE_WAY)
def test_a_heavy_import_where_it_is_used_passes(path: str) -> None:
    assert layer_rules(path, LAZY.format(module="sqlalchemy")) == set()
    assert layer_rules(path, TYPES_ONLY.format(module="sqlalchemy.orm")) == set()


def test_reportlab_and_the_printout_are_at_home_in_the_printout_only() -> None:
    source = "from reportlab.lib import colors\nfrom ercsheet.pdf.render import render_pdf\n"
    assert reported("ercsheet/pdf/x.py", source) == []
    for path in ("ercsheet/gui/x.py", "ercsheet/store/reading.py", "ercsheet/cli/main.py"):
        assert reported(path, source) == ["TID253", "TID253"], path


@pytest.mark.parametrize(
    "path",
    [
        "ercsheet/store/operations.py",
        "ercsheet/store/models.py",
        "ercsheet/catalogue/validation.py",
        "ercsheet/catalogue/shape.py",
        "ercsheet/catalogue/qualification_validation.py",
    ],
)
def test_the_modules_loaded_on_first_use_may_import_them(path: str) -> None:
    assert layer_rules(path, "import sqlalchemy\nimport pydantic\n") == set()
    assert layer_rules(path, "from ercsheet.store import models\n") == set()


LOADED_ON_FIRST_USE = [
    "from ercsheet.store import operations\n",
    "from ercsheet.gui.printing import preview\n",
    "from ercsheet.store.models import Sheet\n",
    "import ercsheet.catalogue.loader\n",
    "from ercsheet.catalogue.shape import checked\n",
    "from ercsheet.store.exchange import import_file\n",
]


@pytest.mark.parametrize("path", ON_THE_WAY)
def test_a_module_loaded_on_first_use_is_not_imported_on_the_way(path: str) -> None:
    # It would bring the libraries above with it, past the rule for them.
    source = "".join(LOADED_ON_FIRST_USE)
    assert reported(path, source) == ["TID253"] * len(LOADED_ON_FIRST_USE)
    assert layer_rules(path, LAZY.format(module="ercsheet.store.operations")) == set()


def test_the_printout_bans_what_the_project_bans_but_reportlab_and_itself() -> None:
    def banned(config: dict[str, Any]) -> list[str]:
        tidy: dict[str, list[str]] = config["lint"]["flake8-tidy-imports"]
        return tidy["banned-module-level-imports"]

    project = banned(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"])
    printout = banned(tomllib.loads((ROOT / "ercsheet" / "pdf" / "ruff.toml").read_text()))
    own = {"reportlab", "ercsheet.pdf"}
    assert own <= set(project)
    assert printout == [module for module in project if module not in own]
