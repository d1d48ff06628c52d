"""Passphrases of encrypted exchange files in the window: chosen (twice) for an encrypted export,
asked for when an import meets encrypted files. The files' format is store/envelope.py."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ercsheet.gui.passphrase_dialog import ERROR_STYLE, new_passphrase_problem, password_field

EXPORT_INTRO = (
    "The exchange file will be encrypted: only someone with this passphrase can read it. Give "
    "the passphrase to the recipient another way (by phone, not in the same e-mail)."
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
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Passphrase:", self.new)
        form.addRow("&Again:", self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Encrypt and save…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    @property
    def passphrase(self) -> str:
        return self.new.text()

    def accept(self) -> None:
        problem = new_passphrase_problem(self.new.text(), self.again.text())
        if problem:
            self.error.setText(problem)
            self.error.show()
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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Leave them")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.field)
        if wrong:
            error = QLabel("That passphrase does not open them. Try again.", self)
            error.setStyleSheet(ERROR_STYLE)
            layout.addWidget(error)
        layout.addWidget(buttons)
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
