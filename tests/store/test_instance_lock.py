"""A second ercsheet on the same database is told so, and the user's file is untouched."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ercsheet.cli import main
from ercsheet.store.opening import StoreError
from ercsheet.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
HOLDER = (
    "import sys, time; from pathlib import Path; from ercsheet.store.store import Store; "
    "store = Store(Path(sys.argv[1]), exclusive=True); print('open', flush=True); time.sleep(60)"
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_second_window_on_the_same_database_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "one.sqlite3"
    first = Store(database, exclusive=True)
    with pytest.raises(StoreError, match=r"already open on this database .*Close the other"):
        Store(database, exclusive=True)
    Store(database).close()  # reading alongside is fine
    first.close()
    Store(database, exclusive=True).close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_another_process_holding_it_blocks_writes_until_it_dies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "shared.sqlite3"
    with Store(database) as store:
        store.add_candidate("Łukasz Żółć", "0042")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(database)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = digest(database)
        exchange = tmp_path / "sheet.json"
        exchange.write_text("{}", encoding="utf-8")
        assert main(["--db", str(database), "import", str(exchange)]) == 1
        assert "ercsheet is already open on this database" in capsys.readouterr().err
        assert main(["--db", str(database), "restore", str(database)]) == 1
        assert "Close the other window first" in capsys.readouterr().err
        assert main(["--db", str(database), "sheets"]) == 0  # reading is allowed
        assert digest(database) == before
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    # The OS freed the lock with the killed process: no stale lock to clear by hand.
    Store(database, exclusive=True).close()
