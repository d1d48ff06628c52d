"""The review dialog's table of LOs and ACs: an LO's row (its number, title and, in a mixed unit,
what it assesses), its own texts' rows ("Knowledge", "Range", when the specification gives
them), then its ACs' rows (number, text, guidance, a box for "must be assessed in real work",
the methods allowed and required by their abbreviations), every text editable; rows the importer
is unsure of in yellow, with the reason as their tooltip, and a cell written from a rule
sentence yellow with the sentence."""

from __future__ import annotations

from ercsheet.catalogue.importer.numbering import grade
from ercsheet.catalogue.importer.result import (
    CriterionRule,
    ParsedCriterion,
    ParsedMethod,
    ParsedOutcome,
    Unsure,
    quoted,
)
from ercsheet.gui import unit_review_methods as cells
from ercsheet.gui.qt.core import Qt
from ercsheet.gui.qt.gui import QColor, QResizeEvent
from ercsheet.gui.qt.widgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

UNSURE_COLOUR = "#fff3bf"
COLUMNS = ("LO", "AC", "Text", "Guidance", "Real work", "Methods", "Required", "Assesses")
LO, AC, TEXT, GUIDANCE, REAL_WORK, METHODS, REQUIRED, KIND = range(len(COLUMNS))
REAL_WORK_TIP = "Must be assessed in real work: simulation cannot evidence this criterion."
TIPS = {
    REAL_WORK: REAL_WORK_TIP,
    METHODS: "The only methods that may evidence this criterion, by their abbreviations (O, PD…), "
    "separated by commas; empty: any the unit allows.",
    REQUIRED: "Methods this criterion's evidence must include, each, before the assessor signs "
    "off (O, PD…).",
    KIND: "What the outcome assesses, in a unit whose outcomes differ (What it assesses: Mixed).",
}
# The rules each column is written from (CriterionRule.rule).
RULE_COLUMNS = {
    "no simulation": REAL_WORK,
    "real work": REAL_WORK,
    "methods": METHODS,
    "required methods": REQUIRED,
}
KINDS = (("", ""), ("Competence", "competence"), ("Knowledge", "knowledge"))
# An LO's own texts' rows: the label in the AC column (not editable: it says what the row is).
OWN_TEXTS = {"Knowledge": "knowledge", "Range": "range"}
OWN_TEXT_TIPS = {
    "Knowledge": "The outcome's knowledge, understanding and skills, as the specification gives "
    "them.",
    "Range": "The outcome's range statement, as the specification gives it.",
}


def marked(widget: QWidget, reason: str | None) -> QWidget:
    """The widget yellow, its tooltip the importer's reason, where it is unsure of it."""
    if reason:
        widget.setStyleSheet(f"background:{UNSURE_COLOUR};")
        widget.setToolTip(reason)
        widget.setProperty("unsure", True)
    return widget


class OutcomesTable(QTableWidget):
    def __init__(
        self,
        outcomes: list[ParsedOutcome],
        unsure: list[Unsure],
        parent: QWidget,
        rules: list[CriterionRule] | None = None,
        key: list[ParsedMethod] | None = None,
    ) -> None:
        """`rules`: the rule sentences the importer wrote on ACs (their cells are yellow, the
        sentences in their tooltips); `key`: the unit's method key (its abbreviations shown)."""
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("reviewOutcomes")
        self.setAccessibleName("Learning outcomes and criteria")
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        header = self.horizontalHeader()
        for column in range(len(COLUMNS)):
            stretch = column in (TEXT, GUIDANCE)
            mode = (
                QHeaderView.ResizeMode.Stretch
                if stretch
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
            heading = self.horizontalHeaderItem(column)
            if heading is not None and column in TIPS:
                heading.setToolTip(TIPS[column])
        # Each LO row's kind as its title reads; a box to choose it once the unit is mixed.
        self._suggested: dict[int, str] = {}
        self.kinds: dict[int, QComboBox] = {}
        reasons: dict[str, list[str]] = {}
        for mark in unsure:
            reasons.setdefault(mark.field, []).append(str(mark))
        sentences: dict[tuple[str, int], list[str]] = {}
        for rule in rules or []:
            if rule.rule in RULE_COLUMNS:
                for number in rule.found:
                    said = rule.sentence.strip().rstrip(".")
                    sentences.setdefault((number, RULE_COLUMNS[rule.rule]), []).append(said)
        for outcome in outcomes:
            self._add_row(
                outcome.number,
                "",
                outcome.title,
                outcome.unplaced_guidance,
                reasons.get(f"LO {outcome.number}", []),
            )
            self._suggested[self.rowCount() - 1] = outcome.kind
            for label, own in OWN_TEXTS.items():
                if getattr(outcome, own):
                    self._add_row("", label, getattr(outcome, own), "", [])
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
                self._rule_cells(criterion, sentences, key or [])
        self.show_kinds(False)
        self.resizeRowsToContents()

    def _add_row(self, lo: str, ac: str, text: str, guidance: str, reasons: list[str]) -> None:
        row = self.rowCount()
        self.insertRow(row)
        for column in range(len(COLUMNS)):
            item = QTableWidgetItem((lo, ac, text, guidance)[column] if column < REAL_WORK else "")
            if reasons:
                item.setBackground(QColor(UNSURE_COLOUR))
                item.setToolTip("\n".join(reasons))
            if column >= REAL_WORK:
                # An AC's rules (_rule_cells), an LO's kind (_kind_box): never typed in here.
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, column, item)

    def _rule_cells(
        self,
        criterion: ParsedCriterion,
        sentences: dict[tuple[str, int], list[str]],
        key: list[ParsedMethod],
    ) -> None:
        """The last row's rule cells: the real-work box (checkable), the methods (editable)."""
        row = self.rowCount() - 1
        for column, value in (
            (METHODS, criterion.methods),
            (REQUIRED, criterion.required_methods),
        ):
            item = self.item(row, column)
            assert item is not None  # just made
            item.setText(cells.shown(value, key))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, COLUMNS[column])
        box = self.item(row, REAL_WORK)
        assert box is not None  # just made
        box.setFlags((box.flags() | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable)
        box.setCheckState(Qt.CheckState.Checked if criterion.real_work else Qt.CheckState.Unchecked)
        box.setData(Qt.ItemDataRole.AccessibleTextRole, "Real work")
        for column in (REAL_WORK, METHODS, REQUIRED):
            item = self.item(row, column)
            assert item is not None  # just made
            said = sentences.get((criterion.number, column), [])
            if said:
                item.setBackground(QColor(UNSURE_COLOUR))
                quotes = " ".join(f"The specification says {quoted(s)}." for s in said)
                item.setToolTip(f"{TIPS[column]} Set from a rule sentence; check. {quotes}")
            elif not item.toolTip():
                item.setToolTip(TIPS[column])

    def show_kinds(self, shown: bool) -> None:
        """The Assesses column, for a mixed unit only: each LO's choice of what it assesses,
        made when first shown (most units are not mixed), as its title reads."""
        self.setColumnHidden(KIND, not shown)
        for row, kind in self._suggested.items() if shown else ():
            if row not in self.kinds:
                box = QComboBox(self)
                box.setAccessibleName("What the outcome assesses")
                box.setToolTip(TIPS[KIND])
                for label, value in KINDS:
                    box.addItem(label, value)
                box.setCurrentIndex(max(box.findData(kind), 0))
                self.kinds[row] = box
                self.setCellWidget(row, KIND, box)

    def _kind(self, row: int) -> str:
        """What the LO of this row assesses, as chosen (or as its title reads)."""
        box = self.kinds.get(row)
        return str(box.currentData() or "") if box is not None else self._suggested.get(row, "")

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

    def outcomes(self, key: list[ParsedMethod] | None = None) -> list[ParsedOutcome]:
        """The LOs and ACs as the table now says: a row with an LO number starts an LO, the
        rows after it are its ACs; a row with neither number is left out. Methods are read
        with the unit's method key `key` (what names no method is left out: `problems`)."""
        result: list[ParsedOutcome] = []
        for row in range(self.rowCount()):
            lo, ac, text, guidance = (self.cell(row, column) for column in range(REAL_WORK))
            if lo:
                result.append(ParsedOutcome(lo, text, [], guidance, kind=self._kind(row)))
            elif ac in OWN_TEXTS and result:
                setattr(result[-1], OWN_TEXTS[ac], text)
            elif ac:
                if not result:
                    result.append(ParsedOutcome("", ""))
                methods, required = (
                    cells.read(self.cell(row, column), key or [])[0]
                    for column in (METHODS, REQUIRED)
                )
                # A graded criterion's grade is its number's letter (P1 pass, M1 merit).
                result[-1].criteria.append(
                    ParsedCriterion(
                        ac, text, guidance, grade(ac), self.real_work(row), methods, required
                    )
                )
        return result

    def problems(self, key: list[ParsedMethod], mixed: bool) -> list[str]:
        """What keeps the table from being saved, in the reviewer's words."""
        found: list[str] = []
        for row in range(self.rowCount()):
            lo, ac = self.cell(row, LO), self.cell(row, AC)
            if lo and mixed and not self._kind(row):
                found.append(
                    f"Not saved: say what LO {lo} assesses (competence or knowledge) in the "
                    "Assesses column."
                )
            if not ac or lo or ac in OWN_TEXTS:
                continue
            for column in (METHODS, REQUIRED):
                unknown = cells.read(self.cell(row, column), key)[1]
                if unknown:
                    found.append(
                        f"Not saved: AC {ac}, {COLUMNS[column].lower()}: {quoted(unknown[0])} "
                        f"names no method; write abbreviations such as "
                        f"{cells.listed_abbreviations(key)}, separated by commas."
                    )
        return found
