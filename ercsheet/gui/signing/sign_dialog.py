"""Signing one role on one sheet: draw, type or record a signature on paper."""

from __future__ import annotations

import datetime as dt
import html

from ercsheet.domain import evidence_rules
from ercsheet.domain.coverage import sign_off_coverage
from ercsheet.domain.declarations import declaration
from ercsheet.domain.rules import Problem, Rule
from ercsheet.domain.sheet import Person, SheetContent, Signature
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.gui.dialog_parts import BANNER_STYLE, open_tall_enough, when_edited
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.core import Qt, Signal
from ercsheet.gui.qt.gui import QKeyEvent
from ercsheet.gui.qt.widgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from ercsheet.gui.signing.declaration import DeclarationView
from ercsheet.gui.signing.fields import date_edit, date_of, pin_edit
from ercsheet.gui.signing.pad import SignaturePad, typed_signature
from ercsheet.gui.signing.problems import (
    ProblemList,
    WarningList,
    in_sentence,
    standing_problems,
)
from ercsheet.store.store import Store

# The ways of signing, in the order of the tabs.
KINDS = (SignatureKind.DRAWN, SignatureKind.TYPED, SignatureKind.PAPER)


def default_name(store: Store, content: SheetContent, role: Role) -> str:
    """Who usually signs as `role` on this sheet, as far as the app knows."""
    if role is Role.CANDIDATE:
        return content.candidate.name
    if role is Role.ASSESSOR:
        return content.assessor.name
    if role is Role.ASSESSOR_COUNTERSIGN:
        # The profile's owner countersigns a trainee's sheet when they are a qualified assessor.
        profile = store.profile()
        if profile is not None and profile.qualified and profile.name != content.assessor.name:
            return profile.name
        return ""
    if role is Role.IV and content.iv is not None:
        return content.iv.name
    return ""


class SignDialog(QDialog):
    """Sign as one role. On success the store holds the signature and the dialog is accepted."""

    jump_to_criterion = Signal(str)

    def __init__(
        self,
        store: Store,
        sheet_id: int,
        role: Role,
        today: dt.date,
        parent: QWidget | None = None,
        line: str = "",
    ) -> None:
        super().__init__(parent)
        self._store, self._sheet_id, self._role, self._today = store, sheet_id, role, today
        self.line = line  # the unit's own sign-off line signed (Role.EXTRA), else ""
        self._content = store.sheet(sheet_id)
        label = self._content.signer_label(role, line)
        self.setWindowTitle(f"Sign as {in_sentence(label)}")

        heading = QLabel(
            f"<b>{html.escape(label)}</b> — {html.escape(self._content.candidate.name)}, "
            f"{html.escape(self._content.unit.display_title)}"
        )
        heading.setWordWrap(True)
        self.addendum_note = QLabel(
            "The assessor has signed and sealed this sheet: this signature is added to the "
            "sealed record (its record code does not change), so the assessor types their PIN "
            "to add it.",
            self,
        )
        self.addendum_note.setWordWrap(True)
        self.known_problems = ProblemList(self)
        self.known_problems.jump_to_criterion.connect(self._jump)
        # What the assessor declares covered includes what verifiers question: items ticked
        # against nearly every criterion. Listed, never blocking.
        self.warnings = WarningList(self)
        if role is Role.ASSESSOR:
            self.warnings.show_problems(
                evidence_rules.over_mapped_items(self._content),
                heading="Check before signing (you can still sign):",
            )

        self.pad = SignaturePad(self)
        self.clear_button = QPushButton("Clear", self)
        self.undo_button = QPushButton("Undo stroke", self)
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo_stroke)
        self.typed_preview = typed_signature("", 24, self)
        self.typed_preview.setMinimumHeight(100)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._draw_tab(), "Draw")
        self.tabs.addTab(self._typed_tab(), "Type name")
        self.tabs.addTab(self._paper_tab(), "Signed on paper")

        self.name = QLineEdit(default_name(store, self._content, role), self)
        self.name.setPlaceholderText("Full name")
        # What this person signs, as the form words it, above the pad and the PIN.
        self.declaration = DeclarationView(
            declaration(self._content.unit, role, line), self.name.text(), self
        )
        self.name.textChanged.connect(self.declaration.set_name)
        self.date = date_edit(today, self)
        self.pin = pin_edit("The assessor's PIN or passphrase", self)
        form = QFormLayout()
        form.addRow("Name:", self.name)
        form.addRow("Date:", self.date)
        # An IV says whether they are qualified (never assumed): an unqualified IV's initials
        # need a qualified IV's countersignature afterwards.
        self.iv_qualified = QRadioButton("Qualified internal verifier", self)
        self.iv_trainee = QRadioButton(
            "Not yet qualified: a qualified IV countersigns afterwards", self
        )
        self._iv_choice = QButtonGroup(self)
        for choice in (self.iv_qualified, self.iv_trainee):
            self._iv_choice.addButton(choice)
            choice.setVisible(role is Role.IV)
            if role is Role.IV:
                form.addRow("", choice)
        if self._content.iv is not None:
            (self.iv_qualified if self._content.iv.qualified else self.iv_trainee).setChecked(True)
        # The assessor's PIN unlocks the key that seals the sheet, and signs every addendum:
        # the assessor's own signature, and any signature made after the seal.
        self.after_seal = store.record_code(sheet_id) is not None
        self.needs_pin = role is Role.ASSESSOR or self.after_seal
        self.addendum_note.setVisible(self.after_seal and role is not Role.ASSESSOR)
        form.addRow(self._pin_label(), self.pin)
        self.pin_label = form.labelForField(self.pin)
        self.no_pin = QLabel(self)
        self.no_pin.setWordWrap(True)
        self.no_pin.setStyleSheet(BANNER_STYLE)
        self.no_pin.setTextFormat(Qt.TextFormat.PlainText)
        self.set_pin_button = QPushButton("Set the PIN now…", self)
        self.set_pin_button.clicked.connect(self.open_pin_dialog)
        self.pin_dialog: QDialog | None = None
        no_pin_row = QHBoxLayout()
        no_pin_row.addWidget(self.no_pin, 1)
        no_pin_row.addWidget(self.set_pin_button)

        self.problems = ProblemList(self)
        self.problems.jump_to_criterion.connect(self._jump)
        self.buttons = QDialogButtonBox(self)
        self.sign_button = self.buttons.addButton("Sign", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.sign)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.addendum_note)
        layout.addWidget(self.declaration)
        layout.addWidget(self.known_problems)
        layout.addWidget(self.warnings)
        layout.addWidget(self.tabs, 1)  # room to spare goes to the pad
        layout.addLayout(form)
        layout.addLayout(no_pin_row)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        self.pad.changed.connect(self._refresh)
        self.tabs.currentChanged.connect(self._refresh)
        self.name.textChanged.connect(self._refresh)
        self.date.changed.connect(self._refresh)
        when_edited(self._forget_refusal, self.pin, self.iv_qualified, self.iv_trainee)
        self._show_pin()
        self._refresh()
        open_tall_enough(self)

    @property
    def role(self) -> Role:
        return self._role

    def _pin_label(self) -> str:
        return "Assessor's PIN:" if self._role is not Role.ASSESSOR else "PIN:"

    def _show_pin(self) -> None:
        """The PIN field when it is needed and set; when it is needed and not set, say so."""
        has_pin = self._store.has_pin()
        self.pin_missing = self.needs_pin and not has_pin
        for widget in (self.pin, self.pin_label):
            if widget is not None:
                widget.setVisible(self.needs_pin and has_pin)
        if self.after_seal and self._role is not Role.ASSESSOR:
            self.pin.setPlaceholderText("The assessor types their PIN to add this signature")
        self.no_pin.setText(self._no_pin_text() if self.pin_missing else "")
        self.no_pin.setVisible(self.pin_missing)
        self.set_pin_button.setVisible(self.pin_missing)

    def _no_pin_text(self) -> str:
        if self._role is Role.ASSESSOR:
            why = "Signing as assessor needs your PIN"
        else:
            why = "This sheet is sealed, so a signature added now needs the assessor's PIN"
        return (
            f"{why}, and no PIN is set yet. Set one in Assessor → PIN… "
            "(or with the button here), then sign."
        )

    def open_pin_dialog(self) -> QDialog:
        """Set the PIN from here; once it is set the PIN field appears."""
        from ercsheet.gui.signing.reopen import PinDialog

        dialog = self.pin_dialog = PinDialog(self._store, self)
        dialog.accepted.connect(self._pin_set)
        dialog.open()
        return dialog

    def _pin_set(self) -> None:
        self._show_pin()
        self._refresh()
        self.pin.setFocus()

    def _draw_tab(self) -> QWidget:
        tab = QWidget(self)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.pad)
        layout.addLayout(buttons)
        return tab

    def _typed_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel("Your typed name is your signature:"))
        layout.addWidget(self.typed_preview)
        layout.addStretch()
        return tab

    def _paper_tab(self) -> QWidget:
        tab = QWidget(self)
        note = QLabel(
            "The signer signs the printed sheet by hand. The app records who signed and when, "
            "for verifiers who accept only handwritten signatures."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(tab)
        layout.addWidget(note)
        layout.addStretch()
        return tab

    def kind(self) -> SignatureKind:
        return KINDS[self.tabs.currentIndex()]

    def set_kind(self, kind: SignatureKind) -> None:
        self.tabs.setCurrentIndex(KINDS.index(kind))

    def signature(self) -> Signature:
        """The signature as the dialog stands; ValueError when the date typed is not a date."""
        kind = self.kind()
        strokes = self.pad.strokes() if kind is SignatureKind.DRAWN else ()
        date = date_of(self.date)
        if date is None:
            raise ValueError(self.date.problem())
        return Signature(self._role, self.name.text().strip(), date, kind, strokes, self.line)

    def _forget_refusal(self) -> None:
        """ "Not signed" was said of the signature as it was when Sign was pressed: once it is
        changed the list above (what still stands in the way, kept up to date) is what holds,
        and Sign asks the store again."""
        self.problems.show_problems([])

    def _refresh(self) -> None:
        """Show what already stands in the way, so nobody signs in vain."""
        self._forget_refusal()
        self.typed_preview.setText(self.name.text())
        self.undo_button.setEnabled(not self.pad.is_empty())
        self.clear_button.setEnabled(not self.pad.is_empty())
        drawn_missing = self.kind() is SignatureKind.DRAWN and self.pad.is_empty()
        date = date_of(self.date)
        self.sign_button.setEnabled(not drawn_missing and not self.pin_missing and bool(date))
        if self.pin_missing:
            self.sign_button.setToolTip("Set the assessor's PIN first")
        else:
            self.sign_button.setToolTip("Draw the signature first" if drawn_missing else "")
        if date is None:
            known = [Problem(Rule.REQUIRED_FIELD, self.date.problem())]
        else:
            known = standing_problems(
                self._content, self._role, date, self._today, self.name.text(), self.line
            )
        self.known_problems.show_problems(
            known, self._uncovered(), heading="This signature cannot be accepted yet:"
        )

    def _uncovered(self) -> list[str]:
        return sign_off_coverage(self._content.unit, self._content.evidence).uncovered

    def sign(self) -> None:
        """Ask the store to sign; a refusal is shown here and the dialog stays open."""
        pin = self.pin.text() if self.needs_pin else None
        if self._role is Role.IV and self._iv_choice.checkedButton() is None:
            unsaid = Problem(
                Rule.REQUIRED_FIELD,
                "Say whether the internal verifier is qualified: an IV who is not yet qualified "
                "needs a qualified IV's countersignature.",
            )
            self.problems.show_problems([unsaid], [], heading="Not signed:")
            return
        if date_of(self.date) is None:  # the Sign button waits for a date: Enter does not
            unreadable = Problem(Rule.REQUIRED_FIELD, self.date.problem())
            self.problems.show_problems([unreadable], [], heading="Not signed:")
            return
        signature = self.signature()
        iv = Person(signature.name, self.iv_qualified.isChecked())
        result = attempt(
            lambda: self._store.add_signature(
                self._sheet_id, signature, self._today, pin, iv if self._role is Role.IV else None
            )
        )
        if isinstance(result, Refusal):
            self.pin.clear()  # before the refusal: clearing is an edit, which takes it away
            self.problems.show_problems(
                result.as_problems, self._uncovered(), heading="Not signed:"
            )
            return
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Escape asks before it throws a drawn signature away (it did so without a word)."""
        drawn = self.kind() is SignatureKind.DRAWN and not self.pad.is_empty()
        if event.key() == Qt.Key.Key_Escape and drawn:
            answer = QMessageBox.question(
                self,
                "Discard the signature?",
                "The signature drawn is not signed yet. Close and discard it?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().keyPressEvent(event)

    def _jump(self, criterion: str) -> None:
        self.jump_to_criterion.emit(criterion)
        self.reject()
