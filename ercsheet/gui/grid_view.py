"""The criteria grid as the assessor uses it: a click or Space toggles a tick, arrows and Tab
move, Enter or typing edits a reference, title or method in place."""

from __future__ import annotations

from ercsheet.domain.vocabulary import Method
from ercsheet.gui.grid_header import TwoLevelHeader
from ercsheet.gui.grid_model import FIRST_CRITERION, METHOD, REF, TITLE
from ercsheet.gui.qt.core import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from ercsheet.gui.qt.gui import QKeyEvent
from ercsheet.gui.qt.widgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex


class MethodDelegate(QStyledItemDelegate):
    """The assessment methods of PRODUCT.md in a list; the store refuses those a unit forbids."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802 (Qt's name)
        if index.column() != METHOD:
            return super().createEditor(parent, option, index)
        editor = QComboBox(parent)
        editor.setAccessibleName("Assessment method")
        for method in Method:
            editor.addItem(f"{method.label} ({method.abbreviation})", method.value)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802 (Qt's name)
        if isinstance(editor, QComboBox):
            current = Method(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(0, editor.findData(current.value)))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802 (Qt's name)
        if isinstance(editor, QComboBox):
            chosen = Method(editor.currentData())
            if chosen != index.data(Qt.ItemDataRole.EditRole):
                model.setData(index, chosen, Qt.ItemDataRole.EditRole)
            return
        text = editor.property("text")
        if text != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, text, Qt.ItemDataRole.EditRole)


class CriteriaGrid(QTableView):
    toggle_requested = Signal(int, int)  # row, column of an AC cell

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("criteriaGrid")
        self.setAccessibleName("Criteria grid")
        self.setAccessibleDescription(
            "Evidence items in rows, assessment criteria in columns. Space or a click ticks a "
            "criterion; Enter edits a reference, title or method."
        )
        self.setHorizontalHeader(TwoLevelHeader(self))
        self.setItemDelegate(MethodDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setWordWrap(False)
        self.setTabKeyNavigation(True)
        self.setMouseTracking(True)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.clicked.connect(self._clicked)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt's name)
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self.size_columns)
        self.size_columns()

    def size_columns(self) -> None:
        """Readable widths on a 1366-pixel screen: a title that takes what the ACs leave."""
        model = self.model()
        if model is None:
            return
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        tick_width = max(metrics.horizontalAdvance("10.10") + 8, 32)
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(REF, metrics.horizontalAdvance("E000") + 28)
        self.setColumnWidth(METHOD, metrics.horizontalAdvance("Witness testimony") + 14)
        for column in range(FIRST_CRITERION, model.columnCount()):
            self.setColumnWidth(column, tick_width)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        if model.columnCount() - FIRST_CRITERION > 16:
            # Many ACs: let the title keep a usable width and the grid scroll sideways.
            header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(TITLE, metrics.horizontalAdvance("x") * 34)

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() >= FIRST_CRITERION:
            self.toggle_requested.emit(index.row(), index.column())

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt's names)
        """Tab moves from cell to cell; past the last cell (Shift+Tab: before the first) it
        leaves the grid, so the keyboard is never trapped in it."""
        model, index = self.model(), self.currentIndex()
        if model is not None and index.isValid():
            last = index.row() == model.rowCount() - 1 and index.column() == model.columnCount() - 1
            first = index.row() == 0 and index.column() == 0
            if (next and last) or (not next and first):
                return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        index = self.currentIndex()
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            # Ctrl+Tab / Ctrl+Shift+Tab: on to the next or previous control from any cell.
            QWidget.focusNextPrevChild(self, key == Qt.Key.Key_Tab)
            return
        on_tick = index.isValid() and index.column() >= FIRST_CRITERION
        if on_tick and key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.toggle_requested.emit(index.row(), index.column())
            return
        if (
            index.isValid()
            and not on_tick
            and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and index.flags() & Qt.ItemFlag.ItemIsEditable
        ):
            self.edit(index)
            return
        super().keyPressEvent(event)
