"""Frozen panes for the criteria grid, as a spreadsheet freezes them: reference, title and
method stay at the left while the criteria scroll sideways (LO3, LO4 of a 28-criteria unit),
and the coverage row stays at the bottom while the items scroll.

Each pane is a table view over the grid's own model and selection, drawn over the grid and
shown only while the part it freezes would have scrolled out of sight: unscrolled, the grid
shows itself. A cell of a frozen column is edited in the pane (the grid's own cell is under it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ercsheet.gui.grid_model import FIRST_CRITERION
from ercsheet.gui.qt.core import QEvent, QModelIndex, QPersistentModelIndex, Qt
from ercsheet.gui.qt.widgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

if TYPE_CHECKING:
    from ercsheet.gui.grid_view import CriteriaGrid

Index = QModelIndex | QPersistentModelIndex
EndEditHint = QAbstractItemDelegate.EndEditHint


class Pane(QTableView):
    """One frozen part: the grid's model, selection and delegate, its scrolling tied to it."""

    def __init__(self, grid: CriteriaGrid, name: str, *, header: bool, row_numbers: bool) -> None:
        super().__init__(grid)
        self._grid = grid
        self.setObjectName(name)
        self.setAccessibleName(grid.accessibleName())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the grid
        self.setEditTriggers(grid.editTriggers())
        self.setWordWrap(False)
        self.setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().setVisible(header)
        self.verticalHeader().setVisible(row_numbers)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setStyleSheet("QTableView { border: none; }")
        self.hide()

    def attach(self) -> None:
        """Share the grid's model (set again after the grid's own)."""
        self.setModel(self._grid.model())
        self.setSelectionModel(self._grid.selectionModel())
        # A delegate of its own kind: a delegate tells every view it serves of each commit.
        self.setItemDelegate(type(self._grid.itemDelegate())(self))
        self.pressed.connect(lambda _index: self._grid.setFocus())

    def edit_here(
        self, index: Index, trigger: QAbstractItemView.EditTrigger, event: QEvent
    ) -> bool:
        return super().edit(index, trigger, event)

    def closeEditor(self, editor: QWidget, hint: EndEditHint) -> None:  # noqa: N802 (Qt's name)
        super().closeEditor(editor, EndEditHint.NoHint)
        self._grid.setFocus()  # back to the grid, where the keyboard works
        self._grid.after_frozen_edit(hint)


class FrozenPanes:
    """The grid's three panes: the left columns, the coverage row, and their corner."""

    def __init__(self, grid: CriteriaGrid) -> None:
        self.grid = grid
        self.left = Pane(grid, "frozenColumns", header=True, row_numbers=False)
        self.bottom = Pane(grid, "frozenCoverage", header=False, row_numbers=True)
        self.corner = Pane(grid, "frozenCorner", header=False, row_numbers=False)
        self.panes = (self.left, self.bottom, self.corner)
        grid.verticalScrollBar().valueChanged.connect(self.left.verticalScrollBar().setValue)
        self.left.verticalScrollBar().valueChanged.connect(grid.verticalScrollBar().setValue)
        grid.horizontalScrollBar().valueChanged.connect(self.bottom.horizontalScrollBar().setValue)
        self.bottom.horizontalScrollBar().valueChanged.connect(grid.horizontalScrollBar().setValue)
        for bar in (grid.horizontalScrollBar(), grid.verticalScrollBar()):
            bar.valueChanged.connect(self.place)
            bar.rangeChanged.connect(self.place)
        grid.horizontalHeader().sectionResized.connect(self._column_resized)

    def attach(self) -> None:
        model = self.grid.model()
        for pane in self.panes:
            pane.attach()
        if model is not None:
            model.modelReset.connect(self.reset)
        self.reset()

    # --- what each pane shows ------------------------------------------------------------------

    def reset(self) -> None:
        """After the grid's model changed: each pane shows its part, at the grid's sizes."""
        model = self.grid.model()
        if model is None:
            return
        rows, columns = model.rowCount(), model.columnCount()
        for pane in self.panes:
            frozen_columns = pane is not self.bottom
            coverage_only = pane is not self.left
            for column in range(columns):
                pane.setColumnHidden(column, frozen_columns and column >= FIRST_CRITERION)
                pane.setColumnWidth(column, self.grid.columnWidth(column))
            for row in range(rows):
                pane.setRowHidden(row, coverage_only and row != rows - 1)
            pane.verticalHeader().setDefaultSectionSize(
                self.grid.verticalHeader().defaultSectionSize()
            )
        self.place()

    def set_span(self, row: int, column: int, rows: int, columns: int) -> None:
        for pane in self.panes:
            pane.clearSpans()
            pane.setSpan(row, column, rows, columns)

    def clear_spans(self) -> None:
        for pane in self.panes:
            pane.clearSpans()

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        for pane in self.panes:
            pane.setColumnWidth(column, new)
        self.place()

    # --- where the panes are -------------------------------------------------------------------

    def frozen_width(self) -> int:
        return sum(self.grid.columnWidth(c) for c in range(min(FIRST_CRITERION, self._columns())))

    def _columns(self) -> int:
        model = self.grid.model()
        return model.columnCount() if model is not None else 0

    def coverage_row(self) -> int:
        model = self.grid.model()
        return model.rowCount() - 1 if model is not None else -1

    def coverage_top(self) -> int | None:
        """The top of the frozen coverage row in the viewport, or None while the row is in
        sight where it is (nothing needs freezing)."""
        row = self.coverage_row()
        if row < 0:
            return None
        height, viewport = self.grid.rowHeight(row), self.grid.viewport().height()
        if self.grid.rowViewportPosition(row) + height <= viewport:
            return None
        return viewport - height

    def place(self) -> None:
        grid = self.grid
        viewport = grid.viewport().geometry()
        sideways = grid.horizontalScrollBar().value() > 0 and self._columns() > FIRST_CRITERION
        width = self.frozen_width()
        header = grid.horizontalHeader().height()
        self.left.horizontalHeader().setFixedHeight(header)
        self.left.setGeometry(
            viewport.x(), viewport.y() - header, width, viewport.height() + header
        )
        self.left.setVisible(sideways)
        top = self.coverage_top()
        if top is not None:
            height = grid.rowHeight(self.coverage_row())
            numbers = grid.verticalHeader().width()
            self.bottom.verticalHeader().setFixedWidth(numbers)
            self.bottom.setGeometry(
                viewport.x() - numbers, viewport.y() + top, viewport.width() + numbers, height
            )
            self.bottom.horizontalScrollBar().setValue(grid.horizontalScrollBar().value())
            self.corner.setGeometry(viewport.x(), viewport.y() + top, width, height)
        self.bottom.setVisible(top is not None)
        self.corner.setVisible(top is not None and sideways)
        for pane in self.panes:
            pane.raise_()

    def covers(self, index: Index) -> tuple[int, int]:
        """How far the grid must scroll (sideways, down) for `index` to be clear of the panes."""
        rect = self.grid.visualRect(index)
        sideways = down = 0
        if index.column() >= FIRST_CRITERION and rect.left() < self.frozen_width():
            sideways = rect.left() - self.frozen_width()
        top = self.coverage_top()
        if index.row() != self.coverage_row() and top is not None and rect.bottom() >= top:
            down = rect.bottom() - top + 1
        return sideways, down
