"""Screenshots of search, the lists and the empty pane for the README, at 1366 x 768.

    xvfb-run -a -s "-screen 0 1366x768x24" env PYTHONPATH=$PWD \
        .venv/bin/python docs/screenshots_search.py

Writes docs/images/candidate-list-and-sheets.png, candidate-search.png,
empty-pane-new-candidate.png, unit-picker-search.png and unit-picker-no-match.png.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from shots import example_window, save, settle

from ercsheet.domain.sheet import Person
from ercsheet.gui.unit_picker import UnitPicker

TODAY = dt.date(2026, 11, 23)
PEOPLE = [
    ("Zoë Ødegård", "0044"),
    ("Dafydd ap Gruffŵdd", "0043"),
    ("Siân Ní Bhriain", "0041"),
    ("Lara Smith", "0045"),
    ("Aoife Byrne", "0046"),
    ("Tomás Ó Ceallaigh", "0047"),
    ("Megan Jones", "0048"),
]


def main() -> int:
    window, app, _ = example_window(TODAY)
    store, catalogue = window.store, window.catalogue
    for name, number in PEOPLE:
        store.add_candidate(name, number, "58213")
    lukasz = store.add_candidate("Łukasz Żółć", "0042", "58213")
    pat = Person("Pat Jones", True)
    sheets = [
        store.create_sheet(lukasz, catalogue.units[unit], qualification, pat)
        for unit, qualification in [
            ("mgmt-l3-u40-f17", "OCR Level 3 NVQ Certificate in Management"),
            ("teamlead-l3-u29-f17", "OCR Level 3 NVQ in Team Leading"),
            ("cs-operations-l4-u1", ""),
        ]
    ]
    window.candidates.refresh()
    window.resize(1366, 768)
    window.show()
    window.open_sheet(sheets[1])
    settle(app)
    save(window, "candidate-list-and-sheets.png")

    window.candidates.search.setText("zolc")
    window.candidates.select_candidate(lukasz)
    settle(app)
    window.candidates.search.setText("sian")
    window.candidates.candidate_list.setCurrentIndex(window.candidates.candidate_model.index(1))
    settle(app)
    save(window, "candidate-search.png")

    window.candidates.search.clear()
    megan = store.add_candidate("Rhys Llywelyn", "0049", "58213")
    window.candidates.refresh()
    window.open_sheet(sheets[0])
    window.candidates.select_candidate(megan)  # as New candidate… leaves it
    settle(app)
    save(window, "empty-pane-new-candidate.png")

    picker = UnitPicker(catalogue, TODAY, window)
    picker.show()
    picker.filter.setText("Unit 40")
    settle(app)
    save(picker, "unit-picker-search.png")
    picker.filter.setText("Unit 40 plumbing")
    settle(app)
    save(picker, "unit-picker-no-match.png")
    picker.close()
    window.close()
    window.store.close()
    sys.stdout.flush()
    os._exit(0)  # PySide6 can abort in Python's finalization; every image is written


if __name__ == "__main__":
    sys.exit(main())
