"""Crash safety: real writes in a child process, killed with SIGKILL at random moments.

After each kill the database must pass `PRAGMA integrity_check`, hold every change the child
reported saved, and hold no half-made change: its sheet equals the state after the reported
changes, or after one more (the change that was committing when the kill came).

    python benchmarks/kill_harness.py --runs 200        # the full run (docs/reliability.md)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ercsheet.catalogue.validation import parse_unit
from ercsheet.domain.sheet import EvidenceRow, Person, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind

State = tuple[tuple[str, frozenset[str]], ...]
UNIT = parse_unit(
    {
        "id": "kill-test",
        "title": "Kill test unit",
        "learning_outcomes": [
            {
                "number": str(lo),
                "title": f"Outcome {lo}",
                "criteria": [{"number": f"{lo}.{n}", "text": f"AC {lo}.{n}"} for n in range(1, 5)],
            }
            for lo in (1, 2, 3)
        ],
    }
)
OPS_PER_RUN = 400
TODAY = dt.date(2026, 11, 22)
PIN = "2468"


def operations(seed: int) -> list[tuple[str, str, str]]:
    """A deterministic list of (kind, ref, detail) changes, each one transaction in the store."""
    rng = random.Random(seed)
    refs: list[str] = []
    ops: list[tuple[str, str, str]] = []
    for n in range(OPS_PER_RUN):
        roll = rng.random()
        if n % 40 == 39:
            ops.append(("import", f"I{n:03}", ""))
        elif n % 40 == 19:
            # A second sheet signed through the signing code, one transaction at a time.
            ref = f"S{n:03}"
            ops += [("candidate", ref, ""), ("sheet", ref, ""), ("row", ref, "")]
            ops += [("sign", ref, "candidate"), ("sign", ref, "assessor")]
        elif not refs or roll < 0.3:
            ref = f"E{n:03}"
            refs.append(ref)
            ops.append(("add", ref, rng.choice(UNIT.criterion_numbers)))
        elif roll < 0.9:
            ops.append(("tick", rng.choice(refs), rng.choice(UNIT.criterion_numbers)))
        else:
            ops.append(("delete", refs.pop(rng.randrange(len(refs))), ""))
    return ops


# What the store holds after some changes: the main sheet's rows and ticks; every other sheet
# as (candidate number, number of rows, roles signed); how many candidates there are.
Others = frozenset[tuple[str, int, tuple[str, ...]]]
Expected = tuple[State, Others, int]


def expected(ops: list[tuple[str, str, str]], count: int) -> Expected:
    """What the store must hold after the first `count` changes, and nothing else."""
    rows: dict[str, set[str]] = {}
    others: dict[str, tuple[int, tuple[str, ...]]] = {}
    candidates = 1
    for kind, ref, detail in ops[:count]:
        if kind == "add":
            rows[ref] = {detail}
        elif kind == "tick":
            rows[ref] ^= {detail}
        elif kind == "delete":
            del rows[ref]
        elif kind == "import":
            candidates += 1
            others[ref] = (1, ("candidate", "assessor"))
        elif kind == "candidate":
            candidates += 1
        elif kind == "sheet":
            others[ref] = (0, ())
        elif kind == "row":
            others[ref] = (1, ())
        elif kind == "sign":
            others[ref] = (1, (*others[ref][1], detail))
    state = tuple((ref, frozenset(ticks)) for ref, ticks in rows.items())
    return state, frozenset((ref, n, roles) for ref, (n, roles) in others.items()), candidates


def signed_sheet_file(folder: Path, ref: str) -> Path:
    """An exchange file of a signed sheet: importing it seals a record code (signing)."""
    data = {
        "format": "ercsheet.sheet",
        "version": 1,
        "unit": UNIT.id,
        "candidate": {"name": f"Dafydd ap Gruffŵdd {ref}", "candidate_number": ref},
        "assessor": {"name": "Pat Jones", "qualified": True},
        "evidence": [
            {
                "ref": "E1",
                "title": "All of it",
                "method": "observation",
                "criteria": list(UNIT.criterion_numbers),
            }
        ],
        "signatures": [
            {"role": "candidate", "name": "D", "date": "2026-11-01", "kind": "typed"},
            {"role": "assessor", "name": "Pat Jones", "date": "2026-11-02", "kind": "typed"},
        ],
    }
    path = folder / f"{ref}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def child(db: Path, seed: int) -> None:
    from ercsheet.store.exchange import import_file
    from ercsheet.store.store import Profile, Store

    units = {UNIT.id: UNIT}.get
    store = Store(db)
    # The assessor signs with their PIN (it unlocks the key that seals the sheet).
    store.set_profile(Profile("Pat Jones", qualified=True))
    store.set_pin(PIN)
    candidate = store.add_candidate("Łukasz Żółć", "0042")
    sheet_id = store.create_sheet(candidate, UNIT, "", Person("Pat Jones"))
    print(f"sheet {sheet_id}", flush=True)
    ids: dict[str, int] = {}
    for index, (kind, ref, detail) in enumerate(operations(seed)):
        if kind == "add":
            row = EvidenceRow(
                ref, f"Evidence {ref} ŵ", Method.OBSERVATION, None, frozenset({detail})
            )
            ids[ref] = store.add_evidence(sheet_id, row)
        elif kind == "tick":
            covered = detail in store.evidence(ids[ref]).criteria
            store.set_tick(ids[ref], detail, not covered)
        elif kind == "delete":
            store.delete_evidence(ids.pop(ref))
        elif kind == "import":
            import_file(store, signed_sheet_file(db.parent, ref), units, TODAY)
        elif kind == "candidate":
            ids[ref] = store.add_candidate(f"Siân Ní Bhriain {ref}", ref)
        elif kind == "sheet":
            ids[ref] = store.create_sheet(ids[ref], UNIT, "", Person("Pat Jones"))
        elif kind == "row":
            every = frozenset(UNIT.criterion_numbers)
            store.add_evidence(
                ids[ref], EvidenceRow("E1", "All of it", Method.OBSERVATION, None, every)
            )
        else:
            role = Role(detail)
            name = "Pat Jones" if role is Role.ASSESSOR else f"Siân Ní Bhriain {ref}"
            signature = Signature(role, name, TODAY, SignatureKind.TYPED)
            store.add_signature(ids[ref], signature, TODAY, pin=PIN)
        print(f"saved {index + 1}", flush=True)


def one_run(folder: Path, seed: int, rng: random.Random) -> tuple[bool, str]:
    db = folder / f"run-{seed}.sqlite3"
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", str(db), "--seed", str(seed)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout or []), daemon=True)
    reader.start()
    time.sleep(rng.uniform(0.3, 2.5))
    process.send_signal(signal.SIGKILL)
    process.wait()
    reader.join()
    finished = process.returncode == 0 and f"saved {len(operations(seed))}" in "".join(lines)
    if process.returncode != -signal.SIGKILL and not finished:
        # It stopped on its own: an operation failed (a refusal, a traceback), not the kill.
        return False, f"the child stopped by itself (exit {process.returncode})"
    output = "".join(lines)
    saved = [int(line.split()[1]) for line in output.splitlines() if line.startswith("saved ")]
    reported = max(saved, default=0)
    if not db.exists():
        return True, "killed before the database existed"
    with sqlite3.connect(db) as connection:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if check != "ok":
        return False, f"integrity_check: {check}"
    if not output.startswith("sheet "):
        return True, "killed before the sheet existed"
    from ercsheet.store.store import Store

    with Store(db) as store:
        summaries = store.sheets()
        if not summaries:
            return False, "the sheet reported created is missing"
        main_sheet = store.sheet(summaries[0].id)
        others = [store.sheet(summary.id) for summary in summaries[1:]]
        actual = (
            tuple((row.ref, row.criteria) for row in main_sheet.evidence),
            frozenset(
                (
                    other.candidate.candidate_number,
                    len(other.evidence),
                    tuple(signature.role.value for signature in other.signatures),
                )
                for other in others
            ),
            len(store.candidates()),
        )
        if store.check_records():
            return False, "a signed record does not verify"
    ops = operations(seed)
    allowed = {expected(ops, reported), expected(ops, min(reported + 1, len(ops)))}
    if actual not in allowed:
        return False, f"after {reported} reported saves the sheet holds something else"
    return True, f"{reported} saves"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--child", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.seed)
        return 0
    rng = random.Random(20261122)
    failures: list[str] = []
    saves = 0
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            ok, detail = one_run(Path(folder), run, rng)
            if detail.endswith(" saves"):
                saves += int(detail.split()[0])
            if not ok:
                failures.append(f"run {run}: {detail}")
    print(
        f"runs: {args.runs}, kills: {args.runs}, saves reported before the kills: {saves}, "
        f"integrity or lost-change failures: {len(failures)}"
    )
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
