"""Registering a candidate on a qualification (a sheet for each mandatory and chosen unit), and
adding optional units to a registration: the qualification, its units to tick, a line saying
what the choice still needs or what blocks it as the assessor ticks, the awarding body's number
and the date. The rules are the domain's (`registration.py`, `combination.py`); the store
refuses what they refuse, and the refusal is said here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from ercsheet.catalogue.loaded import Catalogue
from ercsheet.catalogue.qualification import Qualification
from ercsheet.domain.combination import choice_problems
from ercsheet.domain.progress_words import NO_SHEETS
from ercsheet.domain.registration import choice_blocks, details_problems
from ercsheet.domain.sheet import Person
from ercsheet.gui.date_field import DateField
from ercsheet.gui.dialog_parts import (
    ERROR_STYLE,
    error_label,
    ok_cancel,
    show_error,
)
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.core import Qt
from ercsheet.gui.qt.widgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from ercsheet.gui.unit_choice import UnitChoice
from ercsheet.store.store import Store

# The height the units' list takes at most before it scrolls (the dialog fits 1366 x 768).
MOST_UNITS = 420
ANY_HEIGHT = 16777215  # Qt's QWIDGETSIZE_MAX: no maximum


def qualification_text(qualification: Qualification) -> str:
    """ "Invented Level 3 Diploma… — Invented Awarding Body, level 3", as the list shows it
    (whether its rules are transcribed is said once, under it)."""
    return f"{qualification.title} — {qualification.awarding_body}, level {qualification.level}"


class RegisterDialog(QDialog):
    """Register the candidate (`registration` None), or add units to their registration
    `registration` on `qualification_id`, whose units `taken` they already have."""

    def __init__(
        self,
        store: Store,
        candidate_id: int,
        catalogue: Catalogue,
        assessor: Person,
        today: dt.date,
        parent: QWidget | None = None,
        *,
        registration: int | None = None,
        qualification_id: str = "",
        taken: Collection[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registerDialog")
        self._store, self._candidate_id, self._catalogue = store, candidate_id, catalogue
        self._assessor, self._today = assessor, today
        self._registration, self._taken = registration, tuple(taken)
        self.registration_id: int | None = None  # once registered
        self.sheet_ids: list[int] = []  # the sheets made (or linked)
        name = store.candidate(candidate_id).name
        adding = registration is not None
        self.setWindowTitle(f"Add units for {name}" if adding else f"Register {name}")
        listed = catalogue.sorted_qualifications()
        if adding:
            listed = [q for q in listed if q.id == qualification_id]
        self._qualifications = listed
        self.qualification = QComboBox(self)
        self.qualification.setObjectName("qualificationChoice")
        self.qualification.setAccessibleName("Qualification")
        for qualification in listed:
            self.qualification.addItem(qualification_text(qualification), qualification.id)
        self.qualification.setEnabled(not adding and len(listed) > 1)
        self.about = QLabel(self)
        self.about.setObjectName("qualificationAbout")
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.about.setWordWrap(True)
        self.units_area = QScrollArea(self)
        self.units_area.setWidgetResizable(True)
        self.choice: UnitChoice | None = None
        self.choice_line = QLabel(self)
        self.choice_line.setObjectName("choiceLine")
        self.choice_line.setTextFormat(Qt.TextFormat.PlainText)
        self.choice_line.setWordWrap(True)
        self.number = QLineEdit(self)
        self.number.setObjectName("registrationNumber")
        self.number.setPlaceholderText("The awarding body's registration number, if known")
        self.date = DateField(today, self, maximum=today, optional=True)
        self.date.setObjectName("registrationDate")
        self.date.line.setAccessibleName("Date registered, day first")
        self.error = error_label(self, "registerError")
        self.buttons = ok_cancel(self, "Add &units" if adding else "&Register")
        self.register_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.register_button.setObjectName("registerButton")

        form = QFormLayout()
        chooser = QLabel("&Qualification:", self)
        chooser.setBuddy(self.qualification)
        form.addRow(chooser, self.qualification)
        details = QFormLayout()
        if not adding:
            details.addRow("Registration &number:", self.number)
            details.addRow("&Date registered:", self.date)
        else:
            self.number.hide()
            self.date.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        # Under the form, not in it: a form row of wrapped text is given room for more lines
        # than it has, which showed as empty space above and below it.
        layout.addWidget(self.about)
        layout.addWidget(self.units_area, 1)
        layout.addWidget(self.choice_line)
        layout.addLayout(details)
        layout.addWidget(self.error)
        # Room the units do not fill (the line above them grown shorter as units are ticked,
        # the dialog made taller) goes here, above the buttons, not under the last group.
        layout.addStretch(0)
        layout.addWidget(self.buttons)
        self.qualification.currentIndexChanged.connect(lambda *_: self._show_qualification())
        self.number.textChanged.connect(lambda *_: self._recheck())
        self.date.changed.connect(self._recheck)
        self._show_qualification()
        self.resize(760, self.height())
        self._fit()

    @property
    def current(self) -> Qualification | None:
        index = self.qualification.currentIndex()
        return self._qualifications[index] if 0 <= index < len(self._qualifications) else None

    def _show_qualification(self) -> None:
        qualification = self.current
        if self.choice is not None:
            self.choice.deleteLater()
            self.choice = None
        if qualification is None:
            self.about.setText(
                "No qualification is in the catalogue: add its file to the qualifications "
                "folder of your units (ercsheet qualifications lists those loaded)."
            )
            self._recheck()
            return
        facts = [f"Qualification number {qualification.qualification_number}."]
        if not qualification.qualification_number:
            facts = []
        if qualification.min_credit:
            facts.append(f"At least {qualification.min_credit} credits in all.")
        if qualification.credit_at_level is not None:
            facts.append(f"Of them {qualification.credit_at_level.rule_text}.")
        # Said here once, where the qualification is chosen: not again by its units nor by
        # the line under them (an assessor read it four times).
        if not qualification.complete:
            facts += [p.message for p in choice_problems(qualification, (), {})]
        self.about.setText(" ".join(facts))
        self.about.setVisible(bool(facts))
        self.choice = UnitChoice(self._catalogue, qualification, self, taken=self._taken)
        self.choice.changed.connect(self._recheck)
        self.units_area.setWidget(self.choice)
        # As tall as its units, up to a screenful's share: more scroll.
        frame = 2 * self.units_area.frameWidth()
        tall = self.choice.sizeHint().height() + frame
        self.units_area.setMinimumHeight(min(tall, MOST_UNITS))
        # No taller than its units when they fit; a longer list may grow with the dialog.
        self.units_area.setMaximumHeight(tall if tall <= MOST_UNITS else ANY_HEIGHT)
        self._recheck()  # first: the line under the units changes with them
        self._fit()

    def _fit(self) -> None:
        """As tall as what it shows needs at its width, shorter too when another qualification
        has fewer units (no empty space under them). Not its size hint, which is taller:
        wrapped lines counted at a narrower width."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.resize(self.width(), layout.totalHeightForWidth(self.width()))

    def blocks(self) -> list[str]:
        """What stops the registration as it stands (the domain's words)."""
        qualification, choice = self.current, self.choice
        if qualification is None or choice is None:
            return ["Choose a qualification."]
        said = [
            p.message for p in choice_blocks(qualification, choice.chosen(), self._catalogue.units)
        ]
        if self._registration is None:
            if self.date.problem():
                said.append(self.date.problem())
            problems = details_problems(self.number.text(), self.date.date(), self._today)
            said += [p.message for p in problems]
        elif not choice.added():
            said.append("Tick the units to add.")
        return said

    def makes_no_sheet(self) -> bool:
        """Registering as ticked makes no sheet: no mandatory unit, none chosen. The domain
        allows it (units are added later), so it is said, on the button and the line."""
        qualification, choice = self.current, self.choice
        return (
            self._registration is None
            and qualification is not None
            and choice is not None
            and not qualification.mandatory
            and not choice.chosen()
        )

    def _recheck(self) -> None:
        blocks = self.blocks()
        self.register_button.setEnabled(not blocks)
        if self._registration is None:
            empty = self.makes_no_sheet()
            self.register_button.setText("&Register without units" if empty else "&Register")
        self.error.hide()
        if blocks:
            self.choice_line.setStyleSheet(ERROR_STYLE)
            self.choice_line.setText(" ".join(blocks))
            return
        self.choice_line.setStyleSheet("")
        self.choice_line.setText(self._needs())

    def _needs(self) -> str:
        """What the choice still needs to complete the qualification once achieved."""
        qualification, choice = self.current, self.choice
        assert qualification is not None and choice is not None
        needs = choice_problems(qualification, choice.chosen(), self._catalogue.units)
        if self.makes_no_sheet():
            return NO_SHEETS
        if not qualification.complete:
            return ""  # nothing to check, and said under the qualification
        said = " ".join(p.message for p in needs)
        if not needs:
            return "The units chosen complete the qualification once achieved."
        return f"Still needed (units can be added later): {said}"

    def accept(self) -> None:
        qualification, choice = self.current, self.choice
        if qualification is None or choice is None or self.blocks():
            return
        store, added = self._store, choice.added()
        result: int | list[int] | Refusal
        if self._registration is None:
            number, on = self.number.text().strip(), self.date.date()
            result = attempt(
                lambda: store.register(
                    self._candidate_id,
                    qualification.id,
                    catalogue=self._catalogue,
                    assessor=self._assessor,
                    number=number,
                    registered_on=on,
                    optional_units=added,
                )
            )
        else:
            registration = self._registration
            result = attempt(
                lambda: store.choose_units(
                    registration, added, catalogue=self._catalogue, assessor=self._assessor
                )
            )
        if isinstance(result, Refusal):
            show_error(self.error, result.text)
            return
        if isinstance(result, int):
            self.registration_id = result
            [made] = [r for r in store.registrations(self._candidate_id) if r.id == result]
            self.sheet_ids = list(made.sheet_ids)
        else:
            self.registration_id, self.sheet_ids = self._registration, result
        super().accept()
