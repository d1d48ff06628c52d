"""A centre-sized store: 10,000 candidates with 12 units' sheets each, their evidence shared
across units (each item on one to four of its candidate's sheets), and how the app copes with it.

    python benchmarks/centre_store.py [--candidates 10000 --sheets 120000] [--keep DIR]

Measures, beside the same figures on an empty store in the same run: opening the store
(start-up), candidate search, opening a sheet, a tick on a shared item, a candidate's evidence
library, and `ercsheet check` over every signed sheet.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import math
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session
from timing import median_ms, process_env

from ercsheet import paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.snapshot import unit_from_json, unit_to_json
from ercsheet.domain.audit import Change, chain_entry, changes_json, timestamp
from ercsheet.domain.folding import fold
from ercsheet.domain.seal import seal
from ercsheet.domain.sheet import Candidate, EvidenceRow, Person, SheetContent, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.store import keys, models
from ercsheet.store.opening import quick_check_file
from ercsheet.store.store import Profile, Store

ROOT = Path(__file__).resolve().parents[1]
FIRST = ["Łukasz", "Siân", "Dafydd", "Zoë", "Aoife", "Pat", "Morgan", "Ngozi", "Priya", "Tomás"]
PIN = "2468"
NOW = dt.datetime(2026, 11, 20, 10, 0)
LAST = ["Żółć", "Ní Bhriain", "ap Gruffŵdd", "Ødegård", "Jones", "Smith", "Okafor", "Patel"]


@contextmanager
def writing(store: Store) -> Iterator[Session]:
    """A write transaction straight on the store's engine: a centre's rows are written in bulk,
    past the store's operations, in seconds rather than hours. The audit events those
    operations would write are built here with the domain's own functions (chained, and the
    seals signed with the assessor's key), so `ercsheet check` verifies a store like a real
    one, not one it would report as tampered with."""
    with Session(store.engine) as session, session.begin():
        yield session


@dataclass
class Chain:
    """The audit events written so far, chained as the store chains them."""

    key: keys.UnlockedKey
    rows: list[dict[str, object]] = field(default_factory=list)
    last: str | None = None

    def add(
        self,
        action: str,
        sheet_id: int | None,
        candidate_id: int | None,
        changes: tuple[Change, ...] = (),
        signed: bool = False,
    ) -> None:
        at = timestamp(NOW)
        entry = chain_entry(
            self.last,
            at,
            "Pat Jones",
            action,
            sheet_id=sheet_id,
            candidate_id=candidate_id,
            changes=changes,
        )
        row: dict[str, object] = {
            "at": at,
            "action": action,
            "sheet_id": sheet_id,
            "candidate_id": candidate_id,
            "actor": "Pat Jones",
            "detail": "",
            "changes": changes_json(changes),
            "payload_hash": entry.payload_hash,
            "erased": False,
            "prev_hash": entry.prev_hash,
            "hash": entry.hash,
            "key": self.key.fingerprint if signed else None,
            "key_signature": self.key.sign(keys.EVENT, entry.hash) if signed else None,
        }
        self.rows.append(row)
        self.last = entry.hash

    def flush(self, session: Session) -> None:
        if self.rows:
            session.execute(insert(models.AuditEvent), self.rows)
            self.rows = []


class Library:
    """Each candidate's evidence items as their sheets are written: a row is of an item the
    candidate has already (on fewer than four sheets, not this one) half the time, else of a
    new one, so items count on one to four units, as holistic assessment makes them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.next_id = 0
        self.pending: list[dict[str, object]] = []
        self.reusable: dict[int, list[dict[str, object]]] = {}
        self.uses: dict[int, int] = {}
        self.count: dict[int, int] = {}

    def item_for(self, candidate_id: int, on_sheet: set[int]) -> dict[str, object]:
        pool = [i for i in self.reusable.get(candidate_id, []) if int(str(i["id"])) not in on_sheet]
        if pool and self.rng.random() < 0.5:
            item = self.rng.choice(pool)
        else:
            self.next_id += 1
            number = self.count[candidate_id] = self.count.get(candidate_id, 0) + 1
            item = {
                "id": self.next_id,
                "uuid": str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
                "candidate_id": candidate_id,
                "ref": f"E{number:03}",
                "ref_key": f"e{number:03}",
                "title": f"Observation of a customer service briefing ({number})",
                "method": Method.OBSERVATION.value,
                "notes": "",
                "held_at": "Portfolio",
                "created_at": NOW,
                "updated_at": NOW,
            }
            self.pending.append(item)
            self.reusable.setdefault(candidate_id, []).append(item)
        item_id = int(str(item["id"]))
        on_sheet.add(item_id)
        self.uses[item_id] = self.uses.get(item_id, 0) + 1
        if self.uses[item_id] >= 4:
            self.reusable[candidate_id].remove(item)
        return item

    def flush(self, session: Session) -> None:
        if self.pending:
            session.execute(insert(models.LibraryItem), self.pending)
            self.pending = []


def generate(path: Path, candidates: int, sheets: int) -> None:
    catalogue = load_catalogue([paths.builtin_units_dir()])
    units = catalogue.sorted_units()
    rng = random.Random(1)
    store = Store(path)
    store.set_profile(Profile("Pat Jones", qualified=True))
    store.set_pin(PIN)
    with writing(store) as session:
        own = session.scalars(select(models.SigningKey)).one()
        key = keys.unlock(keys.LockedKey(own.public_key, own.private_sealed or ""), PIN)
        last = session.scalars(
            select(models.AuditEvent.hash).order_by(models.AuditEvent.id.desc())
        ).first()
    chain = Chain(key, last=last)
    with writing(store) as session:
        people = [
            {
                "id": n + 1,
                "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}",
                "candidate_number": f"{n:05}",
                "centre_number": "12345",
                "created_at": NOW,
            }
            for n in range(candidates)
        ]
        # A bulk insert passes the model by, so it writes the search and sort keys the model
        # keeps for each name and number itself.
        for person in people:
            person["name_key"] = fold(str(person["name"]))
            person["number_key"] = fold(str(person["candidate_number"]))
            person["uuid"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        session.execute(insert(models.Candidate), people)
        for person in people:
            chain.add("candidate added", None, int(str(person["id"])))
        chain.flush(session)
    row_id = 0
    library = Library(rng)
    batch = 2000
    signer = Signature(Role.ASSESSOR, "Pat Jones", NOW.date(), SignatureKind.TYPED)
    for start in range(0, sheets, batch):
        with writing(store) as session:
            sheet_rows, rows_written, ticks, signatures = [], [], [], []
            for sheet_id in range(start + 1, min(start + batch, sheets) + 1):
                unit = units[sheet_id % len(units)]
                candidate_id = (sheet_id % candidates) + 1
                person = people[candidate_id - 1]
                row = {
                    "id": sheet_id,
                    "candidate_id": candidate_id,
                    "unit_id": unit.id,
                    "unit_snapshot": unit_to_json(unit),
                    "qualification": "",
                    "assessor_name": "Pat Jones",
                    "assessor_qualified": True,
                    "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                chain.add("sheet created", sheet_id, candidate_id)
                rows = []
                on_sheet: set[int] = set()
                for position in range(8):
                    row_id += 1
                    item = library.item_for(candidate_id, on_sheet)
                    # A tenth of the sheets are signed: their rows cover every criterion.
                    covered = (
                        unit.criterion_numbers[position::8]
                        if sheet_id % 10 == 0
                        else rng.sample(unit.criterion_numbers, 3)
                    )
                    evidence = EvidenceRow(
                        str(item["ref"]),
                        str(item["title"]),
                        Method.OBSERVATION,
                        None,
                        frozenset(covered),
                    )
                    rows.append(evidence)
                    rows_written.append(
                        {
                            "id": row_id,
                            "sheet_id": sheet_id,
                            "library_item_id": item["id"],
                            "position": position,
                            "ref": evidence.ref,
                            "ref_key": evidence.ref.casefold(),
                            "title": evidence.title,
                            "method": evidence.method.value,
                            "notes": "",
                        }
                    )
                    ticks += [{"evidence_id": row_id, "criterion": c} for c in covered]
                    chain.add("evidence added", sheet_id, candidate_id)
                if sheet_id % 10 == 0:
                    content = SheetContent(
                        unit,
                        Candidate(
                            str(person["name"]),
                            str(person["candidate_number"]),
                            str(person["centre_number"]),
                        ),
                        Person("Pat Jones", True),
                        evidence=tuple(rows),
                        signatures=(
                            Signature(
                                Role.CANDIDATE,
                                str(person["name"]),
                                NOW.date(),
                                SignatureKind.TYPED,
                            ),
                            signer,
                        ),
                    )
                    sealed = seal(content)
                    row.update(
                        record_code=sealed.code,
                        seal=sealed.text,
                        seal_key=key.fingerprint,
                        seal_signature=key.sign(keys.SEAL, sealed.code),
                    )
                    signatures += [
                        {
                            "sheet_id": sheet_id,
                            "role": signed.role.value,
                            "name": signed.name,
                            "date": signed.date,
                            "kind": signed.kind.value,
                            "strokes": "[]",
                        }
                        for signed in content.signatures
                    ]
                    chain.add("signed", sheet_id, candidate_id)
                    chain.add(
                        "signed and sealed",
                        sheet_id,
                        candidate_id,
                        (Change("record code", "", sealed.code),),
                        signed=True,
                    )
                sheet_rows.append(row)
            session.execute(insert(models.Sheet), sheet_rows)
            library.flush(session)
            session.execute(insert(models.EvidenceItem), rows_written)
            session.execute(insert(models.Tick), ticks)
            if signatures:
                session.execute(insert(models.SignatureRecord), signatures)
            chain.flush(session)
    with writing(store) as session:
        last_signed = session.scalars(
            select(models.AuditEvent)
            .where(models.AuditEvent.key.is_not(None))
            .order_by(models.AuditEvent.id.desc())
            .limit(1)
        ).one()
        anchor = session.get(models.AuditAnchor, 1) or models.AuditAnchor(id=1)
        anchor.event_id, anchor.hash = last_signed.id, last_signed.hash
        anchor.key, anchor.signature = last_signed.key or "", last_signed.key_signature or ""
        session.add(anchor)
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
    # As people type it, without the accent; and a page of the list as the window reads it.
    figures["candidate search, typed without accents"] = median_ms(
        lambda: store.candidates("sian"), 5
    )
    figures["candidate list, first page by name"] = median_ms(
        lambda: store.candidates("", 200, 0), 5
    )
    with store.engine.connect() as connection:
        count = connection.execute(select(func.count()).select_from(models.Sheet)).scalar_one()
    sheet_ids = [s for s in (1, count // 2, count) if s] if count else []
    # The slowest of the first, middle and last sheet; an empty store has none (nan).
    figures["open a sheet"] = max(
        (median_ms(functools.partial(open_as_window, store, s), 5) for s in sheet_ids),
        default=math.nan,
    )
    shared = shared_row(store)
    if shared is None:
        figures["tick on a shared item (stored)"] = math.nan
        figures["a candidate's evidence library"] = math.nan
    else:
        evidence_id, criterion, candidate_id = shared
        flips = iter([True, False] * 10)
        figures["tick on a shared item (stored)"] = median_ms(
            lambda: store.set_tick(evidence_id, criterion, next(flips)), 9
        )
        figures["a candidate's evidence library"] = median_ms(
            lambda: store.library(candidate_id), 5
        )
    store.close()
    figures.update(check_figures(path))
    return figures


def check_figures(path: Path) -> dict[str, float]:
    """`ercsheet check`'s whole process: its wall time, and the CPU time it and its workers
    took (user + system), which a machine busy with other work does not inflate as much."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "ercsheet", "--db", str(path), "check"],
        check=False,
        capture_output=True,
        env=process_env(),
        text=True,
    )
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        print(f"ercsheet check on {path.name} found problems:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    return {"ercsheet check (process)": wall, "ercsheet check (CPU, user + system)": cpu}


def shared_row(store: Store) -> tuple[int, str, int] | None:
    """A draft sheet's row whose item counts on another sheet too, a criterion it does not
    tick, and its candidate (None: an empty store)."""
    with store.engine.connect() as connection:
        found = connection.exec_driver_sql(
            "SELECT evidence_item.id, sheet.unit_snapshot, sheet.candidate_id FROM evidence_item"
            " JOIN sheet ON sheet.id = evidence_item.sheet_id"
            " WHERE sheet.record_code IS NULL AND evidence_item.library_item_id IN"
            " (SELECT library_item_id FROM evidence_item GROUP BY library_item_id"
            "  HAVING count(*) > 1 LIMIT 1000) LIMIT 1"
        ).first()
        if found is None:
            return None
        evidence_id, snapshot, candidate_id = found
        ticked = {
            c
            for (c,) in connection.exec_driver_sql(
                "SELECT criterion FROM tick WHERE evidence_id = ?", (evidence_id,)
            )
        }
    unit = unit_from_json(snapshot)
    criterion = next(c for c in unit.criterion_numbers if c not in ticked)
    return evidence_id, criterion, candidate_id


def shown(milliseconds: float) -> str:
    return "none to open" if math.isnan(milliseconds) else f"{milliseconds:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--sheets", type=int, default=120_000)
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="keep the stores in DIR, and reuse those of the same size found there",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        empty = folder / "empty.sqlite3"
        full = folder / f"centre-{args.candidates}x{args.sheets}.sqlite3"
        if not empty.exists():
            Store(empty).close()
        if full.exists():
            print(f"reusing {full} ({full.stat().st_size / 1e6:.0f} MB)")
        else:
            start = time.perf_counter()
            # Written under another name first: a run stopped half-way leaves no store to reuse.
            partial = full.with_name(full.name + ".partial")
            generate(partial, args.candidates, args.sheets)
            partial.rename(full)
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
