"""Interrupted operations finish or undo themselves: erasure, passphrase changes, restores and
backups stopped half-way (SIGKILL at a chosen system call, or an exception where the kill would
come) are finished or undone when the database is next opened or the command runs again; they
exclude each other; the lock and every change go to the real file behind a symlink."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ercsheet.cli import main
from ercsheet.store import backup, cipher, files_lock, journal, staging, swaps
from ercsheet.store.store import Store
from tests.conftest import PIN, make_signer

ROOT = Path(__file__).resolve().parents[2]
NAME, NUMBER = "Erasmus Zzyzxtarget", "0099"
KEEPER = "Siân Ní Bhriain"
SECRET, OTHER = "a walk on Cadair Idris", "the long way round Snowdon"
needs_strace = pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")


def ercsheet(
    *args: str | Path, db: Path, kill_at: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it; `kill_at` ("rename:3"): SIGKILL at that system call."""
    command = [sys.executable, "-m", "ercsheet", "--db", str(db), *map(str, args)]
    if kill_at:
        syscall, n = kill_at.split(":")
        inject = f"inject={syscall}:signal=KILL:when={n}"
        command = ["strace", "-f", "-qq", "-o", "/dev/null", "-e", inject]
        command += [sys.executable, "-m", "ercsheet", "--db", str(db), *map(str, args)]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "ERCSHEET_PIN": PIN, **env}
    return subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, env=environment, timeout=120
    )


def a_store(folder: Path, passphrase: str | None = None) -> Path:
    """A store with an assessor's PIN, a candidate to keep, one to erase, and two backups."""
    database = folder / "data" / "ercsheet.sqlite3"
    with Store(database, passphrase=passphrase) as store:
        make_signer(store)
        store.add_candidate(KEEPER, "0001")
        store.add_candidate(NAME, NUMBER)
        store.backup("one")
        store.backup("two")
    return database


def files_under(folder: Path) -> Iterator[Path]:
    return (path for path in folder.rglob("*") if path.is_file())


def nothing_left(folder: Path, name: str | None = None) -> None:
    """No journal, no staging file, every file 0600 and folder 0700, and `name` nowhere."""
    for path in folder.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        if path.is_dir():
            assert mode == 0o700, path
            assert path.name != staging.FOLDER or not any(path.iterdir()), path
            continue
        assert mode == 0o600, path
        assert not path.name.endswith(".journal.json"), path
        assert not path.name.endswith("-journal"), path  # no hot journal beside a backup
        if name:
            assert name.encode() not in path.read_bytes(), path


@needs_strace
def test_an_erasure_killed_in_the_backups_is_finished_by_running_it_again(
    tmp_path: Path,
) -> None:
    database = a_store(tmp_path)
    # Renames: the journal, the journal again (the database is erased), then the first backup.
    killed = ercsheet("erase-candidate", NUMBER, "--yes", db=database, kill_at="rename:3")
    assert killed.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL), killed.stderr
    assert journal.exists(database)
    assert any(NAME.encode() in path.read_bytes() for path in backup.list_backups(database))
    again = ercsheet("erase-candidate", NUMBER, "--yes", db=database)
    assert again.returncode == 0, again.stderr
    assert "finished an interrupted erasure of candidate 0099" in again.stderr
    nothing_left(database.parent, NAME)
    for taken in backup.list_backups(database):
        assert backup.check_database_file(taken) is None  # each restorable, no hot journal
    with Store(database) as store:
        assert [c.name for c in store.candidates()] == [KEEPER]


def test_an_erasure_stopped_before_the_backups_is_finished_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = a_store(tmp_path, SECRET)
    with Store(database, passphrase=SECRET) as store:
        candidate = store.find_candidate(NUMBER)
        assert candidate is not None

        def full(*_args: object) -> list[Path]:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(swaps, "erase_from_backups", full)
        with pytest.raises(OSError):
            store.erase_candidate(candidate.id, PIN)
    monkeypatch.undo()
    assert json.loads(journal.journal_path(database).read_text())["phase"] == "backups"
    # Any command finishes it (here `sheets`, which knows nothing of erasures).
    listed = ercsheet("sheets", db=database, ERCSHEET_PASSPHRASE=SECRET)
    assert listed.returncode == 0, listed.stderr
    assert "finished an interrupted erasure" in listed.stderr
    assert not journal.exists(database)
    for taken in backup.list_backups(database):
        assert not backup.holds(taken, SECRET, None, NUMBER)


def test_an_erasure_stopped_before_it_committed_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = a_store(tmp_path)
    store = Store(database)
    candidate = store.find_candidate(NUMBER)
    assert candidate is not None
    journal.write(
        database,
        {"operation": "erase", "phase": "database", "candidate_id": candidate.id, "number": NUMBER},
    )
    store.close()  # as if killed before its transaction committed
    again = ercsheet("erase-candidate", NUMBER, "--yes", db=database)
    assert again.returncode == 0, again.stderr
    assert f"erased {NAME} (0099)" in again.stdout
    nothing_left(database.parent, NAME)


def test_an_erasure_by_an_earlier_version_that_missed_the_backups_is_finished(
    tmp_path: Path,
) -> None:
    database = a_store(tmp_path)
    holding = backup.list_backups(database)[0]
    spare = tmp_path / "spare.sqlite3"
    shutil.copy(holding, spare)
    assert ercsheet("erase-candidate", NUMBER, "--yes", db=database).returncode == 0
    shutil.copy(spare, holding)  # what an interrupted erasure of ercsheet 0.1 left
    again = ercsheet("erase-candidate", NUMBER, "--yes", db=database)
    assert again.returncode == 0, again.stderr
    assert "already erased from the store; erased them from 1 backup(s)" in again.stdout
    nothing_left(database.parent, NAME)


@needs_strace
@pytest.mark.parametrize("kill_at", ["rename:3", "rename:5", "chmod:3"])
def test_encrypting_killed_leaves_everything_encrypted_or_nothing(
    tmp_path: Path, kill_at: str
) -> None:
    database = a_store(tmp_path)
    killed = ercsheet("passphrase", db=database, kill_at=kill_at, ERCSHEET_NEW_PASSPHRASE=SECRET)
    assert killed.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL), killed.stderr
    ercsheet("sheets", db=database)  # the next start: files first, no passphrase needed
    key = SECRET if cipher.is_encrypted(database) else None
    listed = ercsheet("sheets", db=database, **({"ERCSHEET_PASSPHRASE": key} if key else {}))
    assert listed.returncode == 0, listed.stderr
    for taken in backup.list_backups(database):
        assert cipher.readable(taken, key), taken  # no backup under another key, or plain
    if key:
        for path in files_under(database.parent):
            assert not path.read_bytes().startswith(b"SQLite format 3"), path
            assert KEEPER.encode() not in path.read_bytes(), path
    nothing_left(database.parent)


def test_a_re_key_stopped_at_its_point_of_no_return_is_finished_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = a_store(tmp_path, SECRET)
    calls = 0
    replace = os.replace

    def killed_after_one(source: str | Path, target: str | Path) -> None:
        nonlocal calls
        calls += 0 if str(target).endswith(".journal.json") else 1
        if calls > 1:
            raise KeyboardInterrupt  # where a kill would stop it: one file renamed
        replace(source, target)

    store = Store(database, passphrase=SECRET)
    monkeypatch.setattr(os, "replace", killed_after_one)
    with pytest.raises(KeyboardInterrupt):
        swaps.rekey(database, SECRET, OTHER)
    monkeypatch.undo()
    store.close()
    assert json.loads(journal.journal_path(database).read_text())["phase"] == "swap"
    listed = ercsheet("sheets", db=database, ERCSHEET_PASSPHRASE=OTHER)
    assert listed.returncode == 0, listed.stderr
    assert "finished an interrupted passphrase change" in listed.stderr
    for taken in backup.list_backups(database):
        assert cipher.readable(taken, OTHER), taken
    with Store(database, passphrase=OTHER) as reopened:
        assert reopened.audit_trail()[-1].action == "database passphrase changed"
    nothing_left(database.parent)


def test_a_restore_stopped_between_the_log_and_the_rename_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = a_store(tmp_path)
    early = backup.list_backups(database)[-1]
    with Store(database) as store:
        store.add_candidate("Zoë Ødegård", "0002")  # the last committed change, in the log
    real_replace = os.replace

    def stop(source: str | Path, target: str | Path) -> None:
        if Path(target) == database:
            raise KeyboardInterrupt  # killed after the log was removed, before the rename
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", stop)
    with pytest.raises(KeyboardInterrupt):
        backup.restore(database, early)
    monkeypatch.undo()
    assert not Path(f"{database}-wal").exists()
    with Store(database) as store:  # the next start finishes the restore
        assert "Zoë Ødegård" not in [c.name for c in store.candidates()]
        assert store.audit_trail()[-1].action == "restored from a backup"
    kept = [b for b in backup.list_backups(database) if "before-restore" in b.name]
    with Store(kept[0]) as before:
        assert "Zoë Ødegård" in [c.name for c in before.candidates()]
    nothing_left(database.parent)


def test_a_plain_backup_restored_into_an_encrypted_store_is_encrypted(tmp_path: Path) -> None:
    plain = a_store(tmp_path / "plain")
    outside = backup.list_backups(plain)[0]
    database = a_store(tmp_path / "secret", SECRET)
    restored = ercsheet("restore", outside, db=database, ERCSHEET_PASSPHRASE=SECRET)
    assert restored.returncode == 0, restored.stderr
    assert cipher.is_encrypted(database) and cipher.readable(database, SECRET)
    for path in files_under(database.parent):
        assert not path.read_bytes().startswith(b"SQLite format 3"), path
    nothing_left(database.parent)


def test_leftovers_of_earlier_versions_are_removed_at_the_next_start(tmp_path: Path) -> None:
    database = a_store(tmp_path)
    folder = backup.backups_dir(database)
    leftover = folder / ".backup-abc123.tmp"
    shutil.copy(backup.list_backups(database)[0], leftover)
    rekeying = database.with_name(f".{database.name}.rekeying")
    rekeying.write_bytes(b"SQLite format 3\x00" + NAME.encode())
    Store(database).close()
    assert not leftover.exists() and not rekeying.exists()


def test_staging_files_are_private_and_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = a_store(tmp_path)
    seen: list[tuple[int, int]] = []
    export_to = cipher.export_to

    def watching(path: Path, key: str | None, new: str | None, stage: Path) -> None:
        seen.append((stat.S_IMODE(stage.stat().st_mode), stat.S_IMODE(stage.parent.stat().st_mode)))
        export_to(path, key, new, stage)

    monkeypatch.setattr(cipher, "export_to", watching)
    os.umask(0o000)
    try:
        with Store(database) as store:
            store.change_passphrase(SECRET)
    finally:
        os.umask(0o022)
    assert seen and set(seen) == {(0o600, 0o700)}
    nothing_left(database.parent)


HOLDER = """
import sys, time
from pathlib import Path
from ercsheet.store import files_lock, journal
from ercsheet.store.store import Store
database = Path(sys.argv[1])
with files_lock.exclusive(database):
    journal.write(database, {"operation": sys.argv[2], "phase": "prepare"})
    print("held", flush=True)
    time.sleep(float(sys.argv[3]))
    if sys.argv[2] == "erase":
        with Store(database) as store:
            found = store.find_candidate("0099")
            store.erase_candidate(found.id, "2468")
    else:
        journal.clear(database)
"""


def holding(database: Path, operation: str, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(database), operation, str(seconds)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_backup_waits_for_an_erasure_and_never_writes_the_candidate_back(
    tmp_path: Path,
) -> None:
    database = a_store(tmp_path)
    holder = holding(database, "erase", 1.5)
    try:
        taken = ercsheet("backup", db=database)
    finally:
        holder.wait(timeout=60)
        assert holder.stdout is not None
        holder.stdout.close()
    assert taken.returncode == 0, taken.stderr
    nothing_left(database.parent, NAME)


def test_check_during_a_passphrase_change_says_to_try_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = a_store(tmp_path)
    monkeypatch.setattr(files_lock, "WAIT", 0.5)
    holder = holding(database, "passphrase", 10)
    try:
        assert main(["--db", str(database), "check"]) == 1
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    error = capsys.readouterr().err
    assert "re-encrypting the database" in error and "try again" in error, error
    assert "damaged" not in error
    Store(database).close()  # the killed change is undone at the next start
    nothing_left(database.parent)


def test_a_symlink_to_the_database_changes_the_real_file_and_shares_its_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = a_store(tmp_path)
    link = tmp_path / "link.sqlite3"
    link.symlink_to(database)
    with Store(database, exclusive=True):
        assert main(["--db", str(link), "erase-candidate", NUMBER, "--yes"]) == 1
        assert "already open on this database" in capsys.readouterr().err
    monkeypatch.setenv("ERCSHEET_NEW_PASSPHRASE", SECRET)
    assert main(["--db", str(link), "passphrase"]) == 0
    assert link.is_symlink() and cipher.is_encrypted(database)
    for taken in backup.list_backups(database):
        assert cipher.readable(taken, SECRET)
