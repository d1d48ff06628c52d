"""Seen in the window under Xvfb: a refusal appearing in a dialog squeezed what was already
there (the PIN dialog's introduction lost its first and last lines, the sign dialog's pad slid
under its buttons, the profile's fields shrank to half a line), and the code lookup pushed its
verdict out of view. Each dialog now makes room; these tests look at what a reader would see."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from ercsheet.catalogue.model import Unit
from ercsheet.domain.record import short_code
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.gui.candidate_dialog import CandidateDialog, signed_note
from ercsheet.gui.first_run import ProfileDialog
from ercsheet.gui.signing.records import CodeLookupDialog
from ercsheet.gui.signing.reopen import PinDialog
from ercsheet.gui.signing.sign_dialog import SignDialog
from ercsheet.store.store import Store
from tests.conftest import TODAY
from tests.gui.signing.conftest import OFFSCREEN_NOISE, Sheets

pytestmark = OFFSCREEN_NOISE


def squeezed(dialog: QDialog) -> list[str]:
    """What is shown in less height than it needs: wrapped texts cut short, fields below their
    own height, or the whole dialog shorter than its contents at its width."""
    found = [
        f"text: {label.text()[:40]}"
        for label in dialog.findChildren(QLabel)
        if label.isVisible()
        and label.wordWrap()
        and label.height() < label.heightForWidth(label.width())
    ]
    found += [
        f"field: {field.accessibleName() or field.placeholderText()}"
        for field in dialog.findChildren(QLineEdit)
        if field.isVisible()
        and not isinstance(field.parent(), QAbstractSpinBox)  # a date edit's inner field
        and field.height() < field.minimumSizeHint().height()
    ]
    layout = dialog.layout()
    assert layout is not None
    if dialog.height() < layout.totalHeightForWidth(dialog.width()):
        found.append("dialog")
    return found


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def settled(qtbot: QtBot, dialog: QWidget) -> None:
    qtbot.wait(50)  # the layout's resize is posted


def test_a_refused_pin_leaves_the_pin_dialog_readable(qtbot: QtBot, profiled: Store) -> None:
    dialog = PinDialog(profiled)
    shown(qtbot, dialog)
    dialog.current.setText("2468")
    dialog.new.setText("12")
    dialog.repeat.setText("12")
    dialog.save_button.click()
    settled(qtbot, dialog)
    assert "at least 4 characters" in dialog.problems.text()
    assert squeezed(dialog) == []


def test_a_wrong_pin_leaves_the_sign_dialog_whole(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE,))
    dialog = SignDialog(sheets.store, sheet_id, Role.ASSESSOR, TODAY)
    shown(qtbot, dialog)
    dialog.set_kind(SignatureKind.TYPED)
    dialog.pin.setText("1111")
    dialog.sign()
    settled(qtbot, dialog)
    assert "PIN is not right" in dialog.problems.text()
    assert squeezed(dialog) == []


def test_the_profile_dialog_grows_to_say_what_is_missing(qtbot: QtBot, store: Store) -> None:
    dialog = ProfileDialog(store, welcome=True)
    shown(qtbot, dialog)
    dialog.name.setText("Pat Jones")
    dialog.accept()  # qualified or not: not chosen
    settled(qtbot, dialog)
    assert "Say whether you hold an assessor qualification" in dialog.error.text()
    assert squeezed(dialog) == []


def test_the_candidate_dialog_grows_to_show_a_refusal(qtbot: QtBot, store: Store) -> None:
    # A guard: its one-line refusals fitted already; it now shows them as the others do.
    dialog = CandidateDialog(store)
    shown(qtbot, dialog)
    dialog.accept()  # no name
    settled(qtbot, dialog)
    assert dialog.error.isVisible() and dialog.error.text()
    assert squeezed(dialog) == []


def test_the_signed_sheets_note_counts_in_words() -> None:
    assert signed_note(1).startswith("1 signed sheet keeps the details it was signed with;")
    assert signed_note(3).startswith("3 signed sheets keep the details they were signed with;")


def test_the_lookup_keeps_its_verdict_in_view(qtbot: QtBot, sheets: Sheets, f17: Unit) -> None:
    sheet_id = sheets.new(f17, signed=(Role.CANDIDATE, Role.ASSESSOR))  # a long unit title
    sheets.new_signatures(sheet_id, (Role.IV,))  # an addendum: "signed since: …" is long
    code = sheets.store.record_code(sheet_id)
    assert code is not None
    dialog = CodeLookupDialog(sheets.store)
    shown(qtbot, dialog)
    dialog.code.setText(short_code(code))
    dialog.look_up()
    settled(qtbot, dialog)
    header = dialog.results.horizontalHeader()
    verdict = header.logicalIndex(4)
    right = header.sectionViewportPosition(verdict) + header.sectionSize(verdict)
    assert right <= dialog.results.viewport().width()
    assert not dialog.results.horizontalScrollBar().isVisible()


def overlapping(dialog: QDialog) -> list[str]:
    """Visible parts of the dialog's layout drawn over one another (one's text under another)."""
    layout = dialog.layout()
    assert layout is not None
    items = [layout.itemAt(index) for index in range(layout.count())]
    widgets = [item.widget() for item in items if item is not None]
    parts = [widget for widget in widgets if widget is not None and widget.isVisible()]
    return [
        f"{type(a).__name__} over {type(b).__name__}"
        for number, a in enumerate(parts)
        for b in parts[number + 1 :]
        if a.geometry().intersects(b.geometry())
    ]


# As an unwritable backup folder words it: the longest a store refusal gets in these dialogs.
LONG_ERROR = (
    "[Errno 13] Permission denied: '/home/assessor/.local/share/ercsheet/backups/"
    "ercsheet-2026-11-22T10-00-00-before-passphrase.sqlite3.staging-4f2a9c'. "
) * 3
SMALL_SCREEN_HEIGHT = 768


def test_the_encryption_dialog_grows_for_a_long_error_and_for_its_busy_line(
    qtbot: QtBot, store: Store
) -> None:
    from ercsheet.gui.passphrase_dialog import PassphraseDialog

    dialog = PassphraseDialog(store, first_run=True)
    shown(qtbot, dialog)
    dialog._show(LONG_ERROR)  # as a refusal of the store is shown
    settled(qtbot, dialog)
    assert squeezed(dialog) == [] and overlapping(dialog) == []
    assert dialog.frameGeometry().height() <= SMALL_SCREEN_HEIGHT
    dialog._set_busy(dialog._doing("a new passphrase"))
    settled(qtbot, dialog)
    assert dialog.working.isVisible() and dialog.progress.isVisible()
    assert squeezed(dialog) == [] and overlapping(dialog) == []
    dialog._set_busy("")


def test_the_reopen_dialog_grows_for_long_refusals(qtbot: QtBot, sheets: Sheets) -> None:
    from ercsheet.domain.rules import Problem, Rule
    from ercsheet.gui.signing.reopen import ReopenDialog

    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    dialog = ReopenDialog(sheets.store, sheet_id)
    shown(qtbot, dialog)
    dialog.reason.setPlainText("E02 was dated\u202e wrongly")
    dialog.pin.setText("0000")
    dialog.reopen()  # the reason's text, then the PIN: refused
    dialog._refuse([*dialog.problems.problems(), Problem(Rule.ASSESSOR_PIN, LONG_ERROR)])
    settled(qtbot, dialog)
    assert len(dialog.problems.problems()) >= 2
    assert squeezed(dialog) == [] and overlapping(dialog) == []
    assert dialog.frameGeometry().height() <= SMALL_SCREEN_HEIGHT
