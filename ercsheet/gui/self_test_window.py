"""The self-test's window: the real main window on the self-test's store, started as the app
starts it, on the signed sheet, held a moment so it can be seen (or a screenshot taken), then
closed. Without a desktop the caller has Qt build the same window on its offscreen platform.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet.gui.app import application, create_main_window, start
from ercsheet.gui.qt.core import (
    QEventLoop,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue

# How long the start may take to paint the window and open the sheet before it counts as failed
# (a cold start on a slow laptop takes a few seconds; this is far beyond it).
START_LIMIT_S = 30.0


def show_sheet(
    database: Path,
    passphrase: str,
    sheet_id: int,
    catalogue: Catalogue,
    today: dt.date,
    hold: float,
) -> str:
    """Open the window on `sheet_id` and keep it up for `hold` seconds (or until it is closed),
    then close it and its store. Returns the sheet's line as the window shows it under the
    unit's title (empty: no sheet open). Ctrl+C while it is up closes it and raises
    KeyboardInterrupt."""
    application()
    window = create_main_window(database, catalogue, today, passphrase)
    try:
        with _interrupt_flag() as interrupted, _without_size_hint_warnings():
            rest = start(window, sheet_id)
            try:
                _wait(lambda: not rest.pending or bool(interrupted), START_LIMIT_S)
                view = window.sheet_view_made
                shown = view.subtitle.text() if view and window.open_sheet_id == sheet_id else ""
                if hold > 0 and not interrupted:
                    _wait(lambda: not window.isVisible() or bool(interrupted), hold)
            finally:
                rest.cancel()
            if interrupted:
                raise KeyboardInterrupt
    finally:
        window.close()
        window.store.close()
        window.deleteLater()
    return shown


@contextlib.contextmanager
def _interrupt_flag() -> Iterator[list[int]]:
    """A list that gets an item on Ctrl+C (or SIGTERM): Python's own handler would raise inside
    a Qt slot, where Qt swallows it, and the window would stay up."""
    flag: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return
    numbers = (signal.SIGINT, signal.SIGTERM)
    previous = [signal.signal(n, lambda number, _frame: flag.append(number)) for n in numbers]
    try:
        yield flag
    finally:
        for number, handler in zip(numbers, previous, strict=True):
            signal.signal(number, handler)


@contextlib.contextmanager
def _without_size_hint_warnings() -> Iterator[None]:
    """Qt's offscreen platform warns, for every window shown, that it cannot pass size hints to
    a window system it does not have: true, and nothing the reader of a self-test can act on.
    Every other message of Qt goes where it went."""

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def _wait(done: Callable[[], bool], seconds: float) -> None:
    """Run the event loop until `done()` or `seconds` have passed, looking every 50 ms (which
    also lets Python see a Ctrl+C)."""
    deadline = time.monotonic() + seconds
    loop = QEventLoop()

    def look() -> None:
        if done() or time.monotonic() >= deadline:
            loop.quit()

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(50)
    try:
        if not done():
            loop.exec()
    finally:
        timer.stop()
