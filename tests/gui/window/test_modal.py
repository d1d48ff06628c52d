"""The helper that drives the window's dialogs fails a test instead of hanging it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.gui.window.modal import end_waits, when_modal_opens


class Awaited(QDialog):
    """The dialog a test expects, which the code under test never opens."""


def other_box(qtbot: QtBot) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, "Something else", "Not the dialog awaited.")
    qtbot.addWidget(box)
    return box


def test_a_dialog_that_never_opens_fails_the_test_with_what_opened_instead(
    qtbot: QtBot,
) -> None:
    # Given a test waiting for a dialog, while the code under test opens another one and waits
    box = other_box(qtbot)
    with qtbot.captureExceptions() as exceptions:
        when_modal_opens(lambda _dialog: None, kind=Awaited, deadline_s=0.2)
        # When the deadline passes (exec() would otherwise wait for the suite's timeout)
        box.exec()
    # Then the test fails, saying what it waited for and what was open instead
    [(kind, error, _traceback)] = exceptions
    assert kind is AssertionError
    assert str(error) == (
        "when_modal_opens waited 0.2 s for a modal Awaited; QMessageBox 'Something else' was "
        "open instead (closed now, so that the test can end)"
    )
    assert not box.isVisible()


def test_an_action_that_fails_closes_its_dialog(qtbot: QtBot) -> None:
    box = other_box(qtbot)

    def check(_box: QMessageBox) -> None:
        raise AssertionError("the test's own check on the dialog")

    with qtbot.captureExceptions() as exceptions:
        when_modal_opens(check, kind=QMessageBox)
        box.exec()
    assert [str(error) for _kind, error, _traceback in exceptions] == [
        "the test's own check on the dialog"
    ]


def test_a_wait_left_at_the_end_of_a_test_is_reported(qtbot: QtBot) -> None:
    when_modal_opens(lambda _dialog: None, kind=Awaited)
    # What the autouse fixture fails the test with (conftest.py), and ends the wait.
    assert end_waits() == ["a modal Awaited"]
    assert end_waits() == []
