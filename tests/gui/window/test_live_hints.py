"""A hint under a form speaks of what is typed now: seen in the window, "A candidate needs a
name." stayed under the name just typed, and "needs their name" under a signer's name. Once
said, a hint is said again at every edit as it then stands, and goes when what it said is
fixed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.gui.candidate_dialog import CandidateDialog
from ercsheet.gui.first_run import ProfileDialog
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.passphrase_dialog import PassphraseDialog
from ercsheet.gui.signing.reopen import PinDialog, ReopenDialog
from ercsheet.gui.signing.sign_dialog import SignDialog
from ercsheet.store.store import Store
from tests.conftest import PIN
from tests.gui.window.modal import when_modal_opens
from tests.gui.window.test_workflows import ok_button


def shown_text(label: QLabel) -> str:
    """What the user reads in the hint: nothing when it is hidden."""
    return label.text() if label.isVisibleTo(label.window()) else ""


def test_the_candidate_hint_goes_as_the_name_is_typed(qtbot: QtBot, window: MainWindow) -> None:
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        name, number, _centre = dialog.findChildren(QLineEdit)
        error = dialog.findChild(QLabel, "candidateError")
        assert error is not None
        QTest.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)  # no name yet: refused
        seen.append(shown_text(error))
        QTest.keyClicks(name, "M")
        seen.append(shown_text(error))
        QTest.keyClicks(name, "egan")
        seen.append(shown_text(error))
        QTest.keyClicks(number, "0077")
        QTest.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    when_modal_opens(fill, kind=CandidateDialog)
    QTest.mouseClick(window.candidates.new_button, Qt.MouseButton.LeftButton)
    assert seen[0] == "A candidate needs a name."
    assert seen[1] == ""  # gone with the first letter
    assert seen[2] == ""
    assert [c.name for c in window.store.candidates()] == ["Megan"]


def test_an_unsafe_name_is_said_again_as_it_is_corrected(qtbot: QtBot, window: MainWindow) -> None:
    dialog = CandidateDialog(window.store, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Megan\u202eJones")
    dialog.accept()
    assert "The candidate's name holds" in shown_text(dialog.error)
    dialog.name.setText("")  # now the name is missing: the hint says that instead
    assert shown_text(dialog.error) == "A candidate needs a name."
    dialog.name.setText("Megan Jones")
    assert shown_text(dialog.error) == ""


def test_needs_their_name_goes_when_the_signer_s_name_is_typed(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    dialog = SignDialog(window.store, example_sheet, Role.CANDIDATE, window.today, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)  # typed: no drawing needed
    assert dialog.kind() is SignatureKind.TYPED
    dialog.name.clear()
    dialog.sign()
    assert "needs their name" in dialog.problems.text()
    assert dialog.problems.isVisibleTo(dialog)

    QTest.keyClicks(dialog.name, "Sian Llewellyn")  # QTest types ASCII only
    assert not dialog.problems.isVisibleTo(dialog)
    assert "needs their name" not in dialog.known_problems.text()


def test_the_passphrase_hint_follows_the_typing_and_goes_when_they_match(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = PassphraseDialog(window.store, first_run=False, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.new, "Cadair Idris walk")
    QTest.keyClicks(dialog.again, "Cadair")
    dialog.encrypt_button.click()
    assert shown_text(dialog.error) == "The two passphrases differ: type the same one twice."
    QTest.keyClicks(dialog.again, " Idris wal")
    assert "differ" in shown_text(dialog.error)  # still so
    QTest.keyClicks(dialog.again, "k")
    assert shown_text(dialog.error) == ""  # fixed: gone before anything is pressed
    assert window.store.passphrase is None  # and nothing done until Encrypt


def test_the_first_run_choice_hint_goes_once_a_passphrase_is_typed(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = PassphraseDialog(window.store, first_run=True, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert shown_text(dialog.error).startswith("Choose: encrypt")
    QTest.keyClicks(dialog.new, "C")
    assert shown_text(dialog.error) == ""  # not replaced by "too short" at the first letter


def test_the_reopen_hints_go_as_the_reason_and_pin_are_typed(
    qtbot: QtBot, window: MainWindow, signed_example: int
) -> None:
    dialog = ReopenDialog(window.store, signed_example, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reopen_button.click()
    assert "Say why the signed sheet is being reopened." in dialog.problems.text()
    QTest.keyClicks(dialog.reason, "E02")
    assert not dialog.problems.isVisibleTo(dialog)

    QTest.keyClicks(dialog.pin, "0000")
    dialog.reopen_button.click()
    assert dialog.problems.isVisibleTo(dialog)  # the wrong PIN, said after the field cleared
    assert dialog.pin.text() == ""
    QTest.keyClicks(dialog.pin, PIN)
    assert not dialog.problems.isVisibleTo(dialog)
    dialog.reopen_button.click()
    assert window.store.record_code(signed_example) is None


def test_the_pin_hint_goes_when_a_new_pin_is_typed(qtbot: QtBot, window: MainWindow) -> None:
    dialog = PinDialog(window.store, window)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.new, "2468")
    QTest.keyClicks(dialog.repeat, "2469")
    dialog.save_button.click()
    assert "differ" in dialog.problems.text() and dialog.problems.isVisibleTo(dialog)
    QTest.keyClicks(dialog.new, "2")
    assert not dialog.problems.isVisibleTo(dialog)


def test_the_profile_hint_follows_the_name_then_the_choice(qtbot: QtBot, store: Store) -> None:
    dialog = ProfileDialog(store, welcome=True)  # the first run: nobody is set up yet
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert shown_text(dialog.error).startswith("Enter your name")
    QTest.keyClicks(dialog.name, "Pat Jones")
    assert shown_text(dialog.error).startswith("Say whether you hold")  # what is left
    dialog.trainee.click()
    assert shown_text(dialog.error) == ""


def test_the_fields_stay_put_when_a_hint_comes_and_goes(qtbot: QtBot, store: Store) -> None:
    """A click aimed at "I hold an assessor qualification" landed on "I am working towards it"
    when the hint above the OK button went and the form moved down under the pointer."""
    dialog = ProfileDialog(store, welcome=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QTest.keyClicks(dialog.name, "Pat Jones")
    dialog.accept()  # no choice made: the hint says so
    assert shown_text(dialog.error).startswith("Say whether you hold")
    before = (dialog.qualified.y(), dialog.trainee.y(), dialog.number.y())
    dialog.qualified.click()
    qtbot.wait(10)  # the layout settles
    assert shown_text(dialog.error) == ""
    assert (dialog.qualified.y(), dialog.trainee.y(), dialog.number.y()) == before
