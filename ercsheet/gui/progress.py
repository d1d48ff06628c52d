"""Long work on a worker thread while a progress dialog, which can be cancelled, keeps the window
answering."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from ercsheet.gui import background
from ercsheet.gui.qt.core import QEventLoop, Qt
from ercsheet.gui.qt.widgets import QApplication, QProgressDialog, QWidget

T = TypeVar("T")


def progress_dialog(parent: QWidget, title: str, label: str, steps: int) -> QProgressDialog:
    """Shown after 400 ms (work done sooner shows nothing); `steps` 0 for "busy" without steps."""
    progress = QProgressDialog(label, "Cancel", 0, steps, parent)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    # At its minimum the 400 ms count starts now; before a first value Qt shows the dialog after
    # its default 4 s (seen: a stalled reading's Cancel came 4 s late).
    progress.setValue(0)
    return progress


class _Outcome(Generic[T]):
    def __init__(self) -> None:
        self.value: list[T] = []
        self.error: BaseException | None = None


def in_background(
    progress: QProgressDialog,
    work: Callable[[], T],
    name: str,
    *,
    stop: Callable[[], None] | None = None,
    step: Callable[[], int] | None = None,
) -> T | None:
    """`work`'s result, or None if the assessor cancelled (then `stop` is called and waited for,
    when given; without it, what the work makes is dropped). `step` says how far it has got.
    An exception raised by `work` is raised here, on the window's thread."""
    outcome: _Outcome[T] = _Outcome()

    def run() -> None:
        try:
            outcome.value.append(work())
        except BaseException as error:  # raised again on the window's thread
            outcome.error = error

    thread = background.start(run, name)
    while thread.is_alive():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        thread.join(0.02)
        if step is not None:
            progress.setValue(step())
        if progress.wasCanceled():
            if stop is not None:
                stop()
                thread.join()
            return None
    if outcome.error is not None:
        raise outcome.error
    return outcome.value[0]
