"""Exchange files the desktop asks the running app to open: macOS sends a double-clicked document
to the app as an "open file" event (its command line never names it), on its first start as on
any later double-click; the window imports it as File → Import does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ercsheet.gui.qt.core import QEvent, QObject
from ercsheet.gui.qt.gui import QFileOpenEvent
from ercsheet.gui.qt.widgets import QApplication, QWidget


class FileOpenRequests(QObject):
    """Takes the application's "open file" events for `window` (and goes with it: Qt drops an
    event filter that is deleted). Until the window is ready (its first start's questions
    answered) the files wait; then each goes to `open_files` as it comes, while it is open."""

    def __init__(
        self, window: QWidget, app: QApplication, open_files: Callable[[list[Path]], None]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._open_files = open_files
        self._waiting: list[Path] | None = []  # None once ready
        app.installEventFilter(self)

    def ready(self) -> None:
        waiting, self._waiting = self._waiting or [], None
        if waiting:
            self._open_files(waiting)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        if self._waiting is None and not self._window.isVisible():
            return False  # this window was closed: another may take it
        path = Path(event.file())
        if self._waiting is None:
            self._open_files([path])
        else:
            self._waiting.append(path)
        return True
