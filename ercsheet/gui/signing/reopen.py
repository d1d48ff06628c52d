"""Reopening a signed sheet, and setting the assessor's PIN."""

from __future__ import annotations

from ercsheet.domain.form_rules import reopen_reason_problems
from ercsheet.domain.passphrase import PIN_MIN_LENGTH
from ercsheet.domain.rules import Problem, Rule
from ercsheet.gui.dialog_parts import recheck_while_shown
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.widgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from ercsheet.gui.signing.fields import pin_edit
from ercsheet.gui.signing.problems import ProblemList
from ercsheet.store.store import Store


class ReopenDialog(QDialog):
    """Reopen a signed sheet: a reason, the PIN when one is set; the signed version is kept."""

    def __init__(self, store: Store, sheet_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._sheet_id = store, sheet_id
        self.version: int | None = None
        self.setWindowTitle("Reopen the signed sheet")
        self.setMinimumWidth(480)
        explanation = QLabel(
            "Reopening voids every signature so the sheet can be corrected; everyone signs again "
            "afterwards. The signed version is kept whole, with its record code, and stays "
            "viewable and printable marked as superseded."
        )
        explanation.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        # Tab moves on to the PIN: a tab typed into the reason put the PIN there, in clear.
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("Why is the signed sheet being reopened?")
        self.reason.setFixedHeight(80)
        self.pin = pin_edit("The assessor's PIN or passphrase", self)
        self.needs_pin = store.has_pin()
        self.problems = ProblemList(self)
        # The reason is judged again as it is typed; a wrong PIN goes once another is typed.
        recheck_while_shown(
            self.problems,
            lambda: self._refuse(reopen_reason_problems(self.reason.toPlainText())),
            self.reason,
            self.pin,
        )
        self.buttons = QDialogButtonBox(self)
        self.reopen_button = self.buttons.addButton(
            "Reopen", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.reopen)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Reason:", self.reason)
        if self.needs_pin:
            form.addRow("PIN:", self.pin)
        self.pin.setVisible(self.needs_pin)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def actor(self) -> str:
        profile = self._store.profile()
        return profile.name if profile else self._store.sheet(self._sheet_id).assessor.name

    def reopen(self) -> None:
        pin = self.pin.text() if self.needs_pin else None
        reason, actor = self.reason.toPlainText(), self.actor()
        version = attempt(lambda: self._store.reopen(self._sheet_id, reason, actor, pin))
        if isinstance(version, Refusal):
            self.pin.clear()  # before the refusal: clearing is an edit, which takes it away
            self._refuse(version.as_problems)
            return
        self.version = version
        self.accept()

    def _refuse(self, problems: list[Problem]) -> None:
        self.problems.show_problems(problems, heading="Not reopened:")


class PinDialog(QDialog):
    """Set or change the PIN asked before signing as assessor, adding a signature to a sealed
    sheet, or reopening. It cannot be removed: it keeps the key that seals signed sheets."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.has_pin = store.has_pin()
        self.setWindowTitle("Change the assessor's PIN" if self.has_pin else "Set a PIN")
        self.setMinimumWidth(420)
        explanation = QLabel(
            "The PIN or passphrase is asked before signing as assessor, before adding a "
            "signature to a sealed sheet (an IV's, a countersignature) and before reopening a "
            f"signed sheet, so only you can do these. At least {PIN_MIN_LENGTH} characters."
        )
        self.cannot_remove = QLabel(
            "It cannot be removed: it keeps the key that seals your signed sheets. You can "
            "change it here.",
            self,
        )
        self.cannot_remove.setWordWrap(True)
        self.cannot_remove.setVisible(self.has_pin)
        explanation.setWordWrap(True)
        self.current = pin_edit("Your PIN now", self)
        self.new = pin_edit("New PIN or passphrase", self)
        self.repeat = pin_edit("The new PIN again", self)
        self.problems = ProblemList(self)
        # A refusal clears the fields: what is typed next is a new try, judged on Save.
        recheck_while_shown(
            self.problems,
            lambda: self._show([]),
            self.current,
            self.new,
            self.repeat,
        )
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        if self.has_pin:
            form.addRow("Current PIN:", self.current)
        self.current.setVisible(self.has_pin)
        form.addRow("New PIN:", self.new)
        form.addRow("Repeat:", self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.cannot_remove)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        if self.new.text() != self.repeat.text():
            self._refuse(
                [Problem(Rule.ASSESSOR_PIN, "The two new PINs differ: type the same one twice.")]
            )
            return
        self._apply(self.new.text())

    def _apply(self, pin: str) -> None:
        current = self.current.text() if self.has_pin else None
        result = attempt(lambda: self._store.set_pin(pin, current=current))
        if isinstance(result, Refusal):
            self._refuse(result.as_problems)
            return
        self.accept()

    def _refuse(self, problems: list[Problem]) -> None:
        for field in (self.current, self.new, self.repeat):
            field.clear()  # before the refusal: clearing is an edit, which takes it away
        self._show(problems)

    def _show(self, problems: list[Problem]) -> None:
        self.problems.show_problems(problems, heading="PIN not changed:")
