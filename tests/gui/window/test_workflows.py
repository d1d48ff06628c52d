"""Candidates, new sheets, the signed lock and the first run, driven through the window."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ercsheet.catalogue.loader import Catalogue
from ercsheet.domain.folding import fold
from ercsheet.gui import create_main_window
from ercsheet.gui.candidate_dialog import CandidateDialog
from ercsheet.gui.first_run import ProfileDialog, run_first_run
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.unit_picker import UnitPicker
from tests.conftest import TODAY
from tests.gui.window.modal import when_modal_opens


def ok_button(dialog: QWidget) -> QPushButton:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def test_the_seam_has_the_named_controls(window: MainWindow, example_sheet: int) -> None:
    for name in ("candidateList", "sheetList", "criteriaGrid", "addEvidenceButton", "unitDetails"):
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name


def test_candidates_are_found_by_name_or_number(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    window.store.add_candidate("Łukasz Żółć", "0042", "12345")
    window.store.add_candidate("Dafydd ap Gruffŵdd", "0043", "12345")
    window.candidates.refresh()
    listed = window.findChild(QListView, "candidateList")
    assert listed is not None

    def names() -> list[str]:
        model = listed.model()
        return [model.index(r, 0).data() for r in range(model.rowCount())]

    assert len(names()) == 3
    window.candidates.search.setFocus()
    QTest.keyClicks(window.candidates.search, "0043")
    assert names() == ["Dafydd ap Gruffŵdd (0043)"]
    window.candidates.search.clear()
    QTest.keyClicks(window.candidates.search, "ukasz")
    assert names() == ["Łukasz Żółć (0042)"]


def test_a_long_candidate_list_is_read_a_page_at_a_time_as_it_scrolls(
    qtbot: QtBot, window: MainWindow
) -> None:
    # Written straight into the file: quicker than 450 audited additions, and the list only reads.
    # It writes the search keys the store keeps with each name and number itself.
    with sqlite3.connect(window.store.path) as db:
        db.executemany(
            "INSERT INTO candidate (name, candidate_number, centre_number, created_at,"
            " name_key, number_key, uuid) VALUES (?, ?, '', '2026-11-22 09:00:00', ?, ?,"
            " lower(hex(randomblob(16))))",
            [
                (f"Candidate {i:03}", f"{i:04}", fold(f"Candidate {i:03}"), f"{i:04}")
                for i in range(450)
            ],
        )
    window.candidates.refresh()
    listed = window.candidates.candidate_list
    model = window.candidates.candidate_model
    assert model.rowCount() == model.PAGE, "the first page only, before any scrolling"

    def read_to_the_end() -> bool:
        listed.scrollToBottom()  # each scroll to the bottom reads the next page
        return model.rowCount() == 450

    qtbot.waitUntil(read_to_the_end)
    assert model.index(449).data() == "Candidate 449 (0449)"
    # A candidate further down than what is read so far is still found and selected.
    last = window.store.add_candidate("Zoë Ødegård", "9999")
    window.candidates.refresh()
    window.candidates.select_candidate(last)
    assert window.candidates.candidate_id == last
    assert listed.currentIndex().data() == "Zoë Ødegård (9999)"
    QTest.keyClicks(window.candidates.search, "44 candidate")  # every word, in any order
    assert [model.index(r).data() for r in range(model.rowCount())] == [
        f"Candidate {i:03} ({i:04})" for i in range(450) if "44" in f"{i:03}"
    ]


def test_a_new_candidate_is_typed_into_the_dialog_and_stored(
    qtbot: QtBot, window: MainWindow
) -> None:
    def fill(dialog: QWidget) -> None:
        name, number, _centre = dialog.findChildren(QLineEdit)
        QTest.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)  # no name yet: refused
        error = dialog.findChild(QLabel, "candidateError")
        assert error is not None and "needs a name" in error.text()
        QTest.keyClicks(name, "Megan Jones")
        QTest.keyClicks(number, "0077")
        QTest.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    when_modal_opens(fill, kind=CandidateDialog)
    QTest.mouseClick(window.candidates.new_button, Qt.MouseButton.LeftButton)
    [candidate] = window.store.candidates()
    assert (candidate.name, candidate.candidate_number) == ("Megan Jones", "0077")
    assert window.candidates.candidate_id == candidate.id


def pick_unit(
    unit_id: str, answer_expired: QMessageBox.StandardButton | None
) -> Callable[[UnitPicker], None]:
    def choose(dialog: UnitPicker) -> None:
        row = next(r for r, c in enumerate(dialog.model.rows) if c.unit.id == unit_id)
        table = dialog.findChild(QTableView, "unitTable")
        assert table is not None
        table.selectRow(row)
        if answer_expired is not None:
            when_modal_opens(
                lambda box: answer(box, answer_expired), kind=QMessageBox, after=dialog
            )
        QTest.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
        if answer_expired == QMessageBox.StandardButton.No:
            dialog.reject()

    return choose


def answer(box: QMessageBox, button: QMessageBox.StandardButton) -> None:
    assert "expired" in box.text()
    box.button(button).click()


def test_a_new_sheet_is_made_from_the_unit_picker(qtbot: QtBot, window: MainWindow) -> None:
    candidate = window.store.add_candidate("Megan Jones", "0077")
    window.candidates.refresh()
    window.candidates.select_candidate(candidate)
    when_modal_opens(pick_unit("cs-operations-l4-u1", None), kind=UnitPicker)
    QTest.mouseClick(window.candidates.new_sheet_button, Qt.MouseButton.LeftButton)
    [summary] = window.store.sheets(candidate)
    assert (summary.unit_id, summary.total) == ("cs-operations-l4-u1", 28)
    assert window.sheet_view.sheet_id == summary.id
    assert window.sheet_view.model.columnCount() == 3 + 28


def test_an_expired_unit_asks_first_and_no_means_no_sheet(qtbot: QtBot, window: MainWindow) -> None:
    candidate = window.store.add_candidate("Megan Jones", "0077")
    window.candidates.refresh()
    window.candidates.select_candidate(candidate)
    no = QMessageBox.StandardButton.No
    when_modal_opens(pick_unit("teamlead-l3-u29-f17", no), kind=UnitPicker)
    window.controller.new_sheet(candidate)
    assert window.store.sheets(candidate) == []
    yes = QMessageBox.StandardButton.Yes
    when_modal_opens(pick_unit("teamlead-l3-u29-f17", yes), kind=UnitPicker)
    window.controller.new_sheet(candidate)
    assert [s.unit_id for s in window.store.sheets(candidate)] == ["teamlead-l3-u29-f17"]


def test_a_signed_sheet_is_read_only_in_the_grid(
    qtbot: QtBot, window: MainWindow, signed_example: int
) -> None:
    store, example_sheet = window.store, signed_example
    view = window.sheet_view.grid
    assert not view.model().flags(view.model().index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert not window.sheet_view.add_button.isEnabled()
    index = view.model().index(1, window.sheet_view.model.column_of("3.4") or 0)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert "3.4" not in store.sheet(example_sheet).evidence[1].criteria
    assert "signed by the assessor and read-only" in window.sheet_view.banner.text()
    assert window.candidates.sheet_model.index(0, 1).data() == "signed"


def test_a_refusal_link_takes_the_assessor_to_the_criterion(
    window: MainWindow, example_sheet: int
) -> None:
    panel = window.sheet_view.signing_panel
    assert panel is not None
    panel.jump_to_criterion.emit("3.4")
    assert window.sheet_view.grid.currentIndex().column() == window.sheet_view.model.column_of(
        "3.4"
    )
    assert "3.4" in window.sheet_view.details.toPlainText()


def test_the_first_run_asks_who_the_assessor_is_then_offers_the_example(
    qtbot: QtBot, tmp_path: Path, catalogue: Catalogue
) -> None:
    window = create_main_window(tmp_path / "first.sqlite3", catalogue, TODAY)
    qtbot.addWidget(window)

    def profile(dialog: QWidget) -> None:
        name = dialog.findChild(QLineEdit)
        assert name is not None
        QTest.keyClicks(name, "Pat Jones")
        # Nothing is assumed: OK without saying whether they are qualified is refused.
        QTest.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        assert isinstance(dialog, ProfileDialog)
        assert "Say whether you hold an assessor qualification" in dialog.error.text()
        dialog.trainee.setChecked(True)
        yes = QMessageBox.StandardButton.Yes
        when_modal_opens(lambda box: box.button(yes).click(), kind=QMessageBox, after=dialog)
        QTest.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    when_modal_opens(profile, kind=ProfileDialog)
    sheet_id = run_first_run(window, window.store, catalogue, TODAY)
    profile_saved = window.store.profile()
    assert profile_saved is not None and (profile_saved.name, profile_saved.qualified) == (
        "Pat Jones",
        False,
    )
    assert sheet_id is not None
    content = window.store.sheet(sheet_id)
    assert content.candidate.name.startswith("Siân Llewellyn")
    assert content.assessor.name == "Pat Jones" and not content.assessor.qualified
    window.store.close()


def test_the_layout_is_remembered_between_starts(
    qtbot: QtBot, tmp_path: Path, catalogue: Catalogue
) -> None:
    first = create_main_window(tmp_path / "layout.sqlite3", catalogue, TODAY)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 560)  # within the offscreen screen (800 x 600)
    first.splitter.setSizes([300, 460])

    def laid_out() -> bool:  # on a window system the resize arrives a turn of the loop later
        splitter = first.splitter
        filled = sum(splitter.sizes()) + splitter.handleWidth() == splitter.width()
        return first.size() == QSize(760, 560) and filled

    qtbot.waitUntil(laid_out)
    sizes = first.splitter.sizes()
    first.close()
    first.store.close()
    again = create_main_window(tmp_path / "layout.sqlite3", catalogue, TODAY)
    qtbot.addWidget(again)
    again.show()
    assert (again.size().width(), again.size().height()) == (760, 560)
    assert again.splitter.sizes() == sizes
    again.close()
    again.store.close()
