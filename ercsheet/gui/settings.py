"""The window's remembered layout and folders: an INI file in the data folder, never the
system's settings store, so a portable install (and every test) keeps its own."""

from __future__ import annotations

from ercsheet import paths
from ercsheet.gui.qt.core import QSettings


def settings() -> QSettings:
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)
