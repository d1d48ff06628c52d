"""A 1366 x 768 laptop: the grid freezes its reference, title and method columns and its coverage
row as a spreadsheet freezes panes; the first window fits the screen; the signing panel keeps
every control in sight after signing."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ercsheet.domain.sheet import EvidenceRow, Person, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.gui.grid_model import FIRST_CRITERION, TITLE
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.window_layout import FRAME
from tests.conftest import TODAY

PIN = "2468"
LAPTOP = QRect(0, 0, 1366, 768 - 40)  # a 1366 x 768 screen less a 40-pixel taskbar
STROKES = (((0.1, 0.5), (0.3, 0.2), (0.5, 0.8), (0.9, 0.4)),)


def unit_1_sheet(window: MainWindow, rows: int) -> int:
    """A sheet of Unit 1 (28 criteria, LO1 to LO5) with `rows` items, open in the window."""
    store = window.store
    unit = window.catalogue.units["cs-operations-l4-u1"]
    candidate = store.add_candidate("Łukasz Żółć", "0042", "58213")
    sheet_id = store.create_sheet(candidate, unit, "", Person("Pat Jones"))
    for i in range(rows):
        ticks = frozenset(n for j, n in enumerate(unit.criterion_numbers) if (i + j) % 5 == 0)
        row = EvidenceRow(f"E{i + 1:02}", f"Observation number {i + 1}", Method.OBSERVATION)
        store.add_evidence(sheet_id, row.__class__(**{**row.__dict__, "criteria": ticks}))
    window.candidates.refresh()
    window.open_sheet(sheet_id)
    return sheet_id


def inside(inner: QRect, outer: QRect) -> bool:
    return outer.contains(inner.topLeft()) and outer.contains(inner.bottomRight())


def test_lo5_of_a_28_criteria_unit_keeps_reference_title_and_method_in_view(
    qtbot: QtBot, window: MainWindow
) -> None:
    unit_1_sheet(window, 6)
    grid, model = window.sheet_view.grid, window.sheet_view.model
    panes = grid.panes
    assert not panes.left.isVisible()  # unscrolled, the grid shows its own columns
    grid.setFocus()
    last = model.columnCount() - 1
    grid.setCurrentIndex(model.index(2, last))  # 5.5
    assert grid.horizontalScrollBar().value() > 0 and panes.left.isVisible()
    viewport = panes.left.viewport().rect()
    for column in (0, TITLE, FIRST_CRITERION - 1):
        assert inside(panes.left.visualRect(model.index(2, column)), viewport)
    assert panes.left.width() == panes.frozen_width()
    # Back along the row with the keyboard: each criterion comes into sight clear of the pane.
    for _ in range(last - FIRST_CRITERION):
        QTest.keyClick(grid, Qt.Key.Key_Left)
        rect = grid.visualRect(grid.currentIndex())
        assert rect.left() >= panes.frozen_width(), model.headerData(
            grid.currentIndex().column(), Qt.Orientation.Horizontal
        )
        assert rect.right() <= grid.viewport().width()
    assert model.headerData(grid.currentIndex().column(), Qt.Orientation.Horizontal) == "1.1"


def test_a_title_is_edited_in_the_frozen_pane_without_losing_the_place(
    qtbot: QtBot, window: MainWindow
) -> None:
    sheet_id = unit_1_sheet(window, 3)
    grid, model = window.sheet_view.grid, window.sheet_view.model
    grid.setFocus()
    grid.setCurrentIndex(model.index(1, model.columnCount() - 1))
    scrolled = grid.horizontalScrollBar().value()
    grid.setCurrentIndex(model.index(1, TITLE))  # as a click on the frozen title does
    assert grid.horizontalScrollBar().value() == scrolled  # LO5 stays in sight
    QTest.keyClick(grid, Qt.Key.Key_Return)
    pane = grid.panes.left
    assert pane.state() == QAbstractItemView.State.EditingState
    editor = pane.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.isVisible()
    editor.selectAll()
    QTest.keyClicks(editor, "Observation of the team briefing")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pane.state() != QAbstractItemView.State.EditingState)
    title = window.store.sheet(sheet_id).evidence[1].title
    assert title == "Observation of the team briefing"
    assert grid.horizontalScrollBar().value() == scrolled
    assert grid.hasFocus()  # the keyboard is back in the grid


def test_the_coverage_row_stays_at_the_bottom_while_the_items_scroll(
    qtbot: QtBot, window: MainWindow
) -> None:
    unit_1_sheet(window, 40)
    grid, model = window.sheet_view.grid, window.sheet_view.model
    panes = grid.panes
    coverage = model.rowCount() - 1
    assert panes.bottom.isVisible()
    assert panes.bottom.geometry().bottom() == grid.viewport().geometry().bottom()
    shown = panes.bottom.visualRect(model.index(coverage, FIRST_CRITERION))
    assert inside(shown, panes.bottom.viewport().rect())
    assert "Coverage:" in str(model.index(coverage, 0).data())
    top = panes.coverage_top()
    assert top is not None
    grid.setFocus()
    grid.setCurrentIndex(model.index(0, FIRST_CRITERION))
    for _ in range(25):  # down the items: each comes into sight above the frozen row
        QTest.keyClick(grid, Qt.Key.Key_Down)
        assert grid.visualRect(grid.currentIndex()).bottom() < top
    grid.scrollToBottom()  # the row in its own place: no pane over it
    assert not panes.bottom.isVisible()


def test_the_first_window_fits_the_available_screen(window: MainWindow) -> None:
    laptop = LAPTOP
    window.fit_to_screen(laptop)
    frame = QRect(window.x(), window.y(), window.width() + FRAME[0], window.height() + FRAME[1])
    assert inside(frame, laptop), frame
    assert window.width() >= 1280  # and uses the width there is
    large = QRect(0, 0, 2560, 1440)
    window.fit_to_screen(large)
    assert window.size().width() == 1360 and inside(window.geometry(), large)
    window.fit_to_screen()  # this screen's, whatever it is
    available = window.screen().availableGeometry()
    assert window.height() + FRAME[1] <= available.height()


def test_after_signing_every_control_of_the_signing_panel_is_in_sight(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    window.fit_to_screen(LAPTOP)  # the first window on a 1366 x 768 laptop
    store = window.store
    store.set_pin(PIN)
    store.set_tick(store.evidence_ids(example_sheet)[0], "3.4", True)
    for role, name in ((Role.CANDIDATE, "Siân Llewellyn"), (Role.ASSESSOR, "Pat Jones")):
        # Drawn: the tallest a signature line gets.
        signature = Signature(role, name, TODAY, SignatureKind.DRAWN, STROKES)
        store.add_signature(example_sheet, signature, TODAY, pin=PIN)
    panel = window.sheet_view.signing_panel
    assert panel is not None
    panel.sheet_changed.emit()  # as after signing in its dialog
    qtbot.waitUntil(
        lambda: Role.IV in panel.sign_buttons and panel.sign_buttons[Role.IV].isVisible()
    )
    qtbot.waitUntil(lambda: panel.height() >= panel.sizeHint().height())  # not squeezed
    assert window.sheet_view.signing_area.verticalScrollBar().maximum() == 0
    area = window.sheet_view.signing_area.viewport()
    # (the signature lines replaced are deleted on the next turn of the event loop)
    shown = (panel, panel.lines)
    buttons = [b for b in panel.findChildren(QPushButton) if b.isVisible() and b.parent() in shown]
    names = {b.text() for b in buttons}
    assert {"Reopen…", "Audit trail…", "IV sampled? Sign as IV…"} <= names
    for button in buttons:
        where = QRect(button.mapTo(area, button.rect().topLeft()), button.size())
        assert inside(where, area.rect()), button.text()
    assert window.sheet_view.grid.height() >= 180  # and the grid keeps its rows in sight
    assert isinstance(window.sheet_view.grid, QWidget)
