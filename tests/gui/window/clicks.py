"""Clicking in the window as the assessor clicks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ercsheet.gui.main_window import MainWindow


def tick(window: MainWindow, row: int, criterion: str) -> None:
    """A click on the criterion's cell in `row` of the open sheet's grid."""
    view, model = window.sheet_view.grid, window.sheet_view.model
    column = model.column_of(criterion)
    assert column is not None
    index = model.index(row, column)
    view.scrollTo(index)
    QTest.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        view.visualRect(index).center(),
    )
