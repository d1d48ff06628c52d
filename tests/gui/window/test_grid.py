"""The criteria grid driven as an assessor drives it; the store is checked after every edit."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QTableView, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ercsheet.domain.sheet import EvidenceRow
from ercsheet.domain.vocabulary import Method
from ercsheet.gui.grid_model import FIRST_CRITERION, GROUP_ROLE, METHOD, TITLE, GridModel
from ercsheet.gui.main_window import MainWindow
from ercsheet.store.store import DiskFull
from tests.store.test_disk_full import fill_the_disk


def grid(window: MainWindow) -> QTableView:
    found = window.findChild(QTableView, "criteriaGrid")
    assert found is not None
    return found


def column_of(window: MainWindow, criterion: str) -> int:
    column = window.sheet_view.model.column_of(criterion)
    assert column is not None
    return column


def cell_centre(view: QTableView, row: int, column: int) -> QPoint:
    index = view.model().index(row, column)
    view.scrollTo(index)
    return view.visualRect(index).center()


def click_cell(view: QTableView, row: int, column: int) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell_centre(view, row, column))


def open_editor(view: QTableView, row: int, column: int) -> QWidget:
    """Return on a cell, as the assessor opens it from the keyboard: its editor."""
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, column))
    QTest.keyClick(view, Qt.Key.Key_Return)
    editor = view.focusWidget()
    assert editor is not None
    return editor


def press_return_in(qtbot: QtBot, view: QTableView, editor: QWidget) -> None:
    """Enter in an open editor: Qt commits it on the next turn of the event loop."""
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def stored_criteria(window: MainWindow, sheet_id: int, row: int) -> frozenset[str]:
    return window.store.sheet(sheet_id).evidence[row].criteria


def test_a_click_on_a_tick_cell_toggles_it_and_stores_it_at_once(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    view = grid(window)
    assert stored_criteria(window, example_sheet, 0) == {"1.1", "1.2", "3.1"}
    click_cell(view, 0, column_of(window, "3.4"))
    assert "3.4" in stored_criteria(window, example_sheet, 0)
    assert view.model().index(0, column_of(window, "3.4")).data() == "✓"
    assert window.coverage_label.text() == "Covered 10/10"
    assert window.candidates.sheet_model.index(0, 2).data() == "10/10"  # the sheet list too
    click_cell(view, 0, column_of(window, "1.1"))
    assert "1.1" not in stored_criteria(window, example_sheet, 0)
    assert window.candidates.sheet_model.index(0, 2).data() == "9/10"


def test_space_toggles_and_undo_redo_walk_back_and_forth(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    view = grid(window)
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, column_of(window, "3.4")))
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert "3.4" in stored_criteria(window, example_sheet, 1)
    QTest.keyClick(view, Qt.Key.Key_Right)  # off the end of the ACs: stays on 3.4
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Space)
    assert "3.4" in stored_criteria(window, example_sheet, 2)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "3.4" not in stored_criteria(window, example_sheet, 2)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "3.4" not in stored_criteria(window, example_sheet, 1)
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(window, Qt.Key.Key_Z, redo)
    assert "3.4" in stored_criteria(window, example_sheet, 1)
    assert window.sheet_view.model.index(1, column_of(window, "3.4")).data() == "✓"


def test_a_title_is_edited_in_place_from_the_keyboard(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    view = grid(window)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, TITLE))
    QTest.keyClick(view, Qt.Key.Key_Return)
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    QTest.keyClicks(editor, "Observation of ")
    editor.insert("Łukasz Żółć’s")  # as an input method or the compose key enters it
    QTest.keyClicks(editor, " team briefing")
    press_return_in(qtbot, view, editor)
    title = "Observation of Łukasz Żółć’s team briefing"
    assert window.store.sheet(example_sheet).evidence[0].title == title
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.store.sheet(example_sheet).evidence[0].title.startswith("Observation of the")


def test_a_duplicate_reference_is_refused_with_the_reason_and_nothing_changes(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    view = grid(window)
    view.setFocus()
    view.setCurrentIndex(view.model().index(1, 0))
    QTest.keyClick(view, Qt.Key.Key_Return)
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    QTest.keyClicks(editor, "e01")
    press_return_in(qtbot, view, editor)
    assert [r.ref for r in window.store.sheet(example_sheet).evidence][:2] == ["E01", "E02"]
    assert "already used on this sheet" in window.sheet_view.banner.text()
    assert window.sheet_view.banner.isVisible()


def test_simulation_is_refused_where_the_unit_forbids_it(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    view = grid(window)
    index = view.model().index(0, METHOD)
    view.setFocus()
    view.setCurrentIndex(index)
    QTest.keyClick(view, Qt.Key.Key_Return)
    combo = view.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(Method.SIMULATION.value))
    press_return_in(qtbot, view, combo)
    assert window.store.sheet(example_sheet).evidence[0].method is Method.OBSERVATION
    assert "Simulation is not allowed for this unit" in window.sheet_view.banner.text()
    # An allowed method goes through, and clears the refusal.
    view.setCurrentIndex(index)
    QTest.keyClick(view, Qt.Key.Key_Return)
    combo = view.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(Method.PRODUCT.value))
    press_return_in(qtbot, view, combo)
    assert window.store.sheet(example_sheet).evidence[0].method is Method.PRODUCT
    assert not window.sheet_view.banner.isVisible()


def test_rows_are_added_moved_and_deleted_with_undo(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    view = grid(window)

    def refs() -> list[str]:
        return [r.ref for r in window.store.sheet(example_sheet).evidence]

    view.setCurrentIndex(view.model().index(3, TITLE))
    QTest.mouseClick(window.sheet_view.add_button, Qt.MouseButton.LeftButton)
    assert refs() == ["E01", "E02", "E03", "E04", "E05"]
    editor = view.focusWidget()  # the new row's title is open for typing
    assert isinstance(editor, QLineEdit)
    QTest.keyClicks(editor, "Reflective account of a service review")
    press_return_in(qtbot, view, editor)
    assert window.store.sheet(example_sheet).evidence[4].title.startswith("Reflective")
    view.setCurrentIndex(view.model().index(4, TITLE))
    QTest.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert refs() == ["E01", "E02", "E03", "E05", "E04"]
    view.setCurrentIndex(view.model().index(0, TITLE))
    QTest.mouseClick(window.sheet_view.delete_button, Qt.MouseButton.LeftButton)
    assert refs() == ["E02", "E03", "E05", "E04"]
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = window.store.sheet(example_sheet).evidence
    assert [r.ref for r in restored] == ["E01", "E02", "E03", "E05", "E04"]
    assert restored[0].criteria == {"1.1", "1.2", "3.1"}  # back with its ticks
    # A tick on the restored row, then undo all the way: each step finds its row again.
    click_cell(view, 0, column_of(window, "3.4"))
    for _ in range(5):
        QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert refs() == ["E01", "E02", "E03", "E04"]
    assert "3.4" not in stored_criteria(window, example_sheet, 0)


def test_the_coverage_row_counts_and_marks_uncovered_criteria(
    window: MainWindow, example_sheet: int
) -> None:
    model = window.sheet_view.model
    last = model.rowCount() - 1
    assert model.is_coverage_row(last)
    assert model.index(last, column_of(window, "1.2")).data() == "2"
    assert model.index(last, column_of(window, "3.4")).data() == "0"
    assert "not yet 3.4" in model.index(last, 0).data()
    assert window.coverage_label.text() == "Covered 9/10"


def test_the_header_groups_criteria_under_their_learning_outcome(
    window: MainWindow, example_sheet: int
) -> None:
    model = window.sheet_view.model

    def header(column: int, role: int) -> Any:  # headerData's own type: each role its own
        return model.headerData(column, Qt.Orientation.Horizontal, role)

    groups = [header(c, GROUP_ROLE) for c in range(FIRST_CRITERION, model.columnCount())]
    assert groups == ["LO1"] * 3 + ["LO2"] * 3 + ["LO3"] * 4
    assert header(FIRST_CRITERION, Qt.ItemDataRole.DisplayRole) == "1.1"
    assert "measurable" in header(FIRST_CRITERION, Qt.ItemDataRole.ToolTipRole).lower()


def test_the_side_panel_shows_the_current_criterion_in_full(
    window: MainWindow, example_sheet: int
) -> None:
    view = grid(window)
    view.setCurrentIndex(view.model().index(0, column_of(window, "3.4")))
    details = window.sheet_view.details
    assert details.objectName() == "unitDetails"
    text = details.toPlainText()
    assert "3.4" in text
    criterion = window.store.sheet(example_sheet).unit.criterion("3.4")
    assert criterion is not None and criterion.text in text


def test_the_grid_model_keeps_qt_s_contract(
    qtmodeltester: ModelTester, window: MainWindow, example_sheet: int
) -> None:
    model = window.sheet_view.model
    assert isinstance(model, GridModel)
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]  # pytest-qt leaves it unannotated


def test_a_full_disk_is_said_plainly_and_nothing_stored_is_lost(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    fill_the_disk(window.store)
    with pytest.raises(DiskFull):  # use up the room left in the file's free pages
        for n in range(1000):
            window.store.update_evidence(
                window.store.evidence_ids(example_sheet)[3],
                EvidenceRow("E04", "x" * (n * 500), Method.WITNESS_TESTIMONY),
            )
    before = window.store.sheet(example_sheet)
    view = grid(window)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, TITLE))
    QTest.keyClick(view, Qt.Key.Key_Return)
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.insert(" — " + "a 5,000-character account of the briefing " * 120)
    press_return_in(qtbot, view, editor)
    assert "The disk is full, so this change was not saved" in window.sheet_view.banner.text()
    assert window.store.sheet(example_sheet) == before


def test_a_method_the_unit_refuses_is_listed_disabled_with_the_reason(
    window: MainWindow, example_sheet: int
) -> None:
    view = grid(window)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, METHOD))
    QTest.keyClick(view, Qt.Key.Key_Return)
    combo = view.focusWidget()
    assert isinstance(combo, QComboBox)
    row = combo.findData(Method.SIMULATION.value)
    assert "not allowed for this unit" in combo.itemText(row)
    assert "use naturally occurring evidence" in str(
        combo.itemData(row, Qt.ItemDataRole.ToolTipRole)
    )
    items = combo.model()
    assert isinstance(items, QStandardItemModel)
    standard = items.item(row)
    assert standard is not None and not standard.isEnabled()
    allowed = items.item(combo.findData(Method.OBSERVATION.value))
    assert allowed is not None and allowed.isEnabled()
