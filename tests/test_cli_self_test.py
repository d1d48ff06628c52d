"""`ercsheet --self-test`: every step passes on a good install, in a folder of its own that is
gone afterwards, and the user's data folder is left exactly as it was; a failing step says so in
one line and the exit status is 1; Ctrl+C still removes the folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ercsheet import paths
from ercsheet.cli.main import main
from ercsheet.cli.self_test import STEPS, cmd_self_test

LABELS = ["temporary data folder", *(label for label, _ in STEPS), "window"]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def user_data(private_data_dir: Path) -> dict[str, bytes]:
    """The user's data folder with a database and a unit file of theirs in it: the self-test
    must neither read nor change them."""
    (private_data_dir / "units").mkdir(parents=True)
    (private_data_dir / "ercsheet.sqlite3").write_bytes(b"the user's database, left alone")
    (private_data_dir / "units" / "broken.toml").write_text("not = [a unit", encoding="utf-8")
    return snapshot(private_data_dir)


def step_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("ok ", "FAIL "))]


def label_of(line: str) -> str:
    return line.removeprefix("ok").removeprefix("FAIL").strip().split(" (")[0].split(":")[0]


def test_every_step_passes_and_leaves_nothing_behind(
    qtbot: QtBot,
    tmp_path: Path,
    private_data_dir: Path,
    user_data: dict[str, bytes],
    capsys: pytest.CaptureFixture[str],
) -> None:
    parent = tmp_path / "temporary"
    parent.mkdir()
    # Held a moment offscreen: the window's wait runs as it does on a screen.
    assert cmd_self_test(0.3, parent=parent) == 0
    output = capsys.readouterr().out
    lines = step_lines(output)
    assert [label_of(line) for line in lines] == [*LABELS, "temporary folder removed"]
    assert all(line.startswith("ok   ") and line.endswith(" s)") for line in lines), output
    assert "Siân Llŷr ap Gwilym" in lines[LABELS.index("candidate and sheet")]
    assert "signed — read-only" in lines[LABELS.index("window")]
    assert output.splitlines()[-1].startswith(f"self-test passed: {len(lines)} steps in ")
    assert list(parent.iterdir()) == []
    assert snapshot(private_data_dir) == user_data
    assert os.environ[paths.DATA_DIR_ENV] == str(private_data_dir)


def test_a_failing_step_is_said_in_one_line_and_ends_the_run_with_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cmd_self_test(parent=tmp_path, fail_at="PDF printed") == 1
    output = capsys.readouterr().out
    lines = step_lines(output)
    failed = LABELS.index("PDF printed")
    assert [label_of(line) for line in lines] == [
        *LABELS[: failed + 1],
        "temporary folder removed",
    ]
    assert lines[failed] == "FAIL PDF printed: failed on purpose (a test of a failing run)"
    assert lines[-1].startswith("ok   temporary folder removed")
    assert output.splitlines()[-1].startswith("self-test FAILED after ")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_made_fails_the_first_step_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("", encoding="utf-8")
    assert cmd_self_test(parent=not_a_folder) == 1
    captured = capsys.readouterr()
    (line,) = step_lines(captured.out)
    assert line.startswith("FAIL temporary data folder: ")
    assert str(not_a_folder) in line
    assert "Traceback" not in captured.out + captured.err


def ercsheet_child(tmp: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    """`ercsheet` run as the installed command runs, its temporary folders in `tmp` (made),
    with `env` added to the environment (an empty value removes a variable)."""
    tmp.mkdir()
    environment = {**os.environ, "TMPDIR": str(tmp), **env}
    return subprocess.Popen(
        [sys.executable, "-m", "ercsheet", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={name: value for name, value in environment.items() if value},
    )


@pytest.mark.slow
def test_the_command_passes_as_a_program_of_its_own(
    tmp_path: Path, private_data_dir: Path, user_data: dict[str, bytes]
) -> None:
    temporary = tmp_path / "temporary"
    child = ercsheet_child(temporary, "--self-test")
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, out + err
    assert err == ""
    lines = step_lines(out)
    assert [label_of(line) for line in lines] == [*LABELS, "temporary folder removed"]
    assert all(line.startswith("ok   ") for line in lines)
    assert list(temporary.iterdir()) == []
    assert snapshot(private_data_dir) == user_data


@pytest.mark.slow
def test_a_display_qt_cannot_open_fails_the_window_step_and_the_folder_still_goes(
    tmp_path: Path,
) -> None:
    # Qt aborts a program whose display is not there: the self-test tries it in a child first.
    temporary = tmp_path / "temporary"
    child = ercsheet_child(
        temporary, "--self-test", QT_QPA_PLATFORM="", DISPLAY=":5917", WAYLAND_DISPLAY=""
    )
    out, err = child.communicate(timeout=120)
    assert child.returncode == 1, out + err
    lines = step_lines(out)
    assert lines[-2].startswith("FAIL window: Qt cannot start here (exit status ")
    assert "could not connect to display :5917" in lines[-2]
    assert lines[-1].startswith("ok   temporary folder removed")
    assert list(temporary.iterdir()) == []


@pytest.mark.slow
def test_ctrl_c_ends_it_and_still_removes_the_folder(tmp_path: Path) -> None:
    temporary = tmp_path / "temporary"
    child = ercsheet_child(temporary, "--self-test", "--self-test-hold", "60")
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("ok   exchange file imported"):
            break
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130, out + err
    assert out.splitlines()[-1] == "self-test interrupted"
    assert "Traceback" not in err
    assert list(temporary.iterdir()) == []


def test_the_hold_must_be_a_number_of_seconds(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--self-test", "--self-test-hold", "-1"])
    assert exit_.value.code == 2
    assert "'-1' is not a number of seconds from 0 to 3600" in capsys.readouterr().err


def test_a_killed_runs_folder_goes_at_the_next_run_once_it_is_old(tmp_path: Path) -> None:
    """A run killed (SIGKILL, a power cut) leaves its folder: the next run removes it once it
    cannot be a run still under way; another program's folder, and a recent one, stay."""
    killed = tmp_path / "ercsheet-self-test-abcd1234"
    recent = tmp_path / "ercsheet-self-test-efgh5678"
    other = tmp_path / "someone-elses-folder"
    for folder in (killed, recent, other):
        folder.mkdir()
        (folder / "store.sqlite3").write_bytes(b"invented data")
    long_ago = time.time() - 3 * 24 * 3600
    for old in (killed, other):
        os.utime(old, (long_ago, long_ago))
    assert cmd_self_test(parent=tmp_path, fail_at="PDF printed") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([recent.name, other.name])
