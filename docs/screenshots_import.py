"""Screenshots of the review of an imported unit (File → Add a unit from its specification…),
at 1366 x 768, on the team's own test specifications (invented wording; no awarding body's).

    xvfb-run -a -s "-screen 0 1366x768x24" env PYTHONPATH=$PWD \
        .venv/bin/python docs/screenshots_import.py

Writes docs/images/unit-review-pdf.png (the three-column PDF), unit-review-flat.png (the
flattened text, with its unsure fields in yellow), unit-review-rules.png (the unit of every rule,
specs/hedge.py, as a PDF without a heading row: its methods per AC and its outcomes' kinds) and
unit-review-sign-off.png (the same unit's Rules and sign-off tab).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication
from shots import IMAGES

from ercsheet.catalogue.importer.cleaning import shown_source
from ercsheet.catalogue.importer.parse import parse_lines
from ercsheet.catalogue.importer.reading import read_spec
from ercsheet.gui.unit_review import UnitReviewDialog
from tests.catalogue.importer.specs import hedge, render


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    specs = Path(tempfile.mkdtemp(prefix="ercsheet-specs-"))
    render.main(specs)
    hedge.main(specs)
    for spec, image, tab in (
        ("table.pdf", "unit-review-pdf.png", 0),
        ("flat.txt", "unit-review-flat.png", 0),
        ("hedge.pdf", "unit-review-rules.png", 0),
        ("hedge.pdf", "unit-review-sign-off.png", 2),
    ):
        lines = read_spec(specs / spec)
        dialog = UnitReviewDialog(
            shown_source(lines), parse_lines(lines), spec, specs / "units", None
        )
        dialog.resize(1340, 740)
        dialog.tabs.setCurrentIndex(tab)
        dialog.show()
        for _ in range(20):
            app.processEvents()
        dialog.grab().save(str(IMAGES / image))
        print(IMAGES / image)
        dialog.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
