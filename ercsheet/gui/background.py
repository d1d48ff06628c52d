"""Work on a thread of its own, beside the window, without the garbage collector running there.

Python's cyclic garbage collector runs in whichever thread happens to allocate when it is due.
Run in a worker thread, it may collect the Python side of Qt objects whose windows or dialogs
closed — and Qt objects must be destroyed in the thread that owns them: PySide6 then crashes the
process (seen: a segmentation fault while the integrity check resolved a path). So while such
work runs, the collector is paused; it resumes, on the window's thread, when the last finishes.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


class _Pause:
    """How many background works run, and whether the collector was on before the first."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.paused_here = False


_pause = _Pause()


@contextmanager
def collector_paused() -> Iterator[None]:
    with _pause.lock:
        if _pause.running == 0 and gc.isenabled():
            gc.disable()
            _pause.paused_here = True
        _pause.running += 1
    try:
        yield
    finally:
        with _pause.lock:
            _pause.running -= 1
            if _pause.running == 0 and _pause.paused_here:
                _pause.paused_here = False
                gc.enable()


def start(work: Callable[[], None], name: str) -> threading.Thread:
    """Start `work` on a daemon thread of its own, the collector paused until it ends."""

    def run() -> None:
        with collector_paused():
            work()

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread


def off_the_window_thread(
    work: Callable[[], T], name: str, stopped: Callable[[], bool] | None = None
) -> T | None:
    """Run `work` on a thread of its own while the window keeps repainting and answering;
    None when `stopped()` said so first (the work's result is then dropped). Its exception is
    raised here, on the window's thread."""
    # Imported here: the window's start imports this module for its integrity check only.
    from ercsheet.gui.qt.core import QEventLoop
    from ercsheet.gui.qt.widgets import QApplication

    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as error:  # handed to the window's thread, raised there
            failure.append(error)

    thread = start(run, name)
    while thread.is_alive():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if stopped is not None and stopped():
            return None
        thread.join(0.01)
    if failure:
        raise failure[0]
    return result[0]


def keeping_the_window_live(work: Callable[[], T]) -> T:
    """Run `work` off the window's thread, which repaints meanwhile; its result (a store's
    `Runner`: the copying of a passphrase change)."""
    done = off_the_window_thread(lambda: (work(),), "store work")
    assert done is not None  # nothing can stop it
    return done[0]
