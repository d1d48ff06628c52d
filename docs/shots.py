"""What the screenshot scripts share. Imported before anything of ercsheet: it puts the
repository on the import path (the scripts run as `python docs/screenshots_x.py`) and gives the
run a throwaway data folder, so a screenshot never touches the user's own.

`example_window` is the window every script starts from: a fresh store with the assessor Pat
Jones and the example candidate. `settle` lets Qt lay out and paint before `save` grabs a widget.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["ERCSHEET_DATA_DIR"] = tempfile.mkdtemp(prefix="ercsheet-shots-")
IMAGES = ROOT / "docs" / "images"
DATABASE = Path(os.environ["ERCSHEET_DATA_DIR"]) / "shots.sqlite3"

if TYPE_CHECKING:
    from ercsheet.catalogue.loaded import Catalogue
    from ercsheet.gui.main_window import MainWindow


def example_window(
    today: dt.date, catalogue: Catalogue | None = None
) -> tuple[MainWindow, QApplication, int]:
    """The window on a fresh store, its assessor set up and the example candidate added (their
    sheet's id is the third value), not shown yet."""
    # Imported here, after the data folder above is set.
    from ercsheet.gui import create_main_window
    from ercsheet.store.example import create_example_candidate
    from ercsheet.store.store import Profile

    window = create_main_window(DATABASE, catalogue, today)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window.store.set_profile(Profile("Pat Jones", True, "A-1234"))
    return window, app, create_example_candidate(window.store, window.catalogue, today)


def settle(app: QApplication) -> None:
    """Let the events queued run, widgets replaced (deleteLater) go, as in the event loop."""
    for _ in range(20):
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def save(widget: QWidget, name: str) -> None:
    widget.grab().save(str(IMAGES / name))
    print(IMAGES / name)
