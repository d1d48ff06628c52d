"""A candidate's progress: per registration, what its rules of combination say (the domain's
words, `progress_words`) and a table of its units' sheets; the sheets of no registration; the
criteria still to cover; the evidence covering most. A unit double-clicked opens its sheet."""

from __future__ import annotations

from ercsheet.catalogue.loaded import Catalogue
from ercsheet.domain.progress_words import UNREGISTERED, rule_lines, status
from ercsheet.gui.qt.core import Qt, Signal
from ercsheet.gui.qt.widgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ercsheet.store.progress_reading import CandidateProgress, RegistrationProgress, UnitProgress
from ercsheet.store.store import Store

COLUMNS = ("Unit", "Status", "Covered", "Learning outcomes")


def _label(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _plural(count: int, one: str, more: str) -> str:
    return f"{count} {one if count == 1 else more}"


class UnitTable(QTableWidget):
    """The sheets of one registration (or of none): a row each, double-click to open one."""

    open_sheet = Signal(int)

    def __init__(self, units: tuple[UnitProgress, ...], parent: QWidget | None = None) -> None:
        super().__init__(len(units), len(COLUMNS), parent)
        self.setObjectName("progressUnits")
        self.setAccessibleName("Units and their sheets; double-click one to open it")
        self.setHorizontalHeaderLabels(COLUMNS)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.units = units
        for row, unit in enumerate(units):
            outcomes = "  ".join(f"{o.label} {o.covered}/{o.total}" for o in unit.outcomes)
            tip = "\n".join(f"{o.label} {o.title}: {o.covered} of {o.total}" for o in unit.outcomes)
            cells = (
                unit.name,
                "signed off" if unit.signed else "draft",
                f"{unit.covered}/{unit.total}",
                outcomes,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, unit.sheet_id)
                item.setToolTip(
                    tip if column == 3 else f"{unit.name}: double-click to open its sheet"
                )
                self.setItem(row, column, item)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.resizeRowsToContents()
        rows = self.verticalHeader().length() or self.verticalHeader().defaultSectionSize()
        self.setFixedHeight(rows + header.sizeHint().height() + 2 * self.frameWidth() + 2)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemActivated.connect(self._activated)

    def _activated(self, item: QTableWidgetItem) -> None:
        self.open_sheet.emit(int(item.data(Qt.ItemDataRole.UserRole)))


class ProgressDialog(QDialog):
    add_units = Signal(int, str)  # a registration's id, its qualification's

    def __init__(
        self,
        store: Store,
        candidate_id: int,
        catalogue: Catalogue,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self._store, self._candidate_id, self._catalogue = store, candidate_id, catalogue
        self.chosen_sheet: int | None = None  # the sheet double-clicked, to open
        self.tables: list[UnitTable] = []
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(close)
        self.resize(920, 700)
        self.reload()

    def reload(self) -> None:
        found = self._store.progress(self._candidate_id, self._catalogue)
        who = found.candidate
        self.setWindowTitle(f"Progress of {who.name}")
        self.tables = []
        page = QWidget(self)
        page.setObjectName("progressPage")
        layout = QVBoxLayout(page)
        heading = _label(f"{who.name} ({who.candidate_number or 'no number'})", page, "who")
        heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        layout.addWidget(heading)
        if not found.registrations:
            layout.addWidget(
                _label(
                    f"{who.name} is not registered on a qualification yet (Tools → Register "
                    "the candidate on a qualification).",
                    page,
                    "noRegistration",
                )
            )
        for registration in found.registrations:
            layout.addWidget(self._registration(registration, page))
        if found.other_sheets:
            box = QGroupBox(UNREGISTERED, page)
            inner = QVBoxLayout(box)
            inner.addWidget(self._table(found.other_sheets, box))
            layout.addWidget(box)
        layout.addWidget(self._lists(found, page))
        layout.addStretch(1)
        self.area.setWidget(page)

    def _registration(self, registration: RegistrationProgress, parent: QWidget) -> QGroupBox:
        facts = [
            f"registration {registration.number}" if registration.number else "",
            f"registered {registration.registered_on:%d/%m/%Y}"
            if registration.registered_on
            else "",
        ]
        said = ", ".join(fact for fact in facts if fact)
        box = QGroupBox(
            (f"{registration.title} ({said})" if said else registration.title).replace("&", "&&"),
            parent,
        )
        box.setObjectName("registrationBox")
        inner = QVBoxLayout(box)
        rules = registration.rules
        if rules is None:
            inner.addWidget(
                _label(
                    "The qualification is not in the catalogue: its rules cannot be shown.",
                    box,
                    "registrationStatus",
                )
            )
        else:
            state = _label(status(rules), box, "registrationStatus")
            state.setStyleSheet("font-weight: bold;")
            inner.addWidget(state)
            lines = _label("\n".join(rule_lines(rules)), box, "ruleLines")
            lines.setContentsMargins(12, 0, 0, 0)
            inner.addWidget(lines)
        inner.addWidget(self._table(registration.units, box))
        if rules is not None:
            more = QPushButton("Add units…", box)
            more.setObjectName("addUnitsButton")
            more.clicked.connect(
                lambda: self.add_units.emit(registration.id, registration.qualification_id)
            )
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(more)
            inner.addLayout(row)
        return box

    def _table(self, units: tuple[UnitProgress, ...], parent: QWidget) -> UnitTable:
        table = UnitTable(units, parent)
        table.open_sheet.connect(self._open)
        self.tables.append(table)
        return table

    def _lists(self, found: CandidateProgress, parent: QWidget) -> QWidget:
        lists = QWidget(parent)
        both = QVBoxLayout(lists)
        both.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox("Criteria still to cover", lists)
        inner = QVBoxLayout(box)
        both.addWidget(box)
        uncovered = [f"{unit.name}: {', '.join(unit.uncovered)}." for unit in found.uncovered]
        inner.addWidget(
            _label(
                "\n".join(uncovered) or "Every criterion of every sheet is covered.",
                box,
                "uncovered",
            )
        )
        box = QGroupBox("Evidence covering most", lists)
        inner = QVBoxLayout(box)
        both.addWidget(box)
        top = [
            f"{item.ref} {item.title}: {_plural(item.criteria, 'criterion', 'criteria')} on "
            f"{_plural(item.sheets, 'sheet', 'sheets')}."
            for item in found.top_items
        ]
        inner.addWidget(
            _label("\n".join(top) or "No evidence covers a criterion yet.", box, "topItems")
        )
        return lists

    def _open(self, sheet_id: int) -> None:
        self.chosen_sheet = sheet_id
        self.accept()
