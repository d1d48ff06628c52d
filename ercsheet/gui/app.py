"""Starting the window: the Qt application, the store, the first run, backups on start and close.

The window is shown as soon as the store's read half has the candidates: SQLAlchemy (the store's
write half) and the unit catalogue load right after, while the assessor looks at the window,
so neither delays the start nor the first tick.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet import paths
from ercsheet.domain.clock import FixedDay, SystemClock
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.qt.core import QEvent, QObject, QSize, QTimer
from ercsheet.gui.qt.gui import QIcon
from ercsheet.gui.qt.widgets import QApplication, QMessageBox, QWidget
from ercsheet.gui.settings import settings
from ercsheet.store import cipher
from ercsheet.store.instance_lock import AlreadyOpen, InstanceLock
from ercsheet.store.opening import StoreError
from ercsheet.store.store import Store

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
        app.setApplicationName("ercsheet")
        app.setApplicationDisplayName("ercsheet")
    if app.windowIcon().isNull():  # once, on whichever QApplication there is (a test's)
        # The desktop entry's name (resources/linux/ercsheet.desktop): Wayland's app id, which
        # the desktop matches to the entry for the window's icon and name in its dock.
        app.setDesktopFileName("ercsheet")
        app.setWindowIcon(icon())
    return app


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon() -> QIcon:
    """ercsheet's icon, for every window (resources/icons: drawn at each size, so the small
    ones stay sharp; PNG, as Qt reads it without its SVG plugin). Each loads when first drawn."""
    found = QIcon()
    for size in ICON_SIZES:
        found.addFile(str(paths.icons_dir() / f"ercsheet-{size}.png"), QSize(size, size))
    return found


def installed_units() -> Catalogue:
    """The built-in units and the user's own (`paths.unit_folders`)."""
    # Imported here: loading unit files needs their validator (pydantic), which the window's
    # start does not.
    from ercsheet.catalogue.loader import load_catalogue

    return load_catalogue(paths.unit_folders())


def _given(catalogue: Catalogue) -> Callable[[], Catalogue]:
    return lambda: catalogue


def create_main_window(
    db_path: Path,
    catalogue: Catalogue | Callable[[], Catalogue] | None = None,
    today: dt.date | None = None,
    passphrase: str | None = None,
) -> MainWindow:
    """The window on the database at `db_path` (the seam tests and `--open` use); `catalogue`
    is the unit catalogue, or what loads it when first needed (default: `installed_units`)."""
    application()
    # The whole-file quick_check runs in the background once the window is up (MainWindow).
    # One clock: a window told its day (tests, a replay) checks and records by that day.
    clock = FixedDay(today) if today is not None else SystemClock()
    store = Store(
        Path(db_path), exclusive=True, passphrase=passphrase, quick_check=False, clock=clock
    )
    if catalogue is None:
        catalogue = installed_units
    units = catalogue if callable(catalogue) else _given(catalogue)
    try:
        return MainWindow(store, units, clock.today(), settings())
    except StoreError:  # damaged where the window first reads it
        store.close()
        raise


class AfterFirstPaint(QObject):
    """Calls `then` once, when the window has painted itself (or after FALLBACK_MS, should a
    platform never paint it): what follows blocks the event loop for a moment, and the
    assessor should be looking at their window, not at nothing, while it does.

    Never once the window is closed: what follows works on the store, which is closed with
    the window (a close before the first paint, or while the fallback is pending)."""

    FALLBACK_MS = 1000

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._run)
        self._fallback.start(self.FALLBACK_MS)

    @property
    def pending(self) -> bool:
        return self._then is not None

    def cancel(self) -> None:
        self._then = None
        self._fallback.stop()
        self._window.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Close:
            self.cancel()
        elif event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # once this paint has reached the screen
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        self._fallback.stop()
        if then is not None and self._window.isVisible():
            then()


def start(
    window: MainWindow, open_sheet: int | None = None, import_file: Path | None = None
) -> AfterFirstPaint:
    """Show the window, then, once it has painted: load the store's write half, back up, run
    the first-run dialogs, open `open_sheet` (or the example sheet the first run made), and
    import `import_file` as File → Import does, with its summary."""
    store = window.store

    def once_shown() -> None:
        # Imported here, as the window's dialogs are: the window shows before they load.
        from ercsheet.gui.first_run import run_first_run
        from ercsheet.gui.passphrase_dialog import PassphraseDialog

        store.load_orm()
        store.backup("start")
        first = store.profile() is None
        # The first start's questions open centred on the window, over the middle of the
        # empty pane: its words ("No candidate is listed. Add…") read as cut off behind them
        # (without a window manager a dialog has no frame to tell it apart), and they come
        # too soon. The pane says what to do next once the questions are answered.
        window.empty_pane.setVisible(not first)
        if first and store.passphrase is None:
            PassphraseDialog(store, first_run=True, parent=window).exec()
        example = run_first_run(window, store, window.catalogue, window.today)
        window.empty_pane.setVisible(True)
        window.candidates.refresh()
        sheet = open_sheet if open_sheet is not None else example
        if sheet is not None:
            window.open_sheet(sheet)
        else:
            window.reopen_last()  # where the assessor left off
        if import_file is not None:
            window.controller.import_paths([import_file])
        requests.ready()

    # Imported here, as the window's dialogs are: only the files a desktop sends need it.
    from ercsheet.gui.file_open import FileOpenRequests

    requests = FileOpenRequests(window, application(), window.controller.import_paths)
    rest = AfterFirstPaint(window, once_shown)
    window.show()
    return rest


def run(
    db_path: Path,
    units: Callable[[], Catalogue],
    open_sheet: int | None = None,
    today: dt.date | None = None,
    import_file: Path | None = None,
) -> int:
    """Show the window on the database; `today`: the day it works on (None: the machine's);
    `import_file`: an exchange file to import once it is up (`ercsheet FILE`)."""
    app = application()
    passphrase = None
    refused = _open_elsewhere(Path(db_path))
    if refused is not None:  # said before an encrypted database asks for its passphrase
        return _cannot_open(refused, import_file)
    if cipher.is_encrypted(Path(db_path)):
        # Imported here, as the window's dialogs are: only an encrypted database needs it.
        from ercsheet.gui.passphrase_dialog import UnlockDialog

        unlock = UnlockDialog(Path(db_path))
        if not unlock.exec():
            return 1
        passphrase = unlock.passphrase
    try:
        window = create_main_window(db_path, units, today, passphrase=passphrase)
    except StoreError as error:
        return _cannot_open(error, import_file)
    store = window.store
    rest = start(window, open_sheet, import_file)
    status = app.exec()
    rest.cancel()  # the loop may end without a close (a quit from elsewhere): none of it now
    store.backup("close")
    store.close()
    return status


def _open_elsewhere(database: Path) -> AlreadyOpen | None:
    """Whether another ercsheet holds the database (its window, or a command changing it)."""
    lock = InstanceLock(paths.real(database))
    try:
        lock.acquire()
    except AlreadyOpen as error:
        return error
    except OSError:  # no folder, no permission: the store says so when it opens
        return None
    lock.release()
    return None


def _cannot_open(error: StoreError, import_file: Path | None) -> int:
    """Say why the window cannot start, and what became of the file it was to import."""
    text = str(error)
    if import_file is not None:
        where = (
            "in the ercsheet window already open, choose File → Import exchange files… and "
            "pick it there"
            if isinstance(error, AlreadyOpen)
            else "once ercsheet opens, import it from File → Import exchange files…"
        )
        text += f"\n\n{import_file.name} was not imported: {where}."
    QMessageBox.critical(None, "ercsheet cannot open its database", text)
    return 1
