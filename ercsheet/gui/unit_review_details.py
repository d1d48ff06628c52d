"""The review's "Unit details" tab: the title block's facts, the qualification, the unit's
texts and its NOS, each editable, yellow where the importer is unsure of it."""

from __future__ import annotations

import datetime as dt

from ercsheet.catalogue.importer.result import ParsedQualification, ParsedUnit
from ercsheet.gui.qt.widgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget
from ercsheet.gui.unit_review_table import marked

# The title block's fields: the unit's attribute, its label (Alt+letter unique in the dialog
# while this tab shows: L, D, R and S are the tabs' and Save's).
LINES = (
    ("title", "&Title:"),
    ("urn", "&URN:"),
    ("sector_unit_number", "Sect&or unit number:"),
    ("level", "L&evel:"),
    ("credit", "&Credit value:"),
    ("glh", "&Guided learning hours:"),
    ("expires", "E&xpiry date (YYYY-MM-DD):"),
)
TEXTS = (
    ("purpose", "&Purpose:"),
    ("assessment", "Assess&ment:"),
    ("evidence_requirements", "E&vidence requirements:"),
    ("assessment_guidance", "Guidance on &assessment:"),
)


def text_box(text: str, parent: QWidget, name: str = "") -> QPlainTextEdit:
    """A few lines of text to edit, Tab moving on."""
    box = QPlainTextEdit(text, parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(70)
    if name:
        box.setAccessibleName(name)
    return box


class DetailsForm(QWidget):
    def __init__(self, unit: ParsedUnit, reasons: dict[str, str], parent: QWidget) -> None:
        super().__init__(parent)
        self._unit = unit
        form = QFormLayout(self)
        self.lines: dict[str, QLineEdit] = {}
        for name, label in LINES:
            value = getattr(unit, name)
            edit = QLineEdit("" if value is None else str(value), self)
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            self.lines[name] = edit
            form.addRow(label, marked(edit, reasons.get(name)))
        context = unit.qualifications[0] if unit.qualifications else ParsedQualification()
        self.qualification = QLineEdit(context.title, self)
        self.unit_number = QLineEdit(context.unit_number, self)
        form.addRow("&Qualification:", self.qualification)
        form.addRow("Unit number &in it:", self.unit_number)
        self.texts: dict[str, QPlainTextEdit] = {}
        for name, label in TEXTS:
            self.texts[name] = text_box(getattr(unit, name), self)
            form.addRow(label, marked(self.texts[name], reasons.get(name)))
        self.nos = text_box("\n".join(unit.nos), self)
        form.addRow("&NOS (one a line):", marked(self.nos, reasons.get("nos")))

    def values(self) -> dict[str, object]:
        """The unit's fields as the tab now says them."""
        values: dict[str, object] = {name: edit.text().strip() for name, edit in self.lines.items()}
        for name in ("level", "credit", "glh"):
            text = str(values[name])
            # A value that is not a number stays text: saving says what is wrong with it.
            values[name] = int(text) if text.isdigit() else (text or None)
        values["expires"] = _date(str(values["expires"]))
        values.update({name: edit.toPlainText().strip() for name, edit in self.texts.items()})
        values["nos"] = [
            line.strip() for line in self.nos.toPlainText().splitlines() if line.strip()
        ]
        context = ParsedQualification(
            self.qualification.text().strip(), self.unit_number.text().strip()
        )
        if self._unit.qualifications:
            context.sheet_unit_line = self._unit.qualifications[0].sheet_unit_line
        values["qualifications"] = [context] if context.title or context.unit_number else []
        return values


def _date(text: str) -> dt.date | str | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text  # the unit's checks say what is wrong with it
