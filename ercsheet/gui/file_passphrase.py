"""Passphrases of encrypted exchange files in the window: chosen (twice) for an encrypted export,
asked for when an import meets encrypted files. The files' format is store/envelope.py."""

from __future__ import annotations

from ercsheet.domain.passphrase import PASSPHRASE_MIN_LENGTH
from ercsheet.gui.dialog_parts import error_label, live_error, ok_cancel, show_error, stacked
from ercsheet.gui.passphrase_dialog import new_passphrase_problem, password_field
from ercsheet.gui.qt.widgets import QDialog, QFormLayout, QLabel, QWidget

EXPORT_INTRO = (
    "The exchange file will be encrypted: only someone with this passphrase can read it. Give "
    "the passphrase to the recipient another way (by phone, not in the same e-mail). At least "
    f"{PASSPHRASE_MIN_LENGTH} characters."
)


class ExportPassphraseDialog(QDialog):
    """A passphrase for an encrypted exchange file, typed twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportPassphraseDialog")
        self.setWindowTitle("Encrypt the exchange file")
        intro = QLabel(EXPORT_INTRO, self)
        intro.setWordWrap(True)
        self.new = password_field(self, "Passphrase for the file")
        self.again = password_field(self, "Passphrase for the file again")
        self.error = error_label(self)
        live_error(
            self.error,
            lambda: new_passphrase_problem(self.new.text(), self.again.text()),
            self.new,
            self.again,
        )
        form = QFormLayout()
        form.addRow("&Passphrase:", self.new)
        form.addRow("&Again:", self.again)
        stacked(self, intro, form, self.error, ok_cancel(self, "Encrypt and save…"))
        self.setMinimumWidth(480)

    @property
    def passphrase(self) -> str:
        return self.new.text()

    def accept(self) -> None:
        problem = new_passphrase_problem(self.new.text(), self.again.text())
        if problem:
            show_error(self.error, problem)
            return
        super().accept()


class ImportPassphraseDialog(QDialog):
    """The passphrase of encrypted files being imported; says so when the last one was wrong."""

    def __init__(self, names: list[str], wrong: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPassphraseDialog")
        self.setWindowTitle("Encrypted exchange files")
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        intro = QLabel(f"{shown}: encrypted. The passphrase they were exported with:", self)
        intro.setWordWrap(True)
        self.field = password_field(self, "Passphrase of the files")
        error = error_label(self)
        error.setText("That passphrase does not open them. Try again.")
        error.setVisible(wrong)
        live_error(error, lambda: None, self.field)  # a new try: judged on Import
        stacked(self, intro, self.field, error, ok_cancel(self, "Import", "Leave them"))
        self.setMinimumWidth(440)

    @property
    def passphrase(self) -> str:
        return self.field.text()


def ask_export_passphrase(parent: QWidget) -> str | None:
    dialog = ExportPassphraseDialog(parent)
    return dialog.passphrase if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_import_passphrase(parent: QWidget, names: list[str], wrong: bool) -> str | None:
    dialog = ImportPassphraseDialog(names, wrong, parent)
    return dialog.passphrase if dialog.exec() == QDialog.DialogCode.Accepted else None
