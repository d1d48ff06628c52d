"""How quickly the window starts, opens a big sheet and stores a tick; how much memory it takes.

    python benchmarks/window.py [--repeat 7]

As processes (offscreen, so both are measured the same way): the whole start of ercsheet's
window on a store, to the window shown with its candidate list filled, beside a bare PySide6
process showing an empty QMainWindow. In-process: opening a 300-row sheet on the 28-AC unit
(model, header, grid painted), toggling a tick including its write to the database, and the
resident memory with that sheet open. Targets on the 2-core reference machine: start ≤ 2x the
bare window, open ≤ 100 ms, toggle ≤ 16 ms, memory ≤ 250 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timing import process_ms  # noqa: E402

TODAY = dt.date(2026, 11, 23)

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1366, 768)
window.show()
app.processEvents()
"""

OURS = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from ercsheet.gui import create_main_window
window = create_main_window(Path(sys.argv[1]))
window.resize(1366, 768)
window.show()
QApplication.processEvents()
assert window.candidates.candidate_model.rowCount() > 0
"""

# What `ercsheet` does next, once the window is painted (gui/app.py): the store's write half
# (SQLAlchemy) and the unit catalogue, so the first edit or new sheet does not wait for them.
READY = (
    OURS
    + """
window.store.load_orm()
assert window.catalogue.units
"""
)


def big_sheet(database: Path) -> int:
    from ercsheet import paths
    from ercsheet.catalogue.loader import load_catalogue
    from ercsheet.domain.sheet import EvidenceRow, Person
    from ercsheet.domain.vocabulary import Method
    from ercsheet.store.store import Profile, Store

    unit = load_catalogue([paths.builtin_units_dir()]).units["cs-operations-l4-u1"]
    numbers = unit.criterion_numbers
    with Store(database) as store:
        store.set_profile(Profile("Pat Jones", True))
        candidate = store.add_candidate("Łukasz Żółć", "0042", "58213")
        sheet_id = store.create_sheet(candidate, unit, "", Person("Pat Jones"))
        store.load_orm()
        for i in range(300):
            ticks = frozenset(n for j, n in enumerate(numbers) if (i + j) % 4 == 0)
            title = f"Observation of the operations meeting and follow-up actions, part {i}"
            row = EvidenceRow(f"E{i + 1:03}", title, Method.OBSERVATION, TODAY, ticks)
            store.add_evidence(sheet_id, row, today=TODAY)
    return sheet_id


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    os.environ["ERCSHEET_DATA_DIR"] = tempfile.mkdtemp(prefix="ercsheet-bench-")
    database = Path(os.environ["ERCSHEET_DATA_DIR"]) / "window.sqlite3"
    sheet_id = big_sheet(database)

    offscreen = {"QT_QPA_PLATFORM": "offscreen"}
    bare = process_ms([sys.executable, "-c", BARE], repeat, **offscreen)
    ours = process_ms([sys.executable, "-c", OURS, str(database)], repeat, **offscreen)
    ready = process_ms([sys.executable, "-c", READY, str(database)], repeat, **offscreen)
    print(
        f"start to window shown: ercsheet {ours:.0f} ms, bare PySide6 {bare:.0f} ms, "
        f"ratio {ours / bare:.2f} (target <= 2)"
    )
    print(f"start to ready for the first edit (write half and units loaded): {ready:.0f} ms")

    from PySide6.QtWidgets import QApplication

    from ercsheet.gui import create_main_window

    window = create_main_window(database, today=TODAY)
    window.resize(1366, 768)
    window.show()
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    opens = []
    for _ in range(repeat):
        window.sheet_view.close_sheet()
        app.processEvents()
        start = time.perf_counter()
        window.open_sheet(sheet_id)
        window.sheet_view.grid.viewport().repaint()
        app.processEvents()
        opens.append(time.perf_counter() - start)
    print(
        f"open a 300-row sheet on the 28-AC unit: {statistics.median(opens) * 1000:.1f} ms "
        "(target <= 100 ms)"
    )
    toggles = []
    view = window.sheet_view
    view.grid.scrollToTop()
    for i in range(max(repeat, 21)):
        start = time.perf_counter()
        view.editor.toggle(i % 12, 3 + i % 28)  # rows in view, as the assessor clicks them
        app.processEvents()  # paints what changed: the cell, its row, the coverage row
        toggles.append(time.perf_counter() - start)
    print(
        f"toggle a tick, written to the database: {statistics.median(toggles) * 1000:.1f} ms "
        "(target <= 16 ms)"
    )
    print(f"resident memory with that sheet open: {resident_mb():.0f} MB (target <= 250 MB)")
    window.close()
    window.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
