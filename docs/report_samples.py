"""The candidate reports of a realistic candidate, as PNGs, on a throwaway store.

    PYTHONPATH=$PWD .venv/bin/python docs/report_samples.py

The example candidate (Unit 40, F17) with a Unit 44 (D.05) sheet reusing E01 and E02 (ticked)
and E03 (not yet), and two items of its own; writes docs/images/report-matrix.png and
report-progress.png (the first page of each, through pdftoppm), and leaves the PDFs beside them
in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["ERCSHEET_DATA_DIR"] = tempfile.mkdtemp(prefix="ercsheet-reports-")

from ercsheet import paths  # noqa: E402
from ercsheet.catalogue.loader import load_catalogue  # noqa: E402
from ercsheet.cli.report_data import matrix_input, progress_input  # noqa: E402
from ercsheet.domain.sheet import EvidenceRow, Person  # noqa: E402
from ercsheet.domain.vocabulary import Method  # noqa: E402
from ercsheet.pdf.matrix import render_matrix  # noqa: E402
from ercsheet.pdf.progress_report import render_progress  # noqa: E402
from ercsheet.store.example import create_example_candidate  # noqa: E402
from ercsheet.store.store import Profile, Store  # noqa: E402

IMAGES = ROOT / "docs" / "images"
TODAY = dt.date(2026, 11, 23)
# Unit 44's own evidence, beside E01 and E02 shared with Unit 40.
UNIT_44_ROWS = [
    (
        "E05",
        "Service reliability log kept over six weeks, with the fixes made",
        Method.PRODUCT,
        {"2.2", "2.3", "2.4", "2.5", "3.1", "3.2"},
    ),
    (
        "E06",
        "Professional discussion: balancing customer promises against resources",
        Method.PROFESSIONAL_DISCUSSION,
        {"2.6", "2.7", "3.3", "3.4", "4.1", "4.2"},
    ),
]


def sample_store(folder: Path) -> tuple[Store, int]:
    """The store and the candidate's id."""
    catalogue = load_catalogue(paths.unit_folders())
    store = Store(folder / "reports.sqlite3")
    store.set_profile(Profile("Pat Jones", True, "A-1234"))
    example = create_example_candidate(store, catalogue, TODAY)
    candidate = store.sheet_summary(example).candidate_id
    unit = catalogue.units["reliable-cs-l3-u44"]
    other = store.create_sheet(candidate, unit, "", Person("Pat Jones"))
    items = {entry.fields.ref: entry.id for entry in store.library(candidate)}
    for ref, criteria in (("E01", ("1.1", "1.2", "2.1")), ("E02", ("1.3", "2.8", "4.3"))):
        row = store.add_existing_evidence(other, items[ref])
        for criterion in criteria:
            store.set_tick(row, criterion, True)
    # On Unit 44's sheet, not yet ticked there: blank under Unit 44, where E04 is shaded.
    store.add_existing_evidence(other, items["E03"])
    for days_ago, (ref, title, method, ticked) in enumerate(UNIT_44_ROWS):
        date = TODAY - dt.timedelta(days=5 - 2 * days_ago)
        store.add_evidence(other, EvidenceRow(ref, title, method, date, frozenset(ticked)))
    return store, candidate


def first_page_png(pdf: Path, name: str) -> None:
    stem = IMAGES / name.removesuffix(".png")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf, stem], check=True
    )
    print(IMAGES / name)


def main() -> int:
    folder = Path(os.environ["ERCSHEET_DATA_DIR"])
    store, candidate = sample_store(folder)
    with store:
        matrix = folder / "matrix.pdf"
        render_matrix(matrix_input(store, candidate, TODAY), matrix)
        progress = folder / "progress.pdf"
        catalogue = load_catalogue([paths.builtin_units_dir()])
        render_progress(progress_input(store, candidate, catalogue, TODAY), progress)
    first_page_png(matrix, "report-matrix.png")
    first_page_png(progress, "report-progress.png")
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
