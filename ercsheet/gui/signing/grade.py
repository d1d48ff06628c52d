"""Choosing the grade awarded on a graded unit's sheet, beside the signature lines: each grade
says whether the evidence reaches it yet, and the store keeps the choice (the assessor's
signature then needs that grade's criteria covered)."""

from __future__ import annotations

from ercsheet.catalogue.model import Grade
from ercsheet.domain.coverage import achieved_grade
from ercsheet.domain.sheet import SheetContent
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.core import Signal
from ercsheet.gui.qt.widgets import QComboBox, QHBoxLayout, QLabel, QWidget
from ercsheet.store.store import Store

NOT_CHOSEN = "— choose —"


class GradeChooser(QWidget):
    """`Grade awarded: [Merit — evidenced]`; read-only once the assessor has signed."""

    changed = Signal()

    def __init__(
        self,
        store: Store,
        sheet_id: int,
        content: SheetContent,
        locked: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store, self._sheet_id = store, sheet_id
        reached = achieved_grade(content.unit, content.evidence)
        self.combo = QComboBox(self)
        self.combo.setObjectName("gradeAwarded")
        self.combo.setAccessibleName("Grade awarded")
        self.combo.addItem(NOT_CHOSEN, "")
        for grade in Grade:
            evidenced = reached is not None and reached.includes(grade)
            state = "evidenced" if evidenced else "not evidenced yet"
            self.combo.addItem(f"{grade.label} — {state}", grade.value)
        self.combo.setCurrentIndex(
            self.combo.findData(content.grade.value if content.grade else "")
        )
        self.combo.setEnabled(not locked)
        self.combo.currentIndexChanged.connect(self._choose)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#a40000")
        label = QLabel("&Grade awarded:", self)
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(self.note, 1)

    def _choose(self, _index: int) -> None:
        value = self.combo.currentData()
        grade = Grade(value) if value else None
        outcome = attempt(lambda: self._store.set_grade(self._sheet_id, grade))
        if isinstance(outcome, Refusal):
            self.note.setText(outcome.text)
            return
        self.changed.emit()
