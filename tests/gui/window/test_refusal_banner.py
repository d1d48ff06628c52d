"""The red refusal above the grid speaks of the sheet on screen as it stands: seen in the window,
"This sheet is signed by the assessor and read-only" stayed over a draft after choosing another
sheet of the candidate, after an undo (then the window's, now each sheet's own) took the window to
another sheet, and after reopening."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from ercsheet.domain.sheet import Person
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.signing.reopen import ReopenDialog
from tests.conftest import PIN
from tests.gui.window.conftest import sign_example

READ_ONLY = "signed by the assessor and read-only"


def refuse_a_tick(window: MainWindow) -> None:
    """Space on a criterion of the open (signed) sheet: refused, said in the red banner."""
    view = window.sheet_view
    view.grid.setCurrentIndex(view.model.index(1, view.model.column_of("1.1") or 0))
    QTest.keyClick(view.grid, Qt.Key.Key_Space)
    assert view.banner.isVisible()
    assert READ_ONLY in view.banner.text()


def draft_beside(window: MainWindow, sheet_id: int) -> int:
    """A draft sheet of the same candidate as `sheet_id`, listed under them."""
    store = window.store
    content = store.sheet(sheet_id)
    draft = store.create_sheet(
        store.sheet_summary(sheet_id).candidate_id,
        content.unit,
        content.qualification,
        Person("Pat Jones", True),
    )
    window.candidates.refresh_sheets(select_sheet=sheet_id)
    return draft


def choose_sheet(window: MainWindow, sheet_id: int) -> None:
    """Click the sheet's row in the list of the candidate's sheets."""
    listed = window.candidates.sheet_list
    model = listed.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if window.candidates.sheet_model.sheets[row].id == sheet_id:
            listed.scrollTo(index)
            QTest.mouseClick(
                listed.viewport(), Qt.MouseButton.LeftButton, pos=listed.visualRect(index).center()
            )
            assert window.open_sheet_id == sheet_id
            return
    raise AssertionError(f"sheet {sheet_id} is not listed")


def test_choosing_a_draft_after_a_refusal_on_a_signed_sheet_clears_the_banner(
    window: MainWindow, signed_example: int
) -> None:
    draft = draft_beside(window, signed_example)
    refuse_a_tick(window)

    choose_sheet(window, draft)
    assert not window.sheet_view.banner.isVisible()
    assert "read-only" not in window.sheet_view.subtitle.text()

    choose_sheet(window, signed_example)  # and back: nothing was refused on it since
    assert not window.sheet_view.banner.isVisible()


def test_an_undo_on_another_sheet_leaves_the_refusal_where_it_was_said(
    window: MainWindow, signed_example: int
) -> None:
    """The draft's history is the draft's: Ctrl+Z on the signed sheet, which has none, changes
    nothing and shows no other sheet; back on the draft, its undo shows it without the refusal
    said on the signed sheet."""
    draft = draft_beside(window, signed_example)
    choose_sheet(window, draft)
    window.sheet_view.add_button.click()  # an edit of the draft, on the draft's history
    QTest.keyClick(window.sheet_view.grid.focusWidget(), Qt.Key.Key_Escape)
    choose_sheet(window, signed_example)
    refuse_a_tick(window)

    window.undo.undo()  # nothing of the signed sheet's to undo
    assert window.open_sheet_id == signed_example
    assert len(window.store.sheet(draft).evidence) == 1
    choose_sheet(window, draft)
    window.undo.undo()
    assert not window.store.sheet(draft).evidence
    assert not window.sheet_view.banner.isVisible()
    window.undo.redo()
    assert window.open_sheet_id == draft
    assert not window.sheet_view.banner.isVisible()


def test_an_undo_refused_says_why_on_the_sheet(window: MainWindow, example_sheet: int) -> None:
    """The example sheet ticked (undoable), then signed: its undo is refused, and the banner
    says why the tick stays."""
    store, view = window.store, window.sheet_view
    view.grid.setCurrentIndex(view.model.index(0, view.model.column_of("3.4") or 0))
    QTest.keyClick(view.grid, Qt.Key.Key_Space)
    sign_example(window, example_sheet)

    window.undo.undo()
    assert window.open_sheet_id == example_sheet
    assert view.banner.isVisible()
    assert "Cannot undo or redo “Tick 3.4 on E01”" in view.banner.text()
    assert "3.4" in store.sheet(example_sheet).evidence[0].criteria


def test_reopening_the_signed_sheet_clears_the_read_only_refusal(
    qtbot: QtBot, window: MainWindow, signed_example: int
) -> None:
    refuse_a_tick(window)
    panel = window.sheet_view.signing_panel
    assert panel is not None
    dialog = panel.open_reopen()
    assert isinstance(dialog, ReopenDialog)
    dialog.reason.setPlainText("E02 has the wrong date")
    dialog.pin.setText(PIN)
    dialog.reopen_button.click()

    assert window.store.record_code(signed_example) is None
    assert not window.sheet_view.banner.isVisible()
    assert "read-only" not in window.sheet_view.subtitle.text()
    assert window.sheet_view.add_button.isEnabled()
