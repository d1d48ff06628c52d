"""File → Add a unit from its specification…: the unit the importer found, beside the text it
was found in, for the assessor to check and correct before it is saved to their units.

Every field, LO and AC can be corrected; what the importer is unsure of is yellow, the reason in
its tooltip and listed at the top. Save writes a unit file into the user's units folder only
when it loads back as a unit (the catalogue's own checks, their messages shown here), never over
a file already there, and asks first when a unit in the catalogue has the same URN.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet.catalogue.importer import method_key
from ercsheet.catalogue.importer.result import ParsedMethod, ParsedQualification, ParsedUnit, quoted
from ercsheet.gui.dialog_parts import error_label, show_error
from ercsheet.gui.qt.core import Qt
from ercsheet.gui.qt.widgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from ercsheet.gui.unit_review_table import UNSURE_COLOUR, OutcomesTable

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue

# The title block's fields: the unit's attribute, its label.
LINES = (
    ("title", "&Title:"),
    ("urn", "&URN:"),
    ("sector_unit_number", "&Sector unit number:"),
    ("level", "&Level:"),
    ("credit", "&Credit value:"),
    ("glh", "&Guided learning hours:"),
    ("expires", "&Expiry date (YYYY-MM-DD):"),
)
TEXTS = (
    ("purpose", "&Purpose:"),
    ("assessment", "Assess&ment:"),
    ("evidence_requirements", "E&vidence requirements:"),
    ("assessment_guidance", "Guidance on assess&ment:"),
)


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
        form = QFormLayout()
        self.lines: dict[str, QLineEdit] = {}
        for name, label in LINES:
            value = getattr(unit, name)
            edit = QLineEdit("" if value is None else str(value), self)
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            self.lines[name] = edit
            form.addRow(label, _marked(edit, reasons.get(name)))
        context = unit.qualifications[0] if unit.qualifications else ParsedQualification()
        self.qualification = QLineEdit(context.title, self)
        self.unit_number = QLineEdit(context.unit_number, self)
        form.addRow("&Qualification:", self.qualification)
        form.addRow("Unit &number in it:", self.unit_number)
        self.texts: dict[str, QPlainTextEdit] = {}
        for name, label in TEXTS:
            box = QPlainTextEdit(getattr(unit, name), self)
            box.setTabChangesFocus(True)
            box.setFixedHeight(70)
            self.texts[name] = box
            form.addRow(label, _marked(box, reasons.get(name)))
        self.nos = QPlainTextEdit("\n".join(unit.nos), self)
        self.nos.setTabChangesFocus(True)
        self.nos.setFixedHeight(70)
        form.addRow("&NOS (one a line):", _marked(self.nos, reasons.get("nos")))
        # The awarding body's own abbreviations, a line each as a key prints them.
        key = "\n".join(f"{m.abbreviation} = {m.label}" for m in unit.methods)
        self.methods = QPlainTextEdit(key, self)
        self.methods.setTabChangesFocus(True)
        self.methods.setFixedHeight(70)
        self.methods.setAccessibleName("Method key")
        self.methods.setPlaceholderText("EP = Examination of products")
        form.addRow("Method &key (one a line):", _marked(self.methods, reasons.get("methods")))
        self.simulation = QCheckBox("Simulation allowed", self)
        self.simulation.setChecked(unit.simulation_allowed)
        self.line_manager = QCheckBox("Line manager signs", self)
        self.line_manager.setChecked(unit.line_manager_signature)
        form.addRow("Rules:", _marked(self.simulation, reasons.get("rules.simulation_allowed")))
        form.addRow("", _marked(self.line_manager, reasons.get("rules.line_manager_signature")))
        # What the unit assesses: the assessor's declaration follows it. A mixed unit needs each
        # outcome's kind, which the review does not hold: only the two whole-unit kinds.
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("What the unit assesses")
        self.kind.addItem("Competence", "")
        self.kind.addItem("Knowledge", "knowledge")
        self.kind.setCurrentIndex(max(self.kind.findData(unit.kind), 0))
        form.addRow("What it &assesses:", _marked(self.kind, reasons.get("kind")))
        rule_sentences: dict[str, list[str]] = {}
        for rule in unit.criterion_rules:
            if rule.rule in ("no simulation", "real work"):
                for number in rule.criteria:
                    rule_sentences.setdefault(number, []).append(rule.sentence.strip().rstrip("."))
        self.table = OutcomesTable(unit.learning_outcomes, unit.unsure, self, rule_sentences)
        # The criteria first (what a sheet is ticked against), the title block's facts beside.
        fields = QWidget(self)
        fields.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(fields)
        self.tabs = QTabWidget(self)
        counts = f"{len(unit.learning_outcomes)} LOs, {len(unit.criteria)} ACs"
        self.tabs.addTab(self.table, f"&Learning outcomes and criteria ({counts})")
        to_check = sum(1 for mark in unit.unsure if not mark.field.startswith(("LO ", "AC ")))
        details = f"Unit &details ({to_check} to check)" if to_check else "Unit &details"
        self.tabs.addTab(scroll, details)
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
        values: dict[str, object] = {name: edit.text().strip() for name, edit in self.lines.items()}
        for name in ("level", "credit", "glh"):
            text = str(values[name])
            # A value that is not a number stays text: saving says what is wrong with it.
            values[name] = int(text) if text.isdigit() else (text or None)
        expires = str(values["expires"])
        values["expires"] = _date(expires)
        values.update({name: edit.toPlainText().strip() for name, edit in self.texts.items()})
        context = ParsedQualification(
            self.qualification.text().strip(), self.unit_number.text().strip()
        )
        if self._unit.qualifications:
            context.sheet_unit_line = self._unit.qualifications[0].sheet_unit_line
        return dataclasses.replace(
            self._unit,
            **values,  # type: ignore[arg-type]
            nos=[line.strip() for line in self.nos.toPlainText().splitlines() if line.strip()],
            simulation_allowed=self.simulation.isChecked(),
            line_manager_signature=self.line_manager.isChecked(),
            kind=str(self.kind.currentData()),
            qualifications=[context] if context.title or context.unit_number else [],
            learning_outcomes=self.table.outcomes(),
            methods=[] if isinstance(methods := self._methods(), str) else methods,
            # What was checked here is no longer the importer's guess.
            unsure=[],
        )

    def accept(self) -> None:
        from ercsheet.gui.unit_saving import save_reviewed

        unit = self.reviewed()
        key = self._methods()
        if isinstance(key, str):
            show_error(self.error, key)
            return
        problem = save_reviewed(
            unit, self._source_name, self._folder, self._catalogue, self._confirm
        )
        if isinstance(problem, str):
            show_error(self.error, problem)
            return
        self.saved = problem
        super().accept()

    def _methods(self) -> list[ParsedMethod] | str:
        """The method key as its box now says, or why it cannot be saved."""
        found, others = method_key.entries(self.methods.toPlainText().splitlines())
        if others:
            return (
                f"Not saved: write each line of the method key as EP = Examination of products "
                f"({quoted(others[0])} is not)."
            )
        checked = ParsedUnit()
        methods = method_key.key_of(found, checked)
        if checked.unsure:
            return f"Not saved: {checked.unsure[0]}"
        return methods

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Add a unit", question)
        return answer == QMessageBox.StandardButton.Yes


def _marked(widget: QWidget, reason: str | None) -> QWidget:
    if reason:
        widget.setStyleSheet(f"background:{UNSURE_COLOUR};")
        widget.setToolTip(reason)
        widget.setProperty("unsure", True)
    return widget


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _date(text: str) -> dt.date | str | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text  # the unit's checks say what is wrong with it
