"""A centre-sized store: 10,000 candidates and 50,000 sheets, and how the app copes with it.

    python benchmarks/centre_store.py [--candidates 10000 --sheets 50000]

Measures, beside the same figures on an empty store in the same run: opening the store
(start-up), candidate search, opening a sheet, and `ercsheet check` over every signed sheet.
"""

from __future__ import annotations

import argparse
import functools
import math
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session
from timing import median_ms, process_env

from ercsheet import paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.snapshot import unit_to_json
from ercsheet.domain.record import record_code
from ercsheet.store import convert, models
from ercsheet.store.opening import quick_check_file
from ercsheet.store.store import Store

ROOT = Path(__file__).resolve().parents[1]
FIRST = ["Łukasz", "Siân", "Dafydd", "Zoë", "Aoife", "Pat", "Morgan", "Ngozi", "Priya", "Tomás"]
LAST = ["Żółć", "Ní Bhriain", "ap Gruffŵdd", "Ødegård", "Jones", "Smith", "Okafor", "Patel"]


@contextmanager
def writing(store: Store) -> Iterator[Session]:
    """A write transaction straight on the store's engine: a centre's rows are written in bulk,
    past the store's operations (and the audit trail they keep), in seconds rather than hours."""
    with Session(store.engine) as session, session.begin():
        yield session


def generate(path: Path, candidates: int, sheets: int) -> None:
    catalogue = load_catalogue([paths.builtin_units_dir()])
    units = catalogue.sorted_units()
    rng = random.Random(1)
    store = Store(path)
    with writing(store) as session:
        session.execute(
            insert(models.Candidate),
            [
                {
                    "id": n + 1,
                    "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}",
                    "candidate_number": f"{n:05}",
                    "centre_number": "12345",
                }
                for n in range(candidates)
            ],
        )
    item_id = 0
    batch = 2000
    for start in range(0, sheets, batch):
        with writing(store) as session:
            sheet_rows, items, ticks = [], [], []
            for sheet_id in range(start + 1, min(start + batch, sheets) + 1):
                unit = units[sheet_id % len(units)]
                sheet_rows.append(
                    {
                        "id": sheet_id,
                        "candidate_id": (sheet_id % candidates) + 1,
                        "unit_id": unit.id,
                        "unit_snapshot": unit_to_json(unit),
                        "qualification": "",
                        "assessor_name": "Pat Jones",
                        "assessor_qualified": True,
                    }
                )
                for position in range(8):
                    item_id += 1
                    items.append(
                        {
                            "id": item_id,
                            "sheet_id": sheet_id,
                            "position": position,
                            "ref": f"E{position:02}",
                            "ref_key": f"e{position:02}",
                            "title": "Observation of a customer service briefing",
                            "method": "observation",
                            "notes": "",
                        }
                    )
                    for criterion in rng.sample(unit.criterion_numbers, 3):
                        ticks.append({"evidence_id": item_id, "criterion": criterion})
            session.execute(insert(models.Sheet), sheet_rows)
            session.execute(insert(models.EvidenceItem), items)
            session.execute(insert(models.Tick), ticks)
    # Seal a tenth of the sheets as signed, so `check` has records to verify.
    with writing(store) as session:
        for sheet in session.query(models.Sheet).filter(models.Sheet.id % 10 == 0):
            sheet.signatures.append(
                models.SignatureRecord(
                    role="assessor",
                    name="Pat Jones",
                    date=sheet.created_at.date(),
                    kind="typed",
                    strokes="[]",
                )
            )
            sheet.record_code = record_code(convert.sheet_content(sheet))
    store.close()


def open_as_window(store: Store, sheet_id: int) -> None:
    """What the window reads to open a sheet: its summary, its candidate's sheets, its rows,
    its record check and kept versions (for the signing panel)."""
    summary = store.sheet_summary(sheet_id)
    store.sheets(summary.candidate_id)
    store.sheet_and_ids(sheet_id)
    store.check_record(sheet_id)
    store.versions(sheet_id)


WINDOW_START = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from ercsheet.gui import create_main_window
window = create_main_window(Path(sys.argv[1]))
window.show()
QApplication.processEvents()
window.store.close()
"""


def window_starts(paths: list[Path], rounds: int = 7) -> list[float]:
    """The whole start of the window's process on each store, to the candidate list shown:
    medians of runs taken in turns, so a busy moment of the machine (the disk still writing
    the generated store) weighs on each store alike."""
    env = process_env(QT_QPA_PLATFORM="offscreen")
    starts = [
        functools.partial(
            subprocess.run,
            [sys.executable, "-c", WINDOW_START, str(path)],
            check=True,
            capture_output=True,
            env=env,
        )
        for path in paths
    ]
    starts[0]()  # writes the bytecode cache, as a first start does
    times: list[list[float]] = [[] for _ in paths]
    for _ in range(rounds):
        for start, samples in zip(starts, times, strict=True):
            samples.append(median_ms(start, 1))
    return [statistics.median(samples) for samples in times]


def measure(path: Path, start: float) -> dict[str, float]:
    figures = {"start the window (process, list shown)": start}
    # As the window opens it: the whole-file quick_check runs afterwards, in the background.
    figures["open the store"] = median_ms(lambda: Store(path, quick_check=False).close(), 5)
    figures["quick_check (in the background)"] = median_ms(lambda: quick_check_file(path), 3)
    store = Store(path)
    figures["candidate search"] = median_ms(lambda: store.candidates("Siân"), 5)
    with store.engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(models.Sheet)).scalar_one()
    sheet_ids = [s for s in (1, count // 2, count) if s] if count else []
    # The slowest of the first, middle and last sheet; an empty store has none (nan).
    figures["open a sheet"] = max(
        (median_ms(functools.partial(open_as_window, store, s), 5) for s in sheet_ids),
        default=math.nan,
    )
    store.close()
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ercsheet", "--db", str(path), "check"],
        check=False,
        capture_output=True,
    )
    figures["ercsheet check (process)"] = (time.perf_counter() - start) * 1000
    return figures


def shown(milliseconds: float) -> str:
    return "none to open" if math.isnan(milliseconds) else f"{milliseconds:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--sheets", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        empty, full = Path(folder) / "empty.sqlite3", Path(folder) / "centre.sqlite3"
        Store(empty).close()
        start = time.perf_counter()
        generate(full, args.candidates, args.sheets)
        print(
            f"generated {args.candidates} candidates, {args.sheets} sheets in "
            f"{time.perf_counter() - start:.1f} s ({full.stat().st_size / 1e6:.0f} MB)"
        )
        starts = window_starts([empty, full])
        small, large = measure(empty, starts[0]), measure(full, starts[1])
    print(f"| measure | empty store | {args.candidates} candidates, {args.sheets} sheets |")
    print("|---|---|---|")
    for name in large:
        print(f"| {name} | {shown(small[name])} | {shown(large[name])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
