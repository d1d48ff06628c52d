"""Undo acts on the sheet shown and says what it undid. Seen in an assessor's walk-through: the
window had one history across sheets, so Ctrl+Z on one sheet undid a tick made on another, with
no word of what was undone. Through the real window: the keys, the Edit menu, the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from ercsheet.catalogue.loaded import Catalogue
from ercsheet.gui.main_window import MainWindow
from tests.gui.window.test_refusal_banner import choose_sheet
from tests.gui.window.test_shared_evidence import second_sheet

CTRL = Qt.KeyboardModifier.ControlModifier


def tick(window: MainWindow, row: int, criterion: str) -> None:
    view = window.sheet_view
    view.grid.setFocus()
    view.grid.setCurrentIndex(view.model.index(row, view.model.column_of(criterion) or 0))
    QTest.keyClick(view.grid, Qt.Key.Key_Space)


def ticks(window: MainWindow, sheet_id: int, row: int) -> frozenset[str]:
    return window.store.sheet(sheet_id).evidence[row].criteria


def test_ctrl_z_undoes_the_sheet_shown_and_says_what(
    window: MainWindow, example_sheet: int, catalogue: Catalogue
) -> None:
    """Given 3.4 ticked on E02 of the Unit 40 sheet, then another sheet shown, when Ctrl+Z is
    pressed there, then the Unit 40 tick stays; back on Unit 40, Ctrl+Z unticks it and the
    status bar says so, and Ctrl+Shift+Z ticks it again, said too."""
    tick(window, 1, "3.4")
    assert "3.4" in ticks(window, example_sheet, 1)
    edit = next(a for a in window.menuBar().actions() if a.text() == "&Edit").menu()
    assert isinstance(edit, QMenu)
    undo_action = next(a for a in edit.actions() if a.text().startswith("&Undo"))
    assert undo_action.text() == "&Undo Tick 3.4 on E02" and undo_action.isEnabled()

    other = second_sheet(window, catalogue, example_sheet)
    assert window.open_sheet_id == other
    assert not undo_action.isEnabled()  # nothing done on this sheet yet
    QTest.keyClick(window.sheet_view.grid, Qt.Key.Key_Z, CTRL)
    assert "3.4" in ticks(window, example_sheet, 1)
    assert window.open_sheet_id == other

    choose_sheet(window, example_sheet)
    assert undo_action.isEnabled()
    QTest.keyClick(window.sheet_view.grid, Qt.Key.Key_Z, CTRL)
    assert "3.4" not in ticks(window, example_sheet, 1)
    assert window.statusBar().currentMessage() == "Undone: Tick 3.4 on E02"
    assert (
        window.sheet_view.model.index(1, window.sheet_view.model.column_of("3.4") or 0).data()
        != "✓"
    )
    QTest.keyClick(window.sheet_view.grid, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert "3.4" in ticks(window, example_sheet, 1)
    assert window.statusBar().currentMessage() == "Redone: Tick 3.4 on E02"


def test_each_sheet_keeps_its_own_history(
    window: MainWindow, example_sheet: int, catalogue: Catalogue
) -> None:
    """A row added on the second sheet and a tick on the first: each sheet's undo takes back
    its own edit, in whichever order the sheets are visited."""
    other = second_sheet(window, catalogue, example_sheet)
    window.sheet_view.add_button.click()
    QTest.keyClick(window.sheet_view.grid.focusWidget(), Qt.Key.Key_Escape)
    assert len(window.store.sheet(other).evidence) == 1
    choose_sheet(window, example_sheet)
    tick(window, 1, "3.4")

    choose_sheet(window, other)
    window.undo.undo()
    assert not window.store.sheet(other).evidence
    assert "3.4" in ticks(window, example_sheet, 1)
    assert window.statusBar().currentMessage().startswith("Undone: Add E0")
    choose_sheet(window, example_sheet)
    window.undo.undo()
    assert "3.4" not in ticks(window, example_sheet, 1)
