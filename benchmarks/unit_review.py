"""How long the review dialog takes to open once a specification is parsed (target ≤ 300 ms),
on the 10-AC test PDF and the 11-page one (150 ACs), offscreen.

    QT_QPA_PLATFORM=offscreen python benchmarks/unit_review.py [--repeat 5]

Timed: the dialog built, shown, and its first layout and paint done (events processed).
Figures in docs/importer.md.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from timing import median_ms

from ercsheet.catalogue.importer.cleaning import shown_source
from ercsheet.catalogue.importer.parse import parse_lines
from ercsheet.catalogue.importer.reading import read_spec
from ercsheet.catalogue.importer.result import ParsedUnit
from ercsheet.gui.unit_review import UnitReviewDialog
from tests.catalogue.importer.specs import render


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    specs = Path(tempfile.mkdtemp(prefix="ercsheet-specs-"))
    render.main(specs)
    for name in ("table.pdf", "long.pdf"):
        lines = read_spec(specs / name)
        unit, source = parse_lines(lines), shown_source(lines)
        action = functools.partial(open_review, app, source, unit, name, specs / "units")
        action()  # Qt's first dialog loads styles and fonts: a cost the window has paid
        took = median_ms(action, args.repeat)
        print(f"{name}: {len(unit.criteria)} ACs, review open in {took:.0f} ms")


def open_review(app: QApplication, source: str, unit: ParsedUnit, name: str, folder: Path) -> None:
    dialog = UnitReviewDialog(source, unit, name, folder, None)
    dialog.show()
    app.processEvents()
    dialog.grab()  # laid out and painted whole, as the assessor first sees it
    dialog.close()
    dialog.deleteLater()


if __name__ == "__main__":
    main()
