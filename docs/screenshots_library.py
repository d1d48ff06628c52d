"""Screenshots of one piece of evidence on two units' sheets, on a throwaway store, at 1366 x 768.

    xvfb-run -a -s "-screen 0 1366x768x24" env PYTHONPATH=$PWD \
        .venv/bin/python docs/screenshots_library.py

Writes docs/images/shared-evidence-grid.png, shared-evidence-picker.png and
evidence-library.png.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["ERCSHEET_DATA_DIR"] = tempfile.mkdtemp(prefix="ercsheet-shots-")

from ercsheet.domain.library import Holding  # noqa: E402
from ercsheet.domain.sheet import Person  # noqa: E402
from ercsheet.gui import create_main_window  # noqa: E402
from ercsheet.gui.evidence_picker import EvidencePicker  # noqa: E402
from ercsheet.gui.library_dialog import LibraryDialog  # noqa: E402
from ercsheet.store.example import create_example_candidate  # noqa: E402
from ercsheet.store.store import Profile  # noqa: E402

IMAGES = ROOT / "docs" / "images"
TODAY = dt.date(2026, 11, 23)


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def save(widget: QWidget, name: str) -> None:
    widget.grab().save(str(IMAGES / name))
    print(IMAGES / name)


def main() -> int:
    database = Path(os.environ["ERCSHEET_DATA_DIR"]) / "shots.sqlite3"
    window = create_main_window(database, today=TODAY)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    store = window.store
    store.set_profile(Profile("Pat Jones", True, "A-1234"))
    example = create_example_candidate(store, window.catalogue, TODAY)
    candidate = store.sheet_summary(example).candidate_id
    unit = window.catalogue.units["reliable-cs-l3-u44"]
    other = store.create_sheet(candidate, unit, "", Person("Pat Jones"))
    items = {entry.fields.ref: entry.id for entry in store.library(candidate)}
    briefing = store.add_existing_evidence(other, items["E01"])
    for criterion in ("1.1", "1.2", "2.1"):
        store.set_tick(briefing, criterion, True)
    store.update_library_item(
        items["E02"], store.library(candidate)[1].fields, Holding("Portfolio, section B p.12")
    )
    window.candidates.refresh()
    window.show()
    window.resize(1366, 768)
    window.move(0, 0)
    window.open_sheet(other)
    view = window.sheet_view
    view.grid.setCurrentIndex(view.model.index(0, view.model.column_of("1.2") or 0))
    settle(app)
    save(window, "shared-evidence-grid.png")

    picker = EvidencePicker(store, candidate, other, window)
    picker.show()
    settle(app)
    save(picker, "shared-evidence-picker.png")
    picker.close()

    library = LibraryDialog(store, candidate, window)
    library.show()
    library.table.selectRow(1)
    settle(app)
    save(library, "evidence-library.png")
    library.close()
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
