"""The frozen app's recipe (packaging/frozen_contents.py), checked without building it: a build
takes a minute and 200 MB (`./dev.sh package`; docs/installing.md says what was built and tried)."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))

import frozen_contents  # noqa: E402


def imported_modules(folder: Path) -> set[str]:
    """Every module named by an import in the Python files under `folder`, lazy ones included."""
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_data_the_app_reads_is_shipped_where_paths_py_looks() -> None:
    shipped = {
        (Path(source).name, destination) for source, destination in frozen_contents.data_files()
    }
    assert all(Path(source).is_file() for source, _ in frozen_contents.data_files())
    for expected in [
        ("mgmt-l3-u40-f17.toml", "units_data"),
        ("DejaVuSans.ttf", "resources/fonts"),
        ("LICENSE-DejaVu.txt", "resources/fonts"),
        ("env.py", "ercsheet/store/migrations"),
        ("0001_initial.py", "ercsheet/store/migrations/versions"),
        ("qrencoder.py", "reportlab/graphics/barcode"),
    ]:
        assert expected in shipped
    assert not any(name.endswith(".pyc") for name, _ in shipped)


def test_every_migration_is_shipped() -> None:
    versions = ROOT / "ercsheet" / "store" / "migrations" / "versions"
    shipped = {Path(source) for source, _ in frozen_contents.data_files()}
    assert set(versions.glob("*.py")) <= shipped


def test_the_qt_modules_kept_are_those_the_window_imports() -> None:
    # A Qt module the window starts using, and not listed, would be left out of the frozen app.
    used = {
        name.removeprefix("PySide6.")
        for name in imported_modules(ROOT / "ercsheet" / "gui" / "qt")
        if name.startswith("PySide6.Qt") and name.count(".") == 1
    }
    assert used == set(frozen_contents.QT_MODULES_USED)
    excluded = frozen_contents.excluded_modules()
    assert "PySide6.QtQml" in excluded and "PySide6.QtWebEngineCore" in excluded
    assert not used & {name.removeprefix("PySide6.") for name in excluded}


def test_nothing_the_app_imports_is_excluded() -> None:
    excluded = frozen_contents.excluded_modules()
    imported = imported_modules(ROOT / "ercsheet")  # the migrations, read as files, too
    caught = {name for name in imported for gone in excluded if f"{name}.".startswith(f"{gone}.")}
    assert caught == set()


def test_the_modules_imported_by_name_exist() -> None:
    for name in frozen_contents.HIDDEN_IMPORTS:
        assert importlib.util.find_spec(name) is not None, name


def test_the_plugins_kept() -> None:
    kept = frozen_contents.kept
    assert kept("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert kept("PySide6/Qt/plugins/platforms/libqoffscreen.so")
    assert kept("PySide6/plugins/platforms/qwindows.dll")  # Windows' layout: no Qt folder
    assert kept("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so")
    assert kept("PySide6/Qt/lib/libQt6Pdf.so.6")
    assert kept("units_data/mgmt-l3-u40-f17.toml")
    assert not kept("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so")
    assert not kept("PySide6/Qt/plugins/platforms/libqeglfs.so")
    assert not kept("PySide6/Qt/plugins/sqldrivers/libqsqlite.so")
    assert not kept("PySide6/Qt/translations/qtbase_de.qm")
