"""A hostile environment: every command that writes says what is wrong and what to do, exit 1,
no traceback, whatever stops it — a read-only folder, another user's database, a full disk,
a file where the backups folder should be, a missing output folder, a device as the output.
A real bug still shows its traceback."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ercsheet.store import backup, cipher
from ercsheet.store.store import Profile, Store
from tests.store.test_private_data import read_only
from tests.test_cli_hostile import good_path

ROOT = Path(__file__).resolve().parents[1]
NAME, NUMBER = "Łukasz Żółć", "0042"
SECRET = "a long walk on Cadair Idris"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and mounts")


def run(
    *args: str | Path, db: Path, prefix: tuple[str, ...] = (), **env: str
) -> subprocess.CompletedProcess[str]:
    command = [*prefix, sys.executable, "-m", "ercsheet", "--db", str(db), *map(str, args)]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("ercsheet: "), result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


def a_store(folder: Path) -> Path:
    database = folder / "store.sqlite3"
    with Store(database) as store:
        store.add_candidate(NAME, NUMBER)
        store.backup("start")
    return database


# What each writing command is given to do.
WRITES: list[tuple[str, ...]] = [
    ("import", "@good"),
    ("erase-candidate", NUMBER, "--yes"),
    ("passphrase",),
    ("backup",),
    ("restore", "@backup"),
    ("sheet", "update-unit", "1"),
]


def arguments(args: tuple[str, ...], database: Path, outside: Path) -> list[str]:
    taken = backup.list_backups(database)[0]
    spare = outside / "restore-me.sqlite3"
    if not spare.exists():
        shutil.copy(taken, spare)
    return [
        str(good_path(outside)) if a == "@good" else str(spare) if a == "@backup" else a
        for a in args
    ]


@posix_only
@pytest.mark.slow
def test_a_read_only_folder_is_said_by_every_writing_command(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    database = a_store(folder)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with read_only(folder), read_only(folder / "backups"):
        for args in WRITES:
            result = run(
                *arguments(args, database, tmp_path),
                db=database,
                ERCSHEET_NEW_PASSPHRASE=SECRET,
            )
            refused(result, str(folder))
            assert "read-only" in result.stderr or "not allowed" in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


@posix_only
@pytest.mark.slow
@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("setpriv"),
    reason="another user's files: as root, with root's overriding capabilities dropped",
)
def test_another_user_s_database_is_said_by_every_writing_command(tmp_path: Path) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir()
    database = a_store(folder)
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, 4321, 4321)
    # Root without the capabilities that let it ignore permissions: any other user.
    prefix = ("setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner,-chown")
    for args in [*WRITES, ("sheets",), ("check",)]:
        result = run(
            *arguments(args, database, tmp_path),
            db=database,
            prefix=prefix,
            ERCSHEET_NEW_PASSPHRASE=SECRET,
        )
        refused(result, "not allowed to use", "another user")


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[Path]:
    """A 3 MB file system at `folder` (root: tmpfs), or skip."""
    folder.mkdir()
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("a small file system needs root (tmpfs)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)])
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    with contextlib.suppress(OSError), open(filler, "wb", buffering=0) as file:
        while True:
            file.write(b"\0" * 4096)
    return filler


@posix_only
@pytest.mark.slow
def test_a_full_disk_is_said_and_nothing_is_lost(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        database = a_store(disk)
        filler = fill(disk)
        for args in WRITES:
            result = run(
                *arguments(args, database, tmp_path), db=database, ERCSHEET_NEW_PASSPHRASE=SECRET
            )
            if result.returncode == 0:
                continue  # it found room enough (an erasure frees pages)
            refused(result, "The disk is full", "Free some space")
            filler.unlink()
            again = run("sheets", db=database)  # the next start finishes or undoes it
            assert again.returncode == 0, again.stderr
            filler = fill(disk)
        filler.unlink()
        key = SECRET if cipher.is_encrypted(database) else None
        with Store(database, passphrase=key) as st, st.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert not list(disk.glob("*.journal.json"))


def test_the_backups_folder_as_a_file_or_a_link_to_one_is_said(tmp_path: Path) -> None:
    database = tmp_path / "store.sqlite3"
    Store(database).close()
    (tmp_path / "backups").write_text("not a folder")
    refused(run("backup", db=database), "backups is not a folder", "move or rename it")
    (tmp_path / "backups").unlink()
    (tmp_path / "elsewhere").write_text("a file")
    (tmp_path / "backups").symlink_to(tmp_path / "elsewhere")
    refused(run("backup", db=database), "backups is not a folder")
    assert (tmp_path / "elsewhere").read_text() == "a file"


def test_backup_into_a_missing_folder_or_onto_a_device_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "store.sqlite3"
    Store(database).close()
    missing = tmp_path / "missing" / "copy.sqlite3"
    refused(run("backup", "-o", missing, db=database), f"the folder {missing.parent} does not")
    assert not missing.parent.exists()
    if Path("/dev/full").exists():
        refused(run("backup", "-o", "/dev/full", db=database), "is not a regular file")
        refused(run("export", "1", "-o", "/dev/full", db=database), "is not a regular file")
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    # export -o FOLDER names a file in it (tests/test_cli.py); a folder where that file would go
    # is no file to replace
    from ercsheet import paths
    from ercsheet.catalogue.loader import load_catalogue
    from ercsheet.store.example import create_example_candidate
    from tests.conftest import TODAY

    with Store(database) as store:
        store.set_profile(Profile("Pat Jones", True))
        create_example_candidate(store, load_catalogue([paths.builtin_units_dir()]), TODAY)
    (tmp_path / "EX-0001-mgmt-l3-u40-f17.ercsheet").mkdir()
    refused(run("export", "1", "-o", tmp_path, db=database), "is not a regular file")


def test_a_real_bug_keeps_its_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ercsheet import cli

    def broken(_args: object) -> int:
        raise ValueError("a bug, not the environment")

    monkeypatch.setitem(cli.COMMANDS, "sheets", broken)
    with pytest.raises(ValueError, match="a bug"):
        cli.main(["--db", str(tmp_path / "s.sqlite3"), "sheets"])


def test_import_and_the_window_data_are_private_under_umask_000(tmp_path: Path) -> None:
    database = tmp_path / "deep" / "er" / "store.sqlite3"
    command = [sys.executable, "-m", "ercsheet", "--db", str(database), "import"]
    result = subprocess.run(
        ["sh", "-c", 'umask 000; exec "$@"', "sh", *command, str(good_path(tmp_path))],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for path in [database.parent, *database.parent.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    assert json.loads(run("sheets", "--json", db=database).stdout)[0]["id"] == 1
