"""The window on a high-DPI screen (200 % scaling), in a process of its own: Qt's scale factor
is fixed when the application starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

CHILD = """
import datetime as dt, json, sys
from pathlib import Path
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ercsheet.gui import create_main_window
from ercsheet.store.example import create_example_candidate
from ercsheet.store.store import Profile
today = dt.date(2026, 11, 23)
window = create_main_window(Path(sys.argv[1]), today=today)
window.store.set_profile(Profile("Pat Jones", True))
sheet = create_example_candidate(window.store, window.catalogue, today)
window.candidates.refresh()
window.resize(1366, 768)
window.show()
window.open_sheet(sheet)
for _ in range(10):
    app.processEvents()
grid = window.sheet_view.grid
shot = window.grab()
bold = grid.font()
bold.setBold(True)  # the current column's number is bold
numbers = [n for o in window.sheet_view.content.unit.learning_outcomes for n in o.criteria]
print(json.dumps({
    "ratio": shot.devicePixelRatio(),
    "pixels": [shot.width(), shot.height()],
    "fits": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
    "tick_width": grid.columnWidth(grid.model().columnCount() - 1),
    "digits": max(QFontMetrics(bold).horizontalAdvance(c.number) for c in numbers),
    "row_height": grid.rowHeight(0),
    "text_height": grid.fontMetrics().height(),
}))
window.close()
window.store.close()
"""


def test_the_window_draws_at_twice_the_pixels_and_still_fits_a_small_screen(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": "2",
        "ERCSHEET_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "dpi.sqlite3")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    seen = json.loads(child.stdout.strip().splitlines()[-1])
    assert seen["ratio"] == 2
    assert seen["pixels"] == [2732, 1536]  # 1366 x 768 logical, drawn with twice the pixels
    assert seen["fits"][0] <= 1366 and seen["fits"][1] <= 768
    assert seen["tick_width"] >= seen["digits"]  # an AC number is never cut
    assert seen["row_height"] > seen["text_height"]
