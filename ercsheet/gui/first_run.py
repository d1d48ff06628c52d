"""The first start: who the assessor is, then an offer of an example candidate to try things on."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ercsheet.gui.dialog_parts import error_label, live_error, show_error, stacked
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.core import Qt
from ercsheet.gui.qt.widgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QWidget,
)
from ercsheet.store.example import create_example_candidate
from ercsheet.store.store import Profile, Store

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue


class ProfileDialog(QDialog):
    """The assessor's name, qualified or not, and assessor number; saved on OK."""

    def __init__(self, store: Store, parent: QWidget | None = None, welcome: bool = False) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle("Welcome to ercsheet" if welcome else "Assessor profile")
        profile = store.profile()
        self.name = QLineEdit(profile.name if profile else "", self)
        self.name.setAccessibleName("Your name as you sign it")
        # Asked, never assumed: an unqualified assessor's sheets need a countersignature, and a
        # default of "qualified" would leave that line off every sheet they print.
        self.qualified = QRadioButton(
            "I hold an assessor qualification (e.g. TAQA, A1, D32/D33)", self
        )
        self.trainee = QRadioButton(
            "I am working towards it: a qualified assessor countersigns my sheets", self
        )
        self._choice = QButtonGroup(self)
        self._choice.addButton(self.qualified)
        self._choice.addButton(self.trainee)
        if profile is not None:
            (self.qualified if profile.qualified else self.trainee).setChecked(True)
        self.number = QLineEdit(profile.assessor_number if profile else "", self)
        self.number.setAccessibleName("Assessor number")
        intro = QLabel(
            "This laptop's assessor signs the sheets made here. An assessor who is not yet "
            "qualified needs a qualified assessor's countersignature on every sheet.",
            self,
        )
        intro.setWordWrap(True)
        self.error = error_label(self, "profileError")
        live_error(self.error, self._typed_problem, self.name, self.qualified, self.trainee)
        form = QFormLayout()
        fingerprint = store.key_fingerprint() if profile is not None else None
        self.key = QLabel(
            f"{fingerprint} — printed beside the record code on every sheet you sign"
            if fingerprint
            else "made when you first set your PIN (Assessor → PIN…)",
            self,
        )
        self.key.setWordWrap(True)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("Your &name:", self.name)
        form.addRow("", self.qualified)
        form.addRow("", self.trainee)
        form.addRow("Assessor n&umber:", self.number)
        form.addRow("Signing key:", self.key)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        if not welcome:
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        stacked(self, intro, form, self.error, buttons)
        self.setMinimumWidth(460)

    def _typed_problem(self) -> str | None:
        if not self.name.text().strip():
            return "Enter your name: it is printed on the sheets you sign."
        if self._choice.checkedButton() is None:
            return (
                "Say whether you hold an assessor qualification: it decides whether your sheets "
                "need a qualified assessor's countersignature."
            )
        return None

    def accept(self) -> None:
        name = " ".join(self.name.text().split())
        problem = self._typed_problem()
        if problem:
            show_error(self.error, problem)
            (self.name if not name else self.qualified).setFocus()
            return
        profile = Profile(name, self.qualified.isChecked(), self.number.text().strip())
        result = attempt(lambda: self._store.set_profile(profile))
        if isinstance(result, Refusal):
            show_error(self.error, result.text)
            return
        super().accept()


def offer_example(
    parent: QWidget, store: Store, catalogue: Catalogue, today: dt.date
) -> int | None:
    """Ask whether to add the example candidate; the example sheet's id when they said yes."""
    answer = QMessageBox.question(
        parent,
        "Try an example?",
        "Open an example candidate with a sheet half done, to try ticking, signing and printing? "
        "You can delete the example whenever you like (right-click it: Delete candidate…).",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    example = attempt(lambda: create_example_candidate(store, catalogue, today))
    if isinstance(example, Refusal):
        QMessageBox.warning(parent, "Try an example?", example.text)
        return None
    return example


def run_first_run(
    parent: QWidget, store: Store, catalogue: Catalogue, today: dt.date
) -> int | None:
    """On a store without a profile: ask for it, then offer the example. The sheet to open."""
    if store.profile() is not None:
        return None
    ProfileDialog(store, parent, welcome=True).exec()
    if store.profile() is None:
        return None
    return offer_example(parent, store, catalogue, today)
