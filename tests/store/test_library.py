"""A candidate's evidence library through the real store: one item on the sheets of several
units, edited once and seen everywhere it is used on a draft, kept as signed on a signed sheet."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from ercsheet.catalogue.model import Unit
from ercsheet.domain.library import Holding, ItemFields
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Method, Role
from ercsheet.store.backup import list_backups
from ercsheet.store.exchange import export_sheet, import_file
from ercsheet.store.store import NotFound, RuleViolation, Store
from tests.conftest import PIN, TODAY, make_signer
from tests.factories import make_unit, row, sign

BRIEFING = row("E01", ["1.1", "2.1"], title="Observation of the team briefing", date=TODAY)


@pytest.fixture
def units() -> tuple[Unit, Unit]:
    return make_unit((2, 2), unit_id="unit-a"), make_unit(
        (3, 1), unit_id="unit-b", simulation_allowed=False
    )


def two_sheets(store: Store, units: tuple[Unit, Unit]) -> tuple[int, int, int]:
    candidate = store.add_candidate("Gwenllian ap Rhys", "0101", "12345")
    first = store.create_sheet(candidate, units[0], "", Person("Pat Jones"))
    second = store.create_sheet(candidate, units[1], "", Person("Pat Jones"))
    return candidate, first, second


def shared(store: Store, units: tuple[Unit, Unit]) -> tuple[int, int, int, int, int]:
    """E01 on both sheets: ticked 1.1 and 2.1 on the first, 1.3 on the second."""
    candidate, first, second = two_sheets(store, units)
    row_a = store.add_evidence(first, BRIEFING, today=TODAY)
    item = store.library_entry_of_row(row_a).id
    row_b = store.add_existing_evidence(second, item)
    store.set_tick(row_b, "1.3", True)
    return candidate, first, second, row_a, row_b


def test_an_item_ticked_on_two_units_is_edited_once_and_seen_on_both(
    store: Store, units: tuple[Unit, Unit]
) -> None:
    candidate, first, second, row_a, _row_b = shared(store, units)
    assert store.sheet(first).evidence[0].criteria == {"1.1", "2.1"}
    assert store.sheet(second).evidence[0].criteria == {"1.3"}

    store.update_evidence(row_a, replace(BRIEFING, title="Observation of the Monday briefing"))

    for sheet_id in (first, second):
        assert store.sheet(sheet_id).evidence[0].title == "Observation of the Monday briefing"
    assert store.sheet(second).evidence[0].criteria == {"1.3"}  # each sheet keeps its ticks
    [entry] = store.library(candidate)
    assert [(u.sheet_id, u.criteria) for u in entry.uses] == [
        (first, ("1.1", "2.1")),
        (second, ("1.3",)),
    ]
    echo = store.audit_trail(second)[-1]
    assert echo.action == "evidence edited"
    assert "a shared item, edited on the sheet of" in echo.detail
    assert [(c.what, c.new) for c in echo.changes] == [
        ("title", "Observation of the Monday briefing")
    ]


def test_the_side_panel_reads_where_else_an_item_counts(
    store: Store, units: tuple[Unit, Unit]
) -> None:
    _, first, second, row_a, _ = shared(store, units)
    entry = store.library_entry_of_row(row_a)
    [elsewhere] = entry.uses_beside(first)
    assert (elsewhere.sheet_id, elsewhere.criteria, elsewhere.signed) == (second, ("1.3",), False)


def test_a_signed_sheet_keeps_the_item_as_signed_until_reopened(
    store: Store, units: tuple[Unit, Unit]
) -> None:
    make_signer(store)
    _, first, second, row_a, row_b = shared(store, units)
    for criterion in ("1.2", "2.2"):
        store.set_tick(row_a, criterion, True)
    store.add_signature(first, sign(Role.CANDIDATE, TODAY, "Gwenllian ap Rhys"), TODAY)
    store.add_signature(first, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)
    code = store.record_code(first)

    store.update_evidence(
        row_b, replace(BRIEFING, title="Renamed later", criteria=frozenset({"1.3"}))
    )

    assert store.sheet(first).evidence[0].title == "Observation of the team briefing"
    assert store.sheet(second).evidence[0].title == "Renamed later"
    assert store.check_records() == [] and store.record_code(first) == code
    store.reopen(first, "A date to correct", "Pat Jones", pin=PIN)
    assert store.sheet(first).evidence[0].title == "Renamed later"
    reopened = store.audit_trail(first)[-1]
    assert ("title", "Observation of the team briefing", "Renamed later") in [
        (c.what, c.old, c.new) for c in reopened.changes
    ]


def test_an_edit_a_sheet_using_the_item_would_refuse_is_refused_naming_it(
    store: Store, units: tuple[Unit, Unit]
) -> None:
    _, first, second, row_a, _ = shared(store, units)
    with pytest.raises(RuleViolation, match="On the sheet of") as refused:
        store.update_evidence(row_a, replace(BRIEFING, method=Method.SIMULATION))
    assert "simulation" in str(refused.value).casefold()
    assert store.sheet(first).evidence[0].method is Method.OBSERVATION
    assert store.sheet(second).evidence[0].method is Method.OBSERVATION


def test_a_reference_is_the_candidates_once(store: Store, units: tuple[Unit, Unit]) -> None:
    candidate, first, second = two_sheets(store, units)
    store.add_evidence(first, BRIEFING, today=TODAY)
    with pytest.raises(RuleViolation, match="already used for another item of this candidate"):
        store.add_evidence(second, row("e01 ", title="Something else"), today=TODAY)
    other = store.add_candidate("Zbigniew Łęcki", "0102", "12345")
    elsewhere = store.create_sheet(other, units[0], "", Person("Pat Jones"))
    store.add_evidence(elsewhere, BRIEFING, today=TODAY)  # another candidate's E01
    assert [e.fields.ref for e in store.library(candidate)] == ["E01"]


def test_a_row_deleted_takes_its_item_only_when_no_other_sheet_uses_it(
    store: Store, units: tuple[Unit, Unit]
) -> None:
    candidate, first, second, row_a, row_b = shared(store, units)
    uuid = store.library(candidate)[0].uuid
    removed = store.delete_evidence(row_b)
    assert removed.item_uuid == uuid and removed.row.criteria == {"1.3"}
    assert [u.sheet_id for u in store.library(candidate)[0].uses] == [first]
    store.delete_evidence(row_a)
    assert store.library(candidate) == []
    # Undo puts the row back on its item, identity and all.
    again = store.add_evidence(second, removed.row, removed.position, item_uuid=removed.item_uuid)
    [entry] = store.library(candidate)
    assert entry.uuid == uuid and entry.uses[0].evidence_id == again
    assert entry.uses[0].criteria == ("1.3",)


def test_undoing_a_deleted_row_of_a_shared_item_links_it_again(
    store: Store, units: tuple[Unit, Unit]
) -> None:
    candidate, _first, second, row_a, row_b = shared(store, units)
    removed = store.delete_evidence(row_b)
    store.update_evidence(row_a, replace(BRIEFING, title="Edited meanwhile"))
    store.add_evidence(second, removed.row, removed.position, item_uuid=removed.item_uuid)
    [entry] = store.library(candidate)
    assert len(entry.uses) == 2
    assert store.sheet(second).evidence[0].title == "Edited meanwhile"


def test_adding_an_item_to_a_sheet_twice_is_refused(store: Store, units: tuple[Unit, Unit]) -> None:
    candidate, first, _, _, _ = shared(store, units)
    item = store.library(candidate)[0].id
    with pytest.raises(RuleViolation, match="on this sheet already"):
        store.add_existing_evidence(first, item)


def test_another_candidates_item_cannot_be_added(store: Store, units: tuple[Unit, Unit]) -> None:
    candidate, _first, _, _, _ = shared(store, units)
    other = store.add_candidate("Zbigniew Łęcki", "0102", "12345")
    theirs = store.create_sheet(other, units[0], "", Person("Pat Jones"))
    with pytest.raises(NotFound):
        store.add_existing_evidence(theirs, store.library(candidate)[0].id)


def test_the_library_holds_items_on_no_sheet_and_where_they_are_held(
    store: Store, units: tuple[Unit, Unit]
) -> None:
    candidate, first, _ = two_sheets(store, units)
    fields = ItemFields("P3", "Rota plan", Method.PRODUCT, dt.date(2026, 11, 3), "")
    held = Holding("Portfolio p.12")
    item = store.add_library_item(candidate, fields, held)
    [entry] = store.library(candidate, "rota")
    assert (entry.fields, entry.holding, entry.uses) == (fields, held, ())
    store.update_library_item(item, replace(fields, title="Rota plan, December"), Holding("p.14"))
    assert store.library(candidate)[0].holding.held_at == "p.14"
    assert store.library(candidate, "decem")[0].fields.title == "Rota plan, December"
    store.add_existing_evidence(first, item)
    with pytest.raises(RuleViolation, match="used on 1 sheet"):
        store.delete_library_item(item)
    store.delete_evidence(store.evidence_ids(first)[0])
    assert store.library(candidate) == []
    actions = [e.action for e in store.audit_trail(candidate_id=candidate)]
    assert "library item added" in actions and "library item edited" in actions


def test_a_version_1_file_row_identical_to_an_item_becomes_that_item(
    store: Store, units: tuple[Unit, Unit], tmp_path: Path
) -> None:
    candidate, first, second = two_sheets(store, units)
    store.add_evidence(first, BRIEFING, today=TODAY)
    store.add_evidence(second, row("E02", ["1.3"], title="Witness statement"), today=TODAY)
    exported = tmp_path / "second.json"
    exported.write_text(export_sheet(store, second), encoding="utf-8")
    store.delete_sheet(second)
    # The sheet went; its item stays in the candidate's library, on no sheet now.
    library = store.library(candidate)
    assert [(e.fields.ref, len(e.uses)) for e in library] == [("E01", 1), ("E02", 0)]
    store.add_existing_evidence(first, library[1].id)
    known = {u.id: u for u in units}
    import_file(store, exported, known.get, TODAY)
    [e01, e02] = store.library(candidate)
    assert len(e02.uses) == 2 and len(e01.uses) == 1


def test_erasing_a_candidate_erases_their_library(store: Store, units: tuple[Unit, Unit]) -> None:
    candidate, _, _, _, _ = shared(store, units)
    store.add_library_item(
        candidate,
        ItemFields("F1", "Video of the briefing", Method.OBSERVATION, None, ""),
        Holding("", "/home/pat/Videos/briefing.mp4", "ab" * 32),
    )
    kept = store.backup("before-erasure")
    assert kept is not None and b"briefing.mp4" in kept.read_bytes()
    store.erase_candidate(candidate)
    assert store.library(candidate) == []
    for file in [store.path, *list_backups(store.path)]:
        raw = file.read_bytes()
        assert b"briefing.mp4" not in raw and b"team briefing" not in raw, file
