"""The record of a sheet: its audit trail, its superseded versions, and finding a sheet by code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet.domain.audit import AuditEntry, entry_problem
from ercsheet.domain.dates import uk
from ercsheet.domain.record import short_code
from ercsheet.gui.qt.core import Qt, Signal
from ercsheet.gui.qt.gui import QColor
from ercsheet.gui.qt.widgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ercsheet.store.store import Store

if TYPE_CHECKING:
    from ercsheet.domain.seal import Addendum
    from ercsheet.gui.printing import PrintPreviewDialog

# A unit title can be long: beyond this a column elides and the full text is in its tooltip.
MAX_COLUMN_WIDTH = 280


def _table(
    headers: list[str], rows: list[list[str]], parent: QWidget, stretch: int | None = None
) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)
    fit_columns(table, stretch)
    return table


def fit_columns(table: QTableWidget, stretch: int | None = None) -> None:
    """Narrow columns fit their contents; the `stretch` one (the longest text; by default the
    last) takes the rest."""
    last = table.columnCount() - 1
    stretch = last if stretch is None else stretch
    for column in range(table.columnCount()):
        if column != stretch:
            table.resizeColumnToContents(column)
            table.setColumnWidth(column, min(table.columnWidth(column), MAX_COLUMN_WIDTH))
    header = table.horizontalHeader()
    header.setStretchLastSection(stretch == last)
    if stretch != last:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def _when(iso: str) -> str:
    """An event's time (UTC, as the chain records it) in the laptop's own time:
    `2026-07-22T09:04:31.000000` as `22/07/2026 10:04` in summer in the UK."""
    moment = dt.datetime.fromisoformat(iso).replace(tzinfo=dt.UTC).astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")


BAD_STYLE = "color:#a40000"
GOOD_STYLE = "color:#1d4d14"
BAD_ROW = QColor("#fde3e1")


class AuditTrailDialog(QDialog):
    """Every event of a sheet (or of a candidate: their details and all their sheets), oldest
    first: when, who, what, the detail with each change old → new, and the event's hash; above
    them, whether the record verifies.

    A sheet's events are not a chain on their own (they interleave with other sheets' in the
    store's one chain), so the verdict is the store's check of the sheet (`check_record`), and
    each event is checked on its own to point at the one altered.
    """

    def __init__(
        self,
        store: Store,
        sheet_id: int | None = None,
        parent: QWidget | None = None,
        *,
        candidate_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        if (sheet_id is None) == (candidate_id is None):
            raise ValueError("Show the audit trail of a sheet or of a candidate.")
        self.trail = store.audit_trail(sheet_id=sheet_id, candidate_id=candidate_id)
        altered = [i for i, e in enumerate(self.trail) if entry_problem(e) is not None]
        if sheet_id is not None:
            self.setWindowTitle(f"Audit trail of sheet {sheet_id}")
            problems = [store.check_record(sheet_id)]
        else:
            assert candidate_id is not None
            name = store.candidate(candidate_id).name
            self.setWindowTitle(f"Audit trail of {name}")
            problems = [
                _of_sheet(s.id, store.check_record(s.id)) for s in store.sheets(candidate_id)
            ]
            if altered:
                problems.insert(0, f"audit event {altered[0] + 1} was altered")
        self.problems = [p for p in problems if p is not None]
        if self.problems:
            text = f"Does not verify: {'; '.join(self.problems)}."
            if altered:
                numbers = ", ".join(str(i + 1) for i in altered)
                text += f" Altered, highlighted below: row {numbers}."
        else:
            text = f"Intact: {len(self.trail)} events, all verify."
        self.chain_status = QLabel(text, self)
        self.chain_status.setTextFormat(Qt.TextFormat.PlainText)
        self.chain_status.setWordWrap(True)
        self.chain_status.setStyleSheet(BAD_STYLE if self.problems else GOOD_STYLE)

        headers = ["#", "When", "Who", "What", "Detail", "Hash"]
        if candidate_id is not None:
            headers.insert(1, "Sheet")
        rows = []
        for i, e in enumerate(self.trail):
            values = [str(i + 1), _when(e.at), _who(e), e.action, _detail(e), e.hash[:12]]
            if candidate_id is not None:
                values.insert(1, "" if e.sheet_id is None else str(e.sheet_id))
            rows.append(values)
        self.table = _table(headers, rows, self, stretch=headers.index("Detail"))
        self.table.setWordWrap(True)
        for r in altered:
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None:
                    item.setBackground(BAD_ROW)
                    item.setToolTip(f"This event was altered: {entry_problem(self.trail[r])}.")
        if altered:
            self.table.selectRow(altered[0])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chain_status)
        layout.addWidget(self.table)
        layout.addWidget(close)
        self.resize(1000, 420)

    def column(self, header: str) -> list[str]:
        """The text of one column, row by row (what a reader of the table sees)."""
        index = next(
            c
            for c in range(self.table.columnCount())
            if (item := self.table.horizontalHeaderItem(c)) is not None and item.text() == header
        )
        return [
            item.text() if (item := self.table.item(r, index)) is not None else ""
            for r in range(self.table.rowCount())
        ]


def _of_sheet(sheet_id: int, problem: str | None) -> str | None:
    return None if problem is None else f"sheet {sheet_id}: {problem}"


def _who(entry: AuditEntry) -> str:
    return "(erased)" if entry.erased else entry.actor


def _detail(entry: AuditEntry) -> str:
    return "(erased: personal details removed)" if entry.erased else entry.summary


class VersionsDialog(QDialog):
    """The sheet's superseded signed versions: each kept whole, viewable and printable."""

    def __init__(self, store: Store, sheet_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._sheet_id = store, sheet_id
        self.preview: PrintPreviewDialog | None = None
        self.setWindowTitle("Superseded versions")
        self.versions = store.versions(sheet_id)
        self.table = _table(
            ["Version", "Record code", "Reopened", "By", "Reason"],
            [
                [
                    str(v.number),
                    short_code(v.record_code),
                    _when(v.superseded_at.isoformat()),
                    v.superseded_by,
                    v.reason,
                ]
                for v in self.versions
            ],
            self,
        )
        if self.versions:
            self.table.selectRow(len(self.versions) - 1)
        self.preview_button = QPushButton("Preview", self)
        self.export_button = QPushButton("Export PDF…", self)
        self.preview_button.clicked.connect(self.show_preview)
        self.export_button.clicked.connect(self._ask_export)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resize(760, 280)

    def selected_number(self) -> int | None:
        row = self.table.currentRow()
        return self.versions[row].number if 0 <= row < len(self.versions) else None

    def pdf(self, number: int) -> bytes:
        # ReportLab is loaded when something is printed, not when the window starts.
        from ercsheet.gui.signing.printing import pdf_bytes, superseded_version

        return pdf_bytes([superseded_version(self._store, self._sheet_id, number)])

    def export_pdf(self, number: int, path: Path) -> bool:
        """Write the version's PDF (whole or not at all) and say where, or why not."""
        from ercsheet.gui.saved_notice import save_and_tell

        return save_and_tell(self, "Export the superseded version", path, self.pdf(number))

    def show_preview(self) -> None:
        number = self.selected_number()
        if number is not None:
            from ercsheet.gui.printing import PrintPreviewDialog
            from ercsheet.gui.settings import settings

            title = f"Superseded version {number}"
            self.preview = PrintPreviewDialog(
                self.pdf(number), title, f"version-{number}.pdf", settings(), self
            )
            self.preview.open()

    def _ask_export(self) -> None:
        number = self.selected_number()
        if number is None:
            return
        from ercsheet.gui.settings import save_folder, settings

        folder = save_folder(settings(), "pdf")  # not the folder ercsheet was started from
        name, _filter = QFileDialog.getSaveFileName(
            self,
            "Export the superseded version",
            str(folder / f"version-{number}.pdf"),
            "PDF (*.pdf)",
        )
        if name:
            self.export_pdf(number, Path(name))


WHICH = 3  # the lookup's column saying which record the code is, and what was signed since


class CodeLookupDialog(QDialog):
    """Type a record code from paper: find its sheet (or kept version) and say if it verifies."""

    open_sheet = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.found: list[tuple[int, int | None, list[Addendum]]] = []
        self.setWindowTitle("Find a sheet by its record code")
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("e.g. 3F2A-9C1B-77D0 (dashes and case do not matter)")
        self.find_button = QPushButton("Find", self)
        self.find_button.setDefault(True)
        self.find_button.clicked.connect(self.look_up)
        self.code.returnPressed.connect(self.look_up)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        # "Which" (with the addenda signed since) takes the room left: the verdict stays in view.
        self.results = _table(
            ["Sheet", "Candidate", "Unit", "Which", "Verifies"], [], self, stretch=WHICH
        )
        self.results.cellDoubleClicked.connect(lambda row, _col: self._open(row))
        self.open_button = QPushButton("Open sheet", self)
        self.open_button.clicked.connect(lambda: self._open(self.results.currentRow()))
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.find_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.results)
        layout.addWidget(close)
        self.resize(760, 300)

    def look_up(self) -> None:
        self.found = self._store.find_by_code(self.code.text())
        self.results.setRowCount(len(self.found))
        for row, (sheet_id, number, addenda) in enumerate(self.found):
            content = self._store.sheet(sheet_id)
            which, verifies = self._verdict(sheet_id, number)
            if addenda:
                which += "; signed since: " + ", ".join(
                    f"{a.signature.role.label} ({a.signature.name}, {uk(a.signature.date)})"
                    for a in addenda
                )
            values = [
                str(sheet_id),
                content.candidate.name,
                content.unit.display_title,
                which,
                verifies,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.results.setItem(row, column, item)
        fit_columns(self.results, WHICH)
        self.results.resizeRowsToContents()
        if self.found:
            self.results.selectRow(0)
            self.message.setText(f"{len(self.found)} found.")
        else:
            self.message.setText(
                "No signed sheet or kept version has this code. Check the code on the paper: "
                "type at least its first 8 characters (the printed code has 12)."
            )

    def _verdict(self, sheet_id: int, number: int | None) -> tuple[str, str]:
        problem = self._store.check_record(sheet_id)
        which = "current signed sheet" if number is None else f"superseded version {number}"
        return which, "yes" if problem is None else f"NO: {problem}"

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.found):
            self.open_sheet.emit(self.found[row][0])
            self.accept()
