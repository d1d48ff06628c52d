"""Rules per criterion in the grid: a tick the item's method cannot make is greyed with its
reason and refused when clicked; the method list disables, with the reason, the methods the
item's ticked criteria refuse; the column says the criterion's rules."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Method
from ercsheet.gui.grid_model import METHOD, REFUSED
from ercsheet.gui.main_window import MainWindow
from tests.catalogue.test_format_v2 import sample_unit
from tests.conftest import TODAY
from tests.factories import row
from tests.gui.window.test_grid import click_cell, column_of, grid, open_editor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SHOTS = os.environ.get("ERCSHEET_SHOTS", "")


def open_moving(window: MainWindow) -> int:
    """A sheet of the unit with rules per criterion: a simulation (S1) and an observation (E2)."""
    store = window.store
    candidate = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
    sheet_id = store.create_sheet(candidate, sample_unit("moving-people"), "", Person("Pat Jones"))
    store.add_evidence(
        sheet_id, row("S1", ["1.1"], Method.SIMULATION, title="Hoist drill"), today=TODAY
    )
    store.add_evidence(sheet_id, row("E2", ["2.1"], title="Transfer to chair"), today=TODAY)
    window.candidates.refresh()
    window.open_sheet(sheet_id)
    return sheet_id


def test_a_tick_the_method_cannot_make_is_greyed_with_its_reason_and_refused(
    qtbot: QtBot, window: MainWindow
) -> None:
    sheet_id = open_moving(window)
    model = window.sheet_view.model
    real_work = model.index(0, column_of(window, "1.2"))
    assert model.data(real_work, Qt.ItemDataRole.BackgroundRole) == QBrush(REFUSED)
    tip = model.data(real_work, Qt.ItemDataRole.ToolTipRole)
    assert "Must be assessed in real work: no simulation." in tip
    assert "Cannot be ticked:</b> AC 1.2 must be assessed in real work" in tip
    # The observation's cell is an ordinary one.
    assert (
        model.data(model.index(1, column_of(window, "1.2")), Qt.ItemDataRole.BackgroundRole) is None
    )
    if SHOTS:
        window.grab().save(f"{SHOTS}/grid-real-work.png")
    click_cell(grid(window), 0, column_of(window, "1.2"))
    assert window.store.sheet(sheet_id).evidence[0].criteria == {"1.1"}
    assert "AC 1.2 must be assessed in real work" in window.sheet_view.banner.text()


def test_the_method_list_disables_what_the_ticked_criteria_refuse(
    qtbot: QtBot, window: MainWindow
) -> None:
    sheet_id = open_moving(window)
    combo = open_editor(grid(window), 1, METHOD)
    assert isinstance(combo, QComboBox)
    items = combo.model()
    assert isinstance(items, QStandardItemModel)
    product = combo.findData(Method.PRODUCT.value)
    assert combo.itemText(product).endswith("— not allowed for the criteria ticked")
    assert combo.itemData(product, Qt.ItemDataRole.ToolTipRole).startswith("AC 2.1 is evidenced")
    assert not items.item(product).isEnabled()
    assert items.item(combo.findData(Method.EXPERT_WITNESS.value)).isEnabled()
    combo.setCurrentIndex(product)
    QTest.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.sheet_view.banner.isVisible())
    assert window.store.sheet(sheet_id).evidence[1].method is Method.OBSERVATION
    assert "AC 2.1 is evidenced by observation or expert witness only" in (
        window.sheet_view.banner.text()
    )


def test_the_column_says_the_criterions_rules(qtbot: QtBot, window: MainWindow) -> None:
    open_moving(window)
    model = window.sheet_view.model
    header = model.headerData(
        column_of(window, "2.2"), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "Needs evidence by observation." in header
    plain = model.headerData(
        column_of(window, "1.1"), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert "Needs" not in plain and "real work" not in plain
