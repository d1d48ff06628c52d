"""The window as a child process for the kill test: edits made with the mouse and keyboard,
each reported on stdout once the window has handed it to the store.

    python -m tests.gui.window.kill_child DATABASE
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ercsheet.gui import create_main_window
from ercsheet.store.example import create_example_candidate
from ercsheet.store.store import Profile
from tests.conftest import TODAY

ROWS, FIRST_AC = 4, 3


def main(database: Path) -> None:
    window = create_main_window(database, today=TODAY)
    window.store.set_profile(Profile("Pat Jones", True))
    sheet_id = create_example_candidate(window.store, window.catalogue, TODAY)
    window.resize(1366, 768)
    window.show()
    window.open_sheet(sheet_id)
    print(f"sheet {sheet_id}", flush=True)
    view = window.sheet_view.grid
    model = window.sheet_view.model
    edit = 0
    while True:  # until killed: toggle every cell in turn, then again
        for row in range(ROWS):
            for column in range(FIRST_AC, model.columnCount()):
                index = model.index(row, column)
                view.scrollTo(index)
                QTest.mouseClick(
                    view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
                )
                edit += 1
                ticked = model.index(row, column).data() == "✓"
                criterion = model.criterion_at(column)
                assert criterion is not None  # every column from FIRST_AC on is a criterion
                print(f"saved {edit} {row} {criterion.number} {int(ticked)}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
