"""Driving a modal dialog the window opens: the test acts on it once it is up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

Dialog = TypeVar("Dialog", bound=QWidget)


def when_modal_opens(
    action: Callable[[Dialog], object],
    *,
    kind: type[Dialog],
    after: QWidget | None = None,
) -> None:
    """Run `action` on the next modal dialog of `kind` to open (not `after`, already open)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind) or dialog is after or not dialog.isVisible():
            QTimer.singleShot(10, poll)
            return
        action(dialog)

    QTimer.singleShot(0, poll)
