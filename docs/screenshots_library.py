"""Screenshots of one piece of evidence on two units' sheets, on a throwaway store, at 1366 x 768.

    xvfb-run -a -s "-screen 0 1366x768x24" env PYTHONPATH=$PWD \
        .venv/bin/python docs/screenshots_library.py

Writes docs/images/shared-evidence-grid.png, shared-evidence-picker.png and
evidence-library.png.
"""

from __future__ import annotations

import datetime as dt
import sys

from shots import example_window, save, settle

from ercsheet.domain.library import Holding
from ercsheet.domain.sheet import Person
from ercsheet.gui.evidence_picker import EvidencePicker
from ercsheet.gui.library_dialog import LibraryDialog

TODAY = dt.date(2026, 11, 23)


def main() -> int:
    window, app, example = example_window(TODAY)
    store = window.store
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
