"""Choosing the unit of a new sheet: one line per unit in each qualification that uses it, with
its level and AC count; an expired unit asks for confirmation first."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ercsheet.catalogue.model import Unit, labelled
from ercsheet.domain import rules
from ercsheet.domain.dates import uk
from ercsheet.domain.folding import fold, search_words
from ercsheet.gui.named_columns import NamedColumnsModel
from ercsheet.gui.qt.core import QModelIndex, QPersistentModelIndex, Qt
from ercsheet.gui.qt.gui import QBrush, QColor
from ercsheet.gui.qt.widgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from ercsheet.gui.unit_details import urn_line

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class UnitChoice:
    unit: Unit
    qualification: str  # the qualification's title, "" for a unit used on its own
    unit_number: str

    @property
    def label(self) -> str:
        """ "Unit 40 (F17)": as this qualification numbers the unit, with its own code."""
        return self.unit.unit_label(self.unit.context(self.qualification))

    @property
    def listed_title(self) -> str:
        return labelled(self.label, self.unit.display_title)


def matches(choice: UnitChoice, search: str) -> bool:
    """Whether the unit is what the search names, by what the list shows and what an
    assessor knows: "Unit 40", "unit f17", "D/600/9804", "m5062898", words of its title or
    qualification ("team leading"), "level 4"; accents and capitals ignored.

    Every word must be found. "Unit" followed by a word names the unit's number or code, from
    its start ("Unit 4" while typing "Unit 40"): "Unit 1" is Unit 1, not every unit with a 1 in
    its reference number. "Level" followed by a word names the unit's level."""
    unit = choice.unit
    numbers = [fold(n) for n in (choice.unit_number, unit.code) if n]
    known = [
        choice.listed_title,
        choice.qualification or "",
        unit.urn,
        unit.urn.replace("/", ""),
        unit.id,
        *unit.nos,
    ]
    text = fold(" ".join(known))
    words = list(search_words(search))
    while words:
        word = words.pop(0)
        if word == "unit" and words:
            number = words.pop(0)
            if not any(n.startswith(number) for n in numbers):
                return False
        elif word == "level" and words:
            if words.pop(0) != str(unit.level or ""):
                return False
        elif word not in text:
            return False
    return True


# Shown in full up to this many; the rest are counted (`ercsheet units` lists them all).
SHOWN_REPORTS = 4


def _reports_html(reports: list[str]) -> str:
    if not reports:
        return ""
    lines = [html.escape(r) for r in reports[:SHOWN_REPORTS]]
    if len(reports) > SHOWN_REPORTS:
        lines.append(f"… and {len(reports) - SHOWN_REPORTS} more (ercsheet units lists them all)")
    return "<span style='color:#a40000'><b>Unit files to check:</b></span><br>" + "<br>".join(lines)


def choices(catalogue: Catalogue) -> list[UnitChoice]:
    found: list[UnitChoice] = []
    for unit in catalogue.sorted_units():
        contexts = unit.qualifications or ()
        found += [UnitChoice(unit, q.title, q.unit_number) for q in contexts]
        if not contexts:
            found.append(UnitChoice(unit, "", ""))
    return found


class UnitTableModel(NamedColumnsModel):
    HEADERS = ("Unit", "Qualification", "Level", "ACs", "Expires")

    def __init__(self, rows: list[UnitChoice], today: dt.date) -> None:
        super().__init__()
        self.rows, self._today = rows, today

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        choice = self.rows[index.row()]
        unit = choice.unit
        expired = unit.is_expired(self._today)
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                choice.listed_title,
                choice.qualification or "(on its own)",
                str(unit.level) if unit.level else "",
                str(len(unit.criterion_numbers)),
                (uk(unit.expires) + (" — expired" if expired else "")) if unit.expires else "",
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and expired:
            return QBrush(QColor("#a40000"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (choice.listed_title, choice.qualification) if p)
        return None


class UnitPicker(QDialog):
    def __init__(self, catalogue: Catalogue, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New sheet: choose the unit")
        self._today = today
        self._all = choices(catalogue)
        self.choice: UnitChoice | None = None
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(
            "Find a unit: Unit 40, D/600/9804, words of its title or qualification"
        )
        self.filter.setAccessibleName("Find a unit")
        self.filter.setAccessibleName("Filter units")
        self.filter.textChanged.connect(self._filter)
        self.model = UnitTableModel(list(self._all), today)
        self.table = QTableView(self)
        self.table.setObjectName("unitTable")
        self.table.setAccessibleName("Units")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self.accept)
        self.details = QLabel(self)
        self.details.setObjectName("unitPickerDetails")
        self.details.setWordWrap(True)
        self.details.setMinimumHeight(60)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.create_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("Create sheet")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Unit files that did not load, or loaded with a warning (two units with one URN): said
        # here, where a missing unit would be looked for.
        self.reports = QLabel(_reports_html(catalogue.reports), self)
        self.reports.setObjectName("unitFileReports")
        self.reports.setWordWrap(True)
        self.reports.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reports.setVisible(bool(catalogue.reports))
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.reports)
        layout.addWidget(buttons)
        self.resize(900, 420)
        self._select_first()

    def _filter(self, text: str) -> None:
        self.model.beginResetModel()
        self.model.rows = [c for c in self._all if matches(c, text)]
        self.model.endResetModel()
        self._select_first()

    def _select_first(self) -> None:
        # The details always describe a listed unit: the first, or none when none is listed.
        if self.model.rows:
            self.table.selectRow(0)
        else:
            self.table.setCurrentIndex(QModelIndex())
        self._show_details()

    def _selected(self) -> UnitChoice | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def _show_details(self, *_args: object) -> None:
        choice = self._selected()
        self.create_button.setEnabled(choice is not None)
        if choice is None:
            search = self.filter.text().strip()
            self.details.setText(
                f"No unit matches “{html.escape(search)}”. Search by unit number (Unit 40), "
                "unit reference number (D/600/9804), or words of the title or qualification; "
                "accents and capitals do not matter."
                if search
                else ""
            )
            return
        unit = choice.unit
        facts = [
            choice.qualification,
            f"Level {unit.level}" if unit.level else "",
        ]
        lines = [
            f"<b>{html.escape(choice.listed_title)}</b>",
            html.escape(" · ".join(f for f in facts if f)) + urn_line(unit.urn),
        ]
        for outcome in unit.learning_outcomes:
            lines.append(html.escape(f"{outcome.label} {outcome.title}"))
        for problem in rules.incomplete_unit(unit):
            lines.append(f"<span style='color:#a40000'>{html.escape(problem.message)}</span>")
        for problem in rules.check_new_sheet(unit, self._today):
            lines.append(f"<span style='color:#a40000'>{html.escape(problem.message)}</span>")
        # A block each: after the URN's no-wrap block, text that is not in a block of its own
        # kept its no-wrap (Qt), and the incomplete unit's long sentence widened the dialog past
        # the screen.
        self.details.setText("".join(f"<div>{line}</div>" for line in lines))

    def accept(self) -> None:
        choice = self._selected()
        if choice is None:
            return
        warnings = rules.check_new_sheet(choice.unit, self._today)
        if warnings:
            answer = QMessageBox.warning(
                self,
                "Expired unit",
                f"{warnings[0].message}\n\nStart a sheet on this expired unit anyway?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.choice = choice
        super().accept()
