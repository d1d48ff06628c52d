"""New or edit a candidate: name, candidate number, centre number."""

from __future__ import annotations

from ercsheet.domain.form_rules import candidate_problems
from ercsheet.gui.dialog_parts import error_label, live_error, ok_cancel, show_error
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.widgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from ercsheet.store.store import CandidateInfo, Store


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
        live_error(self.error, self._typed_problem, self.name, self.number, self.centre)
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
        candidate_id = self.candidate_id
        if not self._number_confirmed(number, centre):
            return
        if candidate_id is None:
            added = attempt(lambda: self._store.add_candidate(name, number, centre))
            refusal = added if isinstance(added, Refusal) else None
            if not isinstance(added, Refusal):
                self.candidate_id = added
        else:
            corrected = attempt(
                lambda: self._store.update_candidate(candidate_id, name, number, centre)
            )
            refusal = corrected if isinstance(corrected, Refusal) else None
        if refusal is not None:
            self._show_error(refusal.text)
            return
        super().accept()

    def _number_confirmed(self, number: str, centre: str) -> bool:
        """A candidate number already someone else's at the same centre is asked about, No by
        default: it is most likely a slip, and the number is how an erasure or an exported file
        names the candidate. (Allowed when meant: numbers come from awarding bodies, not us.)"""
        other = self._store.find_candidate(number) if number.strip() else None
        if other is None or other.id == self.candidate_id:
            return True
        if other.centre_number.strip() != centre.strip():
            return True
        answer = QMessageBox.question(
            self,
            "Candidate number already used",
            f"{other.name} already has candidate number {other.candidate_number}"
            + (f" at centre {other.centre_number}" if other.centre_number else "")
            + ". Keep the same number for this candidate too?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.number.setFocus()
            self.number.selectAll()
            return False
        return True

    def _typed_problem(self) -> str | None:
        problems = candidate_problems(self.name.text(), self.number.text(), self.centre.text())
        return " ".join(problem.message for problem in problems) or None

    def _show_error(self, text: str) -> None:
        show_error(self.error, text)
        self.name.setFocus()
