"""The window from the keyboard alone: Tab reaches every control in reading order, each control
a screen reader announces has a name, and the grid is entered and left without the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from ercsheet.gui.main_window import MainWindow


def spoken_name(widget: QWidget) -> str:
    """What a screen reader announces: the accessible name, or a button's own text."""
    if widget.accessibleName():
        return widget.accessibleName()
    return widget.text().replace("&", "") if isinstance(widget, QAbstractButton) else ""


def tab_stops(first: QWidget, presses: int = 40) -> list[QWidget]:
    first.setFocus()
    stops = [first]
    for _ in range(presses):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is None or now is first:
            break
        if now is focused:  # a control that uses Tab itself (the grid): leave with Ctrl+Tab
            QTest.keyClick(focused, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
            now = QApplication.focusWidget()
            assert now is not None, "Ctrl+Tab left the window"
        stops.append(now)
    return stops


def test_tab_visits_every_control_in_reading_order_and_each_has_a_name(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    stops = tab_stops(window.candidates.search)
    names = [w.objectName() for w in stops]
    order = ["candidateSearch", "candidateList", "sheetList", "newCandidateButton"]
    order += ["addEvidenceButton", "criteriaGrid", "unitDetails", "signingArea"]
    positions = [names.index(name) for name in order]
    assert positions == sorted(positions), names
    unnamed = [f"{type(w).__name__} {w.objectName()}" for w in stops if not spoken_name(w)]
    assert unnamed == []
    signing = [spoken_name(w) for w in stops if isinstance(w, QAbstractButton)]
    assert "Sign as assessor…" in signing


def test_the_grid_is_worked_from_the_keyboard_and_left_with_ctrl_tab(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    grid = window.sheet_view.grid
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(0, 0))
    QTest.keyClick(grid, Qt.Key.Key_Tab)
    assert grid.currentIndex().column() == 1 and QApplication.focusWidget() is grid
    QTest.keyClick(grid, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is not grid
    model = grid.model()
    grid.setFocus()
    grid.setCurrentIndex(model.index(model.rowCount() - 1, model.columnCount() - 1))
    QTest.keyClick(grid, Qt.Key.Key_Tab)  # past the last cell: on to the next control
    assert QApplication.focusWidget() is window.findChild(QWidget, "unitDetails")
    grid.setFocus()
    grid.setCurrentIndex(model.index(0, 0))
    QTest.keyClick(grid, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.findChild(QWidget, "moveDownButton")
