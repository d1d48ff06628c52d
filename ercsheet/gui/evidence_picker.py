"""Choosing an item of the candidate's evidence library to add to the open sheet ("Add existing
evidence…"): the items not on it yet, found by words of their reference, title or notes, each
with the units it already counts on."""

from __future__ import annotations

from typing import Any

from ercsheet.domain.dates import uk
from ercsheet.gui.named_columns import NamedColumnsModel
from ercsheet.gui.qt.core import QModelIndex, QPersistentModelIndex, Qt
from ercsheet.gui.qt.widgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from ercsheet.store.library_reading import ItemUse, LibraryEntry
from ercsheet.store.store import Store

Index = QModelIndex | QPersistentModelIndex


def uses_text(uses: tuple[ItemUse, ...]) -> str:
    """ "Unit 44 (D.05): 1.3, 2.1; Unit 1: none yet" — where an item counts."""
    return "; ".join(
        f"{use.unit_label}: {', '.join(use.criteria) if use.criteria else 'no criteria yet'}"
        for use in uses
    )


class LibraryModel(NamedColumnsModel):
    HEADERS = ("Reference", "Title", "Method", "Date", "Counts on")

    def __init__(self, entries: list[LibraryEntry]) -> None:
        super().__init__()
        self.entries = entries

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        entry = self.entries[index.row()]
        fields = entry.fields
        return (
            fields.ref,
            fields.title,
            fields.method.label,
            uk(fields.date),
            uses_text(entry.uses) or "no sheet yet",
        )[index.column()]

    def replace(self, entries: list[LibraryEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()


def library_parts(parent: QWidget, table_name: str) -> tuple[QLineEdit, LibraryModel, QTableView]:
    """A search line over a table of the candidate's items (one row each, chosen whole): the
    picker's and the library dialog's."""
    search = QLineEdit(parent)
    search.setPlaceholderText("Find an item: words of its reference, title or notes")
    search.setAccessibleName("Find an evidence item")
    model = LibraryModel([])
    table = QTableView(parent)
    table.setObjectName(table_name)
    table.setAccessibleName("The candidate's evidence")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column in (0, 2, 3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    for column in (1, 4):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return search, model, table


class EvidencePicker(QDialog):
    """The candidate's items not on sheet `sheet_id`; `chosen` is the one picked (accepted)."""

    def __init__(
        self, store: Store, candidate_id: int, sheet_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add existing evidence")
        self.setObjectName("evidencePicker")
        self._store, self._candidate_id, self._sheet_id = store, candidate_id, sheet_id
        self.chosen: LibraryEntry | None = None
        self.search, self.model, self.table = library_parts(self, "evidenceLibraryTable")
        self.search.setObjectName("evidenceSearch")
        self.search.textChanged.connect(self._find)
        self.table.doubleClicked.connect(self.accept)
        self.empty = QLabel(self)
        self.empty.setObjectName("evidencePickerEmpty")
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.add_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText("Add to this sheet")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(860, 380)
        self._find("")

    def _find(self, text: str) -> None:
        entries = [
            entry
            for entry in self._store.library(self._candidate_id, text)
            if all(use.sheet_id != self._sheet_id for use in entry.uses)
        ]
        self.model.replace(entries)
        if entries:
            self.table.selectRow(0)
            self.empty.hide()
        else:
            self.empty.setText(
                "No item matches."
                if text.strip()
                else "All of this candidate's evidence is on "
                "this sheet already: add a new item with Add evidence."
            )
            self.empty.show()
        self.add_button.setEnabled(bool(entries))

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        # Up and Down in the search move through the list: find, then choose, without the mouse.
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.search.hasFocus():
            self.table.setFocus()
            self.table.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            return
        self.chosen = self.model.entries[current.row()]
        super().accept()
