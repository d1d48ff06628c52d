"""Deleting a sheet and erasing a candidate: a dialog that says what goes before anything does.

A deletion cannot be undone, so the dialog names what goes (the candidate, how many sheets, how
many of them signed), asks the assessor's PIN where the store needs it (a signed sheet; any
erasure once a PIN is set), for an erasure asks the candidate number typed again (as `ercsheet
erase-candidate` does), and has Cancel as its default: a Delete key pressed by mistake followed
by Enter deletes nothing. The store refuses what its rules refuse; the refusal is shown here.
"""

from __future__ import annotations

from collections.abc import Callable

from ercsheet.domain.names import normalise
from ercsheet.gui.dialog_parts import error_label, live_error, show_error, stacked
from ercsheet.gui.operation import Refusal
from ercsheet.gui.qt.core import Qt
from ercsheet.gui.qt.gui import QGuiApplication
from ercsheet.gui.qt.widgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)
from ercsheet.gui.signing.fields import pin_edit
from ercsheet.store.store import CandidateInfo, SheetSummary


def sheet_deletion_text(sheet: SheetSummary, signed_versions: int) -> str:
    what = f"{sheet.candidate_name}'s sheet for {sheet.unit_label}: {sheet.unit_title}"
    lines = [
        f"Delete {what}?",
        "Its rows and ticks go with it. Its evidence items stay in the candidate's evidence "
        "library (Tools → Candidate's evidence library…), with their ticks on other sheets.",
    ]
    kept = "that the sheet was deleted"
    if sheet.status == "signed" or signed_versions:
        lines.append(
            "It is signed: the signed record goes from this laptop, and the record code printed "
            "on paper will no longer find it here. Your PIN is needed."
        )
        kept += ", with its record code"
    lines.append(f"This cannot be undone. The audit trail keeps {kept}.")
    return "\n\n".join(lines)


def candidate_erasure_text(candidate: CandidateInfo, sheets: list[SheetSummary]) -> str:
    signed = sum(1 for sheet in sheets if sheet.status == "signed")
    who = f"{candidate.name} ({candidate.candidate_number})"
    if not sheets:
        question = f"Delete {who}? They have no sheets."
    else:
        counted = f"{len(sheets)} sheet{'' if len(sheets) == 1 else 's'}"
        if signed:
            counted += f", {signed} of them signed"
        question = f"Delete {who} and their {counted}?"
    return "\n\n".join(
        [
            question,
            "They are erased from this laptop's database and from every backup ercsheet keeps, "
            "so nothing of them can be restored. The audit trail keeps that a candidate was "
            "erased, without their name or number. Printed sheets and exported files are not "
            "touched.",
            "This cannot be undone.",
        ]
    )


class ConfirmDeletion(QDialog):
    """Says what goes; on Delete, runs `delete(pin)` (a store operation run through `attempt`)
    and closes, or shows why the store refused (a wrong PIN) and stays open."""

    def __init__(
        self,
        title: str,
        text: str,
        button_text: str,
        delete: Callable[[str | None], object | Refusal],
        needs_pin: bool,
        confirm_number: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._delete, self._confirm_number = delete, confirm_number
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.explanation = QLabel(text, self)
        self.explanation.setObjectName("deletionText")
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.number = QLineEdit(self)
        self.number.setObjectName("confirmNumber")
        self.number.setPlaceholderText(confirm_number or "")
        self.pin = pin_edit("The assessor's PIN or passphrase", self)
        self.pin.setObjectName("deletionPin")
        self.needs_pin = needs_pin
        self.error = error_label(self, "deletionError")
        live_error(self.error, lambda: None, self.number, self.pin)  # judged on Delete
        self.buttons = QDialogButtonBox(self)
        self.delete_button = self.buttons.addButton(
            button_text, QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setObjectName("confirmDeletion")
        self.delete_button.setAutoDefault(False)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # Enter keeps everything
        self.delete_button.clicked.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        if confirm_number is not None:
            form.addRow("Type the candidate number to confirm:", self.number)
            self.number.textChanged.connect(self._update_button)
        else:
            self.number.hide()
        if needs_pin:
            form.addRow("PIN:", self.pin)
        else:
            self.pin.hide()
        stacked(self, self.explanation, form, self.error, self.buttons)
        self._update_button()

    def _update_button(self) -> None:
        # As typed, capitals or not ("ex-0001" for EX-0001): the number is asked to make sure
        # the right person goes, not to test the typing.
        expected = self._confirm_number
        typed = normalise(self.number.text()).casefold()
        self.delete_button.setEnabled(expected is None or typed == normalise(expected).casefold())

    def confirm(self) -> None:
        pin = self.pin.text() if self.needs_pin else None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # backups are rewritten
        try:
            result = self._delete(pin)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if isinstance(result, Refusal):
            self.pin.clear()  # before the error: clearing is an edit, which takes it away
            show_error(self.error, f"Nothing was deleted. {result.text}")
            return
        self.accept()
