"""Starting the window: the Qt application, the store, the first run, backups on start and close."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.exc import DatabaseError

from ercsheet import paths
from ercsheet.catalogue.loader import Catalogue, load_catalogue
from ercsheet.gui.first_run import run_first_run
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.passphrase_dialog import PassphraseDialog, UnlockDialog
from ercsheet.gui.settings import settings
from ercsheet.store import cipher
from ercsheet.store.opening import StoreError, damaged_message
from ercsheet.store.store import Store


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv)
    app.setApplicationName("ercsheet")
    app.setApplicationDisplayName("ercsheet")
    return app


def create_main_window(
    db_path: Path,
    catalogue: Catalogue | None = None,
    today: dt.date | None = None,
    passphrase: str | None = None,
) -> MainWindow:
    """The window on the database at `db_path` (the seam tests and `--open` use)."""
    application()
    # The whole-file quick_check runs in the background once the window is up (MainWindow).
    store = Store(Path(db_path), exclusive=True, passphrase=passphrase, quick_check=False)
    units = catalogue or load_catalogue([paths.builtin_units_dir()])
    try:
        return MainWindow(store, units, today or dt.date.today(), settings())
    except DatabaseError as error:  # damaged where the window first reads it
        store.close()
        raise StoreError(damaged_message(store.path, error.orig)) from None


def run(db_path: Path, catalogue: Catalogue, open_sheet: int | None = None) -> int:
    app = application()
    passphrase = None
    if cipher.is_encrypted(Path(db_path)):
        unlock = UnlockDialog(Path(db_path))
        if not unlock.exec():
            return 1
        passphrase = unlock.passphrase
    try:
        window = create_main_window(db_path, catalogue, passphrase=passphrase)
    except StoreError as error:
        QMessageBox.critical(None, "ercsheet cannot open its database", str(error))
        return 1
    store = window.store
    store.backup("start")
    window.show()
    if store.profile() is None and store.passphrase is None:
        PassphraseDialog(store, first_run=True, parent=window).exec()
    example = run_first_run(window, store, catalogue, window.today)
    window.candidates.refresh()
    if open_sheet is not None or example is not None:
        window.open_sheet(open_sheet if open_sheet is not None else example)  # type: ignore[arg-type]
    status = app.exec()
    store.backup("close")
    store.close()
    return status
