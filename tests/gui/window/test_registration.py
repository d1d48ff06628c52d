"""Registering a candidate on a qualification and reading their progress, through the real
window on the invented kitchen qualification (tests/qualifications): the units ticked become
sheets in the candidate's list, a choice breaking a group's maximum is blocked with the rule's
words, the progress says the rules' status and each unit's coverage, and a unit double-clicked
there opens its sheet."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QPushButton, QTableWidgetItem

from ercsheet import paths
from ercsheet.catalogue.loaded import Catalogue
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.domain.progress_words import NO_SHEETS, status
from ercsheet.domain.sheet import Person
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.progress_dialog import ProgressDialog, UnitTable
from ercsheet.gui.registration_dialog import RegisterDialog
from tests.factories import row
from tests.gui.window.modal import when_modal_opens
from tests.gui.window.test_mnemonics import letters

KITCHEN = "kitchen-leadership-l3"
FOLDER = Path(__file__).resolve().parents[2] / "qualifications"


@pytest.fixture
def catalogue() -> Catalogue:
    loaded = load_catalogue([paths.builtin_units_dir(), FOLDER])
    assert not loaded.errors, loaded.errors
    return loaded


def candidate(window: MainWindow) -> int:
    who = window.store.add_candidate("Siân Ní Bhriain", "0042", "12345")
    window.candidates.refresh()
    window.candidates.select_candidate(who)
    return who


def choose_kitchen(dialog: RegisterDialog) -> None:
    dialog.qualification.setCurrentIndex(dialog.qualification.findData(KITCHEN))
    assert dialog.choice is not None and dialog.choice.qualification.id == KITCHEN


def test_the_tools_menu_has_both_entries_each_alt_letter_once(window: MainWindow) -> None:
    [tools] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Tools"]
    assert isinstance(tools, QMenu)
    used = Counter(letter for a in tools.actions() for letter in letters(a.text()))
    assert [letter for letter, count in used.items() if count > 1] == []
    progress = [a for a in tools.actions() if "progress" in a.text()]
    assert [a.shortcut().toString() for a in progress] == ["Ctrl+G"]


def test_register_with_an_optional_unit_ticked_lists_its_sheets(window: MainWindow) -> None:
    who = candidate(window)
    seen: dict[str, object] = {}

    def register(dialog: RegisterDialog) -> None:
        choose_kitchen(dialog)
        assert dialog.choice is not None
        mandatory = dialog.choice.boxes["kitchen-safety-l3"]
        seen["mandatory"] = (mandatory.isChecked(), mandatory.isEnabled())
        dialog.choice.boxes["kitchen-rota-l3"].setChecked(True)
        # Short of group C's minimum: allowed (units are added as the candidate goes on).
        seen["line"] = dialog.choice_line.text()
        dialog.number.setText("ABC123")
        dialog.date.line.setText("1/11/2026")
        assert dialog.register_button.isEnabled()
        QTest.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)

    when_modal_opens(register, kind=RegisterDialog)
    window.candidates.register_button.click()

    assert seen["mandatory"] == (True, False)
    assert "Optional group C: skills needs at least 4 credits" in str(seen["line"])
    [registered] = window.store.registrations(who)
    assert (registered.number, registered.registered_on) == ("ABC123", dt.date(2026, 11, 1))
    assert window.candidates.sheet_model.rowCount() == 3
    assert {s.unit_id for s in window.store.sheets(who)} == {
        "kitchen-safety-l3",
        "kitchen-team-l3",
        "kitchen-rota-l3",
    }


def test_too_many_from_a_group_blocks_register_with_the_reason(window: MainWindow) -> None:
    who = candidate(window)
    seen: dict[str, tuple[bool, str] | bool] = {}

    def too_many(dialog: RegisterDialog) -> None:
        choose_kitchen(dialog)
        assert dialog.choice is not None
        for unit in ("kitchen-rota-l3", "kitchen-stock-l3", "kitchen-training-l3"):
            dialog.choice.boxes[unit].setChecked(True)
        seen["blocked"] = (dialog.register_button.isEnabled(), dialog.choice_line.text())
        dialog.choice.boxes["kitchen-training-l3"].setChecked(False)
        seen["mended"] = dialog.register_button.isEnabled()
        dialog.reject()

    when_modal_opens(too_many, kind=RegisterDialog)
    window.controller.register_selected()

    assert seen["blocked"] == (
        False,
        "Optional group B: supervision allows at most 2 units, and 3 are chosen: leave out 1 unit.",
    )
    assert seen["mended"] is True
    assert window.store.registrations(who) == []


def test_progress_shows_the_status_and_coverage_and_opens_a_sheet(
    window: MainWindow, catalogue: Catalogue
) -> None:
    who = candidate(window)
    window.store.register(
        who,
        KITCHEN,
        catalogue=catalogue,
        assessor=Person("Pat Jones", True),
        optional_units=["kitchen-rota-l3"],
    )
    [registered] = window.store.registrations(who)
    first = registered.sheet_ids[0]
    evidence = window.store.add_evidence(first, row("E01", ["1.1"]))
    assert evidence
    window.candidates.refresh_sheets()
    expected = window.store.progress(who, catalogue)
    [shown] = expected.registrations
    assert shown.rules is not None
    seen: dict[str, object] = {}

    def read_and_open(dialog: ProgressDialog) -> None:
        labels = {w.objectName(): w.text() for w in dialog.findChildren(QLabel) if w.objectName()}
        seen["labels"] = labels
        table: UnitTable = dialog.tables[0]
        seen["rows"] = [
            [cell(table, r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]
        seen["tip"] = cell(table, 0, 3).toolTip()
        centre = table.visualItemRect(cell(table, 0, 0)).center()
        none = Qt.KeyboardModifier.NoModifier
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, none, centre)
        QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, none, centre)

    when_modal_opens(read_and_open, kind=ProgressDialog)
    window.controller.progress_for_selected()

    labels = seen["labels"]
    assert isinstance(labels, dict)
    assert labels["registrationStatus"] == status(shown.rules)
    assert labels["registrationStatus"].startswith("Not complete")
    assert "Mandatory units: 0 of 2 achieved" in labels["ruleLines"]
    rows = seen["rows"]
    assert isinstance(rows, list)
    unit = shown.units[0]
    assert rows[0][:3] == [unit.unit_line, "draft", f"{unit.covered}/{unit.total}"]
    assert "sheet" not in rows[0][0]  # the candidate has one sheet of the unit: no number
    assert unit.covered == 1
    assert f"{unit.outcomes[0].label} {unit.outcomes[0].title}: 1 of" in str(seen["tip"])
    assert window.open_sheet_id == unit.sheet_id


def test_progress_names_sheets_by_their_unit_and_numbers_only_two_of_one_unit(
    window: MainWindow, catalogue: Catalogue
) -> None:
    """Given a candidate with two sheets of Unit 40 and one of Unit 44, when their progress is
    read, then each sheet is its unit, and only the two of Unit 40 say their numbers."""
    who = candidate(window)
    pat = Person("Pat Jones", True)
    units = ("mgmt-l3-u40-f17", "reliable-cs-l3-u44", "mgmt-l3-u40-f17")
    first, other, again = (
        window.store.create_sheet(who, catalogue.units[unit], "", pat) for unit in units
    )
    window.store.add_evidence(other, row("E01", ["1.1"]))

    dialog = ProgressDialog(window.store, who, catalogue, window)
    [table] = dialog.tables
    shown = {
        int(cell(table, r, 0).data(Qt.ItemDataRole.UserRole)): cell(table, r, 0).text()
        for r in range(table.rowCount())
    }
    uncovered = next(w for w in dialog.findChildren(QLabel) if w.objectName() == "uncovered")
    header = table.horizontalHeaderItem(1)
    dialog.close()

    forty = "Unit 40 Manage customer service in own area of responsibility (F17)"
    assert shown[first] == f"{forty} (sheet {first})"
    assert shown[again] == f"{forty} (sheet {again})"
    assert "(sheet" not in shown[other] and shown[other].startswith("Unit 44")
    assert header is not None and header.text() == "Status"
    lines = uncovered.text().splitlines()
    assert lines[0].startswith(f"{forty} (sheet {first}): 1.1, ")
    assert lines[1].startswith(f"{shown[other]}: ") and "1.1," not in lines[1]


def cell(table: UnitTable, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def test_the_candidate_menu_offers_registration_and_progress(window: MainWindow) -> None:
    candidate(window)
    menu = window.candidates.context_menu()
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    assert "Register on a qualification…" in texts and "Progress…" in texts


def test_add_units_from_the_progress_adds_their_sheets(
    window: MainWindow, catalogue: Catalogue
) -> None:
    who = candidate(window)
    window.store.register(
        who,
        KITCHEN,
        catalogue=catalogue,
        assessor=Person("Pat Jones", True),
        optional_units=["kitchen-rota-l3"],
    )
    seen: dict[str, object] = {}

    def add_pastry(dialog: RegisterDialog) -> None:
        assert dialog.choice is not None
        rota = dialog.choice.boxes["kitchen-rota-l3"]
        seen["taken"] = (rota.isChecked(), rota.isEnabled(), dialog.register_button.isEnabled())
        dialog.choice.boxes["kitchen-pastry-l2"].setChecked(True)
        QTest.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)

    def add_from(dialog: ProgressDialog) -> None:
        [more] = [b for b in dialog.findChildren(QPushButton) if b.objectName() == "addUnitsButton"]
        when_modal_opens(add_pastry, kind=RegisterDialog)
        more.click()
        seen["rows"] = dialog.tables[0].rowCount()
        dialog.reject()

    when_modal_opens(add_from, kind=ProgressDialog)
    window.controller.progress_for_selected()

    # Already in the registration: ticked and fixed; nothing ticked yet, nothing to add.
    assert seen["taken"] == (True, False, False)
    assert seen["rows"] == 4
    assert window.candidates.sheet_model.rowCount() == 4


def test_a_qualification_whose_rules_are_not_transcribed_says_so(window: MainWindow) -> None:
    candidate(window)
    seen: dict[str, str] = {}

    def read(dialog: RegisterDialog) -> None:
        index = dialog.qualification.findData("mgmt-l3-cert")
        dialog.qualification.setCurrentIndex(index)
        seen["item"] = dialog.qualification.itemText(index)
        seen["about"] = dialog.about.text()
        seen["line"] = dialog.choice_line.text()
        seen["group"] = " ".join(w.text() for w in dialog.findChildren(QLabel, "groupRule"))
        dialog.reject()

    when_modal_opens(read, kind=RegisterDialog)
    window.controller.register_selected()

    # Said once, under the qualification: not in its name, its units' group nor the line below.
    said = "rules of combination are not transcribed"
    assert seen["about"].count(said) == 1 and "never shown as achieved" in seen["about"]
    assert said not in seen["item"] and "not transcribed" not in seen["group"]
    assert "not transcribed" not in seen["line"]


def test_no_unit_ticked_on_untranscribed_rules_registers_without_units_said(
    window: MainWindow,
) -> None:
    """Given the Management certificate (no mandatory unit: its rules are not transcribed),
    when no unit is ticked, then the button says Register without units and the line why;
    a unit ticked makes it Register again; registered with none, the status bar says it."""
    who = candidate(window)
    seen: dict[str, object] = {}

    def register_empty(dialog: RegisterDialog) -> None:
        dialog.qualification.setCurrentIndex(dialog.qualification.findData("mgmt-l3-cert"))
        assert dialog.choice is not None
        seen["empty"] = (dialog.register_button.text(), dialog.choice_line.text())
        dialog.choice.boxes["mgmt-l3-u40-f17"].setChecked(True)
        seen["ticked"] = (dialog.register_button.text(), dialog.choice_line.text())
        dialog.choice.boxes["mgmt-l3-u40-f17"].setChecked(False)
        QTest.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)

    when_modal_opens(register_empty, kind=RegisterDialog)
    window.controller.register_selected()

    assert seen["empty"] == ("&Register without units", NO_SHEETS)
    assert seen["ticked"] == ("&Register", "")
    [registered] = window.store.registrations(who)
    assert registered.sheet_ids == ()
    assert window.statusBar().currentMessage() == f"Registered. {NO_SHEETS}"


def test_the_dialog_fits_the_units_of_the_qualification_chosen(window: MainWindow) -> None:
    """Switching from the kitchen diploma (eight units) to the certificate (one) shrinks the
    dialog to its units: no empty space under the last group; back again, it grows."""
    candidate(window)
    heights: dict[str, int] = {}

    def switch(dialog: RegisterDialog) -> None:
        for qualification in (KITCHEN, "mgmt-l3-cert", KITCHEN):
            dialog.qualification.setCurrentIndex(dialog.qualification.findData(qualification))
            QApplication.processEvents()
            assert dialog.choice is not None
            area = dialog.units_area.viewport().height()
            heights[qualification] = dialog.height()
            # The units fill their area: no empty space under the last group.
            assert area - dialog.choice.sizeHint().height() < 4, (qualification, area)
        # Ticked, the line under the units says less: the room it leaves is not theirs.
        assert dialog.choice is not None
        for unit in ("kitchen-rota-l3", "kitchen-stock-l3", "kitchen-training-l3"):
            dialog.choice.boxes[unit].setChecked(True)
        QApplication.processEvents()
        area = dialog.units_area.viewport().height()
        assert area - dialog.choice.sizeHint().height() < 4, area
        dialog.reject()

    when_modal_opens(switch, kind=RegisterDialog)
    window.controller.register_selected()
    assert heights["mgmt-l3-cert"] < heights[KITCHEN]


def test_registered_with_a_unit_the_empty_pane_no_longer_says_no_sheets(
    window: MainWindow,
) -> None:
    """Found walking through the frozen app: after Register the new sheet was listed on the
    left while the right still said the candidate had no sheets."""
    candidate(window)
    assert "has no sheets yet" in window.empty_pane.text.text()

    def register(dialog: RegisterDialog) -> None:
        dialog.qualification.setCurrentIndex(dialog.qualification.findData("mgmt-l3-cert"))
        assert dialog.choice is not None
        dialog.choice.boxes["mgmt-l3-u40-f17"].setChecked(True)
        QTest.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)

    when_modal_opens(register, kind=RegisterDialog)
    window.controller.register_selected()

    assert window.candidates.sheet_model.rowCount() == 1
    assert window.right.currentWidget() is window.empty_pane
    assert "choose their sheet on the left" in window.empty_pane.text.text()
