"""The unit's own sign-off lines in the review (an employer's, an expert witness's…): a small
table of who signs, the line as the form prints it and whether it must be signed, with buttons
to add a line and remove one. What the importer read is shown as read; the line's key is made
from who signs ("Expert witness": expert_witness), as the importer makes it."""

from __future__ import annotations

from ercsheet.catalogue.importer.result import ParsedSignOff
from ercsheet.catalogue.importer.sign_off import role_of
from ercsheet.gui.qt.core import Qt
from ercsheet.gui.qt.widgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

COLUMNS = ("Who signs", "Line as printed", "Required")
WHO, LINE, REQUIRED = range(3)
TIPS = (
    "Who signs, as the signing panel names them (Employer).",
    "The signature line as the form prints it, with what signing confirms.",
    "Ticked: signed before the assessor can sign off. Not ticked: signed where there is one "
    "(an expert witness, if used).",
)


class SignOffList(QWidget):
    def __init__(self, lines: list[ParsedSignOff], parent: QWidget) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("reviewSignOff")
        self.table.setAccessibleName("Sign-off lines")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setFixedHeight(110)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHO, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LINE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(REQUIRED, QHeaderView.ResizeMode.ResizeToContents)
        for column, tip in enumerate(TIPS):
            heading = self.table.horizontalHeaderItem(column)
            if heading is not None:
                heading.setToolTip(tip)
        for line in lines:
            self.add(line)
        self.add_button = QPushButton("Add a l&ine", self)
        self.add_button.clicked.connect(lambda: self.add(None))
        self.remove_button = QPushButton("R&emove the line", self)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addStretch(1)  # room the form gives beyond the table's stays below it

    def add(self, line: ParsedSignOff | None) -> None:
        """A row for `line`, or an empty one to type in (selected, its first cell edited)."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        cells = [QTableWidgetItem(text) for text in ((line.label, line.line) if line else ("", ""))]
        for column, cell in enumerate(cells):
            self.table.setItem(row, column, cell)
        required = QTableWidgetItem("")
        required.setFlags(
            (required.flags() | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable
        )
        checked = line is None or line.required
        required.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        required.setData(Qt.ItemDataRole.AccessibleTextRole, "Required")
        self.table.setItem(row, REQUIRED, required)
        if line is None:
            self.table.setCurrentCell(row, WHO)
            self.table.editItem(cells[WHO])

    def remove(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows or ([self.table.currentRow()] if self.table.currentRow() >= 0 else []):
            self.table.removeRow(row)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def lines(self) -> list[ParsedSignOff]:
        """The lines as the table now says (rows left empty are no line)."""
        found = []
        for row in range(self.table.rowCount()):
            label, line = self._text(row, WHO), self._text(row, LINE)
            if label or line:
                item = self.table.item(row, REQUIRED)
                required = item is not None and item.checkState() == Qt.CheckState.Checked
                found.append(ParsedSignOff(role_of(label), label, line, required))
        return found

    def problems(self) -> list[str]:
        """What keeps the lines from being saved, in the reviewer's words."""
        found = []
        roles: set[str] = set()
        for index, line in enumerate(self.lines(), start=1):
            if not line.label or not line.line:
                found.append(
                    f"Not saved: sign-off line {index} needs both who signs and the line as "
                    "printed."
                )
            elif not line.role:
                found.append(
                    f"Not saved: sign-off line {index}: name who signs in letters (Employer)."
                )
            elif line.role in roles:
                found.append(f"Not saved: {line.label} signs on two sign-off lines.")
            roles.add(line.role)
        return found
