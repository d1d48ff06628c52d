"""The criteria grid's model: evidence items as rows, then a coverage row; reference, title,
method, then one column per assessment criterion (AC).

The model only shows a sheet: an edit typed into a cell goes to `edit_requested`'s handler (the
sheet view), which writes it to the store through an undo command and then updates the model.
An item ticked against nearly every AC carries the domain's over-mapping warning on its title
(an icon, a tint, the warning as its tooltip): shown, never blocking.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from ercsheet.catalogue.model import Criterion, Unit
from ercsheet.domain.coverage import Coverage, achieved_grade, coverage
from ercsheet.domain.dates import uk
from ercsheet.domain.evidence_rules import (
    criterion_method_rules,
    over_mapping,
    refused_for_criterion,
)
from ercsheet.domain.sheet import EvidenceRow, SheetContent
from ercsheet.domain.vocabulary import Method
from ercsheet.gui.qt.core import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from ercsheet.gui.qt.gui import QBrush, QColor, QFont, QIcon
from ercsheet.gui.qt.widgets import QApplication, QStyle

REF, TITLE, METHOD = 0, 1, 2
FIRST_CRITERION = 3
TICK = "✓"
# headerData role giving an AC column's learning outcome ("LO1"): the header's upper band.
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1
# data role: True when the cell is a ticked AC.
TICKED_ROLE = Qt.ItemDataRole.UserRole + 2

UNCOVERED = QColor("#fbdcd9")
COVERED = QColor("#e3f1df")
TICKED = QColor("#eef3fb")
# A cell the row's method cannot tick (the AC refuses that method): greyed, as a disabled item.
REFUSED = QColor("#e4e4e4")
COVERAGE_ROW = QColor("#f3f3f3")
WARNED = QColor("#fff1c7")  # an item with a warning (over-mapped): amber, not a refusal's red

Index = QModelIndex | QPersistentModelIndex
EditHandler = Callable[[int, int, Any], bool]


def criterion_tooltip(criterion: Criterion, outcome: str, unit: Unit | None = None) -> str:
    """The AC's full text and guidance, and its own rules about methods, as hovering a column
    shows them."""
    text = f"<b>{html.escape(criterion.number)}</b> {html.escape(criterion.text)}"
    if criterion.guidance:
        text += f"<br><i>Guidance:</i> {html.escape(criterion.guidance)}"
    said = criterion_method_rules(unit, criterion.number) if unit is not None else []
    rules = f"<p><b>{html.escape(' '.join(said))}</b></p>" if said else ""
    return f"<p style='white-space:normal'>{html.escape(outcome)}</p><p>{text}</p>{rules}"


class GridModel(QAbstractTableModel):
    def __init__(self, on_edit: EditHandler) -> None:
        super().__init__()
        self._on_edit = on_edit
        self._rows: list[EvidenceRow] = []
        self._ids: list[int] = []
        self._unit: Unit | None = None
        self._criteria: tuple[Criterion, ...] = ()
        self._outcomes: list[str] = []  # per AC column: "LO1"
        self._outcome_titles: list[str] = []
        self._coverage = Coverage({})
        self._warnings: list[str] = []  # per row: the domain's over-mapping warning, or ""
        self._warning_icon: QIcon | None = None
        self.locked = False
        self._bold = QFont()
        self._bold.setBold(True)

    # --- what the model shows ------------------------------------------------------------------

    @property
    def unit(self) -> Unit | None:
        """The unit of the sheet shown (None: no sheet)."""
        return self._unit

    def show_sheet(self, content: SheetContent, ids: list[int], locked: bool) -> None:
        self.beginResetModel()
        self._unit = content.unit
        self._rows, self._ids, self.locked = list(content.evidence), list(ids), locked
        unit = content.unit
        # Columns in the unit's bands: under their LOs, or, in a graded unit, their grades.
        self._criteria = tuple(c for _band, criteria in unit.grid_groups for c in criteria)
        self._outcomes = [band for band, criteria in unit.grid_groups for _c in criteria]
        self._outcome_titles = []
        for criterion in self._criteria:
            outcome = unit.outcome_of(criterion.number)
            self._outcome_titles.append(f"{outcome.label} {outcome.title}" if outcome else "")
        self._coverage = coverage(content.unit, self._rows)
        self._warnings = [self._warning(row) for row in self._rows]
        self.endResetModel()

    def clear(self) -> None:
        """Show no sheet (it was closed): no rows, no columns, nothing to tick."""
        self.beginResetModel()
        self._unit, self._rows, self._ids, self._warnings = None, [], [], []
        self._criteria, self._outcomes, self._outcome_titles = (), [], []
        self._coverage = Coverage({})
        self.endResetModel()

    def replace_row(self, row: int, evidence: EvidenceRow) -> None:
        """One item changed in the store: show it, and the coverage it changes."""
        self._rows[row] = evidence
        assert self._unit is not None
        self._coverage = coverage(self._unit, self._rows)
        self._warnings[row] = self._warning(evidence)
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        coverage_row = len(self._rows)
        self.dataChanged.emit(self.index(coverage_row, 0), self.index(coverage_row, last))

    def _warning(self, evidence: EvidenceRow) -> str:
        assert self._unit is not None
        return " ".join(problem.message for problem in over_mapping(self._unit, evidence))

    def warning(self, row: int) -> str:
        """The warning the item in `row` carries (it is over-mapped), or ""."""
        return self._warnings[row] if 0 <= row < len(self._warnings) else ""

    def _icon(self) -> QIcon:
        if self._warning_icon is None:
            style = QApplication.style()
            self._warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning_icon

    @property
    def rows(self) -> list[EvidenceRow]:
        return list(self._rows)

    @property
    def evidence_ids(self) -> list[int]:
        return list(self._ids)

    @property
    def sheet_coverage(self) -> Coverage:
        return self._coverage

    def criterion_at(self, column: int) -> Criterion | None:
        index = column - FIRST_CRITERION
        return self._criteria[index] if 0 <= index < len(self._criteria) else None

    def column_of(self, criterion: str) -> int | None:
        for index, candidate in enumerate(self._criteria):
            if candidate.number == criterion:
                return FIRST_CRITERION + index
        return None

    def outcome_title(self, column: int) -> str:
        index = column - FIRST_CRITERION
        return self._outcome_titles[index] if 0 <= index < len(self._outcome_titles) else ""

    def is_coverage_row(self, row: int) -> bool:
        return row == len(self._rows)

    # --- QAbstractTableModel ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self._unit is None else len(self._rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return (
            0 if parent.isValid() or self._unit is None else FIRST_CRITERION + len(self._criteria)
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        editable = not self.locked and not self.is_coverage_row(index.row())
        if editable and index.column() < FIRST_CRITERION:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if self.is_coverage_row(row):
            return self._coverage_data(column, role)
        evidence = self._rows[row]
        criterion = self.criterion_at(column)
        if criterion is not None:
            ticked = criterion.number in evidence.criteria
            return self._tick_data(evidence, criterion, ticked, column, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == REF:
                return evidence.ref
            if column == TITLE:
                return evidence.title
            if role == Qt.ItemDataRole.EditRole:
                return evidence.method
            assert self._unit is not None
            # As the unit's awarding body names the method, where its key names it.
            return self._unit.method_label(evidence.method)
        if role == Qt.ItemDataRole.ToolTipRole and column == REF:
            # The date and notes are entered beside the grid: hovering the reference shows them.
            dated = f"{evidence.ref} · {uk(evidence.date)}" if evidence.date else evidence.ref
            notes = f"<p>{html.escape(evidence.notes)}</p>" if evidence.notes else ""
            return f"<p style='white-space:pre-wrap'><b>{html.escape(dated)}</b></p>{notes}"
        warning = self._warnings[row] if column == TITLE else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE and (evidence.title or warning):
            tip = f"<p>{html.escape(evidence.title)}</p>" if evidence.title else ""
            return tip + (f"<p><b>Warning:</b> {html.escape(warning)}</p>" if warning else "")
        if warning and role == Qt.ItemDataRole.DecorationRole:
            return self._icon()
        if warning and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(WARNED)
        if warning and role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{evidence.title}. Warning: {warning}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == METHOD:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _tick_data(
        self, evidence: EvidenceRow, criterion: Criterion, ticked: bool, column: int, role: int
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return TICK if ticked else ""
        if role == TICKED_ROLE:
            return ticked
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and ticked:
            return QBrush(TICKED)
        refused = self._refused(evidence, criterion) if not ticked else None
        if role == Qt.ItemDataRole.BackgroundRole and refused:
            return QBrush(REFUSED)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = "covered" if ticked else "not covered"
            return f"{evidence.ref}, criterion {criterion.number}: {state}" + (
                f". Cannot be ticked: {refused}" if refused else ""
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = criterion_tooltip(criterion, self.outcome_title(column), self._unit)
            return tip + (
                f"<p><b>Cannot be ticked:</b> {html.escape(refused)}</p>" if refused else ""
            )
        return None

    def _refused(self, evidence: EvidenceRow, criterion: Criterion) -> str | None:
        """Why this item's method cannot tick the AC (the store refuses it too), or None."""
        if self._unit is None:
            return None
        return refused_for_criterion(self._unit, evidence.method, criterion.number)

    def _coverage_data(self, column: int, role: int) -> Any:
        criterion = self.criterion_at(column)
        count = self._coverage.per_criterion.get(criterion.number, 0) if criterion else 0
        if role == Qt.ItemDataRole.DisplayRole:
            if column == REF:  # spans the reference, title and method columns
                uncovered = self._coverage.uncovered
                summary = f"Coverage: {self._coverage} criteria covered"
                if self._unit is not None and self._unit.graded:
                    grade = achieved_grade(self._unit, self._rows)
                    summary += f", evidenced at {grade.label}" if grade else ", pass not yet"
                return summary + (f" — not yet {', '.join(uncovered)}" if uncovered else "")
            return str(count) if criterion else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if criterion is None:
                return QBrush(COVERAGE_ROW)
            return QBrush(COVERED if count else UNCOVERED)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and criterion is not None:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and criterion is not None:
            items = "item covers" if count == 1 else "items cover"
            state = f"{count} {items} it" if count else "not covered yet"
            tip = criterion_tooltip(criterion, self.outcome_title(column), self._unit)
            return f"{tip}<p>{state}</p>"
        if role == Qt.ItemDataRole.AccessibleTextRole and criterion is not None:
            return f"criterion {criterion.number}: covered by {count} items"
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return "Σ" if self.is_coverage_row(section) else str(section + 1)
            return None
        criterion = self.criterion_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if criterion is not None:
                return criterion.number
            return ("Ref", "Evidence title", "Method")[section] if section < 3 else None
        if role == GROUP_ROLE and criterion is not None:
            return self._outcomes[section - FIRST_CRITERION]
        if role == Qt.ItemDataRole.ToolTipRole and criterion is not None:
            return criterion_tooltip(criterion, self.outcome_title(section), self._unit)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt's name)
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        if index.column() == METHOD and not isinstance(value, Method):
            return False
        return self._on_edit(index.row(), index.column(), value)
