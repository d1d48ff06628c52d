"""New or edit a candidate: name, candidate number, centre number."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ercsheet.gui.dialog_parts import error_label, ok_cancel, show_error
from ercsheet.store.opening import StoreError
from ercsheet.store.store import CandidateInfo, RuleViolation, Store


def signed_note(count: int) -> str:
    if count == 1:
        kept = "1 signed sheet keeps the details it was signed with"
    else:
        kept = f"{count} signed sheets keep the details they were signed with"
    return f"{kept}; drafts follow this correction. To correct a signed sheet, reopen it."


class CandidateDialog(QDialog):
    """Writes the candidate to the store on OK; a refusal is shown in the dialog."""

    def __init__(
        self, store: Store, candidate: CandidateInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store, self._candidate = store, candidate
        self.candidate_id: int | None = candidate.id if candidate else None
        self.setWindowTitle("Edit candidate" if candidate else "New candidate")
        self.name = QLineEdit(candidate.name if candidate else "", self)
        self.name.setAccessibleName("Candidate name")
        self.number = QLineEdit(candidate.candidate_number if candidate else "", self)
        self.number.setAccessibleName("Candidate number")
        self.centre = QLineEdit(candidate.centre_number if candidate else "", self)
        self.centre.setAccessibleName("Centre number")
        self.error = error_label(self, "candidateError")
        # A correction reaches drafts only: what was signed stays as it was signed.
        self.signed_sheets = store.signed_sheet_count(candidate.id) if candidate else 0
        self.signed_note = QLabel(signed_note(self.signed_sheets), self)
        self.signed_note.setObjectName("candidateSignedNote")
        self.signed_note.setWordWrap(True)
        self.signed_note.setVisible(self.signed_sheets > 0)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("Candidate &number:", self.number)
        form.addRow("&Centre number:", self.centre)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.signed_note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        name, number, centre = self.name.text(), self.number.text(), self.centre.text()
        try:
            if self.candidate_id is None:
                self.candidate_id = self._store.add_candidate(name, number, centre)
            else:
                self._store.update_candidate(self.candidate_id, name, number, centre)
        except RuleViolation as refusal:
            self._show_error(" ".join(p.message for p in refusal.problems))
            return
        except StoreError as error:  # e.g. the disk is full
            self._show_error(str(error))
            return
        super().accept()

    def _show_error(self, text: str) -> None:
        show_error(self.error, text)
        self.name.setFocus()
