"""File → Add a unit from its specification…: the review beside the source, corrections, the
unsure fields in yellow, Save to my units (a unit file that loads back), refusals in the dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from ercsheet.catalogue.importer.parse import parse_lines
from ercsheet.catalogue.importer.reading import read_spec
from ercsheet.catalogue.loader import load_unit_file
from ercsheet.catalogue.model import Kind, Unit
from ercsheet.gui import create_main_window
from ercsheet.gui.app import installed_units
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.unit_adding import add_unit_from_specification, units_folder
from ercsheet.gui.unit_picker import UnitPicker
from ercsheet.gui.unit_review import UnitReviewDialog
from ercsheet.gui.unit_review_table import REAL_WORK, TEXT
from tests.catalogue.importer.specs import render
from tests.conftest import TODAY
from tests.gui.window.modal import read_next_message, when_modal_opens


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "flat.txt").write_text(render.flat_text(), encoding="utf-8")
    render.write_pdf(folder / "table.pdf")
    return folder


def review(qtbot: QtBot, spec: Path, folder: Path) -> UnitReviewDialog:
    lines = read_spec(spec)
    dialog = UnitReviewDialog("source", parse_lines(lines), spec.name, folder, None)
    qtbot.addWidget(dialog)
    return dialog


def test_unsure_fields_are_yellow_with_their_reason(
    qtbot: QtBot, specs: Path, tmp_path: Path
) -> None:
    dialog = review(qtbot, specs / "flat.txt", tmp_path)
    level = dialog.lines["level"]
    assert level.property("unsure") is True
    assert level.toolTip().startswith("Level: “2” stood apart from its label")
    assert dialog.lines["title"].property("unsure") is None
    # LO rows whose guidance could not be placed.
    assert [dialog.table.cell(row, 0) for row in dialog.table.unsure_rows()] == ["1", "2", "3"]
    marks = dialog.findChild(QLabel, "reviewMarks")
    assert marks is not None and "Check the yellow fields" in marks.text()
    # Said in the specification's words: no unit file keys for the reviewer to decode.
    assert "<li>Simulation: ruled out for AC 2.2 and 2.3 only" in marks.text()
    assert "rules." not in marks.text() and "_" not in marks.text()


def test_corrections_are_saved_into_my_units_and_load_back(
    qtbot: QtBot, specs: Path, tmp_path: Path
) -> None:
    dialog = review(qtbot, specs / "table.pdf", tmp_path)
    dialog.lines["title"].setText("Prepare a safe work area")
    dialog.table.item(2, TEXT).setText("Choose the right PPE for the task")  # type: ignore[union-attr]
    dialog.simulation.setChecked(False)
    dialog.save_button.click()
    assert dialog.result() == UnitReviewDialog.DialogCode.Accepted
    assert dialog.saved == tmp_path / "prepare-a-safe-work-area-u12.toml"
    unit = load_unit_file(dialog.saved)
    assert isinstance(unit, Unit)
    assert unit.title == "Prepare a safe work area"
    assert unit.criterion("1.2").text == "Choose the right PPE for the task"  # type: ignore[union-attr]
    assert not unit.rules.simulation_allowed
    assert (unit.urn, len(unit.criteria)) == ("K/615/0042", 10)


def test_a_unit_that_would_not_load_is_not_saved_and_says_why(
    qtbot: QtBot, specs: Path, tmp_path: Path
) -> None:
    dialog = review(qtbot, specs / "table.pdf", tmp_path)
    dialog.table.item(2, TEXT).setText("")  # type: ignore[union-attr]
    dialog.lines["glh"].setText("twenty")
    dialog.save_button.click()
    assert dialog.error.text() == "Not saved: guided learning hours must be a whole number."
    dialog.lines["glh"].setText("20")
    dialog.lines["expires"].setText("31/07/2027")
    dialog.save_button.click()
    assert dialog.result() != UnitReviewDialog.DialogCode.Accepted
    assert "YYYY-MM-DD" in dialog.error.text()
    dialog.lines["expires"].setText("2027-07-31")
    dialog.save_button.click()
    assert "LO 1, AC 1.2, text: must not be empty" in dialog.error.text()  # the source's words
    assert list(tmp_path.glob("*.toml")) == []


def test_a_unit_with_a_catalogues_urn_is_saved_only_if_the_assessor_says_so(
    qtbot: QtBot, specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ercsheet.catalogue.loader import Catalogue

    known = load_unit_file(Path("units_data/mgmt-l3-u40-f17.toml"))
    assert isinstance(known, Unit)
    unit = parse_lines(read_spec(specs / "table.pdf"))
    unit.urn = known.urn
    dialog = UnitReviewDialog("source", unit, "table.pdf", tmp_path, Catalogue({known.id: known}))
    qtbot.addWidget(dialog)
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog.save_button.click()
    assert "has the URN D/600/9804 already" in asked[0]
    assert "a unit with this URN is in the catalogue" in dialog.error.text()
    assert list(tmp_path.glob("*.toml")) == []


def test_the_menu_entry_reads_the_file_and_opens_the_review(
    window: MainWindow, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actions = [a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()]
    action = next(a for a in actions if a.text() == "Add a &unit from its specification…")
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName",
        lambda *_a, **_k: (str(specs / "table.pdf"), ""),
    )
    seen: list[str] = []

    def look_and_save(dialog: UnitReviewDialog) -> None:
        source = dialog.findChild(QPlainTextEdit, "reviewSource")
        assert source is not None
        seen.append(source.toPlainText())
        read_next_message(seen)
        dialog.save_button.click()

    when_modal_opens(look_and_save, kind=UnitReviewDialog)
    action.trigger()
    assert "1.1 Identify the hazards present in the | Hazards may include:" in seen[0]
    assert seen[1].startswith("Saved to ")
    assert (
        units_folder() / "prepare-and-maintain-a-safe-grounds-care-work-area-u12.toml"
    ).is_file()


def test_a_file_that_cannot_be_read_is_a_message(window: MainWindow, tmp_path: Path) -> None:
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"\x00junk" * 100)
    seen: list[str] = []
    read_next_message(seen)
    assert add_unit_from_specification(window, window.catalogue, window.settings, junk) is None
    assert "junk.docx cannot be read: named .docx but not a Word document" in seen[0]


def test_the_line_edits_are_named_for_screen_readers(
    qtbot: QtBot, specs: Path, tmp_path: Path
) -> None:
    dialog = review(qtbot, specs / "flat.txt", tmp_path)
    assert {e.accessibleName() for e in dialog.findChildren(QLineEdit)} >= {"Title", "URN", "Level"}


def test_a_graded_unit_keeps_its_grades_through_the_review(qtbot: QtBot, tmp_path: Path) -> None:
    spec = tmp_path / "graded.txt"
    spec.write_text(
        "Unit 4: Running an event\n\nLearning Outcomes Assessment Criteria Guidance\n"
        "Learning aim A: Plan an event\nA.P1 Produce a plan\nA.M1 Explain the plan\n",
        encoding="utf-8",
    )
    dialog = review(qtbot, spec, tmp_path)
    dialog.save_button.click()
    assert dialog.saved is not None
    unit = load_unit_file(dialog.saved)
    assert isinstance(unit, Unit)
    assert [(c.number, c.grade) for c in unit.criteria] == [("A.P1", "pass"), ("A.M1", "merit")]


def test_real_work_and_the_unit_s_kind_are_shown_corrected_and_saved(
    qtbot: QtBot, specs: Path, tmp_path: Path
) -> None:
    # The invented unit says "Simulation is not allowed for AC 2.2 and 2.3."
    dialog = review(qtbot, specs / "table.pdf", tmp_path)
    rows = {dialog.table.cell(r, 1): r for r in range(dialog.table.rowCount())}
    ticked = [ac for ac, row in rows.items() if ac and dialog.table.real_work(row)]
    assert ticked == ["2.2", "2.3"]
    box = dialog.table.item(rows["2.2"], REAL_WORK)
    assert box is not None and box.background().color().name() == "#fff3bf"
    assert "“Simulation is not allowed for AC 2.2 and 2.3”" in box.toolTip()
    assert dialog.kind.currentData() == "" and dialog.kind.property("unsure") is None
    # The reviewer unticks 2.3, ticks 1.1 and says the unit assesses knowledge.
    dialog.table.item(rows["2.3"], REAL_WORK).setCheckState(Qt.CheckState.Unchecked)  # type: ignore[union-attr]
    dialog.table.item(rows["1.1"], REAL_WORK).setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]
    dialog.kind.setCurrentIndex(dialog.kind.findData("knowledge"))
    dialog.save_button.click()
    assert dialog.saved is not None
    unit = load_unit_file(dialog.saved)
    assert isinstance(unit, Unit)
    assert [c.number for c in unit.criteria if c.real_work] == ["1.1", "2.2"]
    assert unit.kind == Kind.KNOWLEDGE


def test_a_unit_that_says_it_assesses_knowledge_opens_as_knowledge(
    qtbot: QtBot, tmp_path: Path
) -> None:
    spec = tmp_path / "know.txt"
    spec.write_text(
        "Unit Title: Know the mower\nThis is a knowledge unit.\n\n"
        "Learning Outcomes Assessment Criteria Guidance\n1 Understand mowers\n"
        "1.1 Describe how a mower works\n",
        encoding="utf-8",
    )
    dialog = review(qtbot, spec, tmp_path)
    assert dialog.kind.currentText() == "Knowledge"
    dialog.save_button.click()
    assert dialog.saved is not None
    unit = load_unit_file(dialog.saved)
    assert isinstance(unit, Unit) and unit.kind == Kind.KNOWLEDGE


def test_a_unit_saved_from_the_review_is_offered_by_new_sheet_at_once(
    qtbot: QtBot, tmp_path: Path, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The window as it starts for the assessor: its units loaded from the built-in and the
    # user's folders when first needed, not a catalogue a test hands it.
    window = create_main_window(tmp_path / "live.sqlite3", installed_units, TODAY)
    qtbot.addWidget(window)
    window.show()
    assert "prepare-and-maintain-a-safe-grounds-care-work-area-u12" not in window.catalogue.units
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName",
        lambda *_a, **_k: (str(specs / "table.pdf"), ""),
    )
    seen: list[str] = []

    def save(dialog: UnitReviewDialog) -> None:
        read_next_message(seen)
        dialog.save_button.click()

    when_modal_opens(save, kind=UnitReviewDialog)
    window.controller.add_unit_from_specification()
    assert seen[0].rstrip().endswith("New sheet… offers it from now on.")
    offered: list[str] = []

    def look(picker: UnitPicker) -> None:
        offered.extend(choice.unit.id for choice in picker.model.rows)
        picker.reject()

    when_modal_opens(look, kind=UnitPicker)
    window.controller.new_sheet(window.store.add_candidate("Megan Jones", "0077"))
    assert "prepare-and-maintain-a-safe-grounds-care-work-area-u12" in offered
    assert "cs-operations-l4-u1" in offered  # the built-in units are still there
    window.close()
    window.store.close()


def test_an_outcome_s_own_texts_and_the_method_key_are_reviewed_and_saved(
    qtbot: QtBot, tmp_path: Path
) -> None:
    written = load_unit_file(Path("tests/units/three-level-kitchen.toml"))
    assert isinstance(written, Unit)
    spec = tmp_path / "kitchen.pdf"
    render.write_pdf(spec, unit=written)
    dialog = review(qtbot, spec, tmp_path)
    rows = [(dialog.table.cell(r, 0), dialog.table.cell(r, 1)) for r in range(4)]
    assert rows == [("1", ""), ("", "Knowledge"), ("", "301.1.1"), ("", "301.1.2")]
    assert dialog.methods.toPlainText() == "EP = Examination of products\nOQ = Oral questioning"
    dialog.methods.setPlainText("EP = Examination of products\nOQ: Oral questions\nnotes")
    dialog.save_button.click()
    assert "“notes” is not" in dialog.error.text()
    dialog.methods.setPlainText("EP = Examination of products\nOQ: Oral questions")
    dialog.table.item(1, TEXT).setText("• Types of hazard")  # type: ignore[union-attr]
    dialog.save_button.click()
    assert dialog.saved is not None
    unit = load_unit_file(dialog.saved)
    assert isinstance(unit, Unit)
    assert unit.learning_outcomes[0].knowledge == "• Types of hazard"
    assert unit.learning_outcomes[1].range.split() == written.learning_outcomes[1].range.split()
    assert [(m.abbreviation, m.label) for m in unit.methods] == [
        ("EP", "Examination of products"),
        ("OQ", "Oral questions"),
    ]


def test_a_stalling_specification_leaves_the_window_live_and_cancel_stops_it(
    window: MainWindow, specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from ercsheet.catalogue.importer import bounded
    from tests.catalogue.importer import hostile_readers

    # Stuck in C (a regular expression backtracking for ever), where only killing its process
    # stops it.
    monkeypatch.setattr(bounded, "lines_of", hostile_readers.stalling_in_c)
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)  # the window's own events, answered while the file is read
    shown: list[str] = []
    readers: list[multiprocessing.process.BaseProcess] = []

    def cancel(progress: QProgressDialog) -> None:
        shown.append(progress.labelText())
        readers.extend(multiprocessing.active_children())
        progress.cancel()

    when_modal_opens(cancel, kind=QProgressDialog)
    started = threading.active_count()
    assert (
        add_unit_from_specification(window, window.catalogue, window.settings, specs / "table.pdf")
        is None
    )
    timer.stop()
    assert shown == ["Reading table.pdf…"]
    assert len(ticks) > 10
    # Cancel killed the reading process, and no thread is left waiting for it.
    assert [r.name for r in readers] == ["read specification"]
    assert multiprocessing.active_children() == []
    assert "read specification" not in {t.name for t in threading.enumerate()}
    assert threading.active_count() <= started
