"""One piece of evidence on several units' sheets, in the real window: added from the candidate's
library with the picker, ticked on each sheet, and the evidence panel saying where else it
counts."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from unittest.mock import patch

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from ercsheet.catalogue.loader import Catalogue
from ercsheet.domain.sheet import Person
from ercsheet.gui.evidence_picker import EvidencePicker
from ercsheet.gui.main_window import MainWindow
from tests.conftest import TODAY
from tests.gui.window.modal import read_next_message, when_modal_opens


def second_sheet(window: MainWindow, catalogue: Catalogue, sheet_id: int) -> int:
    """Unit 44 for the example candidate, beside their Unit 40."""
    store = window.store
    unit = catalogue.get("reliable-cs-l3-u44")
    assert unit is not None
    other = store.create_sheet(
        store.sheet_summary(sheet_id).candidate_id, unit, "", Person("Pat Jones", True)
    )
    window.candidates.refresh_sheets(select_sheet=other)
    window.open_sheet(other)
    return other


def pick(ref: str, search: str = "") -> None:
    def choose(picker: EvidencePicker) -> None:
        QTest.keyClicks(picker.search, search)
        refs = [entry.fields.ref for entry in picker.model.entries]
        picker.table.selectRow(refs.index(ref))
        QTest.keyClick(picker.table, Qt.Key.Key_Return)

    when_modal_opens(choose, kind=EvidencePicker)


def test_an_item_added_from_the_library_is_ticked_here_and_counts_there(
    window: MainWindow, example_sheet: int, catalogue: Catalogue
) -> None:
    other = second_sheet(window, catalogue, example_sheet)
    view = window.sheet_view
    pick("E02", search="standards doc")
    view.add_existing_button.click()

    assert [r.ref for r in view.model.rows] == ["E02"]
    assert view.model.rows[0].criteria == frozenset()  # this sheet's ticks are its own
    view.grid.setCurrentIndex(view.model.index(0, view.model.column_of("1.1") or 0))
    QTest.keyClick(view.grid, Qt.Key.Key_Space)
    assert window.store.sheet(other).evidence[0].criteria == {"1.1"}
    elsewhere = view.evidence_panel.elsewhere
    assert elsewhere.isVisible() and elsewhere.text().startswith("Also counts on Unit 40 (F17):")

    window.open_sheet(example_sheet)
    view.grid.setCurrentIndex(view.model.index(1, view.model.column_of("1.1") or 0))
    assert "Unit 44 (D.05): 1.1" in view.evidence_panel.elsewhere.text()


def test_the_picker_offers_only_what_is_not_on_the_sheet(
    window: MainWindow, example_sheet: int, catalogue: Catalogue
) -> None:
    offered: list[str] = []

    def look(picker: EvidencePicker) -> None:
        offered.extend(entry.fields.ref for entry in picker.model.entries)
        picker.reject()

    when_modal_opens(look, kind=EvidencePicker)
    window.sheet_view.add_existing_button.click()
    assert offered == []  # every item of the candidate's is on their only sheet
    second_sheet(window, catalogue, example_sheet)
    when_modal_opens(look, kind=EvidencePicker)
    window.sheet_view.add_existing_button.click()
    assert offered == ["E01", "E02", "E03", "E04"]


def test_undoing_an_added_item_leaves_it_in_the_library(
    window: MainWindow, example_sheet: int, catalogue: Catalogue
) -> None:
    other = second_sheet(window, catalogue, example_sheet)
    pick("E03")
    window.sheet_view.add_existing_button.click()
    window.undo.undo()
    assert window.store.sheet(other).evidence == ()
    candidate = window.store.sheet_summary(other).candidate_id
    assert [e.fields.ref for e in window.store.library(candidate)] == ["E01", "E02", "E03", "E04"]
    window.undo.redo()
    assert [r.ref for r in window.store.sheet(other).evidence] == ["E03"]


def test_a_new_row_takes_the_next_reference_of_the_candidates_evidence(
    window: MainWindow, example_sheet: int, catalogue: Catalogue
) -> None:
    other = second_sheet(window, catalogue, example_sheet)
    window.sheet_view.add_button.click()
    QTest.keyClick(window.sheet_view.grid.focusWidget(), Qt.Key.Key_Escape)
    assert [r.ref for r in window.store.sheet(other).evidence] == ["E05"]


def test_the_library_records_where_an_item_is_held_and_deletes_only_unused_items(
    window: MainWindow, example_sheet: int, tmp_path: Path
) -> None:
    from ercsheet.gui.library_dialog import LibraryDialog

    candidate = window.store.sheet_summary(example_sheet).candidate_id
    scan = tmp_path / "E02 standards.pdf"
    scan.write_bytes(b"%PDF-1.4 a scan")

    def record(dialog: LibraryDialog) -> None:
        dialog.table.selectRow(1)
        dialog.held_at.setText("Portfolio p.12")
        with patch.object(QFileDialog, "getOpenFileName", return_value=(str(scan), "")):
            dialog.choose_file.click()  # written at once, with the place typed: no Save
        assert not dialog.delete.isEnabled()  # E02 is on the Unit 40 sheet
        dialog.reject()

    when_modal_opens(record, kind=LibraryDialog)
    window.candidates.select_candidate(candidate)
    window.controller.library_for_selected()
    held = window.store.library(candidate)[1].holding
    assert (held.held_at, held.file_path) == ("Portfolio p.12", str(scan))
    assert held.file_sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    trail = window.store.audit_trail(candidate_id=candidate)[-1]
    assert trail.action == "library item edited"


def test_deleting_a_sheet_keeps_its_evidence_in_the_library(
    window: MainWindow, example_sheet: int, catalogue: Catalogue
) -> None:
    from ercsheet.gui.deletion import ConfirmDeletion

    other = second_sheet(window, catalogue, example_sheet)
    items = {
        e.fields.ref: e.id
        for e in window.store.library(window.store.sheet_summary(other).candidate_id)
    }
    window.store.add_existing_evidence(other, items["E01"])
    said: list[str] = []

    def read_and_delete(dialog: ConfirmDeletion) -> None:
        said.append(dialog.explanation.text())
        dialog.accept()

    when_modal_opens(read_and_delete, kind=ConfirmDeletion)
    window.controller.delete_sheet(example_sheet)
    assert "Its evidence items stay in the candidate's evidence library" in said[0]
    candidate = window.store.sheet_summary(other).candidate_id
    assert [e.fields.ref for e in window.store.library(candidate)] == ["E01", "E02", "E03", "E04"]


def test_the_candidates_whole_file_carries_each_shared_item_once(
    window: MainWindow, example_sheet: int, catalogue: Catalogue, tmp_path: Path
) -> None:
    from ercsheet.gui import file_actions

    other = second_sheet(window, catalogue, example_sheet)
    candidate = window.store.sheet_summary(other).candidate_id
    items = {e.fields.ref: e.id for e in window.store.library(candidate)}
    window.store.add_existing_evidence(other, items["E01"])
    out = tmp_path / "sian.json"
    written = file_actions.export_candidate_file(
        window, window.store, candidate, window.settings, out
    )
    assert written == out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "ercsheet.candidate" and len(data["sheets"]) == 2
    assert [item["ref"] for item in data["library"]] == ["E01", "E02", "E03", "E04"]
    # Read back by the window's import: each of its sheets is said, each already here.
    said: list[str] = []
    read_next_message(said)
    file_actions.import_files(window, window.store, catalogue, TODAY, window.settings, [out])
    assert f"= sian.json: already in the store (sheet {example_sheet}); nothing changed" in said[0]
    assert f"= sian.json: already in the store (sheet {other}); nothing changed" in said[0]


def test_where_an_item_is_held_is_written_as_typed_and_survives_close(
    window: MainWindow, example_sheet: int
) -> None:
    from ercsheet.gui.library_dialog import LibraryDialog

    candidate = window.store.sheet_summary(example_sheet).candidate_id

    def type_and_close(dialog: LibraryDialog) -> None:
        dialog.table.selectRow(0)
        dialog.held_at.setFocus()
        QTest.keyClicks(dialog.held_at, "Portfolio, section A")
        # Enter writes it and closes the dialog (it opened the file chooser once).
        QTest.keyClick(dialog.held_at, Qt.Key.Key_Return)
        if dialog.isVisible():
            dialog.reject()

    when_modal_opens(type_and_close, kind=LibraryDialog)
    window.candidates.select_candidate(candidate)
    window.controller.library_for_selected()
    assert window.store.library(candidate)[0].holding.held_at == "Portfolio, section A"


def test_the_library_says_where_a_signed_sheet_keeps_an_item_as_it_was_signed(
    window: MainWindow, signed_example: int, catalogue: Catalogue
) -> None:
    """Given E01 on the signed Unit 40 sheet and on a Unit 44 draft, when its title and date
    are corrected, then the library shows it as it is now and says Unit 40 keeps it as signed;
    E02, never edited, says nothing of the kind."""
    from dataclasses import replace

    from ercsheet.gui.library_dialog import LibraryDialog

    store = window.store
    candidate = store.sheet_summary(signed_example).candidate_id
    other = second_sheet(window, catalogue, signed_example)
    e01 = store.library(candidate)[0]
    store.add_existing_evidence(other, e01.id)
    was = e01.fields
    store.update_library_item(
        e01.id, replace(was, title="Team briefing, March (corrected)", date=None), e01.holding
    )
    seen: dict[str, tuple[str, bool]] = {}

    def read(dialog: LibraryDialog) -> None:
        for row, ref in ((0, "E01"), (1, "E02")):
            dialog.table.selectRow(row)
            seen[ref] = (dialog.kept.text(), dialog.kept.isVisibleTo(dialog))
        dialog.reject()

    when_modal_opens(read, kind=LibraryDialog)
    window.controller.library_for_selected()

    assert was.date is not None
    assert seen["E01"] == (f"Unit 40 (F17): ‘{was.title}’, dated {was.date:%d/%m/%Y}.", True)
    assert seen["E02"] == ("", False)
    assert store.sheet(other).evidence[0].title == "Team briefing, March (corrected)"
