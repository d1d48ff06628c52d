"""`ercsheet --self-test`: an assessor's day, start to finish, in a temporary data folder.

For the person who installs or supports ercsheet: it proves this installation can do everything
an assessor needs (encrypted store, Welsh names, ticking, signing, printing, exchange files, the
window) without touching anyone's data. One line per step, `ok` with what it checked and how
long it took, or `FAIL` with the reason; exit status 0 when every step passed, 1 at the first
that failed, 130 on Ctrl+C. The folder is removed however the run ends. docs/self-test.md says
what each step checks.
"""

from __future__ import annotations

import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import TypeVar

from ercsheet import __version__, paths
from ercsheet.cli import self_test_files as files
from ercsheet.cli import self_test_steps as steps
from ercsheet.cli.common import clock, has_desktop
from ercsheet.cli.self_test_steps import CANDIDATE_NAME, Run, StepFailed

# How long the window stays up when there is a screen to see it on (the window's own Close
# ends it sooner): long enough to look, or to take a screenshot.
DEFAULT_HOLD_S = 3.0

Step = tuple[str, Callable[[Run], str]]
T = TypeVar("T")


def cmd_self_test(
    hold: float | None = None, *, parent: Path | None = None, fail_at: str | None = None
) -> int:
    """Run every step; `hold`: seconds the window stays up (None: DEFAULT_HOLD_S on a screen,
    none offscreen); `parent`: where the temporary folder goes (the system's temporary folder);
    `fail_at`: the label of a step made to fail, for the tests of a failing run."""
    offscreen = not has_desktop() or os.environ.get("QT_QPA_PLATFORM") == "offscreen"
    held = (0.0 if offscreen else DEFAULT_HOLD_S) if hold is None else hold
    started = time.perf_counter()
    say(f"ercsheet {__version__} self-test, Python {platform.python_version()} on {system()}")
    with _terminate_as_interrupt():
        try:
            passed = _run(held, offscreen, parent, fail_at)
        except KeyboardInterrupt:
            say("self-test interrupted")
            return 130
    took = time.perf_counter() - started
    if not passed:
        say(f"self-test FAILED after {took:.2f} s")
        return 1
    say(f"self-test passed: {len(STEPS) + 3} steps in {took:.2f} s")
    return 0


def _run(held: float, offscreen: bool, parent: Path | None, fail_at: str | None) -> bool:
    """The steps in the temporary folder, which is removed however they end (Ctrl+C too)."""
    folder = _timed("temporary data folder", lambda: _folder(parent), fail_at)
    if folder is None:
        return False
    run = Run(folder, clock().today())
    try:
        with _data_folder(folder):
            passed = _steps(run, [*STEPS, _window_step(held, offscreen)], fail_at)
    finally:
        removed = _timed("temporary folder removed", lambda: _remove(run), None)
    return passed and removed is not None


STEPS: list[Step] = [
    ("built-in units loaded", steps.load_units),
    ("encrypted store created", steps.create_store),
    ("store encrypted on disk", steps.check_encrypted),
    ("assessor and signing key", steps.set_assessor),
    ("candidate and sheet", steps.add_candidate),
    ("criteria ticked", steps.tick),
    ("sheet signed", steps.sign),
    ("PDF printed", files.print_pdf),
    ("PDF read back", files.read_pdf),
    ("exchange file exported", files.export),
    ("exchange file imported", files.reimport),
]


def _steps(run: Run, todo: list[Step], fail_at: str | None) -> bool:
    """Each step in turn, until one fails; whether all passed."""
    return all(_timed(label, partial(step, run), fail_at) is not None for label, step in todo)


def _window_step(hold: float, offscreen: bool) -> Step:
    def window(run: Run) -> str:
        from ercsheet.gui.self_test_window import show_sheet

        store = run.the_store()
        run.close(store)  # the window holds the store's lock, as it does for an assessor
        run.store = None
        if run.catalogue is None:
            raise StepFailed("there is no catalogue: its step did not run")
        with _platform("offscreen" if offscreen else None):
            _qt_starts()
            shown = show_sheet(
                run.database, run.passphrase, run.sheet_id, run.catalogue, run.today, hold
            )
        if CANDIDATE_NAME not in shown or "signed" not in shown:
            raise StepFailed(f"the window did not show the signed sheet (it showed {shown!r})")
        where = (
            "built offscreen, no display"
            if offscreen
            else f"shown on screen, held up to {hold:g} s"
        )
        return f"{where}: {shown}"

    return ("window", window)


def _qt_starts() -> None:
    """Start Qt in a child first: where it cannot open the display, or load its platform plugin
    (a library missing), Qt ends the whole program, and the self-test would neither say why
    nor remove its folder."""
    frozen = getattr(sys, "frozen", False)
    command = [sys.executable] if frozen else [sys.executable, "-m", "ercsheet"]
    try:
        child = subprocess.run(
            [*command, "--self-test-qt-probe"], capture_output=True, text=True, timeout=120
        )
    except (OSError, subprocess.SubprocessError) as error:
        raise StepFailed(f"Qt could not be started in a child process: {error}") from None
    if child.returncode != 0:
        said = " ".join(child.stderr.split())[:400] or "nothing"
        raise StepFailed(f"Qt cannot start here (exit status {child.returncode}); it said: {said}")


def _timed(label: str, work: Callable[[], T], fail_at: str | None) -> T | None:
    """Run one step and say how it went; its result, or None when it failed."""
    started = time.perf_counter()
    try:
        if label == fail_at:
            raise StepFailed("failed on purpose (a test of a failing run)")
        result = work()
    except KeyboardInterrupt:
        raise
    except Exception as error:
        say(f"FAIL {label}: {reason(error)}")
        return None
    seconds = time.perf_counter() - started
    detail = f"{result}, " if str(result) else ""
    say(f"ok   {label} ({detail}{seconds:.2f} s)")
    return result


def reason(error: Exception) -> str:
    """A failure in one line: the step's own sentence, the system's word on a file, or else
    the error and where in ercsheet it arose (what a bug report needs; no traceback)."""
    from ercsheet.cli.common import shown_lines
    from ercsheet.environment import explain

    if isinstance(error, StepFailed):
        return str(error)
    said = explain(error, None)
    if said:
        return said
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "ercsheet" in f.filename]
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return shown_lines(f"{type(error).__name__}: {error}{where}").replace("\n", " ")


FOLDER_PREFIX = "ercsheet-self-test-"
# A run's folder this old is a killed run's (a run takes seconds, or its hold at most an hour):
# its invented store and files are removed by the next run.
LEFTOVER_AGE_S = 2 * 3600


def _folder(parent: Path | None) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir=parent))
    _remove_leftovers(folder.parent, folder)
    return folder


def _remove_leftovers(parent: Path, own: Path) -> None:
    """Remove earlier runs' folders a kill left behind (SIGKILL, a power cut: no `finally`)."""
    now = time.time()
    for earlier in parent.glob(FOLDER_PREFIX + "*"):
        if earlier == own or earlier.is_symlink() or not earlier.is_dir():
            continue
        with suppress(OSError):  # gone already, or another user's: left alone
            if now - earlier.stat().st_mtime > LEFTOVER_AGE_S:
                shutil.rmtree(earlier)


def _data_folder(folder: Path) -> AbstractContextManager[None]:
    """The folder as ercsheet's data folder while the steps run: the window's settings, the
    user's own units, the backups all go there, never into the user's."""
    return _environment(paths.DATA_DIR_ENV, str(folder))


def _platform(name: str | None) -> AbstractContextManager[None]:
    """Qt's platform for a window with no display to show it on (None: Qt's choice); a Qt
    already started keeps its own."""
    return _environment("QT_QPA_PLATFORM", name or os.environ.get("QT_QPA_PLATFORM"))


@contextmanager
def _environment(name: str, value: str | None) -> Iterator[None]:
    """The environment variable `name` set to `value` (None: as it is) while the block runs."""
    before = os.environ.get(name)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def _remove(run: Run) -> str:
    for store in list(run.opened):
        with suppress(Exception):  # a store a failed step left half-open: its files go anyway
            run.close(store)
    shutil.rmtree(run.folder)
    return str(run.folder)


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """A request to stop (SIGTERM: `timeout`, a logout) ends the run as Ctrl+C does, removing
    the temporary folder, rather than leaving it behind."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_number: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def system() -> str:
    frozen = ", frozen" if getattr(sys, "frozen", False) else ""
    return f"{platform.system()} {platform.release()} ({platform.machine()}{frozen})"


def say(line: str) -> None:
    print(line, flush=True)
