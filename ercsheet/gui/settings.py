"""The window's remembered layout and folders: an INI file in the data folder, never the
system's settings store, so a portable install (and every test) keeps its own."""

from __future__ import annotations

from pathlib import Path

from ercsheet import paths
from ercsheet.gui.qt.core import QSettings, QStandardPaths


def settings() -> QSettings:
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


def save_folder(settings: QSettings, key: str) -> Path:
    """Where a save dialog opens: the folder last saved to for `key` ("pdf", "exchange"), else
    the user's Documents folder, else their home; never the folder ercsheet was started from
    (on Windows, perhaps its install folder)."""
    kept = settings.value(f"folders/{key}")
    if kept and Path(str(kept)).is_dir():
        return Path(str(kept))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()
