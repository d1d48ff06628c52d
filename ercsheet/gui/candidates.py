"""The left of the window: candidates with search, and the selected candidate's sheets."""

from __future__ import annotations

from collections.abc import Callable

from ercsheet.gui.candidate_models import CandidateListModel, SheetListModel
from ercsheet.gui.qt.core import (
    QModelIndex,
    QPoint,
    Qt,
    Signal,
)
from ercsheet.gui.qt.gui import QAction, QKeySequence
from ercsheet.gui.qt.widgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from ercsheet.store.store import CandidateInfo, SheetSummary, Store


class CandidatePanel(QWidget):
    """The candidates and the chosen one's sheets. What is selected here is what the window
    shows and edits: `selection_changed` says so whenever it changes, and only then."""

    selection_changed = Signal(object, object)  # candidate id or None, sheet id or None
    sheet_chosen = Signal(int)  # Enter or a double click on a sheet: work on it
    new_candidate = Signal()
    edit_candidate = Signal(int)
    new_sheet = Signal(int)
    audit_trail = Signal(int)  # the candidate's audit trail, asked from the list's menu
    register = Signal(int)  # register the candidate on a qualification
    progress = Signal(int)  # the candidate's progress
    delete_candidate = Signal(int)  # asked from the list's menu or with the Delete key
    delete_sheet = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.search = QLineEdit(self)
        self.search.setObjectName("candidateSearch")
        self.search.setPlaceholderText("Search name or number")
        self.search.setAccessibleName("Search candidates by name or number")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        # From the search to the candidates found, as a search box leads to its results.
        self.search.returnPressed.connect(self._to_results)
        _on_key(self.search, QKeySequence(Qt.Key.Key_Down), self._to_results)
        self.no_match = QLabel(self)
        self.no_match.setObjectName("noCandidateMatch")
        self.no_match.setWordWrap(True)
        self.no_match.setTextFormat(Qt.TextFormat.PlainText)
        self.no_match.hide()
        # What the window was last told is selected, and whether a refresh is under way (its
        # steps pass through states that are no one's selection: not announced).
        self._announced: tuple[int | None, int | None] | None = None
        self._refreshing = 0

        self.candidate_model = CandidateListModel(store.candidates)
        self.candidate_list = QListView(self)
        self.candidate_list.setObjectName("candidateList")
        self.candidate_list.setAccessibleName("Candidates")
        self.candidate_list.setModel(self.candidate_model)
        # Every row is one line: Qt need not measure ten thousand candidates to lay them out.
        self.candidate_list.setUniformItemSizes(True)
        self.candidate_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.candidate_list.selectionModel().currentChanged.connect(self._candidate_changed)
        self.candidate_list.doubleClicked.connect(self._edit_clicked)
        self.candidate_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.candidate_list.customContextMenuRequested.connect(self._show_context_menu)

        self.sheet_model = SheetListModel()
        self.sheet_list = QTableView(self)
        self.sheet_list.setObjectName("sheetList")
        self.sheet_list.setAccessibleName("Sheets of the selected candidate")
        self.sheet_list.setModel(self.sheet_model)
        self.sheet_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sheet_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sheet_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Rows are chosen with the arrows; Tab moves on to the next control, not the next cell.
        self.sheet_list.setTabKeyNavigation(False)
        self.sheet_list.verticalHeader().hide()
        # Each row as tall as its lines (the unit, then its qualification); each line elided
        # at the pane's edge rather than wrapped into a third.
        self.sheet_list.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.sheet_list.setWordWrap(False)
        self.sheet_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.sheet_list.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.sheet_list.activated.connect(self._sheet_activated)
        self.sheet_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.sheet_list.customContextMenuRequested.connect(self._show_sheet_menu)
        # The Delete key deletes what is selected in the list that has the focus (asking first).
        delete = QKeySequence(QKeySequence.StandardKey.Delete)
        _on_key(self.candidate_list, delete, self._delete_candidate_clicked)
        _on_key(self.sheet_list, delete, self._delete_sheet_clicked)
        self.sheet_list.selectionModel().selectionChanged.connect(self._announce)

        self.new_button = QPushButton("New candidate…", self)
        self.new_button.setObjectName("newCandidateButton")
        self.new_button.clicked.connect(self.new_candidate)
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.setObjectName("editCandidateButton")
        self.edit_button.clicked.connect(self._edit_clicked)
        self.new_sheet_button = QPushButton("New sheet…", self)
        self.new_sheet_button.setObjectName("newSheetButton")
        self.new_sheet_button.clicked.connect(self._new_sheet_clicked)
        self.register_button = QPushButton("Register…", self)
        self.register_button.setObjectName("registerButton")
        self.register_button.setToolTip("Register the candidate on a qualification")
        self.register_button.clicked.connect(self._register_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        sheet_buttons = QHBoxLayout()
        sheet_buttons.addWidget(QLabel("Sheets", self))
        sheet_buttons.addStretch(1)
        sheet_buttons.addWidget(self.register_button)
        sheet_buttons.addWidget(self.new_sheet_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.no_match)
        layout.addWidget(self.candidate_list, 3)
        layout.addLayout(buttons)
        layout.addLayout(sheet_buttons)
        layout.addWidget(self.sheet_list, 2)
        self.refresh()

    @property
    def candidate_id(self) -> int | None:
        index = self.candidate_list.currentIndex()
        return int(index.data(Qt.ItemDataRole.UserRole)) if index.isValid() else None

    @property
    def sheet_id(self) -> int | None:
        """The selected sheet (None: none is)."""
        rows = self.sheet_list.selectionModel().selectedRows()
        return int(rows[0].data(Qt.ItemDataRole.UserRole)) if rows else None

    @property
    def candidate(self) -> CandidateInfo | None:
        index = self.candidate_list.currentIndex()
        return self.candidate_model.candidates[index.row()] if index.isValid() else None

    def refresh(self) -> None:
        """Re-read the candidates (and the current one's sheets), keeping the selection when
        the candidate is still listed; when the search leaves them out, nothing is selected."""
        selected = self.candidate_id
        self._refreshing += 1
        try:
            self.candidate_model.show(self.search.text())
            self.select_candidate(selected)
        finally:
            self._refreshing -= 1
        search = self.search.text().strip()
        listed = self.candidate_model.rowCount() > 0
        self.no_match.setText(
            f"No candidate's name or number holds “{search}”. Accents and capitals do not "
            "matter; try part of the name, or the candidate number."
        )
        self.no_match.setVisible(bool(search) and not listed)
        self._update_buttons()
        self._announce()

    def select_candidate(self, candidate_id: int | None) -> None:
        row = self.candidate_model.row_of(candidate_id)
        if row is not None and self.candidate_list.currentIndex().row() != row:
            self.candidate_list.setCurrentIndex(self.candidate_model.index(row))
            return  # _candidate_changed shows their sheets
        if row is None:
            self.candidate_list.setCurrentIndex(QModelIndex())
        self.refresh_sheets()

    def refresh_sheets(self, select_sheet: int | None = None, keep: bool = True) -> None:
        """Re-read the candidate's sheets, selecting `select_sheet`, or (`keep`) the sheet
        selected before if it is still theirs."""
        candidate_id = self.candidate_id
        if select_sheet is None and keep:
            select_sheet = self.sheet_id
        sheets = [] if candidate_id is None else self._store.sheets(candidate_id)
        self._refreshing += 1
        try:
            self.sheet_model.show(sheets)
            self.sheet_list.clearSelection()
            for row, sheet in enumerate(sheets):
                if sheet.id == select_sheet:
                    self.sheet_list.selectRow(row)
        finally:
            self._refreshing -= 1
        self._update_buttons()
        self._announce()

    def announce(self, again: bool = False) -> None:
        """Tell the window what is selected (`again`: even if it was told so already)."""
        if again:
            self._announced = None
        self._announce()

    def _announce(self, *_args: object) -> None:
        if self._refreshing:
            return
        now = (self.candidate_id, self.sheet_id)
        if now != self._announced:
            self._announced = now
            self.selection_changed.emit(*now)

    def show_summary(self, summary: SheetSummary) -> None:
        self.sheet_model.replace(summary)

    def _update_buttons(self) -> None:
        chosen = self.candidate_id is not None
        self.edit_button.setEnabled(chosen)
        self.new_sheet_button.setEnabled(chosen)
        self.register_button.setEnabled(chosen)

    def _candidate_changed(self, *_args: object) -> None:
        # Another candidate: none of their sheets is chosen yet. The same one selected again
        # (the list re-read): their sheet stays chosen.
        told = self._announced[0] if self._announced is not None else None
        self.refresh_sheets(keep=self.candidate_id == told)

    def _sheet_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sheet_chosen.emit(int(index.data(Qt.ItemDataRole.UserRole)))

    def _edit_clicked(self, *_args: object) -> None:
        if self.candidate_id is not None:
            self.edit_candidate.emit(self.candidate_id)

    def context_menu(self) -> QMenu | None:
        """The menu of the selected candidate (None when none is selected)."""
        candidate_id = self.candidate_id
        if candidate_id is None:
            return None
        menu = QMenu(self)
        menu.addAction("Edit…", lambda: self.edit_candidate.emit(candidate_id))
        menu.addAction("New sheet…", lambda: self.new_sheet.emit(candidate_id))
        menu.addAction("Register on a qualification…", lambda: self.register.emit(candidate_id))
        menu.addSeparator()
        menu.addAction("Progress…", lambda: self.progress.emit(candidate_id))
        menu.addAction("Audit trail…", lambda: self.audit_trail.emit(candidate_id))
        menu.addSeparator()
        menu.addAction("Delete candidate…", lambda: self.delete_candidate.emit(candidate_id))
        return menu

    def sheet_menu(self) -> QMenu | None:
        """The menu of the selected sheet (None when none is selected)."""
        sheet_id = self.sheet_id
        if sheet_id is None:
            return None
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.sheet_chosen.emit(sheet_id))
        menu.addSeparator()
        menu.addAction("Delete sheet…", lambda: self.delete_sheet.emit(sheet_id))
        return menu

    def _show_sheet_menu(self, pos: QPoint) -> None:
        index = self.sheet_list.indexAt(pos)
        if index.isValid():
            self.sheet_list.selectRow(index.row())
        menu = self.sheet_menu()
        if menu is not None:
            menu.exec(self.sheet_list.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _to_results(self) -> None:
        """The first candidate found (or the one selected) becomes current, with the focus."""
        if self.candidate_model.rowCount() == 0:
            return
        if self.candidate_id is None:
            self.candidate_list.setCurrentIndex(self.candidate_model.index(0))
        self.candidate_list.setFocus()

    def _delete_candidate_clicked(self) -> None:
        if self.candidate_id is not None:
            self.delete_candidate.emit(self.candidate_id)

    def _delete_sheet_clicked(self) -> None:
        if self.sheet_id is not None:
            self.delete_sheet.emit(self.sheet_id)

    def _show_context_menu(self, pos: QPoint) -> None:
        index = self.candidate_list.indexAt(pos)
        if index.isValid():
            self.candidate_list.setCurrentIndex(index)
        menu = self.context_menu()
        if menu is not None:
            menu.exec(self.candidate_list.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _register_clicked(self) -> None:
        if self.candidate_id is not None:
            self.register.emit(self.candidate_id)

    def _new_sheet_clicked(self) -> None:
        if self.candidate_id is not None:
            self.new_sheet.emit(self.candidate_id)


def _on_key(widget: QWidget, key: QKeySequence, slot: Callable[[], None]) -> None:
    """`key` runs `slot` while `widget` has the focus (and nowhere else)."""
    action = QAction(widget)
    action.setShortcut(key)
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(slot)
    widget.addAction(action)
