"""The left pane's lists as Qt models: the candidates (read a page at a time) and the selected
candidate's sheets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ercsheet.catalogue.model import labelled
from ercsheet.gui.named_columns import NamedColumnsModel
from ercsheet.gui.qt.core import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from ercsheet.gui.qt.gui import QBrush, QColor
from ercsheet.store.store import CandidateInfo, SheetSummary

Index = QModelIndex | QPersistentModelIndex


class CandidateListModel(QAbstractListModel):
    """Candidates, read from the store a page at a time as the list scrolls: a centre has
    thousands, and the window should not read them all before it shows the first screenful."""

    PAGE = 200

    def __init__(self, read_page: Callable[[str, int, int], list[CandidateInfo]]) -> None:
        """`read_page(search, limit, offset)`: the matching candidates, in the list's order."""
        super().__init__()
        self._read_page = read_page
        self._search = ""
        self.candidates: list[CandidateInfo] = []
        self._complete = True

    def show(self, search: str) -> None:
        self.beginResetModel()
        self._search = search
        self.candidates = self._read_page(search, self.PAGE, 0)
        self._complete = len(self.candidates) < self.PAGE
        self.endResetModel()

    def row_of(self, candidate_id: int | None) -> int | None:
        """The candidate's row, reading the pages before it when it is further down."""
        checked = 0
        while True:
            for row in range(checked, len(self.candidates)):
                if self.candidates[row].id == candidate_id:
                    return row
            checked = len(self.candidates)
            if candidate_id is None or self._complete:
                return None
            self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.candidates)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 (Qt's name)
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: Index) -> None:  # noqa: N802 (Qt's name)
        if parent.isValid() or self._complete:
            return
        page = self._read_page(self._search, self.PAGE, len(self.candidates))
        self._complete = len(page) < self.PAGE
        if page:
            start = len(self.candidates)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self.candidates.extend(page)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        candidate = self.candidates[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            number = f" ({candidate.candidate_number})" if candidate.candidate_number else ""
            return candidate.name + number
        if role == Qt.ItemDataRole.UserRole:
            return candidate.id
        return None


class SheetListModel(NamedColumnsModel):
    HEADERS = ("Unit", "Status", "Covered")

    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[SheetSummary] = []

    def show(self, sheets: list[SheetSummary]) -> None:
        self.beginResetModel()
        self.sheets = sheets
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.sheets)

    def replace(self, summary: SheetSummary) -> None:
        """One sheet's coverage or status changed: show it in its row."""
        for row, sheet in enumerate(self.sheets):
            if sheet.id == summary.id:
                self.sheets[row] = summary
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    @staticmethod
    def unit_text(sheet: SheetSummary) -> str:
        """The unit as the sheet's qualification numbers it, then its title, and on a second
        line the qualification: Unit 1, Unit 40 (F17) and Unit 29 (F17) share a title
        ("Manage customer service …"), and it is their numbers that tell them apart."""
        first = labelled(sheet.unit_label, sheet.unit_title)
        return f"{first}\n{sheet.qualification}" if sheet.qualification else first

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        sheet = self.sheets[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.unit_text(sheet), sheet.status, f"{sheet.covered}/{sheet.total}")[
                index.column()
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                p for p in (sheet.unit_label, sheet.unit_title, sheet.qualification) if p
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            unit = self.unit_text(sheet).replace("\n", ", ")
            return (unit, sheet.status, f"{sheet.covered} of {sheet.total} covered")[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            complete = sheet.covered == sheet.total
            return QBrush(QColor("#1d6b14" if complete else "#8a5a00"))
        if role == Qt.ItemDataRole.UserRole:
            return sheet.id
        return None
