"""Screenshots of the window for the README, on a throwaway store, at 1366 x 768.

    xvfb-run -a -s "-screen 0 1366x768x24" env PYTHONPATH=$PWD \
        .venv/bin/python docs/screenshots_window.py

Writes docs/images/window-first-start.png, window-main.png, window-28-acs.png,
window-28-acs-frozen.png, evidence-date-refused.png, evidence-date-calendar.png,
window-signed.png, unit-picker.png and print-preview.png.
"""

from __future__ import annotations

import datetime as dt
import sys

from shots import IMAGES, example_window, save, settle

from ercsheet.domain.sheet import EvidenceRow, Person, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.printing import PrintPreviewDialog, sheets_pdf
from ercsheet.gui.unit_picker import UnitPicker

TODAY = dt.date(2026, 11, 23)
TITLES = [
    "Observation of the morning operations meeting and handover",
    "Service level report for October with the action plan",
    "Professional discussion: staffing the contact centre at peak times",
    "Witness testimony from the customer experience director",
    "Reflective account: introducing a new complaints procedure",
    "Product: customer journey map and service blueprint",
    "Questions and answers on data protection in customer records",
    "Observation of a team performance review",
    "Witness testimony from the team leader on the rota changes",
    "Product: the weekly service report and its actions",
    "Professional discussion: handling an escalated complaint",
    "Reflective account: the peak-season staffing plan",
    "Observation of a one-to-one coaching session",
    "Product: minutes of the customer forum",
    "Questions and answers on the service level agreement",
    "Expert witness statement from the quality manager",
]


def operations_sheet(window: MainWindow) -> int:
    store = window.store
    unit = window.catalogue.units["cs-operations-l4-u1"]
    candidate = store.add_candidate("Łukasz Żółć", "0042", "58213")
    qualification = unit.qualifications[0].title if unit.qualifications else ""
    sheet_id = store.create_sheet(candidate, unit, qualification, Person("Pat Jones"))
    numbers = unit.criterion_numbers
    methods = [m for m in Method if m is not Method.SIMULATION]
    for i, title in enumerate(TITLES):
        ticks = frozenset(n for j, n in enumerate(numbers) if (i * 5 + j) % 7 in (0, 3))
        row = EvidenceRow(f"E{i + 1:02}", title, methods[i % len(methods)], TODAY, ticks)
        store.add_evidence(sheet_id, row, today=TODAY)
    return sheet_id


def main() -> int:
    window, app, example = example_window(TODAY)
    window.store.add_candidate("Dafydd ap Gruffŵdd", "0043", "58213")
    window.store.add_candidate("Zoë Ødegård", "0044", "58213")
    operations = operations_sheet(window)
    window.candidates.refresh()
    window.show()  # first as a first start places it: fitted to the screen
    window.open_sheet(example)
    settle(app)
    shot = window.screen().grabWindow(0)
    shot.save(str(IMAGES / "window-first-start.png"))
    print(IMAGES / "window-first-start.png")
    window.resize(1366, 768)
    window.move(0, 0)
    window.sheet_view.grid.setCurrentIndex(window.sheet_view.model.index(1, 5))
    settle(app)
    save(window, "window-main.png")

    window.open_sheet(operations)
    window.sheet_view.grid.setCurrentIndex(window.sheet_view.model.index(2, 12))
    settle(app)
    save(window, "window-28-acs.png")
    # LO4 and LO5: reference, title and method stay (frozen), and so does the coverage row.
    grid = window.sheet_view.grid
    last = window.sheet_view.model.columnCount() - 1
    grid.setCurrentIndex(window.sheet_view.model.index(3, last))
    settle(app)
    save(window, "window-28-acs-frozen.png")

    # An item's date and notes, typed beside the grid; a future date is refused with the reason.
    window.open_sheet(example)
    grid.setFocus()
    grid.setCurrentIndex(window.sheet_view.model.index(1, 1))
    panel = window.sheet_view.evidence_panel
    panel.notes.setPlainText("Seen at the Leeds site.\nThe rota is in the portfolio, p. 12.")
    panel.flush_notes()
    panel.date.line.setFocus()
    panel.date.line.setText("5 Dec")
    panel.date.commit()
    settle(app)
    save(window, "evidence-date-refused.png")
    panel.date.line.setText("5/11/26")
    panel.date.commit()
    panel.date.open_calendar()
    settle(app)
    screen = window.screen().grabWindow(0)
    screen.save(str(IMAGES / "evidence-date-calendar.png"))
    print(IMAGES / "evidence-date-calendar.png")
    if panel.date._popup is not None:
        panel.date._popup.hide()

    # Signed at 1366 x 768 (drawn signatures, the tallest lines): every control in sight.
    store = window.store
    store.set_pin("2468")
    window.open_sheet(example)
    store.set_tick(store.evidence_ids(example)[0], "3.4", True)
    strokes = (((0.05, 0.6), (0.2, 0.2), (0.35, 0.75), (0.5, 0.3), (0.7, 0.7), (0.95, 0.4)),)
    for role, name in ((Role.CANDIDATE, "Siân Llewellyn"), (Role.ASSESSOR, "Pat Jones")):
        signature = Signature(role, name, TODAY, SignatureKind.DRAWN, strokes)
        store.add_signature(example, signature, TODAY, pin="2468")
    signing = window.sheet_view.signing_panel
    assert signing is not None
    signing.sheet_changed.emit()  # as after signing in its dialog
    window.statusBar().clearMessage()
    settle(app)
    save(window, "window-signed.png")

    picker = UnitPicker(window.catalogue, TODAY, window)
    picker.show()
    picker.table.selectRow(next(i for i, c in enumerate(picker.model.rows) if c.unit.expires))
    settle(app)
    save(picker, "unit-picker.png")
    picker.close()

    pdf = sheets_pdf(window, window.store, [operations])
    assert pdf is not None
    preview = PrintPreviewDialog(pdf, "Unit 1", "0042.pdf", window.settings, window)
    preview.resize(1200, 740)
    preview.show()
    for _ in range(30):
        app.processEvents()
        preview.view.viewport().repaint()
    save(preview, "print-preview.png")
    preview.close()
    window.close()
    window.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
