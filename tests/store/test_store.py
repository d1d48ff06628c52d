"""Store operations: each change is committed at once and survives reopening the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ercsheet.catalogue.model import Unit
from ercsheet.domain.clock import FixedDay
from ercsheet.domain.rules import Rule
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Method, Role
from ercsheet.store.store import NotFound, Profile, RuleViolation, Store
from tests.conftest import PIN, TODAY, make_signer
from tests.factories import make_unit, row, sign

EUROPEAN_NAMES = ["Łukasz Żółć", "Siân Ní Bhriain", "Dafydd ap Gruffŵdd", "Zoë Ødegård"]


def new_sheet(store: Store, unit: Unit | None = None, name: str = "Siân Ní Bhriain") -> int:
    candidate = store.add_candidate(name, "0042", "12345")
    return store.create_sheet(
        candidate, unit or make_unit(), "OCR Level 3 NVQ in Testing", Person("Pat Jones")
    )


def test_changes_are_on_disk_as_soon_as_they_are_made(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    sheet_id = new_sheet(store)
    evidence_id = store.add_evidence(sheet_id, row("E01", ["1.1"]), today=TODAY)
    store.set_tick(evidence_id, "2.1", True)
    store.set_tick(evidence_id, "1.1", False)
    # A second, independent connection sees every change without the first closing.
    other = Store(path)
    assert other.sheet(sheet_id).evidence[0].criteria == {"2.1"}
    other.close()
    store.close()


@pytest.mark.parametrize("name", EUROPEAN_NAMES)
def test_european_names_round_trip_exactly(store: Store, name: str) -> None:
    sheet_id = new_sheet(store, name=name)
    assert store.sheet(sheet_id).candidate.name == name
    assert store.candidates(name[:3])[0].name == name


def test_a_5000_character_title_is_stored_whole(store: Store) -> None:
    sheet_id = new_sheet(store)
    title = ("Observation of a long customer service briefing ŵ " * 100)[:5000]
    store.add_evidence(sheet_id, row("E01", title=title), today=TODAY)
    assert store.sheet(sheet_id).evidence[0].title == title


def test_duplicate_reference_is_refused_and_nothing_changes(store: Store) -> None:
    sheet_id = new_sheet(store)
    store.add_evidence(sheet_id, row("E01", ["1.1"]), today=TODAY)
    with pytest.raises(RuleViolation) as refused:
        store.add_evidence(sheet_id, row("e01 ", ["1.2"]), today=TODAY)
    assert refused.value.problems[0].rule is Rule.UNIQUE_REFERENCE
    assert len(store.sheet(sheet_id).evidence) == 1


def test_simulation_is_refused_for_a_unit_that_forbids_it(store: Store) -> None:
    sheet_id = new_sheet(store, make_unit(simulation_allowed=False))
    with pytest.raises(RuleViolation, match="Simulation is not allowed"):
        store.add_evidence(sheet_id, row("E01", method=Method.SIMULATION), today=TODAY)


def test_delete_and_put_back_restores_position_and_ticks(store: Store) -> None:
    sheet_id = new_sheet(store)
    ids = [store.add_evidence(sheet_id, row(f"E0{i}", [f"1.{i}"]), today=TODAY) for i in (1, 2, 3)]
    position, deleted, _item, _held = store.delete_evidence(ids[1])
    assert [r.ref for r in store.sheet(sheet_id).evidence] == ["E01", "E03"]
    store.add_evidence(sheet_id, deleted, position, today=TODAY)
    assert [(r.ref, set(r.criteria)) for r in store.sheet(sheet_id).evidence] == [
        ("E01", {"1.1"}),
        ("E02", {"1.2"}),
        ("E03", {"1.3"}),
    ]


def test_reorder_rows(store: Store) -> None:
    sheet_id = new_sheet(store)
    ids = [store.add_evidence(sheet_id, row(f"E0{i}"), today=TODAY) for i in (1, 2, 3)]
    store.move_evidence(ids[2], 0)
    assert [r.ref for r in store.sheet(sheet_id).evidence] == ["E03", "E01", "E02"]


def test_sheet_keeps_the_wording_it_was_made_against(store: Store) -> None:
    unit = make_unit()
    sheet_id = new_sheet(store, unit)
    # The catalogue changes later (a centre edits its unit file): the sheet does not.
    assert store.sheet(sheet_id).unit == unit


def test_signing_follows_the_rules_and_locks_the_sheet(store: Store) -> None:
    make_signer(store)
    unit = make_unit((2,))
    sheet_id = new_sheet(store, unit)
    evidence_id = store.add_evidence(sheet_id, row("E01", ["1.1"]), today=TODAY)
    store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Siân Ní Bhriain"), TODAY)
    with pytest.raises(RuleViolation, match="every criterion is covered; 1 of 2 are"):
        store.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)
    store.set_tick(evidence_id, "1.2", True)
    # The tick changed the evidence the candidate signed for: they sign again.
    assert store.sheet(sheet_id).signatures == ()
    store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Siân Ní Bhriain"), TODAY)
    store.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)
    assert store.sheets()[0].status == "signed"
    with pytest.raises(RuleViolation, match="locked"):
        store.set_tick(evidence_id, "1.2", False)


def test_profile_and_candidates(store: Store) -> None:
    assert store.profile() is None
    store.set_profile(Profile("Dafydd ap Gruffŵdd", qualified=False, assessor_number="A7"))
    assert store.profile() == Profile("Dafydd ap Gruffŵdd", False, "A7")
    candidate = store.add_candidate("Zoë Ødegård", "0100", "999")
    store.update_candidate(candidate, "Zoë Ødegård-Hansen", "0100", "999")
    found = store.find_candidate("0100")
    assert found is not None and found.name == "Zoë Ødegård-Hansen"
    with pytest.raises(RuleViolation, match="needs a name"):
        store.add_candidate("  ")


def test_unknown_sheet_is_reported(store: Store) -> None:
    with pytest.raises(NotFound, match="no sheet 99"):
        store.sheet(99)


def test_no_sheet_without_its_assessor(store: Store) -> None:
    candidate = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
    with pytest.raises(RuleViolation, match="set up the assessor profile first"):
        store.create_sheet(candidate, make_unit((2,)), "", Person("  "))
    assert store.sheets() == []


def test_one_clock_every_today_and_now_comes_from_the_one_given(tmp_path: Path) -> None:
    """The store checks dates against its clock's day, whatever the machine's date is."""
    day = dt.date(2031, 5, 4)
    with Store(tmp_path / "later.sqlite3", clock=FixedDay(day)) as later:
        candidate = later.add_candidate("Zoë Ødegård", "7", "1")
        sheet_id = later.create_sheet(candidate, make_unit((2,)), "", Person("Pat Jones", True))
        # A date after the machine's today, but not after the store's: accepted.
        later.add_evidence(sheet_id, row("E01", ["1.1"], date=day))
        with pytest.raises(RuleViolation, match="in the future"):
            later.add_evidence(sheet_id, row("E02", ["1.1"], date=day + dt.timedelta(days=1)))
        assert all(e.at.startswith("2031-05-04") for e in later.audit_trail(sheet_id))


def test_restoring_and_encrypting_are_audit_events(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3", exclusive=True) as store:
        store.add_candidate("Dafydd ap Gruffŵdd", "43", "1")
        saved = store.backup("manual")
        assert saved is not None
        store.add_candidate("Zoë Ødegård", "44", "1")
        kept = store.restore(saved)
        [restored] = [e for e in store.audit_trail() if e.action == "restored from a backup"]
        assert saved.name in restored.summary and kept is not None
        assert kept.name in restored.summary
        assert [c.name for c in store.candidates()] == ["Dafydd ap Gruffŵdd"]
        store.change_passphrase("correct horse battery")
        assert store.audit_trail()[-1].action == "database encrypted with a passphrase"
        assert store.check_records() == []


@pytest.mark.parametrize("name", ["Siân\x1b]0;owned\x07", "Zoë\u202eevil", "Pat\x00"])
def test_names_that_would_display_as_something_else_are_refused(store: Store, name: str) -> None:
    with pytest.raises(RuleViolation, match=r"holds .* \(U\+"):
        store.add_candidate(name, "1", "2")
    with pytest.raises(RuleViolation, match="safe-text"):
        store.set_profile(Profile(name, qualified=True))
    assert store.candidates() == [] and store.profile() is None


def test_candidates_are_found_as_people_type_and_sorted_as_people_sort(store: Store) -> None:
    for name, number in [
        ("Zoë Ødegård", "0004"),
        ("Łukasz Żółć", "AB-0001"),
        ("Siân Ní Bhriain", "0002"),
        ("Dafydd ap Gruffŵdd", "0003"),
        ("lara Smith", "0005"),
        ("Æsa O’Brien", "0006"),
    ]:
        store.add_candidate(name, number, "12345")
    names = [c.name for c in store.candidates()]
    assert names == [
        "Æsa O’Brien",
        "Dafydd ap Gruffŵdd",
        "lara Smith",
        "Łukasz Żółć",
        "Siân Ní Bhriain",
        "Zoë Ødegård",
    ]

    def found(search: str) -> list[str]:
        return [c.name for c in store.candidates(search)]

    assert found("Lukasz") == found("zolc") == found("ŁUKASZ") == ["Łukasz Żółć"]
    assert found("zolc luk") == ["Łukasz Żółć"]  # every word, in any order
    assert found("sian") == found("SIÂN") == ["Siân Ní Bhriain"]
    assert found("gruffwdd") == ["Dafydd ap Gruffŵdd"]
    assert found("odegard") == ["Zoë Ødegård"]
    assert found("aesa o'brien") == ["Æsa O’Brien"]
    assert found("ab-0001") == found("ab-") == ["Łukasz Żółć"]  # by number too
    assert len(found("000")) == 6
    assert found("%") == found("_") == []  # no wildcards: what is typed is what is looked for
    assert found("zolc sian") == []
    # A page at a time, in the same order.
    assert [c.name for c in store.candidates("", 2, 2)] == names[2:4]
