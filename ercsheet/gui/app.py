"""Starting the Qt application."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow

from ercsheet.catalogue.loader import Catalogue


def run(db_path: Path, catalogue: Catalogue, open_sheet: int | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("ercsheet")
    window.resize(1200, 720)
    window.show()
    return app.exec()
