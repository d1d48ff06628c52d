"""What is selected on the left is what the right shows and edits; with no sheet chosen the
right says what to do next; the window reopens where the assessor left off; candidates are
found as people type and listed as people sort names; sheets tell their units apart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QListView, QTableView, QWidget
from pytestqt.qtbot import QtBot

from ercsheet.catalogue.loader import Catalogue
from ercsheet.domain.sheet import Person
from ercsheet.gui import create_main_window
from ercsheet.gui.candidate_dialog import CandidateDialog
from ercsheet.gui.main_window import MainWindow
from ercsheet.store.store import Profile
from tests.conftest import TODAY
from tests.gui.window.modal import when_modal_opens
from tests.gui.window.test_unit_picker import type_into
from tests.gui.window.test_workflows import ok_button

PAT = Person("Pat Jones", True)


def shown_on_the_right(window: MainWindow) -> str:
    """The empty pane's words, or "sheet N" when a sheet is shown."""
    if window.right.currentWidget() is window.sheet_view:
        return f"sheet {window.sheet_view.sheet_id}"
    return window.empty_pane.text.text()


def click_row(view: QListView | QTableView, row: int) -> None:
    index = view.model().index(row, 0)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def listed(window: MainWindow) -> list[str]:
    model = window.candidates.candidate_model
    return [model.index(row).data() for row in range(model.rowCount())]


def test_a_new_candidate_never_sits_beside_the_previous_candidate_s_sheet(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    assert shown_on_the_right(window) == f"sheet {example_sheet}"

    def add_megan(dialog: QWidget) -> None:
        name, number, _centre = dialog.findChildren(QLineEdit)
        QTest.keyClicks(name, "Megan Jones")
        QTest.keyClicks(number, "0077")
        QTest.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    when_modal_opens(add_megan, kind=CandidateDialog)
    QTest.mouseClick(window.candidates.new_button, Qt.MouseButton.LeftButton)

    assert window.candidates.candidate is not None
    assert window.candidates.candidate.name == "Megan Jones"
    # Nothing of the example's sheet is left to tick beside Megan's name.
    view = window.sheet_view
    assert view.sheet_id is None and view.model.rowCount() == 0
    assert not view.add_button.isEnabled() and window.coverage_label.text() == ""
    assert shown_on_the_right(window) == (
        "Megan Jones has no sheets yet. Start one for the unit you are assessing with "
        "New sheet… (Ctrl+N)."
    )
    assert window.empty_pane.new_sheet_button.isVisibleTo(window)
    # Its two lines are laid out whole (an aligned label was cut to one line's height).
    qtbot.waitUntil(lambda: window.empty_pane.text.width() > 100)
    label = window.empty_pane.text
    assert label.height() >= label.heightForWidth(label.width())


def test_choosing_a_candidate_then_a_sheet_shows_that_sheet_only(
    qtbot: QtBot, window: MainWindow, example_sheet: int, catalogue: Catalogue
) -> None:
    store = window.store
    lukasz = store.add_candidate("Łukasz Żółć", "0042", "12345")
    f17 = catalogue.get("mgmt-l3-u40-f17")
    unit_1 = catalogue.get("cs-operations-l4-u1")
    assert f17 is not None and unit_1 is not None
    first = store.create_sheet(lukasz, f17, "OCR Level 3 NVQ Certificate in Management", PAT)
    second = store.create_sheet(lukasz, unit_1, "", PAT)
    window.candidates.refresh()
    assert shown_on_the_right(window) == f"sheet {example_sheet}"

    click_row(window.candidates.candidate_list, listed(window).index("Łukasz Żółć (0042)"))
    assert shown_on_the_right(window) == (
        "Łukasz Żółć: choose one of their 2 sheets on the left to work on it, or start "
        "another with New sheet… (Ctrl+N)."
    )
    click_row(window.candidates.sheet_list, 1)
    assert shown_on_the_right(window) == f"sheet {second}"
    assert "Łukasz Żółć (0042)" in window.sheet_view.subtitle.text()
    # The arrow keys move the selection, and the sheet shown moves with it.
    window.candidates.sheet_list.setFocus()
    QTest.keyClick(window.candidates.sheet_list, Qt.Key.Key_Up)
    assert shown_on_the_right(window) == f"sheet {first}"
    assert window.candidates.sheet_id == first


def test_a_search_that_leaves_out_the_open_candidate_closes_their_sheet(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    type_into(window.candidates.search, "Łódź")
    assert listed(window) == []
    assert window.candidates.no_match.isVisibleTo(window)
    assert window.candidates.no_match.text().startswith(
        "No candidate's name or number holds “Łódź”."
    )
    assert window.sheet_view.sheet_id is None
    assert shown_on_the_right(window).startswith("Choose a candidate on the left")
    window.candidates.search.clear()
    assert not window.candidates.no_match.isVisibleTo(window)


def test_an_empty_store_says_to_add_a_candidate(window: MainWindow) -> None:
    assert shown_on_the_right(window).startswith(
        "No candidate is listed. Add the candidate you are assessing with New candidate… "
        "(Ctrl+Shift+N)"
    )
    assert window.empty_pane.new_candidate_button.isVisibleTo(window)
    assert not window.empty_pane.new_sheet_button.isVisibleTo(window)


def test_the_window_reopens_the_last_candidate_and_sheet(
    qtbot: QtBot, tmp_path: Path, catalogue: Catalogue
) -> None:
    database = tmp_path / "again.sqlite3"
    first = create_main_window(database, catalogue, TODAY)
    qtbot.addWidget(first)
    first.show()
    first.store.set_profile(Profile("Pat Jones", True))
    zoe = first.store.add_candidate("Zoë Ødegård", "0001")
    siân = first.store.add_candidate("Siân Ní Bhriain", "0002")
    f17 = catalogue.get("mgmt-l3-u40-f17")
    assert f17 is not None
    first.store.create_sheet(zoe, f17, "", PAT)
    sheet = first.store.create_sheet(siân, f17, "", PAT)
    first.candidates.refresh()
    first.open_sheet(sheet)
    first.close()
    first.store.close()

    again = create_main_window(database, catalogue, TODAY)
    qtbot.addWidget(again)
    again.show()
    assert shown_on_the_right(again).startswith("Choose a candidate")  # until the start ends
    again.reopen_last()
    assert again.candidates.candidate_id == siân and again.candidates.sheet_id == sheet
    assert shown_on_the_right(again) == f"sheet {sheet}"
    # A candidate chosen without a sheet is reopened so too; a sheet gone since, not at all.
    again.candidates.select_candidate(zoe)
    again.close()
    again.store.close()
    third = create_main_window(database, catalogue, TODAY)
    qtbot.addWidget(third)
    third.show()
    third.reopen_last()
    assert third.candidates.candidate_id == zoe and third.candidates.sheet_id is None
    assert shown_on_the_right(third).startswith("Zoë Ødegård: choose their sheet")
    third.close()
    third.store.close()


def test_candidates_are_found_without_accents_and_sorted_as_people_sort_names(
    qtbot: QtBot, window: MainWindow
) -> None:
    for name, number in [
        ("Zoë Ødegård", "0004"),
        ("Łukasz Żółć", "0001"),
        ("Siân Ní Bhriain", "0002"),
        ("Dafydd ap Gruffŵdd", "0003"),
        ("Lara Smith", "0005"),
    ]:
        window.store.add_candidate(name, number, "12345")
    window.candidates.refresh()
    assert listed(window) == [
        "Dafydd ap Gruffŵdd (0003)",
        "Lara Smith (0005)",
        "Łukasz Żółć (0001)",
        "Siân Ní Bhriain (0002)",
        "Zoë Ødegård (0004)",
    ]
    search = window.candidates.search
    for typed, found in [
        ("Lukasz", ["Łukasz Żółć (0001)"]),
        ("zolc", ["Łukasz Żółć (0001)"]),
        ("sian", ["Siân Ní Bhriain (0002)"]),
        ("GRUFFWDD", ["Dafydd ap Gruffŵdd (0003)"]),
        ("odegard", ["Zoë Ødegård (0004)"]),
        ("000", listed(window)),
        ("0002", ["Siân Ní Bhriain (0002)"]),
    ]:
        search.clear()
        QTest.keyClicks(search, typed)
        assert listed(window) == found, typed


def test_the_sheets_list_tells_unit_1_40_and_f17_apart(
    window: MainWindow, catalogue: Catalogue
) -> None:
    store = window.store
    candidate = store.add_candidate("Siân Ní Bhriain", "0002")
    for unit_id, qualification in [
        ("mgmt-l3-u40-f17", "OCR Level 3 NVQ Certificate in Management"),
        ("teamlead-l3-u29-f17", "OCR Level 3 NVQ in Team Leading"),
        ("cs-operations-l4-u1", ""),
        ("reliable-cs-l3-u44", ""),
    ]:
        unit = catalogue.get(unit_id)
        assert unit is not None
        store.create_sheet(candidate, unit, qualification, PAT)
    window.candidates.refresh()
    window.candidates.select_candidate(candidate)
    model = window.candidates.sheet_model
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == [
        "Unit 40 (F17) Manage customer service in own area of responsibility\n"
        "OCR Level 3 NVQ Certificate in Management",
        "Unit 29 (F17) Manage customer service in own area of responsibility\n"
        "OCR Level 3 NVQ in Team Leading",
        "Unit 1 Manage customer service operations",
        "Unit 44 (D.05) Organise the delivery of reliable customer service",
    ]
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Unit 40 (F17) Manage customer service in own area of responsibility, "
        "OCR Level 3 NVQ Certificate in Management"
    )
    # Each row is as tall as its lines: the qualification is not cut off.
    table = window.candidates.sheet_list
    assert table.rowHeight(0) > table.rowHeight(2)


def test_enter_or_down_in_the_search_goes_to_the_candidate_found(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.store
    found = store.add_candidate("Łukasz Żółć", "0042", "")
    store.add_candidate("Siân Llewellyn", "0043", "")
    window.candidates.refresh()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Down):
        search = window.candidates.search
        search.clear()
        window.candidates.select_candidate(None)
        search.setFocus()
        QTest.keyClicks(search, "lukasz")
        QTest.keyClick(search, key)
        assert window.candidates.candidate_id == found
        assert window.candidates.candidate_list.hasFocus() or not window.isActiveWindow()
