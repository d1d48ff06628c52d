"""A real main window on a real store file, at the size of a small laptop screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ercsheet.catalogue.loader import Catalogue
from ercsheet.domain.sheet import Signature
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.gui import create_main_window
from ercsheet.gui.main_window import MainWindow
from ercsheet.store.example import create_example_candidate
from ercsheet.store.store import Profile
from tests.conftest import PIN, TODAY
from tests.gui.window.modal import end_waits


@pytest.fixture(autouse=True)
def no_modal_wait_left() -> Iterator[None]:
    """A dialog a test waited for that never opened fails that test, not a later one that
    happens to open a dialog of the kind."""
    yield
    left = end_waits()
    if left:
        pytest.fail(f"when_modal_opens was still waiting for {', '.join(left)} at the test's end")


def open_window(
    qtbot: QtBot, database: Path, units: Catalogue | Callable[[], Catalogue]
) -> MainWindow:
    """A window on `database`, shown at a small laptop's size, its assessor's profile set."""
    # A dialog another test left open would take the clicks meant for this window.
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.isModal():
            widget.close()
    window = create_main_window(database, units, TODAY)
    qtbot.addWidget(window)
    window.store.set_profile(Profile("Pat Jones", True, "A-1234"))
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def close_window(window: MainWindow) -> None:
    window.close()
    window.store.close()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, catalogue: Catalogue) -> Iterator[MainWindow]:
    window = open_window(qtbot, tmp_path / "window.sqlite3", catalogue)
    yield window
    close_window(window)


@pytest.fixture
def example_sheet(window: MainWindow) -> int:
    """The example candidate's sheet (Unit 40, F17: 4 rows, 9 of 10 ACs covered), open."""
    sheet_id = create_example_candidate(window.store, window.catalogue, TODAY)
    window.candidates.refresh()
    window.open_sheet(sheet_id)
    return sheet_id


@pytest.fixture
def signed_example(window: MainWindow, example_sheet: int) -> int:
    """The example sheet, fully covered and signed by the candidate and the assessor, open."""
    store = window.store
    store.set_tick(store.evidence_ids(example_sheet)[0], "3.4", True)
    sign_example(window, example_sheet)
    return example_sheet


def sign_example(window: MainWindow, sheet_id: int) -> None:
    """The example sheet (fully covered) signed by the candidate and the assessor, the PIN
    set first; the open sheet shown as after signing in its dialog."""
    store = window.store
    store.set_pin(PIN)
    for role, name in ((Role.CANDIDATE, "Siân Llewellyn"), (Role.ASSESSOR, "Pat Jones")):
        signature = Signature(role, name, TODAY, SignatureKind.TYPED)
        store.add_signature(sheet_id, signature, TODAY, pin=PIN)
    panel = window.sheet_view.signing_panel
    assert panel is not None
    panel.sheet_changed.emit()
