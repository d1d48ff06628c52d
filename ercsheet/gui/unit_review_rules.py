"""The review's "Rules and sign-off" tab: the unit's rules (simulation, the line manager's
signature), its key of methods, what it assesses (competence, knowledge, or mixed: each outcome
then says which, in the outcomes table), its own declarations and its own sign-off lines, each
editable, yellow where the importer is unsure of it."""

from __future__ import annotations

from ercsheet.catalogue.importer import method_key
from ercsheet.catalogue.importer.result import ParsedMethod, ParsedUnit, quoted
from ercsheet.catalogue.model import MAX_DECLARATION
from ercsheet.gui.qt.widgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QWidget
from ercsheet.gui.unit_review_details import text_box
from ercsheet.gui.unit_review_sign_off import SignOffList
from ercsheet.gui.unit_review_table import marked

KINDS = (("Competence", ""), ("Knowledge", "knowledge"), ("Mixed: each outcome says", "mixed"))
DECLARATIONS = (
    ("candidate", "Declaration of the &candidate:"),
    ("assessor", "Declaration of &the assessor:"),
)
OWN_WORDING = "Empty: ercsheet's wording for what the unit assesses."


class RulesForm(QWidget):
    def __init__(self, unit: ParsedUnit, reasons: dict[str, str], parent: QWidget) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.simulation = QCheckBox("Si&mulation allowed", self)
        self.simulation.setChecked(unit.simulation_allowed)
        self.line_manager = QCheckBox("Line manager sig&ns", self)
        self.line_manager.setChecked(unit.line_manager_signature)
        form.addRow("Rules:", marked(self.simulation, reasons.get("rules.simulation_allowed")))
        form.addRow("", marked(self.line_manager, reasons.get("rules.line_manager_signature")))
        # The awarding body's own abbreviations, a line each as a key prints them.
        key = "\n".join(f"{m.abbreviation} = {m.label}" for m in unit.methods)
        self.methods = text_box(key, self, "Method key")
        self.methods.setPlaceholderText("EP = Examination of products")
        form.addRow("Method &key (one a line):", marked(self.methods, reasons.get("methods")))
        # What the unit assesses: the assessor's declaration follows it; a mixed unit's
        # outcomes each say which (the outcomes table's Assesses column).
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("What the unit assesses")
        for label, value in KINDS:
            self.kind.addItem(label, value)
        self.kind.setCurrentIndex(max(self.kind.findData(unit.kind), 0))
        form.addRow("What it &assesses:", marked(self.kind, reasons.get("kind")))
        self.declarations: dict[str, QLineEdit] = {}
        for role, label in DECLARATIONS:
            edit = QLineEdit(unit.declarations.get(role, ""), self)
            edit.setAccessibleName(label.replace("&", "").rstrip(":"))
            edit.setPlaceholderText(OWN_WORDING)
            edit.setMaxLength(MAX_DECLARATION[role])
            self.declarations[role] = edit
            form.addRow(label, marked(edit, reasons.get("declarations")))
        self.sign_off = SignOffList(unit.sign_off, self)
        heading = QLabel("Si&gn-off lines:", self)
        heading.setBuddy(self.sign_off.table)
        form.addRow(heading, marked(self.sign_off, reasons.get("sign_off")))

    def key(self) -> list[ParsedMethod] | str:
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

    def values(self) -> dict[str, object]:
        """The unit's rules as the tab now says them."""
        key = self.key()
        return {
            "simulation_allowed": self.simulation.isChecked(),
            "line_manager_signature": self.line_manager.isChecked(),
            "kind": str(self.kind.currentData()),
            "methods": [] if isinstance(key, str) else key,
            "declarations": {
                role: text
                for role, edit in self.declarations.items()
                if (text := edit.text().strip())
            },
            "sign_off": self.sign_off.lines(),
        }
