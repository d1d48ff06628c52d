"""Screenshots of registering a candidate on a qualification and of their progress, on the
invented kitchen qualification (tests/qualifications) and a throwaway store, at 1366 x 768.

    xvfb-run -a -s "-screen 0 1366x768x24" env PYTHONPATH=$PWD \
        .venv/bin/python docs/screenshots_progress.py

Writes docs/images/register-dialog.png and progress-view.png.
"""

from __future__ import annotations

import datetime as dt
import sys

from shots import ROOT, example_window, save, settle

from ercsheet import paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.domain.sheet import EvidenceRow, Person, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.gui.progress_dialog import ProgressDialog
from ercsheet.gui.registration_dialog import RegisterDialog

TODAY = dt.date(2026, 11, 23)
KITCHEN = "kitchen-leadership-l3"
PIN = "2468"
PAT = Person("Pat Jones", qualified=True)


def main() -> int:
    catalogue = load_catalogue([paths.builtin_units_dir(), ROOT / "tests" / "qualifications"])
    window, app, example = example_window(TODAY, catalogue)
    store = window.store
    store.set_pin(PIN)
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
