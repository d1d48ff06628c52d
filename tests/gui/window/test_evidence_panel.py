"""An evidence item's date and notes, entered beside the grid as an assessor enters them: the
date typed as people type it (or chosen on a calendar), a future date refused with the rule's
reason, both undoable and carried by the exchange file."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ercsheet.domain.sheet import Signature
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.gui.evidence_panel import EvidencePanel
from ercsheet.gui.grid_model import TITLE
from ercsheet.gui.main_window import MainWindow
from ercsheet.store.exchange import export_sheet
from tests.conftest import TODAY

PIN = "2468"


def panel_on_row(qtbot: QtBot, window: MainWindow, row: int) -> EvidencePanel:
    """Put the grid's cursor on `row` (the panel follows it) and click into the date."""
    view = window.sheet_view.grid
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, TITLE))
    panel = window.sheet_view.evidence_panel
    line = panel.date.line
    QTest.mouseClick(line, Qt.MouseButton.LeftButton, pos=line.rect().center())
    qtbot.waitUntil(lambda: line.hasFocus() and line.selectedText() == line.text())
    return panel


def type_date(qtbot: QtBot, panel: EvidencePanel, typed: str) -> None:
    QTest.keyClicks(panel.date.line, typed)
    QTest.keyClick(panel.date.line, Qt.Key.Key_Return)


def stored_date(window: MainWindow, sheet_id: int, row: int) -> dt.date | None:
    return window.store.sheet(sheet_id).evidence[row].date


def test_a_date_typed_as_people_type_it_replaces_the_one_shown_and_is_stored(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    before = stored_date(window, example_sheet, 0)
    panel = panel_on_row(qtbot, window, 0)
    assert panel.title() == "Evidence item E01" and panel.date.text() != ""
    type_date(qtbot, panel, "5/10/26")  # typing replaces the date shown: no section to pick
    assert stored_date(window, example_sheet, 0) == dt.date(2026, 10, 5)
    assert panel.date.text() == "05/10/2026"
    panel = panel_on_row(qtbot, window, 1)
    type_date(qtbot, panel, "7 Nov")  # this year's
    assert stored_date(window, example_sheet, 1) == dt.date(2026, 11, 7)
    # Each is one step of undo.
    window.undo.undo()
    window.undo.undo()
    assert stored_date(window, example_sheet, 0) == before
    window.sheet_view.grid.setCurrentIndex(window.sheet_view.model.index(0, TITLE))
    assert panel.date.date() == before


def test_a_future_date_is_refused_with_the_rules_reason(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    before = stored_date(window, example_sheet, 0)
    panel = panel_on_row(qtbot, window, 0)
    type_date(qtbot, panel, "5 Dec")  # TODAY is 22 November 2026
    assert stored_date(window, example_sheet, 0) == before
    assert panel.problem.isVisible()
    assert "05/12/2026 is in the future" in panel.problem.text()
    assert "in the future" in window.sheet_view.banner.text()
    assert window.undo.activeStack().count() == 0  # a refused edit is no step of undo
    QTest.keyClicks(panel.date.line, "1/11")  # corrected: the refusal goes
    assert not panel.problem.isVisible()


def test_tab_from_a_refused_date_comes_back_to_it(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    """The correction typed after Tab went into the notes and was stored there."""
    panel = panel_on_row(qtbot, window, 0)
    QTest.keyClicks(panel.date.line, "25/12/2026")
    QTest.keyClick(panel.date.line, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: panel.date.line.hasFocus())
    assert panel.problem.isVisible()
    QTest.keyClicks(panel.date.line, "28/11/2025")
    QTest.keyClick(panel.date.line, Qt.Key.Key_Return)
    assert stored_date(window, example_sheet, 0) == dt.date(2025, 11, 28)
    assert window.store.sheet(example_sheet).evidence[0].notes == ""


def test_a_date_left_shows_no_selection(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    panel = panel_on_row(qtbot, window, 0)
    QTest.keyClicks(panel.date.line, "5/10/26")
    window.sheet_view.grid.setFocus()  # the field is left: the date is entered
    qtbot.waitUntil(lambda: not panel.date.line.hasFocus())
    assert panel.date.text() == "05/10/2026"
    assert panel.date.line.selectedText() == ""


def test_what_is_not_a_date_says_how_to_type_one_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    before = stored_date(window, example_sheet, 2)
    panel = panel_on_row(qtbot, window, 2)
    type_date(qtbot, panel, "31/02/2026")
    assert "not a real date" in panel.problem.text() and panel.problem.isVisible()
    assert stored_date(window, example_sheet, 2) == before
    type_date(qtbot, panel, "")  # an empty date: the item has none
    panel.date.line.clear()
    QTest.keyClick(panel.date.line, Qt.Key.Key_Return)
    assert stored_date(window, example_sheet, 2) is None


# A popup's raise and keyboard grab are the window system's: offscreen has neither.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_arrow_keys_step_a_day_and_the_calendar_picks_one(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    panel = panel_on_row(qtbot, window, 0)
    panel.date.set_date(TODAY)
    QTest.keyClick(panel.date.line, Qt.Key.Key_Up)  # never past today
    QTest.keyClick(panel.date.line, Qt.Key.Key_Down)
    QTest.keyClick(panel.date.line, Qt.Key.Key_Return)
    assert stored_date(window, example_sheet, 0) == TODAY - dt.timedelta(days=1)
    QTest.keyClick(panel.date.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = panel.date.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.maximumDate() == QDate(TODAY.year, TODAY.month, TODAY.day)
    calendar.clicked.emit(QDate(2026, 11, 3))
    assert not calendar.isVisible()
    assert stored_date(window, example_sheet, 0) == dt.date(2026, 11, 3)


def test_notes_of_several_lines_are_stored_as_typing_pauses_and_undone_in_one_step(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    panel = panel_on_row(qtbot, window, 1)
    panel.notes.setFocus()
    QTest.keyClicks(panel.notes, "Seen at the Leeds site.")
    QTest.keyClick(panel.notes, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.store.sheet(example_sheet).evidence[1].notes != "")
    QTest.keyClicks(panel.notes, "Copy in the portfolio.")
    window.sheet_view.grid.setFocus()  # leaving the notes writes them at once
    notes = "Seen at the Leeds site.\nCopy in the portfolio."
    assert window.store.sheet(example_sheet).evidence[1].notes == notes
    assert window.undo.activeStack().count() == 1
    assert window.undo.undoText() == "Edit the notes of E02"
    window.undo.undo()
    assert window.store.sheet(example_sheet).evidence[1].notes == ""
    assert panel.notes.toPlainText() == ""


def test_the_exchange_file_carries_the_date_and_notes_entered(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    panel = panel_on_row(qtbot, window, 0)
    type_date(qtbot, panel, "02/11/26")
    panel.notes.setPlainText("Observed by Pat.\nSee photos.")
    panel.flush_notes()
    item = json.loads(export_sheet(window.store, example_sheet))["evidence"][0]
    assert item["date"] == "2026-11-02"
    assert item["notes"] == "Observed by Pat.\nSee photos."


def test_the_panel_follows_the_grid_and_is_read_only_on_a_signed_sheet(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    view, panel = window.sheet_view.grid, window.sheet_view.evidence_panel
    view.setCurrentIndex(view.model().index(view.model().rowCount() - 1, 0))  # coverage row
    assert not panel.isEnabled() and panel.title() == "Evidence item"
    store = window.store
    store.set_pin(PIN)
    store.set_tick(store.evidence_ids(example_sheet)[0], "3.4", True)
    for role, name in ((Role.CANDIDATE, "Siân Llewellyn"), (Role.ASSESSOR, "Pat Jones")):
        store.add_signature(
            example_sheet, Signature(role, name, TODAY, SignatureKind.TYPED), TODAY, pin=PIN
        )
    window.sheet_view.reload()
    view.setCurrentIndex(view.model().index(0, TITLE))
    assert panel.isEnabled() and panel.date.line.isReadOnly() and panel.notes.isReadOnly()
    assert QApplication.focusWidget() is not None
