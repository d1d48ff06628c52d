"""Screenshots of registering a candidate on a qualification and of their progress, on the
invented kitchen qualification (tests/qualifications) and a throwaway store, at 1366 x 768.

    xvfb-run -a -s "-screen 0 1366x768x24" env PYTHONPATH=$PWD \
        .venv/bin/python docs/screenshots_progress.py

Writes docs/images/register-dialog.png and progress-view.png.
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

from ercsheet import paths  # noqa: E402
from ercsheet.catalogue.loader import load_catalogue  # noqa: E402
from ercsheet.domain.sheet import EvidenceRow, Person, Signature  # noqa: E402
from ercsheet.domain.vocabulary import Method, Role, SignatureKind  # noqa: E402
from ercsheet.gui import create_main_window  # noqa: E402
from ercsheet.gui.progress_dialog import ProgressDialog  # noqa: E402
from ercsheet.gui.registration_dialog import RegisterDialog  # noqa: E402
from ercsheet.store.example import create_example_candidate  # noqa: E402
from ercsheet.store.store import Profile  # noqa: E402

IMAGES = ROOT / "docs" / "images"
TODAY = dt.date(2026, 11, 23)
KITCHEN = "kitchen-leadership-l3"
PIN = "2468"
PAT = Person("Pat Jones", qualified=True)


def settle(app: QApplication) -> None:
    for _ in range(20):
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def save(widget: QWidget, name: str) -> None:
    widget.grab().save(str(IMAGES / name))
    print(IMAGES / name)


def main() -> int:
    database = Path(os.environ["ERCSHEET_DATA_DIR"]) / "shots.sqlite3"
    catalogue = load_catalogue([paths.builtin_units_dir(), ROOT / "tests" / "qualifications"])
    window = create_main_window(database, catalogue, TODAY)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    store = window.store
    store.set_profile(Profile("Pat Jones", True, "A-1234"))
    store.set_pin(PIN)
    example = create_example_candidate(store, window.catalogue, TODAY)
    candidate = store.sheet_summary(example).candidate_id
    window.candidates.refresh()
    window.candidates.select_candidate(candidate)
    window.show()
    window.resize(1366, 768)
    window.move(0, 0)

    dialog = RegisterDialog(store, candidate, catalogue, PAT, TODAY, window)
    dialog.qualification.setCurrentIndex(dialog.qualification.findData(KITCHEN))
    assert dialog.choice is not None
    for unit in ("kitchen-rota-l3", "kitchen-stock-l3", "kitchen-training-l3"):
        dialog.choice.boxes[unit].setChecked(True)
    dialog.number.setText("KL-204417")
    dialog.date.line.setText("2/11/2026")
    dialog.show()
    settle(app)
    save(dialog, "register-dialog.png")
    dialog.close()

    store.register(
        candidate,
        KITCHEN,
        catalogue=catalogue,
        assessor=PAT,
        number="KL-204417",
        registered_on=dt.date(2026, 11, 2),
        optional_units=["kitchen-rota-l3", "kitchen-pastry-l2"],
    )
    [registered] = store.registrations(candidate)
    first, second = registered.sheet_ids[:2]
    numbers = list(store.sheet(first).unit.criterion_numbers)
    for index in range(0, len(numbers), 3):
        chosen = frozenset(numbers[index : index + 3])
        ref = f"K{index // 3 + 1:02}"
        store.add_evidence(
            first, EvidenceRow(ref, "Observed a service", Method.OBSERVATION, TODAY, chosen)
        )
    for role, name in ((Role.CANDIDATE, "Siân Llewellyn"), (Role.ASSESSOR, "Pat Jones")):
        signature = Signature(role, name, TODAY, SignatureKind.TYPED)
        store.add_signature(first, signature, TODAY, pin=PIN)
    some = frozenset(store.sheet(second).unit.criterion_numbers[:2])
    store.add_evidence(second, EvidenceRow("K20", "Team briefing", Method.OBSERVATION, TODAY, some))

    progress = ProgressDialog(store, candidate, catalogue, window)
    progress.show()
    settle(app)
    save(progress, "progress-view.png")
    progress.close()
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
