"""File → Add a unit from its specification…: the unit the importer found, beside the text it
was found in, for the assessor to check and correct before it is saved to their units.

Every field, LO and AC can be corrected; what the importer is unsure of is yellow, the reason in
its tooltip and listed at the top. Save writes a unit file into the user's units folder only
when it loads back as a unit (the catalogue's own checks, their messages shown here), never over
a file already there, and asks first when a unit in the catalogue has the same URN.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet.catalogue.importer.result import ParsedUnit
from ercsheet.gui.dialog_parts import error_label, show_error
from ercsheet.gui.qt.core import Qt
from ercsheet.gui.qt.widgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from ercsheet.gui.unit_review_details import DetailsForm
from ercsheet.gui.unit_review_rules import RulesForm
from ercsheet.gui.unit_review_table import OutcomesTable

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue

# Marks shown on the "Rules and sign-off" tab; those of LOs and ACs on the outcomes table.
RULE_FIELDS = (
    "rules.simulation_allowed",
    "rules.line_manager_signature",
    "methods",
    "kind",
    "declarations",
    "sign_off",
)
TABLE_FIELDS = ("LO ", "AC ", "criterion_methods", "learning_outcomes")


class UnitReviewDialog(QDialog):
    def __init__(
        self,
        source: str,
        unit: ParsedUnit,
        source_name: str,
        folder: Path,
        catalogue: Catalogue | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add a unit from its specification: {source_name}")
        self._unit, self._source_name, self._folder, self._catalogue = (
            unit,
            source_name,
            folder,
            catalogue,
        )
        self.saved: Path | None = None
        # A field's tooltip says the whole mark, in the specification's words.
        reasons = {mark.field: str(mark) for mark in unit.unsure}
        text = QPlainTextEdit(source, self)
        text.setObjectName("reviewSource")
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details = DetailsForm(unit, reasons, self)
        self.rules = RulesForm(unit, reasons, self)
        # The widgets the tests and the window reach for, by their old names.
        self.lines, self.texts, self.nos = self.details.lines, self.details.texts, self.details.nos
        self.qualification, self.unit_number = self.details.qualification, self.details.unit_number
        self.simulation, self.line_manager = self.rules.simulation, self.rules.line_manager
        self.methods, self.kind = self.rules.methods, self.rules.kind
        self.table = OutcomesTable(
            unit.learning_outcomes, unit.unsure, self, unit.criterion_rules, unit.methods
        )
        self.table.show_kinds(unit.kind == "mixed")
        self.kind.currentIndexChanged.connect(
            lambda: self.table.show_kinds(self.kind.currentData() == "mixed")
        )
        # The criteria first (what a sheet is ticked against), the title block's facts beside.
        self.tabs = QTabWidget(self)
        counts = f"{len(unit.learning_outcomes)} LOs, {len(unit.criteria)} ACs"
        self.tabs.addTab(self.table, f"&Learning outcomes and criteria ({counts})")
        rules = sum(1 for mark in unit.unsure if mark.field in RULE_FIELDS)
        details = sum(
            1
            for mark in unit.unsure
            if mark.field not in RULE_FIELDS and not mark.field.startswith(TABLE_FIELDS)
        )
        self.tabs.addTab(_scrolled(self.details, self), _tab("Unit &details", details))
        self.tabs.addTab(_scrolled(self.rules, self), _tab("&Rules and sign-off", rules))
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._marks_label(unit))
        column.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(text)
        splitter.addWidget(right)
        splitter.setSizes([420, 900])
        self.error = error_label(self, "reviewError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.addButton(
            "&Save to my units", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(1200, 720)

    def _marks_label(self, unit: ParsedUnit) -> QLabel:
        if unit.unsure:
            listed = "".join(f"<li>{_escaped(str(mark))}</li>" for mark in unit.unsure)
            text = f"<b>Check the yellow fields</b> against the specification:<ul>{listed}</ul>"
        else:
            text = "Check every field against the specification before saving."
        label = QLabel(text, self)
        label.setObjectName("reviewMarks")
        label.setWordWrap(True)
        return label

    def reviewed(self) -> ParsedUnit:
        """The unit as the dialog's fields now say."""
        rules = self.rules.values()
        key = rules["methods"]
        return dataclasses.replace(
            self._unit,
            **self.details.values(),  # type: ignore[arg-type]
            **rules,  # type: ignore[arg-type]
            learning_outcomes=self.table.outcomes(key),  # type: ignore[arg-type]
            # What was checked here is no longer the importer's guess.
            unsure=[],
        )

    def problems(self) -> list[str]:
        """What keeps the reviewed unit from being saved, in the reviewer's words."""
        key = self.rules.key()
        if isinstance(key, str):
            return [key]
        mixed = self.kind.currentData() == "mixed"
        return self.table.problems(key, mixed) + self.rules.sign_off.problems()

    def accept(self) -> None:
        from ercsheet.gui.unit_saving import save_reviewed

        problems = self.problems()
        if problems:
            show_error(self.error, problems[0])
            return
        problem = save_reviewed(
            self.reviewed(), self._source_name, self._folder, self._catalogue, self._confirm
        )
        if isinstance(problem, str):
            show_error(self.error, problem)
            return
        self.saved = problem
        super().accept()

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Add a unit", question)
        return answer == QMessageBox.StandardButton.Yes


def _scrolled(widget: QWidget, parent: QWidget) -> QScrollArea:
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setWidget(widget)
    return scroll


def _tab(label: str, to_check: int) -> str:
    return f"{label} ({to_check} to check)" if to_check else label


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
