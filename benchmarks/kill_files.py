"""Crash safety of the commands that rewrite files: erase-candidate, passphrase (encrypt, re-key,
decrypt), restore and backup, each run as `python -m ercsheet …` and killed with SIGKILL, at a
random moment or at the Nth rename, unlink or chmod it makes (strace's fault injection). After
each kill the command is run again (erase-candidate) or the database opened again (`sheets`:
the next start), and then:

- the database passes `PRAGMA integrity_check`, and no candidate saved before is lost;
- the journal is gone and no staging file is left; every file is 0600, every folder 0700;
- the database and every backup open with the same key (none left with the old passphrase),
  and while the store is encrypted no file under the data folder holds plaintext;
- after an erasure, no file under the data folder holds the erased candidate's name, and no
  backup holds the candidate;
- after a restore, the database holds the backup or the data as it was, and the data as it was
  is in a backup whenever it was replaced.

    python benchmarks/kill_files.py --kills 240      # the long run (docs/reliability.md)
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ercsheet.store import backup, cipher  # noqa: E402

PIN = "2468"
OLD, NEW = "old passphrase 1", "new passphrase 2"
ERASED_NAME, ERASED_NUMBER = "Erasmus Zzyzxtarget", "0099"
KEEPERS = [("Keeper Alpha", "0001"), ("Keeper Beta", "0002")]
LATE = ("Keeper Gamma", "0003")  # added after the backup that a restore brings back
EVERYONE = {name for name, _ in [*KEEPERS, LATE]} | {ERASED_NAME}
RESTORED = EVERYONE - {LATE[0]}
SYSCALLS = ("rename", "unlink", "chmod")


@dataclass(frozen=True)
class Scenario:
    name: str
    args: tuple[str, ...]
    key: str | None  # the database's passphrase before the command
    env: dict[str, str] = field(default_factory=dict)
    outside: bool = False  # restores a plain file from outside the data folder


SCENARIOS = [
    Scenario("erase", ("erase-candidate", ERASED_NUMBER, "--yes"), None),
    Scenario("erase encrypted", ("erase-candidate", ERASED_NUMBER, "--yes"), OLD),
    Scenario("encrypt", ("passphrase",), None, {"ERCSHEET_NEW_PASSPHRASE": NEW}),
    Scenario("re-key", ("passphrase",), OLD, {"ERCSHEET_NEW_PASSPHRASE": NEW}),
    Scenario("decrypt", ("passphrase", "--remove"), OLD),
    Scenario("restore", ("restore", "@oldest"), None),
    Scenario("restore encrypted", ("restore", "@oldest"), OLD),
    Scenario("restore plain into encrypted", ("restore", "@outside"), OLD, outside=True),
    Scenario("backup", ("backup",), None),
    Scenario("backup encrypted", ("backup",), OLD),
]


def build_template(folder: Path, key: str | None) -> None:
    """A data folder: an assessor with a PIN, candidates, the one to erase with a sheet, and
    backups from before and after the last candidate was added."""
    from ercsheet.catalogue.validation import parse_unit
    from ercsheet.domain.sheet import EvidenceRow, Person
    from ercsheet.domain.vocabulary import Method
    from ercsheet.store.store import Profile, Store

    unit = parse_unit(
        {
            "id": "kill-files",
            "title": "Kill files unit",
            "learning_outcomes": [
                {"number": "1", "title": "O", "criteria": [{"number": "1.1", "text": "AC"}]}
            ],
        }
    )
    data = folder / "data"
    with Store(data / "ercsheet.sqlite3", passphrase=key) as store:
        store.set_profile(Profile("Pat Jones", qualified=True))
        store.set_pin(PIN)
        for name, number in KEEPERS:
            store.add_candidate(name, number)
        erased = store.add_candidate(ERASED_NAME, ERASED_NUMBER)
        sheet = store.create_sheet(erased, unit, "", Person("Pat Jones"))
        store.add_evidence(sheet, EvidenceRow("E1", f"{ERASED_NAME} at work", Method.OBSERVATION))
        store.backup("early")
        store.add_candidate(*LATE)
        store.backup("late")
    if key is None:
        (folder / "outside").mkdir()
        shutil.copy(backup.list_backups(data / "ercsheet.sqlite3")[-1], folder / "outside")


def command(run: Path, scenario: Scenario) -> tuple[list[str], dict[str, str]]:
    data = run / "data"
    database = data / "ercsheet.sqlite3"
    args = list(scenario.args)
    if "@oldest" in args:
        args[args.index("@oldest")] = str(backup.list_backups(database)[-1])
    if "@outside" in args:
        args[args.index("@outside")] = str(next((run / "outside").iterdir()))
    env = {**os.environ, "ERCSHEET_PIN": PIN, **scenario.env}
    env.pop("ERCSHEET_PASSPHRASE", None)
    if scenario.key is not None:
        env["ERCSHEET_PASSPHRASE"] = scenario.key
    return [sys.executable, "-m", "ercsheet", "--db", str(database), *args], env


def run_killed(argv: list[str], env: dict[str, str], at: tuple[str, int] | float) -> int:
    """Run the command, killed at `at`: a number of seconds, or (system call, N)."""
    if isinstance(at, tuple):
        syscall, n = at
        inject = f"inject={syscall}:signal=KILL:when={n}"
        argv = ["strace", "-f", "-qq", "-o", "/dev/null", "-e", inject, *argv]
        done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, timeout=120)
        return done.returncode
    process = subprocess.Popen(
        argv, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(at)
    process.send_signal(signal.SIGKILL)
    return process.wait()


def count_syscalls(argv: list[str], env: dict[str, str]) -> Counter[str]:
    with tempfile.NamedTemporaryFile("r") as trace:
        subprocess.run(
            ["strace", "-f", "-qq", "-o", trace.name, "-e", f"trace={','.join(SYSCALLS)}", *argv],
            env=env,
            cwd=ROOT,
            capture_output=True,
            timeout=120,
            check=True,
        )
        calls = [line.split()[1].split("(")[0] for line in trace if "(" in line]
    return Counter(call for call in calls if call in SYSCALLS)


NONE_OF_OURS = "(none of the passphrases)"


def key_of(path: Path) -> str | None:
    """The passphrase that opens a database file (None: plain), or NONE_OF_OURS."""
    for key in (None, OLD, NEW):
        if cipher.readable(path, key):
            return key
    return NONE_OF_OURS


def candidates(path: Path, key: str | None) -> set[str]:
    with closing(cipher.connect(path, key)) as connection:
        return {row[0] for row in connection.execute("SELECT name FROM candidate")}


def next_start(run: Path, scenario: Scenario, argv: list[str], env: dict[str, str]) -> str | None:
    """What the assessor does next: the erasure again, or any command (the window would do
    the same). Returns a problem, or None."""
    database = run / "data" / "ercsheet.sqlite3"
    base = [sys.executable, "-m", "ercsheet", "--db", str(database)]
    plain_env = {k: v for k, v in env.items() if k != "ERCSHEET_PASSPHRASE"}
    # Any command finishes or undoes at the level of files first, without the passphrase.
    subprocess.run([*base, "sheets"], env=plain_env, cwd=ROOT, capture_output=True, timeout=120)
    key = key_of(database)
    if key == NONE_OF_OURS:
        return "the database opens with neither passphrase"
    again = dict(plain_env)
    if key is not None:
        again["ERCSHEET_PASSPHRASE"] = key
    if scenario.name.startswith("erase"):
        done = subprocess.run(argv, env=again, cwd=ROOT, capture_output=True, text=True)
        # Finished already by the command before (it says so): nothing left to erase, which
        # check() verifies in every file.
        gone = "there is no candidate with number" in done.stderr
        if done.returncode != 0 and not (gone and "Traceback" not in done.stderr):
            return f"erase-candidate again: exit {done.returncode}: {done.stderr.strip()}"
    done = subprocess.run([*base, "sheets"], env=again, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0 or "Traceback" in done.stderr:
        return f"sheets at the next start: exit {done.returncode}: {done.stderr.strip()}"
    return None


def check(run: Path, scenario: Scenario) -> str | None:
    data = run / "data"
    database = data / "ercsheet.sqlite3"
    key = key_of(database)
    if key == NONE_OF_OURS:
        return "the database opens with neither passphrase"
    with closing(cipher.connect(database, key)) as connection:
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        return f"integrity_check: {verdict}"
    names = candidates(database, key)
    backups = backup.list_backups(database)
    for path in backups:
        if key_of(path) != key:
            return f"{path.name} is not under the database's key ({key_of(path)!r} vs {key!r})"
    if scenario.name.startswith("erase"):
        if names != EVERYONE - {ERASED_NAME}:
            return f"after the erasure the store holds {sorted(names)}"
        for path in backups:
            if ERASED_NAME in candidates(path, key):
                return f"{path.name} still holds the erased candidate"
    elif scenario.name.startswith("restore"):
        if names not in (EVERYONE, RESTORED):
            return f"after the restore the store holds {sorted(names)}"
        if names == RESTORED and not any(LATE[0] in candidates(p, key) for p in backups):
            return "the data replaced by the restore is in no backup"
        if scenario.key is not None and key is None:
            return "the restore turned encryption off"
    elif names != EVERYONE:
        return f"the store holds {sorted(names)}"
    return files_problem(data, key, scenario)


def files_problem(data: Path, key: str | None, scenario: Scenario) -> str | None:
    for path in [data, *data.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_dir():
            if mode != 0o700:
                return f"{path} is {mode:o}"
            if path.name == ".ercsheet-staging" and any(path.iterdir()):
                return f"staging files left: {sorted(p.name for p in path.iterdir())}"
            continue
        if mode != 0o600:
            return f"{path.relative_to(data)} is {mode:o}"
        if path.name.endswith(".journal.json"):
            return "the journal was left behind"
        if ".tmp" in path.name or path.name.endswith((".rekeying", ".restoring")):
            return f"a temporary file was left: {path.name}"
        content = path.read_bytes()
        if scenario.name.startswith("erase") and ERASED_NAME.encode() in content:
            return f"{path.relative_to(data)} holds the erased candidate's name"
        if key is not None and (content.startswith(b"SQLite format 3") or b"Keeper" in content):
            return f"{path.relative_to(data)} holds plaintext while the store is encrypted"
    return None


@dataclass
class Tally:
    kills: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    # Runs that ended before their kill point (a random moment after the command finished).
    finished: int = 0


def one(
    folder: Path, templates: dict[str | None, Path], scenario: Scenario, at: tuple[str, int] | float
) -> tuple[bool, str | None]:
    """(whether the kill came before the command ended, the problem found or None)."""
    run = folder / "run"
    shutil.rmtree(run, ignore_errors=True)
    shutil.copytree(templates[scenario.key], run)
    if scenario.outside:
        shutil.copytree(templates[None] / "outside", run / "outside")
    argv, env = command(run, scenario)
    status = run_killed(argv, env, at)
    killed = status in (-signal.SIGKILL, 128 + signal.SIGKILL)
    return killed, next_start(run, scenario, argv, env) or check(run, scenario)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=240, help="kills in all")
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--only", help="scenarios whose names contain one of these (a,b,…)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tally = Tally()
    wanted = args.only.split(",") if args.only else [""]
    scenarios = [s for s in SCENARIOS if any(part in s.name for part in wanted)]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        templates: dict[str | None, Path] = {}
        for key in (None, OLD):
            templates[key] = folder / f"template-{key is not None}"
            build_template(templates[key], key)
        # Each command's system calls and time, uninterrupted, to choose kill points from.
        plans: dict[str, tuple[Counter[str], float]] = {}
        for scenario in scenarios:
            run = folder / "run"
            shutil.rmtree(run, ignore_errors=True)
            shutil.copytree(templates[scenario.key], run)
            if scenario.outside:
                shutil.copytree(templates[None] / "outside", run / "outside")
            argv, env = command(run, scenario)
            counts = count_syscalls(argv, env)
            shutil.rmtree(run)
            shutil.copytree(templates[scenario.key], run)
            if scenario.outside:
                shutil.copytree(templates[None] / "outside", run / "outside")
            argv, env = command(run, scenario)
            started = time.monotonic()
            subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, timeout=120)
            plans[scenario.name] = (counts, time.monotonic() - started)
            problem = check(run, scenario)
            if problem:
                tally.failures.append(f"{scenario.name}, not killed: {problem}")
        points = kill_points(scenarios, plans, args.kills - args.kills // 3, rng)
        randoms = args.kills - len(points)
        points += [(s, rng.uniform(0.05, plans[s.name][1])) for s in _cycle(scenarios, randoms)]
        for scenario, at in points:
            kind = at[0] if isinstance(at, tuple) else "random moment"
            tally.kills[scenario.name] += 1
            tally.kinds[kind] += 1
            killed, problem = one(folder, templates, scenario, at)
            tally.finished += 0 if killed else 1
            print(f"{scenario.name}, {at}: {problem or 'held'}", file=sys.stderr, flush=True)
            if problem:
                tally.failures.append(f"{scenario.name}, killed at {at}: {problem}")
    report(tally, plans)
    return 1 if tally.failures else 0


def kill_points(
    scenarios: list[Scenario],
    plans: dict[str, tuple[Counter[str], float]],
    wanted: int,
    rng: random.Random,
) -> list[tuple[Scenario, tuple[str, int] | float]]:
    """System calls to kill at: every rename and chmod of every command (the points where a
    file appears or changes hands), then unlinks evenly spread (SQLite makes a hundred), up to
    `wanted` in all (or the renames and chmods alone, if there are more)."""
    points: list[tuple[Scenario, tuple[str, int] | float]] = []
    unlinks: list[tuple[Scenario, tuple[str, int] | float]] = []
    for scenario in scenarios:
        counts = plans[scenario.name][0]
        for syscall in SYSCALLS:
            chosen = points if syscall != "unlink" else unlinks
            chosen += [(scenario, (syscall, n)) for n in range(1, counts[syscall] + 1)]
    room = max(wanted - len(points), 0)
    if unlinks and room:
        step = max(len(unlinks) / room, 1.0)
        points += [unlinks[int(i * step)] for i in range(min(room, len(unlinks)))]
    rng.shuffle(points)
    return points


def _cycle(scenarios: list[Scenario], count: int) -> list[Scenario]:
    return [scenarios[i % len(scenarios)] for i in range(count)]


def report(tally: Tally, plans: dict[str, tuple[Counter[str], float]]) -> None:
    print(
        f"runs: {sum(tally.kills.values())}, killed mid-command: "
        f"{sum(tally.kills.values()) - tally.finished}, failures: {len(tally.failures)}"
    )
    print("| command | rename / unlink / chmod calls | kills |")
    for name, (counts, _seconds) in plans.items():
        calls = " / ".join(str(counts[s]) for s in SYSCALLS)
        print(f"| {name} | {calls} | {tally.kills[name]} |")
    print("kill points: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.kinds.items())))
    for failure in tally.failures:
        print(failure)


if __name__ == "__main__":
    sys.exit(main())
