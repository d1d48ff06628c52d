"""The database passphrase in the window: asked at start for an encrypted database, recommended
on the first run (declining is an explicit choice), set, changed or removed from the menu."""

from __future__ import annotations

from pathlib import Path

from ercsheet.domain.passphrase import PASSPHRASE_MIN_LENGTH, passphrase_problems
from ercsheet.gui import background
from ercsheet.gui.dialog_parts import (
    error_label,
    grow_to_fit,
    live_error,
    ok_cancel,
    show_error,
    show_error_or_hide,
    stacked,
)
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.core import Qt
from ercsheet.gui.qt.gui import QGuiApplication
from ercsheet.gui.qt.widgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)
from ercsheet.store import cipher
from ercsheet.store.store import Store

RECOMMENDATION = (
    "The candidates' names and assessment records on this laptop should be encrypted, so that "
    "nobody who finds or takes the laptop can read them (the data regulator expects it). Choose "
    f"a passphrase you will remember (at least {PASSPHRASE_MIN_LENGTH} characters; a few words "
    "are best): without it the records cannot be opened, by anyone."
)


def password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


def new_passphrase_problem(new: str, again: str) -> str | None:
    """Why a new passphrase typed twice will not do (the domain's policy, then the two must
    match), or None."""
    problems = passphrase_problems(new)
    if problems:
        return " ".join(problem.message for problem in problems)
    if new != again:
        return "The two passphrases differ: type the same one twice."
    return None


class UnlockDialog(QDialog):
    """Asks for the passphrase of an encrypted database until it opens it, or Cancel."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path, self.passphrase = path, ""
        self.setWindowTitle("ercsheet — passphrase")
        self.field = password_field(self, "Passphrase")
        self.error = error_label(self, "passphraseError")
        live_error(self.error, lambda: None, self.field)  # a new try: judged on Open
        intro = QLabel(f"The database {path.name} is encrypted. Its passphrase:", self)
        stacked(self, intro, self.field, self.error, ok_cancel(self, "Open"))

    def accept(self) -> None:
        if not cipher.readable(self.path, self.field.text()):
            show_error(self.error, "That passphrase does not open this database. Try again.")
            self.field.selectAll()
            self.field.setFocus()
            return
        self.passphrase = self.field.text()
        super().accept()


class PassphraseDialog(QDialog):
    """A new passphrase, typed twice; or the explicit choice of no encryption."""

    def __init__(self, store: Store, first_run: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setWindowTitle("Encrypt your records" if first_run else "Database passphrase")
        intro = QLabel(RECOMMENDATION, self)
        intro.setWordWrap(True)
        self.new = password_field(self, "New passphrase")
        self.again = password_field(self, "New passphrase again")
        self.error = error_label(self, "passphraseError")
        # Said of the passphrases typed: said again as they are corrected, gone once right.
        self._judged = False
        live_error(self.error, self._typed_problem, self.new, self.again)
        form = QFormLayout()
        form.addRow("&New passphrase:", self.new)
        form.addRow("&Again:", self.again)
        buttons = QDialogButtonBox(self)
        self.encrypt_button = buttons.addButton(
            "Encrypt" if store.passphrase is None else "Change passphrase",
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.encrypt_button.clicked.connect(self._encrypt)
        self.plain_button: QPushButton | None = None
        if first_run or store.passphrase is not None:
            text = "Continue without encryption" if first_run else "Remove encryption"
            self.plain_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.DestructiveRole)
            self.plain_button.clicked.connect(self._plain)
        if not first_run:
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.buttons = buttons
        # While the database and its backups are copied with the new key (seconds): what is
        # happening, and that it is not stuck; nothing can be pressed meanwhile.
        self.working = QLabel(self)
        self.working.setObjectName("passphraseWorking")
        self.working.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # no steps to count: Qt shows it busy
        self.progress.setTextVisible(False)
        self._busy = False
        self._set_busy("")
        stacked(self, intro, form, self.error, self.working, self.progress, buttons)
        self.setMinimumWidth(520)
        self._first_run = first_run

    def reject(self) -> None:
        """On the first run, Escape or closing the window is no answer: encryption is chosen or
        declined with its own button (declining by a stray key would leave the names readable).
        While the files are being copied, nothing stops it: it finishes, then the dialog says."""
        if self._busy:
            return
        if self._first_run:
            self._show("Choose: encrypt with a passphrase, or continue without encryption.")
            return
        super().reject()

    def _show(self, text: str, judged: bool = False) -> None:
        self._judged = judged
        show_error(self.error, text)

    def _typed_problem(self) -> str | None:
        """What is still wrong with the passphrases typed, if that is what the error said;
        anything else (a refusal of the store, "choose") goes at the first edit."""
        if not self._judged:
            return None
        return new_passphrase_problem(self.new.text(), self.again.text())

    def _encrypt(self) -> None:
        problem = new_passphrase_problem(self.new.text(), self.again.text())
        if problem:
            self._show(problem, judged=True)
            return
        self._change(self.new.text())

    def _plain(self) -> None:
        if self._store.passphrase is None:
            self.accept()  # declined on the first run: the database stays as it is
            return
        self._change(None)

    def _set_busy(self, doing: str) -> None:
        """Busy saying `doing` (an error said before goes: it was about the last try), or
        ready again ("")."""
        was_busy, self._busy = self._busy, bool(doing)
        if self._busy and not was_busy:
            show_error_or_hide(self.error, None)
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        elif was_busy and not self._busy:
            QGuiApplication.restoreOverrideCursor()
        self.working.setText(doing)
        shown: tuple[QWidget, ...] = (self.working, self.progress)
        for part in shown:
            part.setVisible(self._busy)
        grow_to_fit(self)  # room for the busy line, not taken from the introduction
        enabled: tuple[QWidget, ...] = (self.new, self.again, self.buttons)
        for part in enabled:
            part.setEnabled(not self._busy)

    def _doing(self, passphrase: str | None) -> str:
        if passphrase is None:
            what = "Removing the encryption of"
        elif self._store.passphrase is None:
            what = "Encrypting"
        else:
            what = "Changing the passphrase of"
        return f"{what} the database and its backups… This takes a few seconds."

    def _change(self, passphrase: str | None) -> None:
        self._set_busy(self._doing(passphrase))
        try:
            result = attempt(
                lambda: self._store.change_passphrase(
                    passphrase, run=background.keeping_the_window_live
                )
            )
        except OSError as error:  # a file beside the database could not be written
            result = Refusal(str(error))
        finally:
            self._set_busy("")
        if isinstance(result, Refusal):
            changed = "" if result.problems else "The passphrase was not changed: "
            self._show(changed + result.text)
            return
        self.accept()
