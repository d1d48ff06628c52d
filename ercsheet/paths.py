"""Where ercsheet keeps its files: one module, so tests can redirect every folder at once."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ercsheet"
# Tests and portable installs point this at another folder.
DATA_DIR_ENV = "ERCSHEET_DATA_DIR"


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    folder = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def default_database() -> Path:
    return data_dir() / "ercsheet.sqlite3"


def real(path: Path) -> Path:
    """The file a path names, through any symlinks: the file ercsheet locks and changes, so a
    symlink to the database neither bypasses its lock nor is replaced by a new file while the
    real one stays as it was. A path with no symlink in it is returned as given."""
    path = Path(path)
    resolved = Path(os.path.realpath(path))
    return path if resolved == Path(os.path.abspath(path)) else resolved


def _shipped(name: str) -> Path:
    """A folder of files shipped with ercsheet: inside the package where a wheel put it
    (`pip install .`, `pipx install .`: setup.py maps it there), else beside the package, where
    it is kept in a checkout (and an editable install) and the PyInstaller app keeps it."""
    package = Path(__file__).resolve().parent
    inside = package / name
    return inside if inside.is_dir() else package.parent / name


def builtin_units_dir() -> Path:
    """`units_data/`: the built-in units and, in its `qualifications/`, qualifications."""
    return _shipped("units_data")


def user_units_dir() -> Path:
    """The user's own unit files, in the data folder: loaded at every start beside the built-in
    units (a unit here with a built-in unit's id replaces it). Made when first asked for, so
    there is always a folder to put a unit file in."""
    folder = data_dir() / "units"
    folder.mkdir(exist_ok=True, mode=0o700)
    return folder


def unit_folders() -> list[Path]:
    """The folders every start loads units from, in order (a later one's unit replaces an
    earlier one's of the same id): the built-in units, then the user's own."""
    return [builtin_units_dir(), user_units_dir()]


def resources_dir() -> Path:
    """`resources/`: the fonts and icons, found as `units_data/` is."""
    return _shipped("resources")


def fonts_dir() -> Path:
    """The TrueType fonts the PDF embeds, shipped with their licence."""
    return resources_dir() / "fonts"


def icons_dir() -> Path:
    """ercsheet's icon: `ercsheet.svg` and a PNG of each size, `ercsheet-SIZE.png`."""
    return resources_dir() / "icons"
