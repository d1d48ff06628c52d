"""Crash safety: a child process writing to the store is killed with SIGKILL at random moments.

CI runs a few kills; `python benchmarks/kill_harness.py --runs 200` is the full run
(figures in docs/reliability.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # five killed writers: ~9 s

HARNESS = Path(__file__).resolve().parents[2] / "benchmarks" / "kill_harness.py"


def test_killed_writers_lose_nothing_reported_and_leave_nothing_half_made() -> None:
    result = subprocess.run(
        [sys.executable, str(HARNESS), "--runs", "5"],
        capture_output=True,
        text=True,
        timeout=110,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "integrity or lost-change failures: 0" in result.stdout
