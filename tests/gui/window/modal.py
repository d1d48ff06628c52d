"""Driving a modal dialog the window opens: the test acts on it once it is up.

A test waiting for a dialog fails instead of hanging: a dialog that does not open within
DEADLINE_S fails it with what was open instead (closed, so that a test blocked in another
dialog's exec() goes on to its end); an action that raises closes its dialog for the same
reason; and a wait still pending when the test ends fails it (tests/gui/window/conftest.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

Dialog = TypeVar("Dialog", bound=QWidget)

DEADLINE_S = 5.0
POLL_MS = 10


class ModalWait(Generic[Dialog]):
    """Polls for the next visible modal `kind` (not `after`) until it acts or its deadline."""

    def __init__(
        self,
        action: Callable[[Dialog], object],
        kind: type[Dialog],
        after: QWidget | None,
        deadline_s: float,
    ) -> None:
        self.action, self.kind, self.after, self.deadline_s = action, kind, after, deadline_s
        self._deadline = time.monotonic() + deadline_s
        _pending.append(self)
        QTimer.singleShot(0, self._poll)

    def describe(self) -> str:
        over = f" over {_name(self.after)}" if self.after is not None else ""
        return f"a modal {self.kind.__name__}{over}"

    def end(self) -> None:
        if self in _pending:
            _pending.remove(self)

    def _poll(self) -> None:
        if self not in _pending:
            return  # ended (the test is over)
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, self.kind) and dialog is not self.after and dialog.isVisible():
            self.end()
            try:
                self.action(dialog)
            except BaseException:
                _close(dialog)  # else its exec() would wait for the test's timeout
                raise
        elif time.monotonic() < self._deadline:
            QTimer.singleShot(POLL_MS, self._poll)
        else:
            self.end()
            instead = "no modal dialog" if dialog is None else _name(dialog)
            if dialog is not None:
                _close(dialog)
            raise AssertionError(
                f"when_modal_opens waited {self.deadline_s:g} s for {self.describe()}; "
                f"{instead} was open instead"
                + (" (closed now, so that the test can end)" if dialog is not None else "")
            )


# Any: each wait is for a kind of its own.
_pending: list[ModalWait[Any]] = []


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.windowTitle()!r}"


def _close(widget: QWidget) -> None:
    if isinstance(widget, QDialog):
        widget.reject()  # ends its exec() even where a close would be refused
    else:
        widget.close()


def when_modal_opens(
    action: Callable[[Dialog], object],
    *,
    kind: type[Dialog],
    after: QWidget | None = None,
    deadline_s: float = DEADLINE_S,
) -> None:
    """Run `action` on the next modal dialog of `kind` to open (not `after`, already open)."""
    ModalWait(action, kind, after, deadline_s)


def end_waits() -> list[str]:
    """End every pending wait (the test is over); what each was waiting for."""
    ended = [wait.describe() for wait in _pending]
    _pending.clear()
    return ended


def read_next_message(seen: list[str]) -> None:
    """The next message box's text (and its details) goes into `seen`, and the box is closed."""

    def read(box: QMessageBox) -> None:
        seen.append(box.text() + "\n" + box.informativeText())
        box.accept()

    when_modal_opens(read, kind=QMessageBox)
