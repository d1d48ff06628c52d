"""How fast ercsheet prints, beside the floor: bare ReportLab building a table of the same size.

    python benchmarks/pdf_speed.py [--repeat 7]

In-process (median of --repeat runs, fonts already loaded): a typical sheet (15 rows, 10 ACs,
signed), a 300-row sheet on the 28-AC unit, 100 typical sheets in one PDF. As processes: the
whole `ercsheet pdf` command on a typical sheet in a store, and `pdf_floor.py` for one table.
Targets on the 2-core reference machine: ≤ 30 ms, ≤ 1 s, ≤ 3 s, and the command ≤ 1.5× the floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pdf_floor  # noqa: E402
from timing import median_ms, process_ms  # noqa: E402

from ercsheet import paths  # noqa: E402
from ercsheet.catalogue.loader import load_catalogue  # noqa: E402
from ercsheet.catalogue.model import Unit  # noqa: E402
from ercsheet.domain.record import record_code  # noqa: E402
from ercsheet.domain.sheet import (  # noqa: E402
    Candidate,
    EvidenceRow,
    Person,
    SheetContent,
    Signature,
)
from ercsheet.domain.vocabulary import Method, Role, SignatureKind  # noqa: E402
from ercsheet.pdf import PrintedSheet, render_pdf  # noqa: E402
from ercsheet.store.store import Store  # noqa: E402
from ercsheet.store.values import Profile  # noqa: E402

DAY = dt.date(2026, 10, 7)
PIN = "2468"
METHODS = [m for m in Method if m is not Method.SIMULATION]


def rows(unit: Unit, count: int) -> list[EvidenceRow]:
    numbers = unit.criterion_numbers
    return [
        EvidenceRow(
            f"E{i:03}",
            f"Observation of team briefing and follow-up with the customer service team, {i}",
            METHODS[i % len(METHODS)],
            DAY,
            frozenset(n for j, n in enumerate(numbers) if (i + j) % 3 == 0),
        )
        for i in range(1, count + 1)
    ]


def signatures() -> tuple[Signature, ...]:
    stroke = tuple((0.05 + 0.9 * i / 59, 0.5 + 0.3 * math.sin(i / 4)) for i in range(60))
    return (
        Signature(Role.CANDIDATE, "Siân Ní Bhriain", DAY, SignatureKind.DRAWN, (stroke,)),
        Signature(Role.ASSESSOR, "Dafydd ap Gruffŵdd", DAY, SignatureKind.TYPED),
    )


def sheet(unit: Unit, count: int, signed: bool) -> PrintedSheet:
    content = SheetContent(
        unit=unit,
        candidate=Candidate("Siân Ní Bhriain", "0042", "12345"),
        assessor=Person("Dafydd ap Gruffŵdd"),
        qualification=unit.qualifications[0].title if unit.qualifications else "",
        evidence=tuple(rows(unit, count)),
        signatures=signatures() if signed else (),
    )
    return PrintedSheet(content, record_code(content) if signed else None)


def typical_store(folder: Path, unit: Unit) -> Path:
    database = folder / "store.sqlite3"
    with Store(database) as store:
        candidate = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
        sheet_id = store.create_sheet(
            candidate, unit, unit.qualifications[0].title, Person("Dafydd ap Gruffŵdd")
        )
        for row in rows(unit, 15):
            store.add_evidence(sheet_id, row)
        # The assessor's signature seals the sheet with their key, kept under their PIN.
        store.set_profile(Profile("Dafydd ap Gruffŵdd", qualified=True))
        store.set_pin(PIN)
        for signature in signatures():
            store.add_signature(sheet_id, signature, DAY, PIN)
    return database


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    catalogue = load_catalogue([paths.builtin_units_dir()])
    f17, operations = catalogue.get("mgmt-l3-u40-f17"), catalogue.get("cs-operations-l4-u1")
    assert f17 is not None and operations is not None
    typical, long = sheet(f17, 15, True), sheet(operations, 300, False)
    start = time.perf_counter()
    render_pdf([typical], io.BytesIO())
    first = (time.perf_counter() - start) * 1000
    cases = [
        ("typical sheet (15 rows, 10 ACs, signed)", [typical], (15, 10, 1), 30),
        ("300 rows, 28 ACs", [long], (300, 28, 1), 1000),
        ("100 typical sheets in one PDF", [typical] * 100, (15, 10, 100), 3000),
    ]
    print(f"first print in a process (loads the fonts): {first:.0f} ms")
    print(f"{'case':42} {'ercsheet':>10} {'floor':>10} {'target':>8}")
    for name, sheets, (n_rows, n_acs, copies), target in cases:
        ours = median_ms(partial(render_pdf, sheets, io.BytesIO()), repeat)
        floor = median_ms(partial(pdf_floor.build, n_rows, n_acs, io.BytesIO(), copies), repeat)
        print(f"{name:42} {ours:8.1f}ms {floor:8.1f}ms {target:6}ms")
    with tempfile.TemporaryDirectory() as folder:
        database = typical_store(Path(folder), f17)
        out = Path(folder) / "out.pdf"
        ours = process_ms(
            [sys.executable, "-m", "ercsheet", "--db", str(database), "pdf", "1", "-o", str(out)],
            repeat,
        )
        floor = process_ms(
            [sys.executable, str(ROOT / "benchmarks" / "pdf_floor.py"), "15", "10", str(out)],
            repeat,
        )
    print(
        f"{'`ercsheet pdf` process, typical sheet':42} {ours:8.1f}ms {floor:8.1f}ms "
        f" ratio {ours / floor:.2f} (target ≤ 1.5)"
    )
    print("where a process's time goes (each a fresh `python -c`):")
    for label, statement in STARTUP_PARTS:
        print(f"  {label:40} {process_ms([sys.executable, '-c', statement], repeat):8.1f}ms")
    return 0


# What `ercsheet pdf` pays before it prints, part by part (the floor pays only the first two).
STARTUP_PARTS = [
    ("Python itself", "pass"),
    ("ReportLab platypus (the floor's import)", "import reportlab.platypus"),
    ("ercsheet's command line", "import ercsheet.cli"),
    ("ercsheet's store, read half (sqlite3, snapshots)", "import ercsheet.store.store"),
    ("ercsheet's PDF package + loading 4 fonts", "from ercsheet.pdf import fonts; fonts.fonts()"),
    ("(not loaded by `ercsheet pdf`) SQLAlchemy ORM", "import sqlalchemy.orm"),
    ("(not loaded by `ercsheet pdf`) pydantic", "import pydantic; pydantic.BaseModel"),
]


if __name__ == "__main__":
    sys.exit(main())
