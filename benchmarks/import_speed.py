"""How fast an exchange file is read and checked, by rows, beside the floor: bare `json.loads`.

    python benchmarks/import_speed.py [--repeat 3] [--rows 2000 10000 20000]

For each size, one signed sheet on the 28-criterion unit (Unit 1, cs-operations-l4-u1) as
`ercsheet export` writes it (record code included; a drawn candidate's signature of 300 points),
then, median of --repeat runs:

- parse + rules: `exchange.parse_exchange`, everything an import does before it writes (bounded
  JSON reading, the format's model, every rule, the record code);
- floor: `json.loads` of the same text, no ercsheet code;
- the store's write of the checked sheet (`exchange.store_sheet`, into a fresh store), measured
  separately: it is not part of the parse.

A sheet holds at most 2,000 rows (domain/sheet.py); larger sizes are timed with that limit lifted
for the run, to show the time per row stays flat (it grew with the rows before: each row was
compared with every earlier one). Figures in docs/performance.md#import.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import json
import math
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pydantic import Field
from timing import median_ms

from ercsheet import paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.model import Unit
from ercsheet.domain import rules
from ercsheet.domain.record import record_code
from ercsheet.domain.sheet import (
    MAX_EVIDENCE_ROWS,
    Candidate,
    EvidenceRow,
    Person,
    SheetContent,
    Signature,
)
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.store import exchange
from ercsheet.store.exchange_format import EvidenceV1, SheetV1, sheet_to_dict
from ercsheet.store.store import Store

DAY = dt.date(2026, 10, 7)
TODAY = dt.date(2026, 11, 22)
METHODS = [m for m in Method if m is not Method.SIMULATION]


def sheet(unit: Unit, count: int) -> SheetContent:
    numbers = unit.criterion_numbers
    evidence = tuple(
        EvidenceRow(
            f"E{i:05}",
            f"Observation of team briefing and follow-up with the customer service team, {i}",
            METHODS[i % len(METHODS)],
            DAY,
            frozenset(numbers[(i + j) % len(numbers)] for j in range(3)),
            "Seen at the morning briefing; notes kept in the portfolio." if i % 4 == 0 else "",
        )
        for i in range(count)
    )
    stroke = tuple((0.05 + 0.9 * i / 299, 0.5 + 0.3 * math.sin(i / 9)) for i in range(300))
    return SheetContent(
        unit=unit,
        candidate=Candidate("Siân Ní Bhriain", "0042", "12345"),
        assessor=Person("Dafydd ap Gruffŵdd"),
        qualification=unit.qualifications[0].title if unit.qualifications else "",
        evidence=evidence,
        signatures=(
            Signature(Role.CANDIDATE, "Siân Ní Bhriain", DAY, SignatureKind.DRAWN, (stroke,)),
            Signature(Role.ASSESSOR, "Dafydd ap Gruffŵdd", DAY, SignatureKind.TYPED),
        ),
    )


def exported(content: SheetContent) -> str:
    data = sheet_to_dict(content)
    data["record_code"] = record_code(content)
    data["audit"] = []
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class Unbounded(SheetV1):
    """The format's model without the row limit, to time sizes beyond it."""

    evidence: Annotated[list[EvidenceV1], Field(default_factory=list)]


@contextlib.contextmanager
def rows_unbounded(count: int) -> Iterator[None]:
    if count <= MAX_EVIDENCE_ROWS:
        yield
        return
    with (
        mock.patch.object(exchange, "SheetV1", Unbounded),
        mock.patch.object(rules, "MAX_EVIDENCE_ROWS", count),
    ):
        yield


def store_ms(content: SheetContent, repeat: int) -> float:
    """Median ms of the store's write of the checked sheet, each into a fresh store."""
    samples = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(repeat):
            with Store(Path(folder) / f"store-{run}.sqlite3") as store:
                start = time.perf_counter()
                exchange.store_sheet(store, content)
                samples.append((time.perf_counter() - start) * 1000)
    return sorted(samples)[len(samples) // 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, nargs="+", default=[2_000, 10_000, 20_000])
    parser.add_argument("--no-store", action="store_true", help="skip the store's write")
    args = parser.parse_args()
    unit = load_catalogue([paths.builtin_units_dir()]).get("cs-operations-l4-u1")
    assert unit is not None
    print(
        f"{'rows':>7} {'file':>8} {'parse+rules':>12} {'per row':>9} {'floor':>9} {'ratio':>6}"
        + ("" if args.no_store else f" {'store write':>12}")
    )
    for count in args.rows:
        content = sheet(unit, count)
        text = exported(content)
        with rows_unbounded(count):
            parsed = exchange.parse_exchange(text, {unit.id: unit}.get, TODAY)
            assert parsed.content == content
            parse = functools.partial(exchange.parse_exchange, text, {unit.id: unit}.get, TODAY)
            ours = median_ms(parse, args.repeat)
        floor = median_ms(functools.partial(json.loads, text), args.repeat)
        line = (
            f"{count:7,} {len(text.encode()) / 1e6:6.1f}MB {ours:10.0f}ms "
            f"{ours * 1000 / count:7.0f}µs {floor:7.0f}ms {ours / floor:5.1f}x"
        )
        if not args.no_store:
            line += f" {store_ms(content, args.repeat):10.0f}ms"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
