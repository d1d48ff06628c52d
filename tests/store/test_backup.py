"""Backups: consistent copies, rotation, a backup before every migration, safe restores."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from ercsheet.store import backup
from ercsheet.store.backup import BackupError
from ercsheet.store.opening import StoreError
from ercsheet.store.store import Store
from tests.store.test_database import OLD_DATABASE


def test_a_backup_taken_while_open_has_every_change(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        store.add_candidate("Siân Ní Bhriain", "0042")
        copy = backup.rotate(path, "manual")
        assert copy is not None and copy.parent == tmp_path / "backups"
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        with Store(copy) as restored:
            assert restored.candidates()[0].name == "Siân Ní Bhriain"


def test_rotation_keeps_a_bounded_number(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    for _ in range(5):
        backup.rotate(path, "start", keep=3)
    assert len(backup.list_backups(path)) == 3


def test_an_old_database_is_backed_up_before_its_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(OLD_DATABASE, path)
    Store(path).close()
    [saved] = backup.list_backups(path)
    assert "before-schema" in saved.name
    assert saved.read_bytes()[:16] == b"SQLite format 3\x00"
    assert backup.check_database_file(saved) is None


def test_restore_refuses_a_file_that_is_not_an_ercsheet_database(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        store.add_candidate("Zoë Ødegård")
    before = path.read_bytes()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 50)
    with pytest.raises(
        BackupError,
        match=r"not an ercsheet database \(file is not a database.*\); nothing was changed",
    ):
        backup.restore(path, junk)
    assert path.read_bytes() == before


def test_restore_backs_up_the_current_database_first(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        store.add_candidate("Before")
    saved_copy = backup.rotate(path, "manual")
    assert saved_copy is not None
    with Store(path) as store:
        store.add_candidate("After")
    kept = backup.restore(path, saved_copy)
    with Store(path) as store:
        assert [c.name for c in store.candidates()] == ["Before"]
    assert kept is not None
    with Store(kept) as store:
        assert [c.name for c in store.candidates()] == ["After", "Before"]


def test_a_damaged_database_says_to_restore_a_backup_and_is_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store(path) as store:
        for n in range(200):
            store.add_candidate(f"Candidate {n}", f"{n:04}")
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 2 + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    Path(f"{path}-wal").unlink(missing_ok=True)
    with pytest.raises(
        StoreError,
        match=r"is damaged or not an ercsheet database .* restore a backup: ercsheet restore FILE",
    ):
        Store(path)
    assert path.read_bytes() == bytes(data)
