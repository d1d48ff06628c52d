"""Every Qt model of the window keeps Qt's contract (pytest-qt's model tester), with real data:
the candidate list (read a page at a time), a candidate's sheets, the unit picker's table, and the
grid (tests/gui/window/test_grid.py)."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ercsheet.catalogue.loader import Catalogue
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.unit_picker import UnitPicker
from tests.conftest import TODAY


def check(tester: ModelTester, model: object) -> None:
    tester.check(model)  # type: ignore[no-untyped-call]  # pytest-qt leaves it unannotated


def test_the_candidate_list_keeps_qt_s_contract(
    qtmodeltester: ModelTester, window: MainWindow, example_sheet: int
) -> None:
    for number in range(250):  # more than a page: the list reads the rest as it scrolls
        window.store.add_candidate(f"Zoë Ødegård {number}", f"{number:04}", "12345")
    window.candidates.refresh()
    model = window.candidates.candidate_model
    check(qtmodeltester, model)
    while model.canFetchMore(model.index(0, 0).parent()):
        model.fetchMore(model.index(0, 0).parent())
    check(qtmodeltester, model)


def test_a_candidate_s_sheet_list_keeps_qt_s_contract(
    qtmodeltester: ModelTester, window: MainWindow, example_sheet: int
) -> None:
    assert window.candidates.sheet_model.rowCount() > 0  # the example candidate's sheet
    check(qtmodeltester, window.candidates.sheet_model)


def test_the_unit_picker_keeps_qt_s_contract(
    qtmodeltester: ModelTester, qtbot: QtBot, catalogue: Catalogue
) -> None:
    picker = UnitPicker(catalogue, TODAY)
    qtbot.addWidget(picker)
    check(qtmodeltester, picker.model)
    picker.filter.setText("customer")
    check(qtmodeltester, picker.model)
