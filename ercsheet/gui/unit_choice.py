"""A qualification's units to choose from: the mandatory ones (ticked, fixed), each optional
group with its rule in words and a box per unit, and, while its rules are not transcribed, the
units it lists unplaced. What the choice needs or what blocks it is the domain's to say
(`registration.choice_blocks`, `combination.choice_problems`); this only lists and ticks."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ercsheet.catalogue.loaded import Catalogue
from ercsheet.catalogue.qualification import Qualification, QualificationUnit, group_words
from ercsheet.gui.qt.core import Qt, Signal
from ercsheet.gui.qt.widgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget


def unit_text(catalogue: Catalogue, entry: QualificationUnit) -> str:
    """ "Unit 310  Plan a kitchen rota (4 credits)", as a box's text (no mnemonic in it)."""
    unit = catalogue.get(entry.unit)
    name = f"Unit {entry.number}" if entry.number else entry.unit
    if unit is None:
        return f"{name}  {entry.unit}: not in the catalogue"
    credit = unit.credit
    worth = "" if credit is None else f" ({credit} credit{'' if credit == 1 else 's'})"
    return f"{name}  {unit.display_title}{worth}".replace("&", "&&")


class UnitChoice(QWidget):
    """The boxes of one qualification's units; `taken` are units the candidate already has in
    it (a registration's), shown ticked and fixed like the mandatory ones."""

    changed = Signal()

    def __init__(
        self,
        catalogue: Catalogue,
        qualification: Qualification,
        parent: QWidget | None = None,
        *,
        taken: Collection[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unitChoice")
        self.qualification = qualification
        self._taken = set(taken)
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if qualification.mandatory:
            layout.addWidget(
                self._group("Mandatory units", "", catalogue, qualification.mandatory, fixed=True)
            )
        for index, group in enumerate(qualification.groups):
            rule = group.rule_text
            said = f"Choose {rule}." if rule else "Choose any of these."
            name = group_words(group.title, index)
            layout.addWidget(self._group(name[:1].upper() + name[1:], said, catalogue, group.units))
        if qualification.unplaced:
            # Why they are unplaced is said once, under the qualification.
            said = "Choose the units to assess."
            layout.addWidget(self._group("Units", said, catalogue, qualification.unplaced))
        layout.addStretch(1)

    def _group(
        self,
        title: str,
        rule: str,
        catalogue: Catalogue,
        entries: Iterable[QualificationUnit],
        *,
        fixed: bool = False,
    ) -> QGroupBox:
        box = QGroupBox(title.replace("&", "&&"), self)
        inner = QVBoxLayout(box)
        if rule:
            words = QLabel(rule, box)
            words.setObjectName("groupRule")
            words.setTextFormat(Qt.TextFormat.PlainText)
            words.setWordWrap(True)
            inner.addWidget(words)
        for entry in entries:
            tick = QCheckBox(unit_text(catalogue, entry), box)
            held = fixed or entry.unit in self._taken
            tick.setChecked(held)
            tick.setEnabled(not held)
            if fixed:
                tick.setToolTip("A mandatory unit: every candidate achieves it.")
            elif held:
                tick.setToolTip("Already in the candidate's registration.")
            tick.toggled.connect(self.changed)
            self.boxes[entry.unit] = tick
            inner.addWidget(tick)
        return box

    def added(self) -> list[str]:
        """The optional units ticked here (not the mandatory nor those already taken)."""
        mandatory = set(self.qualification.mandatory_ids)
        return [
            unit
            for unit, box in self.boxes.items()
            if box.isChecked() and unit not in mandatory and unit not in self._taken
        ]

    def chosen(self) -> list[str]:
        """The optional units the candidate would have: those taken and those ticked."""
        return [*sorted(self._taken - set(self.qualification.mandatory_ids)), *self.added()]
