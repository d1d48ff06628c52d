"""The criteria grid as the assessor uses it: a click or Space toggles a tick, arrows and Tab
move, Enter or typing edits a reference, title or method in place."""

from __future__ import annotations

from ercsheet.domain import evidence_rules
from ercsheet.domain.vocabulary import Method
from ercsheet.gui.grid_header import TwoLevelHeader
from ercsheet.gui.grid_model import FIRST_CRITERION, METHOD, REF, TITLE, GridModel
from ercsheet.gui.grid_panes import FrozenPanes
from ercsheet.gui.qt.core import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from ercsheet.gui.qt.gui import QFontMetrics, QKeyEvent, QStandardItemModel
from ercsheet.gui.qt.widgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex
EnsureVisible = QAbstractItemView.ScrollHint.EnsureVisible


def tick_width(view: QWidget, numbers: list[str] | None = None) -> int:
    """An AC column: wide enough for the unit's longest number (`3.8`, `10.10`) in the
    header's bold (the current column's), and no wider: more criteria in sight."""
    bold = view.font()
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    widest = max((metrics.horizontalAdvance(n) for n in numbers or ["10.10"]), default=0)
    return max(widest + 12, 28)


class MethodDelegate(QStyledItemDelegate):
    """The assessment methods of PRODUCT.md in a list; those the unit refuses are shown disabled,
    with the reason (the store refuses them too)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802 (Qt's name)
        if index.column() != METHOD:
            return super().createEditor(parent, option, index)
        editor = QComboBox(parent)
        editor.setAccessibleName("Assessment method")
        model = index.model()
        unit = model.unit if isinstance(model, GridModel) else None
        # The unit's refusals, and those of the ACs this item is ticked against.
        ticked = model.rows[index.row()].criteria if isinstance(model, GridModel) else set()
        refused = evidence_rules.refused_methods(unit, ticked) if unit is not None else {}
        by_unit = evidence_rules.refused_methods(unit) if unit is not None else {}
        for method in Method:
            label = (
                f"{unit.method_label(method)} ({unit.method_abbreviation(method)})"
                if unit is not None
                else f"{method.label} ({method.abbreviation})"
            )
            if method in refused:
                label += (
                    " — not allowed for this unit"
                    if method in by_unit
                    else " — not allowed for the criteria ticked"
                )
            editor.addItem(label, method.value)
            if method in refused:
                # Shown, not hidden: the assessor sees it exists and why it cannot be chosen.
                row = editor.count() - 1
                editor.setItemData(row, refused[method], Qt.ItemDataRole.ToolTipRole)
                item = editor.model()
                if isinstance(item, QStandardItemModel):
                    standard = item.item(row)
                    if standard is not None:
                        standard.setEnabled(False)
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
        # The header first: the panes follow its sections' sizes, and Qt lays the view out
        # (updateGeometries, which places the panes) as soon as it is set.
        self.setHorizontalHeader(TwoLevelHeader(self))
        self.panes = FrozenPanes(self)
        self.setObjectName("criteriaGrid")
        self.setAccessibleName("Criteria grid")
        self.setAccessibleDescription(
            "Evidence items in rows, assessment criteria in columns. Space or a click ticks a "
            "criterion; Enter edits a reference, title or method."
        )
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
        # By the pixel: the frozen panes line up with the cells scrolling beside them.
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalScrollBar().setSingleStep(tick_width(self))
        self.verticalScrollBar().setSingleStep(self.verticalHeader().defaultSectionSize())
        self.clicked.connect(self._clicked)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt's name)
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self.size_columns)
        self.size_columns()
        self.panes.attach()

    def set_summary_span(self, row: int) -> None:
        """The coverage row's summary spans the reference, title and method (panes too)."""
        self.clearSpans()
        self.setSpan(row, REF, 1, FIRST_CRITERION)
        self.panes.set_span(row, REF, 1, FIRST_CRITERION)

    def clear_spans(self) -> None:
        self.clearSpans()
        self.panes.clear_spans()

    # --- the frozen panes ------------------------------------------------------------------------

    def updateGeometries(self) -> None:  # noqa: N802 (Qt's name)
        super().updateGeometries()
        self.panes.place()

    def scrollTo(  # noqa: N802 (Qt's name)
        self, index: Index, hint: QAbstractItemView.ScrollHint = EnsureVisible
    ) -> None:
        """Bring a cell into view clear of the frozen panes; a frozen column's cell is always
        in view sideways, so reaching it never scrolls the criteria back."""
        sideways = self.horizontalScrollBar().value()
        super().scrollTo(index, hint)
        if not index.isValid():
            return
        if index.column() < FIRST_CRITERION:
            self.horizontalScrollBar().setValue(sideways)
        left, down = self.panes.covers(index)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + left)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + down)

    def edit(  # type: ignore[override]
        self,
        index: Index,
        trigger: QAbstractItemView.EditTrigger | None = None,
        event: QEvent | None = None,
    ) -> bool:
        """A frozen cell is edited where it is seen: in the pane over it, once the criteria
        have scrolled sideways."""
        if trigger is None:
            super().edit(index)
            return self.state() == QAbstractItemView.State.EditingState
        left = self.panes.left
        if left.isVisible() and index.isValid() and index.column() < FIRST_CRITERION:
            return left.edit_here(index, trigger, event)  # type: ignore[arg-type]
        return super().edit(index, trigger, event)  # type: ignore[arg-type]

    def after_frozen_edit(self, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """A pane's editor closed: Tab and Shift+Tab move on as they do in the grid."""
        action = {
            QAbstractItemDelegate.EndEditHint.EditNextItem: self.CursorAction.MoveNext,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem: self.CursorAction.MovePrevious,
        }.get(hint)
        if action is not None:
            self.setCurrentIndex(self.moveCursor(action, Qt.KeyboardModifier.NoModifier))

    def size_columns(self) -> None:
        """Readable widths on a 1366-pixel screen: a title that takes what the ACs leave."""
        model = self.model()
        if model is None:
            return
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(REF, metrics.horizontalAdvance("E000") + 28)
        self.setColumnWidth(METHOD, metrics.horizontalAdvance("Witness testimony") + 14)
        numbers = [
            str(model.headerData(c, Qt.Orientation.Horizontal))
            for c in range(FIRST_CRITERION, model.columnCount())
        ]
        width = tick_width(self, numbers)
        for column in range(FIRST_CRITERION, model.columnCount()):
            self.setColumnWidth(column, width)
        self.horizontalScrollBar().setSingleStep(width)
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
