"""The frozen one-folder app, built as `./dev.sh package` builds it, passes its own self-test:
an import the app makes lazily and PyInstaller cannot see, a data file left behind or a Qt
plugin dropped that the window needs would fail here, not on an assessor's laptop. It takes a
minute or two and writes about 230 MB to a temporary folder (slow)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_frozen_app_builds_and_passes_its_self_test(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            *(sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean"),
            *("--log-level", "WARN", "--distpath", str(tmp_path / "dist")),
            *("--workpath", str(tmp_path / "build"), str(ROOT / "packaging" / "ercsheet.spec")),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=840,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    program = tmp_path / "dist" / "ercsheet" / ("ercsheet.exe" if os.name == "nt" else "ercsheet")
    assert program.is_file()
    # No test package came in behind the venv it was built from.
    internal = tmp_path / "dist" / "ercsheet" / "_internal"
    assert not [name for name in ("pytest", "hypothesis", "mypy") if (internal / name).exists()]
    checked = subprocess.run(
        [str(program), "--self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "ERCSHEET_DATA_DIR": str(tmp_path)},
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "(x86_64, frozen)" in checked.stdout or ", frozen)" in checked.stdout
    assert "self-test passed: 14 steps" in checked.stdout, checked.stdout
