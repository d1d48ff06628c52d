"""The unit picker finds a unit by what it shows and what an assessor knows, says when nothing
matches, and never describes a unit it does not list."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from ercsheet import paths
from ercsheet.catalogue.loader import Catalogue, load_catalogue
from ercsheet.gui.unit_picker import UnitPicker
from tests.conftest import TODAY


@pytest.fixture
def picker(qtbot: QtBot, catalogue: Catalogue) -> UnitPicker:
    dialog = UnitPicker(catalogue, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def listed(picker: UnitPicker) -> list[str]:
    model = picker.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def type_into(field: QLineEdit, text: str) -> None:
    """Key by key, as people type; QTest types ASCII only, so other letters are inserted (as
    a dead key or an input method gives them)."""
    for character in text:
        if character.isascii():
            QTest.keyClicks(field, character)
        else:
            field.insert(character)


def typed(picker: UnitPicker, text: str) -> list[str]:
    picker.filter.clear()
    type_into(picker.filter, text)
    return listed(picker)


UNIT_40 = "Unit 40 (F17) Manage customer service in own area of responsibility"
UNIT_29 = "Unit 29 (F17) Manage customer service in own area of responsibility"
UNIT_1 = "Unit 1 Manage customer service operations"
UNIT_44 = "Unit 44 (D.05) Organise the delivery of reliable customer service"


def test_each_unit_is_listed_as_its_qualification_numbers_it(picker: UnitPicker) -> None:
    assert listed(picker)[:4] == [UNIT_40, UNIT_29, UNIT_1, UNIT_44]
    assert [picker.model.index(r, 1).data() for r in range(2)] == [
        "OCR Level 3 NVQ Certificate in Management",
        "OCR Level 3 NVQ in Team Leading",
    ]


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("Unit 40", [UNIT_40]),
        ("unit 4", [UNIT_40, UNIT_44]),  # as it is typed, on the way to "Unit 40"
        ("Unit 1", [UNIT_1]),  # not every unit with a 1 in its reference number
        ("UNIT F17", [UNIT_40, UNIT_29]),
        ("D/600/9804", [UNIT_40]),
        ("d6009804", [UNIT_40]),
        ("team leading", [UNIT_29]),
        ("certificate management", [UNIT_40]),
        ("Level 4", [UNIT_1]),
        ("D.05", [UNIT_44]),
        ("ORGANISE réliable", [UNIT_44]),  # accents and capitals do not matter
    ],
)
def test_a_unit_is_found_by_what_it_shows_and_what_an_assessor_knows(
    picker: UnitPicker, search: str, found: list[str]
) -> None:
    assert typed(picker, search) == found
    # The details describe the first unit listed, and Create makes its sheet.
    assert found[0] in picker.details.text()
    assert picker.create_button.isEnabled()


def test_no_match_says_so_and_shows_no_unit(picker: UnitPicker) -> None:
    assert typed(picker, "Unit 40") == [UNIT_40]
    assert "Unit 40" in picker.details.text()
    assert typed(picker, "Unit 40 plumbing") == []
    text = picker.details.text()
    assert text.startswith("No unit matches “Unit 40 plumbing”.")
    assert "Manage customer service" not in text and "LO1" not in text
    assert not picker.create_button.isEnabled()
    picker.accept()  # Enter with nothing listed: no sheet, the picker stays
    assert picker.choice is None and picker.isVisible()
    assert typed(picker, "unit 29") == [UNIT_29]
    assert "Team Leading" in picker.details.text() and picker.create_button.isEnabled()


def test_a_qualification_naming_a_missing_unit_is_shown_with_the_files_to_check(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "qualifications"
    folder.mkdir()
    (folder / "baking-l2.toml").write_text(
        'title = "Invented Level 2 Certificate in Baking"\nawarding_body = "Invented"\n'
        'level = 2\n\n[[mandatory]]\nunit = "bread-l2"\n',
        encoding="utf-8",
    )
    dialog = UnitPicker(load_catalogue([paths.builtin_units_dir(), tmp_path]), TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.reports.isVisible()
    assert (
        f"warning: {folder / 'baking-l2.toml'}: mandatory: unit 'bread-l2' is not in the catalogue"
    ) in html.unescape(dialog.reports.text())
