"""The current evidence item's date and notes, beside the grid.

The grid keeps what the printed sheet shows (reference, title, method, ticks) in the width a
1366-pixel screen has; the date and the notes, several lines of them, are entered here, for the
row the grid's cursor is on. What is entered goes to `date_entered` / `notes_entered`'s handler
(the sheet editor), which writes it through an undo command.
"""

from __future__ import annotations

import datetime as dt

from ercsheet.domain.sheet import EvidenceRow
from ercsheet.gui.date_field import DateField
from ercsheet.gui.qt.core import Qt, QTimer, Signal
from ercsheet.gui.qt.gui import QFocusEvent
from ercsheet.gui.qt.widgets import QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QWidget

EMPTY = "Evidence item"
# Notes are written when typing pauses this long (and when the field is left): a closed lid or
# a flat battery loses at most the last moment's words.
NOTES_PAUSE_MS = 1000


class _Notes(QPlainTextEdit):
    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        self.left.emit()


class EvidencePanel(QGroupBox):
    date_entered = Signal(int, object)  # evidence id, the date (dt.date or None)
    notes_entered = Signal(int, str)  # evidence id, the notes

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(EMPTY, parent)
        self.setObjectName("evidencePanel")
        self.evidence_id: int | None = None
        self._shown_notes = ""
        self.date = DateField(today, self, maximum=today, optional=True)
        self.date.setObjectName("evidenceDate")
        self.date.line.setAccessibleName("Evidence date, day first")
        self.notes = _Notes(self)
        self.notes.setObjectName("evidenceNotes")
        self.notes.setAccessibleName("Evidence notes")
        self.notes.setPlaceholderText("Notes: where the evidence is kept, what it shows…")
        self.notes.setTabChangesFocus(True)  # Tab leaves the notes: the keyboard is not trapped
        # A few lines in sight, and the criterion's text below keeps the rest of the height.
        lines = self.fontMetrics().lineSpacing()
        self.notes.setMinimumHeight(3 * lines + 12)
        self.notes.setMaximumHeight(7 * lines + 12)
        self.problem = QLabel(self)
        self.problem.setObjectName("evidenceDateProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #a40000")
        self.problem.hide()
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(NOTES_PAUSE_MS)
        self._pause.timeout.connect(self.flush_notes)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("&Date:", self.date)
        form.addRow(self.problem)
        form.addRow("N&otes:", self.notes)
        # Where else the item counts: one piece of evidence, several units' sheets.
        self.elsewhere = QLabel(self)
        self.elsewhere.setObjectName("evidenceElsewhere")
        self.elsewhere.setWordWrap(True)
        self.elsewhere.setTextFormat(Qt.TextFormat.PlainText)
        self.elsewhere.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.elsewhere.hide()
        form.addRow(self.elsewhere)
        self.date.entered.connect(self._date_entered)
        self.date.changed.connect(self.problem.hide)
        self.notes.textChanged.connect(self._notes_typed)
        self.notes.left.connect(self.flush_notes)
        self.show_item(None, None, editable=False)

    def show_item(self, evidence_id: int | None, row: EvidenceRow | None, editable: bool) -> None:
        """Show one item (None: no item, e.g. the coverage row is current)."""
        self.flush_notes()
        self.evidence_id = evidence_id
        self.setTitle(f"{EMPTY} {row.ref}" if row is not None else EMPTY)
        self.date.set_date(row.date if row is not None else None)
        self._shown_notes = row.notes if row is not None else ""
        if self.notes.toPlainText() != self._shown_notes:
            self.notes.blockSignals(True)
            self.notes.setPlainText(self._shown_notes)
            self.notes.blockSignals(False)
        self.problem.hide()
        editable = editable and row is not None
        self.date.set_read_only(not editable)
        self.notes.setReadOnly(not editable)
        self.setEnabled(row is not None)

    def show_elsewhere(self, text: str) -> None:
        """Where else the item counts ("Also counts on Unit 44 (D.05): 1.3"); "" for nowhere."""
        self.elsewhere.setText(text)
        self.elsewhere.setVisible(bool(text))

    def refuse(self, text: str) -> None:
        """The date was not taken: say why beside it; the typed text stays, to be corrected.
        Tab from a refused date comes back to it: the correction typed next went into the notes."""
        self.problem.setText(text)
        self.problem.show()
        if self.notes.hasFocus():
            self.date.line.setFocus()
            self.date.line.selectAll()

    def _date_entered(self) -> None:
        if self.evidence_id is None:
            return
        problem = self.date.problem()
        if problem:
            self.refuse(problem)
            return
        self.date_entered.emit(self.evidence_id, self.date.date())

    def _notes_typed(self) -> None:
        if self.evidence_id is not None and not self.notes.isReadOnly():
            self._pause.start()

    def flush(self) -> None:
        """Hand on whatever is typed and not yet written (the window is closing)."""
        self.date.commit()
        self.flush_notes()

    def flush_notes(self) -> None:
        """Hand on notes typed and not yet written (typing paused, the field left, or another
        item is about to be shown)."""
        self._pause.stop()
        notes = self.notes.toPlainText()
        if self.evidence_id is not None and notes != self._shown_notes:
            self._shown_notes = notes
            self.notes_entered.emit(self.evidence_id, notes)
