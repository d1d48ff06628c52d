"""Crash safety of the commands that rewrite files: erase-candidate, passphrase and restore
killed at a random moment or at one of their renames, unlinks and chmods, then run again (or the
database opened again), checked by benchmarks/kill_files.py. CI runs a few kills; the long run
(`--kills 240`, every command) is in docs/reliability.md."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,  # ~1 minute
    pytest.mark.timeout(400),
    pytest.mark.skipif(shutil.which("strace") is None, reason="kills at system calls need strace"),
]

HARNESS = Path(__file__).resolve().parents[2] / "benchmarks" / "kill_files.py"


def test_killed_erasure_encryption_and_restore_finish_or_undo_and_leave_nothing() -> None:
    result = subprocess.run(
        [sys.executable, str(HARNESS), "--kills", "8", "--only", "erase,encrypt,restore plain"],
        capture_output=True,
        text=True,
        timeout=380,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert ", failures: 0" in result.stdout
