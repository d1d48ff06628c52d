"""The window when an open sheet's unit file has changed: the notice over the sheet, the dialog
saying what changes in people's words, ticks that would be dropped confirmed by name, the sheet
shown as updated; a signed sheet keeps its unit, with a quiet note."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ercsheet.catalogue.loader import Catalogue
from ercsheet.catalogue.model import Unit, UnitRules
from ercsheet.domain.sheet import Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.unit_notice import SIGNED_NOTE
from ercsheet.gui.unit_update_dialog import UnitUpdateDialog
from ercsheet.store.example import EXAMPLE_UNIT, create_example_candidate
from tests.conftest import TODAY
from tests.factories import incomplete, row, without_criterion
from tests.gui.window.clicks import tick
from tests.gui.window.conftest import close_window, open_window, sign_example
from tests.gui.window.modal import read_next_message, when_modal_opens
from tests.gui.window.test_candidate_record import action

MENU_ENTRY = "Update sheet to the unit's current &version…"


class Units:
    """The units the window loads, the example's unit (F17) as its file says now."""

    def __init__(self, catalogue: Catalogue, f17: Unit) -> None:
        self.catalogue = Catalogue(units={**catalogue.units, f17.id: f17})

    def __call__(self) -> Catalogue:
        return self.catalogue

    def file_now_says(self, window: MainWindow, unit: Unit) -> None:
        """The unit's file changed, and the window loads its units again."""
        self.catalogue = Catalogue(units={**self.catalogue.units, unit.id: unit})
        window.reload_catalogue()


@pytest.fixture
def units(catalogue: Catalogue, f17: Unit) -> Units:
    """F17 first saved before its LO 3's criteria were transcribed."""
    return Units(catalogue, incomplete(f17))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, units: Units) -> Iterator[MainWindow]:
    window = open_window(qtbot, tmp_path / "window.sqlite3", units)
    yield window
    close_window(window)


def example_on(window: MainWindow, units: Units, unit: Unit) -> int:
    """The example sheet made of `unit` (its file saying so then), open."""
    units.file_now_says(window, unit)
    sheet_id = create_example_candidate(window.store, units(), TODAY)
    window.open_sheet(sheet_id)
    return sheet_id


def notice_text(window: MainWindow) -> str:
    notice = window.sheet_view.unit_notice
    return notice.label.text() if notice.isVisible() else ""


def test_a_completed_unit_file_is_offered_to_the_draft_which_can_then_be_signed_off(
    window: MainWindow, units: Units, example_sheet: int, f17: Unit
) -> None:
    view = window.sheet_view
    assert view.content is not None and not view.content.unit.complete
    assert notice_text(window) == ""  # the file says what the sheet's copy says
    signature = Signature(Role.CANDIDATE, "Siân Llewellyn", TODAY, SignatureKind.TYPED)
    window.store.add_signature(example_sheet, signature, TODAY)

    units.file_now_says(window, f17)

    text = notice_text(window)
    assert text.startswith("This unit's file has changed since this sheet was made")
    assert "4 criteria added; other details changed" in text
    assert text.endswith("Updating the sheet lets it be signed off.")
    seen: list[str] = []

    def update(dialog: UnitUpdateDialog) -> None:
        seen.append(dialog.details.toPlainText())
        voided = dialog.findChild(QLabel, "voidedSignatures")
        assert voided is not None and voided.text().startswith("The candidate's signature is")
        assert not dialog.drop.isVisible()  # no tick falls on a criterion gone
        dialog.update_button.click()

    when_modal_opens(update, kind=UnitUpdateDialog)
    view.unit_notice.button.click()

    assert "Criteria added" in seen[0] and f"AC 3.4 added: {f17.criteria[-1].text}" in seen[0]
    assert "Every criterion transcribed: no → yes" in seen[0]
    assert view.content.unit == f17 and notice_text(window) == ""
    assert view.model.column_of("3.4") is not None
    assert "the unit's current version: 4 criteria added" in window.statusBar().currentMessage()
    panel = view.signing_panel
    assert panel is not None and panel.voided.text() == (
        "Siân Llewellyn's signature (candidate, 22/11/2026) was removed because the sheet's "
        "unit was updated after they signed: ask them to sign again."
    )
    for criterion in ("3.1", "3.2", "3.3", "3.4"):
        tick(window, 0, criterion)
    sign_example(window, example_sheet)
    assert window.store.record_code(example_sheet) is not None
    actions = [e.action for e in window.store.audit_trail(example_sheet)]
    assert actions.count("unit updated") == 1


def test_ticks_on_a_criterion_gone_are_named_and_dropped_only_once_confirmed(
    window: MainWindow, units: Units, f17: Unit
) -> None:
    sheet_id = example_on(window, units, f17)
    units.file_now_says(window, without_criterion(f17, "3.1"))
    assert "1 criterion removed" in notice_text(window)
    assert "Updating drops 1 tick on criteria it no longer has." in notice_text(window)
    named: list[str] = []

    def confirm(dialog: UnitUpdateDialog) -> None:
        assert not dialog.update_button.isEnabled()  # not before the ticks are confirmed
        label = dialog.findChild(QLabel, "droppedTicks")
        assert label is not None
        named.append(label.text())
        dialog.drop.setChecked(True)
        dialog.update_button.click()

    when_modal_opens(confirm, kind=UnitUpdateDialog)
    action(window, MENU_ENTRY).trigger()

    assert "E01 (Observation of the weekly customer service team briefing) × 3.1" in named[-1]
    content = window.store.sheet(sheet_id)
    assert content.unit.criterion("3.1") is None
    assert content.evidence[0].criteria == frozenset({"1.1", "1.2"})


def test_a_refusal_is_shown_in_the_dialog_and_nothing_changes(
    window: MainWindow, units: Units, f17: Unit
) -> None:
    # The file first said simulation was allowed; its corrected version says it is not.
    allowing = dataclasses.replace(incomplete(f17), rules=UnitRules(simulation_allowed=True))
    store = window.store
    sheet_id = example_on(window, units, allowing)
    store.add_evidence(sheet_id, row("S1", ["1.1"], Method.SIMULATION), today=TODAY)
    units.file_now_says(window, f17)
    shown: list[str] = []

    def refused(dialog: UnitUpdateDialog) -> None:
        dialog.update_button.click()
        shown.append(dialog.problems.text())
        dialog.reject()

    when_modal_opens(refused, kind=UnitUpdateDialog)
    action(window, MENU_ENTRY).trigger()

    assert "The sheet was not updated:" in shown[0]
    assert "Evidence S1, under the unit's current version: Simulation is not allowed" in shown[0]
    assert store.sheet(sheet_id).unit == allowing


def test_a_unit_still_incomplete_says_updating_helps_once_it_is_complete(
    window: MainWindow, units: Units, example_sheet: int, f17: Unit
) -> None:
    units.file_now_says(window, dataclasses.replace(incomplete(f17), glh=26))
    text = notice_text(window)
    assert "details changed" in text
    assert text.endswith(
        "The unit is still not all transcribed: once its file is complete, updating lets the "
        "sheet be signed off."
    )


def test_a_signed_sheet_keeps_its_unit_and_says_so_quietly(
    window: MainWindow, units: Units, f17: Unit
) -> None:
    sheet_id = example_on(window, units, f17)
    window.store.set_tick(window.store.evidence_ids(sheet_id)[0], "3.4", True)
    sign_example(window, sheet_id)
    assert notice_text(window) == ""
    units.file_now_says(window, dataclasses.replace(f17, glh=26))

    assert notice_text(window) == SIGNED_NOTE
    assert not window.sheet_view.unit_notice.button.isVisible()
    seen: list[str] = []
    read_next_message(seen)
    action(window, MENU_ENTRY).trigger()
    assert "signed off: it keeps the unit it was signed against" in seen[0]
    assert window.store.sheet(sheet_id).unit == f17


def test_the_menu_says_when_there_is_nothing_to_update(
    window: MainWindow, example_sheet: int
) -> None:
    seen: list[str] = []
    read_next_message(seen)
    action(window, MENU_ENTRY).trigger()
    assert seen[0].startswith("This sheet already has the unit's current version.")
    assert window.store.sheet(example_sheet).unit.id == EXAMPLE_UNIT


def test_a_file_that_says_it_is_incomplete_again_says_what_updating_means(
    window: MainWindow, units: Units, f17: Unit
) -> None:
    example_on(window, units, f17)
    units.file_now_says(window, incomplete(f17))
    text = notice_text(window)
    assert text.startswith(
        "This unit's file has changed since this sheet was made (or last updated) — 4 criteria "
        "removed; other details changed."
    )
    assert "The file now says the unit's criteria are not all transcribed" in text
    assert text.endswith("Updating drops 3 ticks on criteria it no longer has.")
