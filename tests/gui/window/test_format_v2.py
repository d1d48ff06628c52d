"""Units of format version 2 in the window: columns under the LO each AC is listed under, the
LO's own text beside its ACs, the unit's names for methods, unit files to check in the picker."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from ercsheet.catalogue.loader import Catalogue, load_catalogue
from ercsheet.catalogue.model import Grade, Unit
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Method, Role
from ercsheet.gui.grid_model import FIRST_CRITERION, GROUP_ROLE, METHOD
from ercsheet.gui.grid_view import MethodDelegate
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.unit_picker import UnitPicker
from tests.conftest import TODAY
from tests.factories import row, sign

TEST_UNITS = Path(__file__).resolve().parents[2] / "units"


def open_sheet_of(window: MainWindow, unit: Unit, *rows: Method) -> None:
    store = window.store
    candidate = store.add_candidate("Zoë Ødegård")
    sheet_id = store.create_sheet(candidate, unit, "", Person("Pat Jones"))
    for index, method in enumerate(rows):
        store.add_evidence(sheet_id, row(f"E{index}", [], method), today=TODAY)
    window.candidates.refresh()
    window.open_sheet(sheet_id)


def kitchen() -> Unit:
    unit = load_catalogue([TEST_UNITS]).get("three-level-kitchen")
    assert unit is not None
    return unit


def test_each_column_is_grouped_under_the_lo_its_ac_is_listed_under(window: MainWindow) -> None:
    unit = kitchen()
    open_sheet_of(window, unit)
    model = window.sheet_view.model
    groups = [
        model.headerData(FIRST_CRITERION + i, Qt.Orientation.Horizontal, GROUP_ROLE)
        for i in range(len(unit.criteria))
    ]
    assert groups == ["LO1", "LO1", "LO2", "LO2", "LO2", "LO3", "LO3"]
    numbers = [
        model.headerData(FIRST_CRITERION + i, Qt.Orientation.Horizontal)
        for i in range(len(unit.criteria))
    ]
    assert numbers == list(unit.criterion_numbers)


def test_the_details_panel_shows_the_los_knowledge_and_range(window: MainWindow) -> None:
    open_sheet_of(window, kitchen(), Method.OBSERVATION)
    view = window.sheet_view
    view.grid.setCurrentIndex(view.model.index(0, view.model.column_of("301.1.2") or 0))
    shown = view.details.toPlainText()
    assert "LO1 Know the hazards of a commercial kitchen" in shown
    assert "Knowledge, understanding and skills (LO1)" in shown
    assert "Types of hazard: physical, chemical, biological" in shown
    assert "Range" not in shown
    view.grid.setCurrentIndex(view.model.index(0, view.model.column_of("301.2.3") or 0))
    shown = view.details.toPlainText()
    assert "Range (LO2)" in shown and "Cleaning agents: detergents" in shown
    assert "Knowledge, understanding" not in shown


def test_the_grid_names_methods_as_the_units_key_does(window: MainWindow, qtbot: QtBot) -> None:
    open_sheet_of(window, kitchen(), Method.PRODUCT, Method.OBSERVATION)
    model = window.sheet_view.model
    assert model.index(0, METHOD).data() == "Examination of products"
    assert model.index(1, METHOD).data() == "Observation"
    parent = QWidget()
    qtbot.addWidget(parent)
    editor = MethodDelegate().createEditor(parent, QStyleOptionViewItem(), model.index(0, METHOD))
    assert isinstance(editor, QComboBox)
    items = [editor.itemText(i) for i in range(editor.count())]
    assert "Examination of products (EP)" in items
    assert "Oral questioning (OQ)" in items
    assert "Observation (O)" in items


def test_an_incomplete_unit_says_so_before_a_sheet_is_made(qtbot: QtBot) -> None:
    catalogue = load_catalogue([TEST_UNITS])
    picker = UnitPicker(catalogue, TODAY)
    qtbot.addWidget(picker)
    picker.filter.setText("indoor plants")
    assert "not all transcribed yet" in picker.details.text()
    assert not picker.reports.isVisibleTo(picker)


def test_an_incomplete_unit_with_a_urn_leaves_the_picker_its_width(qtbot: QtBot, f17: Unit) -> None:
    # The URN's no-wrap line made the sentence after it one line: the picker grew past a
    # 1366-pixel screen.
    catalogue = Catalogue(units={f17.id: dataclasses.replace(f17, complete=False)})
    picker = UnitPicker(catalogue, TODAY)
    qtbot.addWidget(picker)
    assert "not all transcribed yet" in picker.details.text()
    assert picker.details.minimumSizeHint().width() < 400


def test_the_picker_names_unit_files_to_check(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    text = (TEST_UNITS / "three-level-kitchen.toml").read_text(encoding="utf-8")
    (folder / "kitchen-copy.toml").write_text(text, encoding="utf-8")
    (folder / "broken.toml").write_text("title = 'x'\n", encoding="utf-8")
    catalogue = load_catalogue([TEST_UNITS, folder])
    picker = UnitPicker(catalogue, TODAY)
    qtbot.addWidget(picker)
    picker.show()
    assert picker.reports.isVisible()
    shown = picker.reports.text()
    assert "broken.toml: learning_outcomes: this key is required" in shown
    assert "warning:" in shown and "Z/999/0301 is also the URN of" in shown


def test_the_window_loads_the_users_own_units_beside_the_built_in_ones() -> None:
    from ercsheet import paths
    from ercsheet.gui.app import installed_units

    text = (TEST_UNITS / "three-level-kitchen.toml").read_text(encoding="utf-8")
    (paths.user_units_dir() / "kitchen.toml").write_text(text, encoding="utf-8")
    catalogue = installed_units()
    assert catalogue.errors == [] and catalogue.warnings == []
    assert catalogue.get("kitchen") is not None
    assert catalogue.get("mgmt-l3-u40-f17") is not None


def test_a_graded_units_grid_bands_by_grade_and_says_the_grade_evidenced(
    window: MainWindow,
) -> None:
    unit = load_catalogue([TEST_UNITS]).get("graded-events")
    assert unit is not None
    open_sheet_of(window, unit, Method.PRODUCT)
    model = window.sheet_view.model
    columns = range(FIRST_CRITERION, FIRST_CRITERION + len(unit.criteria))
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in columns] == [
        "P1",
        "P2",
        "P3",
        "M1",
        "M2",
        "D1",
    ]
    assert [model.headerData(c, Qt.Orientation.Horizontal, GROUP_ROLE) for c in columns] == [
        "Pass",
        "Pass",
        "Pass",
        "Merit",
        "Merit",
        "Distinction",
    ]
    coverage_row = model.rowCount() - 1
    assert "pass not yet" in model.index(coverage_row, 0).data()
    sheet_id = window.open_sheet_id
    assert sheet_id is not None
    [evidence_id] = window.store.evidence_ids(sheet_id)
    for number in ("P1", "P2", "P3", "M1", "M2"):
        window.store.set_tick(evidence_id, number, True)
    window.open_sheet(sheet_id)
    assert "evidenced at Merit" in window.sheet_view.model.index(coverage_row, 0).data()


def test_the_assessor_chooses_the_grade_awarded_beside_the_signatures(window: MainWindow) -> None:
    unit = load_catalogue([TEST_UNITS]).get("graded-events")
    assert unit is not None
    open_sheet_of(window, unit, Method.PRODUCT)
    store, sheet_id = window.store, window.open_sheet_id
    assert sheet_id is not None
    [evidence_id] = store.evidence_ids(sheet_id)
    for number in ("P1", "P2", "P3", "M1", "M2"):
        store.set_tick(evidence_id, number, True)
    window.open_sheet(sheet_id)
    panel = window.sheet_view.signing_panel
    assert panel is not None
    panel.reload()
    assert panel.grade_chooser is not None
    combo = panel.grade_chooser.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "— choose —",
        "Pass — evidenced",
        "Merit — evidenced",
        "Distinction — not evidenced yet",
    ]
    combo.setCurrentIndex(2)
    assert store.sheet(sheet_id).grade is Grade.MERIT
    store.set_pin("2468")
    store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Zoë Ødegård"), TODAY)
    store.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin="2468")
    panel.reload()
    assert panel.grade_chooser is not None
    chosen = panel.grade_chooser.combo
    assert chosen.currentText() == "Merit — evidenced" and not chosen.isEnabled()
