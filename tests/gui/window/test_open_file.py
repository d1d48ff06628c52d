"""`ercsheet FILE`: the window starts and imports an exchange file, as a file manager starts it
(the desktop entry's `Exec=ercsheet %f`); a second start while ercsheet is open says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ercsheet import cli, paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.cli.main import file_to_open
from ercsheet.gui.app import application, create_main_window
from ercsheet.gui.main_window import MainWindow
from ercsheet.store.example import create_example_candidate
from ercsheet.store.exchange import export_sheet
from ercsheet.store.exchange_names import EXTENSION, sheet_file_name
from ercsheet.store.store import Profile, Store
from tests.conftest import TODAY
from tests.gui.window.conftest import close_window, open_window
from tests.gui.window.modal import read_next_message


@pytest.fixture
def sent(tmp_path: Path) -> Path:
    """An exchange file of the example sheet, from another assessor's store, named as export
    names it."""
    with Store(tmp_path / "theirs.sqlite3") as theirs:
        theirs.set_profile(Profile("Sam Other", True))
        catalogue = load_catalogue([paths.builtin_units_dir()])
        sheet = create_example_candidate(theirs, catalogue, TODAY)
        content = theirs.sheet(sheet)
        name = sheet_file_name(content.candidate.candidate_number, content.unit.id)
        path = tmp_path / "Downloads" / name
        path.parent.mkdir()
        path.write_text(export_sheet(theirs, sheet), encoding="utf-8")
    return path


@pytest.fixture
def ours(tmp_path: Path) -> Iterator[Path]:
    database = tmp_path / "ours.sqlite3"
    with Store(database) as store:
        store.set_profile(Profile("Pat Jones", True))
    yield database


def windows_on(database: Path) -> list[MainWindow]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.store.path == database
    ]


def quit_once_imported(qtbot: QtBot, database: Path, summary: list[str]) -> None:
    """Inside the window's loop: wait for the import's summary and its sheet shown, then end
    the loop (whatever happened, so a failure cannot hang the test)."""
    try:
        qtbot.waitUntil(
            lambda: (
                bool(summary)
                and bool(windows_on(database))
                and windows_on(database)[-1].sheet_view.sheet_id is not None
            ),
            timeout=20_000,
        )
    finally:
        QApplication.exit(0)


def test_started_with_a_file_the_window_imports_it_and_opens_its_sheet(
    qtbot: QtBot, ours: Path, sent: Path
) -> None:
    assert sent.name.endswith(EXTENSION)
    summary: list[str] = []
    read_next_message(summary)  # the import's summary, as File → Import shows it

    QTimer.singleShot(0, lambda: quit_once_imported(qtbot, ours, summary))
    assert cli.main(["--db", str(ours), str(sent)]) == 0
    window = windows_on(ours)[-1]
    window.close()
    assert "1 of 1 file(s) imported" in summary[0]
    assert f"✓ {sent.name}: imported as sheet {window.sheet_view.sheet_id}" in summary[0]
    with Store(ours) as store:  # the window closed its own
        shown = store.sheet(window.sheet_view.sheet_id or 0)
    assert shown.candidate.name == "Siân Llewellyn (example)"


def test_a_second_start_with_a_file_says_ercsheet_is_open_and_imports_nothing(
    qtbot: QtBot, ours: Path, sent: Path
) -> None:
    first = open_window(qtbot, ours, load_catalogue([paths.builtin_units_dir()]))
    before = first.store.sheets()
    refusal: list[str] = []
    read_next_message(refusal)
    try:
        assert cli.main(["--db", str(ours), str(sent)]) == 1
    finally:
        close_window(first)
    assert "ercsheet is already open on this database" in refusal[0]
    assert f"{sent.name} was not imported" in refusal[0]
    assert "File → Import exchange files…" in refusal[0]
    with Store(ours) as store:
        assert store.sheets() == before


def test_the_application_carries_the_icon_and_the_desktop_entry_s_name() -> None:
    app = application()
    assert app.desktopFileName() == "ercsheet"
    sizes = {(size.width(), size.height()) for size in app.windowIcon().availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
    assert not app.windowIcon().pixmap(16, 16).isNull()


def test_only_an_existing_file_not_named_as_a_command_is_a_file_to_open(tmp_path: Path) -> None:
    sent = tmp_path / "0042-unit.ercsheet"
    sent.write_text("{}", encoding="utf-8")
    assert file_to_open([str(sent)]) == (sent, [])
    assert file_to_open(["--db", "x.sqlite3", "--open", "3", str(sent)]) == (
        sent,
        ["--db", "x.sqlite3", "--open", "3"],
    )
    # A command, a mistyped command, a command's argument, a bad option: the parser's own
    for argv in (["units"], ["unts"], ["import", str(sent)], ["--open", "x"], ["--db"], ["-h"]):
        assert file_to_open(argv) == (None, argv)


def test_a_second_start_on_an_encrypted_store_says_so_before_asking_its_passphrase(
    qtbot: QtBot, tmp_path: Path, sent: Path
) -> None:
    database = tmp_path / "locked.sqlite3"
    with Store(database, passphrase="a long passphrase") as store:
        store.set_profile(Profile("Pat Jones", True))
    first = create_main_window(database, passphrase="a long passphrase")
    qtbot.addWidget(first)
    refusal: list[str] = []
    read_next_message(refusal)  # a passphrase dialog first would leave this waiting: a failure
    try:
        assert cli.main(["--db", str(database), str(sent)]) == 1
    finally:
        close_window(first)
    assert "ercsheet is already open on this database" in refusal[0]


def test_a_file_the_desktop_sends_to_the_running_window_is_imported(
    qtbot: QtBot, ours: Path, sent: Path
) -> None:
    """macOS hands a double-clicked document to the app as an "open file" event, not on its
    command line: sent on the first start (before the window is ready) and later alike."""
    summary: list[str] = []
    read_next_message(summary)

    def send_then_quit() -> None:
        QApplication.sendEvent(application(), QFileOpenEvent(str(sent)))
        quit_once_imported(qtbot, ours, summary)

    QTimer.singleShot(0, send_then_quit)
    assert cli.main(["--db", str(ours)]) == 0
    window = windows_on(ours)[-1]
    window.close()
    assert f"✓ {sent.name}: imported as sheet {window.sheet_view.sheet_id}" in summary[0]
