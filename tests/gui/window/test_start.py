"""`ercsheet --db PATH --open SHEET_ID` starts the window straight on that sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ercsheet import cli, paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.gui.main_window import MainWindow
from ercsheet.store import backup
from ercsheet.store.example import create_example_candidate
from ercsheet.store.store import Profile, Store
from tests.conftest import TODAY


def test_open_starts_on_the_sheet_and_backs_up_on_start_and_close(
    qtbot: QtBot, tmp_path: Path
) -> None:
    database = tmp_path / "start.sqlite3"
    with Store(database) as store:
        store.set_profile(Profile("Pat Jones", True))
        catalogue = load_catalogue([paths.builtin_units_dir()])
        create_example_candidate(store, catalogue, TODAY)
        second = create_example_candidate(store, catalogue, TODAY)
    shown: list[int | None] = []

    windows: list[MainWindow] = []

    def look_then_quit() -> None:
        windows.extend(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.store.path == database
        )
        shown.append(windows[-1].sheet_view.sheet_id)
        # exit() ends the loop at once; quit() would leave a Quit event queued for the next one.
        QApplication.exit(0)

    QTimer.singleShot(200, look_then_quit)
    assert cli.main(["--db", str(database), "--open", str(second)]) == 0
    windows[-1].close()
    assert shown == [second]
    reasons = [path.name for path in backup.list_backups(database)]
    assert any("start" in name for name in reasons) and any("close" in name for name in reasons)
