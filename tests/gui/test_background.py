"""Background work runs with the garbage collector paused (PySide6 crashes when a worker thread
collects Qt objects), and the collector resumes when the last work ends."""

from __future__ import annotations

import gc
import threading

from ercsheet.gui import background


def test_the_collector_is_paused_while_background_work_runs_and_resumes_after() -> None:
    assert gc.isenabled()
    seen: list[bool] = []
    release = threading.Event()

    def work() -> None:
        seen.append(gc.isenabled())
        release.wait(5)

    first = background.start(work, "first")
    second = background.start(work, "second")
    release.set()
    first.join(5)
    second.join(5)
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_failing_work_still_resumes_the_collector() -> None:
    def fails() -> None:
        raise ValueError("a bug in the work")

    with_error: list[BaseException] = []

    def guarded() -> None:
        try:
            fails()
        except ValueError as error:
            with_error.append(error)

    background.start(guarded, "failing").join(5)
    assert with_error and gc.isenabled()
    try:
        with background.collector_paused():
            raise KeyError("raised while paused")
    except KeyError:
        pass
    assert gc.isenabled()
