"""The review dialog's table of LOs and ACs: an LO's row (its number and title), its own texts'
rows ("Knowledge", "Range", when the specification gives them), then its ACs' rows (number,
text, guidance, and a box for "must be assessed in real work"), every text editable; rows the
importer is unsure of in yellow, with the reason as their tooltip, and a real-work box written
from a rule sentence yellow with the sentence."""

from __future__ import annotations

from ercsheet.catalogue.importer.numbering import grade
from ercsheet.catalogue.importer.result import ParsedCriterion, ParsedOutcome, Unsure
from ercsheet.gui.qt.core import Qt
from ercsheet.gui.qt.gui import QColor, QResizeEvent
from ercsheet.gui.qt.widgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

UNSURE_COLOUR = "#fff3bf"
COLUMNS = ("LO", "AC", "Text", "Guidance", "Real work")
LO, AC, TEXT, GUIDANCE, REAL_WORK = range(5)
REAL_WORK_TIP = "Must be assessed in real work: simulation cannot evidence this criterion."
# An LO's own texts' rows: the label in the AC column (not editable: it says what the row is).
OWN_TEXTS = {"Knowledge": "knowledge", "Range": "range"}
OWN_TEXT_TIPS = {
    "Knowledge": "The outcome's knowledge, understanding and skills, as the specification gives "
    "them.",
    "Range": "The outcome's range statement, as the specification gives it.",
}


class OutcomesTable(QTableWidget):
    def __init__(
        self,
        outcomes: list[ParsedOutcome],
        unsure: list[Unsure],
        parent: QWidget,
        rule_sentences: dict[str, list[str]] | None = None,
    ) -> None:
        """`rule_sentences`: for an AC number, the rule sentences naming it (its real-work box
        is yellow, the sentences in its tooltip)."""
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("reviewOutcomes")
        self.setAccessibleName("Learning outcomes and criteria")
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = self.horizontalHeader()
        header.setSectionResizeMode(LO, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AC, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(GUIDANCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(REAL_WORK, QHeaderView.ResizeMode.ResizeToContents)
        heading = self.horizontalHeaderItem(REAL_WORK)
        assert heading is not None  # the labels were just set
        heading.setToolTip(REAL_WORK_TIP)
        reasons: dict[str, list[str]] = {}
        for mark in unsure:
            reasons.setdefault(mark.field, []).append(str(mark))
        for outcome in outcomes:
            self._add_row(
                outcome.number,
                "",
                outcome.title,
                outcome.unplaced_guidance,
                reasons.get(f"LO {outcome.number}", []),
            )
            for label, key in OWN_TEXTS.items():
                if getattr(outcome, key):
                    self._add_row("", label, getattr(outcome, key), "", [])
                    labelled = self.item(self.rowCount() - 1, AC)
                    assert labelled is not None  # just made
                    labelled.setFlags(labelled.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    labelled.setToolTip(OWN_TEXT_TIPS[label])
            for criterion in outcome.criteria:
                self._add_row(
                    "",
                    criterion.number,
                    criterion.text,
                    criterion.guidance,
                    reasons.get(f"AC {criterion.number}", []),
                )
                self._real_work_box(
                    criterion.real_work, (rule_sentences or {}).get(criterion.number, [])
                )
        self.resizeRowsToContents()

    def _add_row(self, lo: str, ac: str, text: str, guidance: str, reasons: list[str]) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for column, value in enumerate((lo, ac, text, guidance, "")):
            item = QTableWidgetItem(value)
            if reasons:
                item.setBackground(QColor(UNSURE_COLOUR))
                item.setToolTip("\n".join(reasons))
            if column == REAL_WORK:
                # A box on an AC's row only (_real_work_box); never typed in.
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, column, item)

    def _real_work_box(self, checked: bool, sentences: list[str]) -> None:
        """The last row's real-work box: checkable, not editable as text."""
        item = self.item(self.rowCount() - 1, REAL_WORK)
        assert item is not None  # just made
        item.setFlags(
            (item.flags() | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable
        )
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if sentences:
            item.setBackground(QColor(UNSURE_COLOUR))
            said = " ".join(f"The specification says “{s}”." for s in sentences)
            item.setToolTip(f"{REAL_WORK_TIP} Set from a rule sentence; check. {said}")
        elif not item.toolTip():
            item.setToolTip(REAL_WORK_TIP)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, "Real work")

    def real_work(self, row: int) -> bool:
        item = self.item(row, REAL_WORK)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        # Rows fit their wrapped text at the width the columns now have.
        self.resizeRowsToContents()

    def cell(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text().strip() if item is not None else ""

    def unsure_rows(self) -> list[int]:
        return [
            row
            for row in range(self.rowCount())
            if (self.item(row, TEXT) or QTableWidgetItem()).toolTip()
        ]

    def outcomes(self) -> list[ParsedOutcome]:
        """The LOs and ACs as the table now says: a row with an LO number starts an LO, the
        rows after it are its ACs; a row with neither number is left out."""
        result: list[ParsedOutcome] = []
        for row in range(self.rowCount()):
            lo, ac, text, guidance = (self.cell(row, column) for column in range(REAL_WORK))
            if lo:
                result.append(ParsedOutcome(lo, text, [], guidance))
            elif ac in OWN_TEXTS and result:
                setattr(result[-1], OWN_TEXTS[ac], text)
            elif ac:
                if not result:
                    result.append(ParsedOutcome("", ""))
                # A graded criterion's grade is its number's letter (P1 pass, M1 merit).
                result[-1].criteria.append(
                    ParsedCriterion(ac, text, guidance, grade(ac), self.real_work(row))
                )
        return result
