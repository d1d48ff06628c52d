"""The window's start: straight on a sheet with --open, damage reported, nothing heavy first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ercsheet import cli, paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.gui.app import AfterFirstPaint
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
    windows: list[MainWindow] = []

    def on_a_sheet() -> bool:
        """The window is up and the rest of its start (after its first paint) opened a sheet."""
        windows[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.store.path == database
        ]
        return bool(windows) and windows[-1].sheet_view.sheet_id is not None

    def wait_then_quit() -> None:
        try:
            qtbot.waitUntil(on_a_sheet, timeout=20_000)  # a loaded machine paints late
        finally:
            # exit() ends the loop at once; quit() would leave a Quit event queued for the next.
            QApplication.exit(0)

    QTimer.singleShot(0, wait_then_quit)
    assert cli.main(["--db", str(database), "--open", str(second)]) == 0
    windows[-1].close()
    assert windows[-1].sheet_view.sheet_id == second
    reasons = [path.name for path in backup.list_backups(database)]
    assert any("start" in name for name in reasons) and any("close" in name for name in reasons)


def test_a_window_closed_at_once_runs_none_of_the_rest_of_its_start(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given ercsheet starting on a new database: once the window has painted, the rest of its
    # start would load the write half, back up and ask who the assessor is
    monkeypatch.setattr(AfterFirstPaint, "FALLBACK_MS", 10)
    database = tmp_path / "closed.sqlite3"
    Store(database).close()
    closed: list[MainWindow] = []

    def close_at_once() -> None:
        closed.extend(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.store.path == database
        )
        closed[-1].close()
        QApplication.exit(0)

    # When the window is closed as soon as it shows (and ercsheet closes the store)
    QTimer.singleShot(0, close_at_once)
    assert cli.main(["--db", str(database)]) == 0

    # Then the events that follow run none of the rest against the closed store
    later: list[bool] = []
    QTimer.singleShot(AfterFirstPaint.FALLBACK_MS * 5, lambda: later.append(True))
    qtbot.waitUntil(lambda: bool(later))
    reasons = [path.name for path in backup.list_backups(database)]
    assert len(reasons) == 1 and "close" in reasons[0], reasons


def damage(database: Path) -> None:
    """Overwrite part of a page near the end, as a failing disk might."""
    data = bytearray(database.read_bytes())
    page = len(data) // 4096 - 3
    data[page * 4096 + 100 : page * 4096 + 3000] = b"\xff" * 2900
    database.write_bytes(bytes(data))


def test_a_damaged_database_is_reported_with_what_to_do_and_left_as_it_is(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ercsheet.gui import create_main_window
    from ercsheet.store.opening import StoreError

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))

    database = tmp_path / "damaged.sqlite3"
    with Store(database) as store:
        store.set_profile(Profile("Pat Jones", True))
        for n in range(400):
            store.add_candidate("Łukasz Żółć " * 20 + str(n), str(n))
    damage(database)
    before = database.read_bytes()
    try:
        window = create_main_window(database)
    except StoreError as error:  # damaged where the window reads first
        assert "restore a backup" in str(error)
    else:
        qtbot.addWidget(window)  # opened: the background check finds the damage
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
        assert "is damaged" in shown[0] and "restore a backup" in shown[0]
        window.store.close()
    assert database.read_bytes() == before


SHOW_AND_LIST_MODULES = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from ercsheet.gui import create_main_window
window = create_main_window(Path(sys.argv[1]))
window.show()
QApplication.processEvents()
heavy = {'sqlalchemy', 'pydantic', 'alembic', 'reportlab', 'cryptography'}
loaded = sorted({m.split('.')[0] for m in sys.modules} & heavy)
print(window.candidates.candidate_model.rowCount(), loaded)
window.store.load_orm()
window.store.add_candidate('Added after the start')
print(window.store.candidates('after')[0].name)
window.close()
window.store.close()
"""


def test_the_window_shows_the_candidates_before_loading_sqlalchemy_or_pydantic(
    tmp_path: Path,
) -> None:
    # Each takes longer to import than the window takes to start (docs/performance.md): they
    # load once the window is shown (the store's write half, the unit catalogue, printing).
    database = tmp_path / "start.sqlite3"
    with Store(database) as store:
        store.add_candidate("Eluned Ŵyn", "0001")
    result = subprocess.run(
        [sys.executable, "-c", SHOW_AND_LIST_MODULES, str(database)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["1 []", "Added after the start"]


def test_the_first_starts_questions_are_asked_over_an_empty_pane(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Given a new store, when the window starts, then its first questions (encryption, who the
    assessor is, the example) open with nothing behind them in the pane, whose words they hid
    half of; answered, the pane says what to do next."""
    from ercsheet.gui import create_main_window
    from ercsheet.gui.app import start
    from ercsheet.gui.first_run import ProfileDialog
    from ercsheet.gui.passphrase_dialog import PassphraseDialog
    from tests.gui.window.modal import when_modal_opens

    catalogue = load_catalogue([paths.builtin_units_dir()])
    window = create_main_window(tmp_path / "first.sqlite3", catalogue, TODAY)
    qtbot.addWidget(window)
    behind: list[bool] = []

    def no_example(box: QMessageBox) -> None:
        behind.append(window.empty_pane.isVisible())
        no = box.button(QMessageBox.StandardButton.No)
        assert no is not None
        no.click()

    def profile(dialog: ProfileDialog) -> None:
        behind.append(window.empty_pane.isVisible())
        dialog.name.setText("Pat Jones")
        dialog.qualified.setChecked(True)
        when_modal_opens(no_example, kind=QMessageBox, after=dialog)
        dialog.accept()

    def plain(dialog: PassphraseDialog) -> None:
        behind.append(window.empty_pane.isVisible())
        when_modal_opens(profile, kind=ProfileDialog, after=dialog)
        assert dialog.plain_button is not None
        dialog.plain_button.click()

    when_modal_opens(plain, kind=PassphraseDialog)
    rest = start(window)
    qtbot.waitUntil(lambda: window.store.profile() is not None and len(behind) == 3, timeout=20_000)
    qtbot.waitUntil(window.empty_pane.isVisible, timeout=5_000)
    assert behind == [False, False, False]
    assert window.empty_pane.text.text().startswith("No candidate is listed.")
    assert rest is not None
    window.store.close()
