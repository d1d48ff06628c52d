"""Where the save dialogs open: never the folder ercsheet was started from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from ercsheet.gui.settings import save_folder


def test_a_save_opens_where_the_last_one_went_else_in_documents(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    documents = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    documents.mkdir(parents=True, exist_ok=True)
    assert save_folder(settings, "pdf") == documents

    settings.setValue("folders/pdf", str(tmp_path / "exports"))
    assert save_folder(settings, "pdf") == documents  # that folder is gone: not offered
    (tmp_path / "exports").mkdir()
    assert save_folder(settings, "pdf") == tmp_path / "exports"
    assert save_folder(settings, "exchange") == documents  # each kind keeps its own
