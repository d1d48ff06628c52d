"""Private data: files readable by the user alone, erasure everywhere, no network."""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ercsheet import paths
from ercsheet.store import backup
from ercsheet.store.opening import StoreError
from ercsheet.store.store import Store


def test_database_and_data_folder_are_private(tmp_path: Path) -> None:
    folder = paths.data_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    path = folder / "ercsheet.sqlite3"
    with Store(path) as store:
        store.add_candidate("Łukasz Żółć")
        for file in (path, Path(f"{path}-wal")):
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_erase_candidate_removes_them_from_the_store_and_its_backups(tmp_path: Path) -> None:
    from tests.store.test_exchange import good_file

    db = tmp_path / "store.sqlite3"
    data = good_file()
    data["unit"] = "mgmt-l3-u40-f17"
    file = tmp_path / "in.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    run = [sys.executable, "-m", "ercsheet", "--db", str(db)]
    assert subprocess.run([*run, "import", str(file)], capture_output=True).returncode == 0
    with Store(db) as store:
        store.add_candidate("Zoë Ødegård", "0100")
    assert subprocess.run([*run, "backup"], capture_output=True).returncode == 0

    refused = subprocess.run([*run, "erase-candidate", "0042"], capture_output=True, text=True)
    assert refused.returncode == 1 and "nothing was erased" in refused.stderr

    erased = subprocess.run(
        [*run, "erase-candidate", "0042", "--yes"], capture_output=True, text=True
    )
    assert erased.returncode == 0, erased.stderr
    with Store(db) as store:
        assert [c.name for c in store.candidates()] == ["Zoë Ødegård"]
        assert store.sheets() == []
    for stored in [db, *backup.list_backups(db)]:
        for name in ("Siân", "Observation of team briefing"):
            assert name.encode() not in stored.read_bytes(), (stored, name)


def _can_write(folder: Path) -> bool:
    try:
        (folder / "probe").write_text("x")
    except OSError:
        return False
    (folder / "probe").unlink()
    return True


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make `folder` read-only even for root: chmod, and where root ignores that, the
    filesystem's immutable attribute (chattr +i), which root's writes cannot pass either."""
    folder.chmod(0o500)
    immutable = False
    try:
        if _can_write(folder):
            chattr = shutil.which("chattr")
            done = chattr and subprocess.run([chattr, "+i", str(folder)], check=False).returncode
            immutable = done == 0
            if not immutable or _can_write(folder):
                pytest.skip("this machine cannot make a folder read-only for root")
        yield
    finally:
        if immutable:
            subprocess.run([str(shutil.which("chattr")), "-i", str(folder)], check=True)
        folder.chmod(0o700)


def test_a_read_only_folder_gets_a_clear_message_and_the_file_is_untouched(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    Store(folder / "s.sqlite3").close()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with read_only(folder):
        with pytest.raises(StoreError, match="read-only"):
            Store(folder / "s.sqlite3")
        with pytest.raises(StoreError, match="cannot create its database"):
            Store(folder / "new.sqlite3")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_whole_workflow_opens_no_network_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ercsheet.cli import main
    from tests.store.test_exchange import good_file

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("ercsheet tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    db = tmp_path / "s.sqlite3"
    data = good_file()
    data["unit"] = "mgmt-l3-u40-f17"
    file = tmp_path / "in.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--db", str(db), "import", str(file)]) == 0
    assert main(["--db", str(db), "sheets", "--json"]) == 0
    assert main(["--db", str(db), "export", "1", "-o", str(tmp_path / "out.json")]) == 0
    assert main(["--db", str(db), "check"]) == 0
    assert main(["--db", str(db), "backup"]) == 0
