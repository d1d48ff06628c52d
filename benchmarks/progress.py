"""One candidate's progress on a centre-sized store: 10,000 candidates with 12 sheets each.

    python benchmarks/progress.py [--candidates 10000 --units 12]

Goal: `Store.progress` within 100 ms. Measured beside a floor in the same run: the candidate's
sheet summaries (`Store.sheets(candidate)`), the read the window already makes on a click.
The rows are written in bulk with SQL, past the store's operations (no audit events): only
reads are measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import median_ms

from ercsheet import paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.snapshot import unit_to_json
from ercsheet.store.store import Store

NOW = dt.datetime(2026, 11, 20, 10, 0).isoformat(sep=" ")
QUALIFICATION = "mgmt-l3-cert"


def generate(path: Path, candidates: int, units_each: int) -> None:
    catalogue = load_catalogue([paths.builtin_units_dir()])
    units = catalogue.sorted_units()
    Store(path).close()  # the schema
    rng = random.Random(7)
    connection = sqlite3.connect(path)
    with connection:
        for candidate in range(1, candidates + 1):
            connection.execute(
                "INSERT INTO candidate (id, name, candidate_number, centre_number, created_at,"
                " name_key, number_key, uuid) VALUES (?, ?, ?, '', ?, ?, ?, ?)",
                (
                    candidate,
                    f"Cand {candidate}",
                    f"{candidate:05}",
                    NOW,
                    f"cand {candidate}",
                    f"{candidate:05}",
                    str(uuid.uuid4()),
                ),
            )
            connection.execute(
                "INSERT INTO registration (id, uuid, candidate_id, qualification_id, number,"
                " created_at) VALUES (?, ?, ?, ?, '', ?)",
                (candidate, str(uuid.uuid4()), candidate, QUALIFICATION, NOW),
            )
            for index in range(units_each):
                unit = units[index % len(units)]
                sheet = connection.execute(
                    "INSERT INTO sheet (candidate_id, unit_id, unit_snapshot, qualification,"
                    " assessor_name, assessor_qualified, iv_qualified, grade, uuid,"
                    " registration_id, created_at, updated_at)"
                    " VALUES (?, ?, ?, '', 'Pat Jones', 1, 1, '', ?, ?, ?, ?)",
                    (
                        candidate,
                        unit.id,
                        unit_to_json(unit),
                        str(uuid.uuid4()),
                        candidate if index == 0 else None,
                        NOW,
                        NOW,
                    ),
                ).lastrowid
                for row in range(3):
                    item = connection.execute(
                        "INSERT INTO library_item (uuid, candidate_id, ref, ref_key, title,"
                        " method, notes, held_at, created_at, updated_at)"
                        " VALUES (?, ?, ?, ?, 'Observation', 'observation', '', '', ?, ?)",
                        (
                            str(uuid.uuid4()),
                            candidate,
                            f"E{sheet}-{row}",
                            f"e{sheet}-{row}",
                            NOW,
                            NOW,
                        ),
                    ).lastrowid
                    evidence = connection.execute(
                        "INSERT INTO evidence_item (sheet_id, library_item_id, position, ref,"
                        " ref_key, title, method, notes) VALUES (?, ?, ?, ?, ?, 'Observation',"
                        " 'observation', '')",
                        (sheet, item, row, f"E{sheet}-{row}", f"e{sheet}-{row}"),
                    ).lastrowid
                    ticked = rng.sample(unit.criterion_numbers, len(unit.criterion_numbers) // 3)
                    connection.executemany(
                        "INSERT INTO tick (evidence_id, criterion) VALUES (?, ?)",
                        [(evidence, criterion) for criterion in ticked],
                    )
    connection.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=12)
    args = parser.parse_args()
    catalogue = load_catalogue([paths.builtin_units_dir()])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "centre.sqlite3"
        generate(path, args.candidates, args.units)
        store = Store(path)
        try:
            middle = args.candidates // 2
            floor = median_ms(lambda: store.sheets(middle), 21)
            found = store.progress(middle, catalogue)
            assert len(found.sheets) == args.units
            spent = median_ms(lambda: store.progress(middle, catalogue), 21)
        finally:
            store.close()
    print(f"{args.candidates} candidates x {args.units} sheets")
    print(f"sheet summaries (floor): {floor:.1f} ms")
    print(f"progress:                {spent:.1f} ms (goal 100 ms)")
    return 0 if spent <= 100 else 1


if __name__ == "__main__":
    sys.exit(main())
