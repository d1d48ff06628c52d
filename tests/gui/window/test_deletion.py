"""Deleting a sheet and a candidate in the window: the Delete key, the lists' menus and the Edit
menu ask first, say what goes, and delete nothing on Cancel or Enter; a signed sheet and an
erasure need the PIN; an erasure reaches the backups and leaves no name in the audit trail."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu
from pytestqt.qtbot import QtBot

from ercsheet.gui.deletion import ConfirmDeletion
from ercsheet.gui.main_window import MainWindow
from ercsheet.store import backup
from ercsheet.store.example import EXAMPLE_NAME, EXAMPLE_NUMBER
from tests.conftest import PIN
from tests.gui.window.modal import when_modal_opens

seen: list[str] = []


def answer(
    *, number: str = "", pin: str = "", press: str = "delete"
) -> Callable[[ConfirmDeletion], None]:
    """Read the dialog (into `seen`), fill it in, then Delete, Enter or Cancel."""

    def act(dialog: ConfirmDeletion) -> None:
        seen.append(dialog.explanation.text())
        if number:
            dialog.number.setText(number)
        if pin:
            dialog.pin.setText(pin)
        if press == "enter":
            QTest.keyClick(dialog.pin if dialog.pin.isVisible() else dialog, Qt.Key.Key_Return)
        elif press == "delete":
            QTest.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        if dialog.isVisible():  # refused (a wrong PIN): the dialog says why, then it is closed
            seen.append(dialog.error.text())
            dialog.reject()

    return act


def press_delete_in(qtbot: QtBot, view: QAbstractItemView) -> None:
    view.window().activateWindow()  # back from the dialog before
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)


def test_the_delete_key_on_a_sheet_asks_and_enter_keeps_it(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    seen.clear()
    when_modal_opens(answer(press="enter"), kind=ConfirmDeletion)
    press_delete_in(qtbot, window.candidates.sheet_list)
    assert seen[0].startswith(f"Delete {EXAMPLE_NAME}'s sheet for Unit 40 (F17)")
    assert "This cannot be undone." in seen[0]
    assert [s.id for s in window.store.sheets()] == [example_sheet]

    when_modal_opens(answer(), kind=ConfirmDeletion)
    press_delete_in(qtbot, window.candidates.sheet_list)

    assert window.store.sheets() == []
    assert window.open_sheet_id is None
    assert window.right.currentWidget() is window.empty_pane
    assert window.statusBar().currentMessage().startswith(f"Deleted {EXAMPLE_NAME}'s sheet")
    assert window.store.audit_trail()[-1].action == "sheet deleted"


def test_a_signed_sheet_is_deleted_only_with_the_pin(
    window: MainWindow, signed_example: int
) -> None:
    seen.clear()
    window.candidates.sheet_list.selectRow(0)
    when_modal_opens(answer(pin="not the pin"), kind=ConfirmDeletion)
    window.controller.delete_selected_sheet()
    assert "It is signed" in seen[0] and "Your PIN is needed." in seen[0]
    assert seen[1].startswith("Nothing was deleted.")
    assert [s.id for s in window.store.sheets()] == [signed_example]

    when_modal_opens(answer(pin=PIN), kind=ConfirmDeletion)
    window.controller.delete_selected_sheet()
    assert window.store.sheets() == []


def test_deleting_a_candidate_says_what_goes_and_erases_them_from_the_backups(
    qtbot: QtBot, window: MainWindow, signed_example: int
) -> None:
    store = window.store
    kept = store.backup("before")
    assert kept is not None and backup.holds(kept, None, None, EXAMPLE_NUMBER)
    seen.clear()
    menu = window.candidates.context_menu()
    assert menu is not None
    [delete] = [a for a in menu.actions() if a.text() == "Delete candidate…"]

    def refuse_without_the_number(dialog: ConfirmDeletion) -> None:
        seen.append(dialog.explanation.text())
        assert not dialog.delete_button.isEnabled()  # the number is not typed yet
        dialog.number.setText("EX-000")
        assert not dialog.delete_button.isEnabled()
        answer(number=EXAMPLE_NUMBER.lower(), pin=PIN)(dialog)  # capitals do not matter

    when_modal_opens(refuse_without_the_number, kind=ConfirmDeletion)
    delete.trigger()

    assert seen[0].startswith(
        f"Delete {EXAMPLE_NAME} ({EXAMPLE_NUMBER}) and their 1 sheet, 1 of them signed?"
    )
    assert "from every backup ercsheet keeps" in seen[0]
    assert store.find_candidate(EXAMPLE_NUMBER) is None
    assert window.candidates.candidate_model.rowCount() == 0
    assert window.right.currentWidget() is window.empty_pane
    assert not any(
        backup.holds(f, None, None, EXAMPLE_NUMBER) for f in backup.list_backups(store.path)
    )
    trail = store.audit_trail()
    assert trail[-1].action == "candidate erased"
    assert not any(EXAMPLE_NAME in e.actor + e.detail or EXAMPLE_NUMBER in e.detail for e in trail)


def test_the_edit_menu_offers_both_deletions(window: MainWindow) -> None:
    [edit] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Edit"]
    assert isinstance(edit, QMenu)
    texts = [a.text() for a in edit.actions()]
    assert "Delete &sheet…" in texts and "Delete ca&ndidate…" in texts


def test_with_nothing_chosen_the_menu_says_what_to_choose(window: MainWindow) -> None:
    window.controller.delete_selected_sheet()
    assert window.statusBar().currentMessage() == "Choose a sheet first."


def test_a_candidate_without_sheets_is_said_to_have_none(window: MainWindow) -> None:
    from ercsheet.gui.deletion import candidate_erasure_text

    candidate = window.store.candidate(window.store.add_candidate("Łukasz Żółć", "0042", ""))
    text = candidate_erasure_text(candidate, [])
    assert text.startswith("Delete Łukasz Żółć (0042)? They have no sheets.")
