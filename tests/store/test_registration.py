"""Registering a candidate on a qualification, and reading their progress, through the real
store: sheets made (or linked) for the units chosen, a choice refused, the rules of combination
met or not by the units signed off, a qualification whose rules are not transcribed never
complete."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ercsheet import paths
from ercsheet.catalogue.loaded import Catalogue
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Role
from ercsheet.store.store import RuleViolation, Store
from tests.conftest import PIN, TODAY, make_signer
from tests.factories import covering_all, row, sign

KITCHEN = "kitchen-leadership-l3"
MANDATORY = ["kitchen-safety-l3", "kitchen-team-l3"]
# Two of group B and two of group C: the invented qualification's rules are met once achieved.
VALID = ["kitchen-rota-l3", "kitchen-stock-l3", "kitchen-pastry-l2", "kitchen-allergens-l2"]
PAT = Person("Pat Jones", qualified=True)


@pytest.fixture(scope="module")
def units() -> Catalogue:
    folders = [paths.builtin_units_dir(), Path(__file__).resolve().parents[1] / "qualifications"]
    loaded = load_catalogue(folders)
    assert not loaded.errors, loaded.errors
    return loaded


def candidate(store: Store) -> int:
    return store.add_candidate("Siân Ní Bhriain", "0042", "12345")


def register(
    store: Store,
    units: Catalogue,
    who: int,
    chosen: list[str],
    number: str = "",
    registered_on: dt.date | None = None,
) -> int:
    return store.register(
        who,
        KITCHEN,
        catalogue=units,
        assessor=PAT,
        number=number,
        registered_on=registered_on,
        optional_units=chosen,
    )


def sign_off(store: Store, sheet_id: int) -> None:
    """Cover every criterion of the sheet's unit, and sign it as candidate and assessor."""
    for evidence in covering_all(store.sheet(sheet_id).unit, ref=f"S{sheet_id}"):
        store.add_evidence(sheet_id, evidence)
    store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Siân Ní Bhriain"), TODAY)
    store.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)


def test_registering_makes_a_sheet_for_each_mandatory_and_chosen_unit(
    store: Store, units: Catalogue
) -> None:
    who = candidate(store)
    title = units.qualifications[KITCHEN].title
    # A sheet made before the registration, of a unit then chosen: linked, not made twice.
    before = store.create_sheet(who, units.units["kitchen-stock-l3"], title, PAT)

    registration = register(
        store, units, who, ["kitchen-stock-l3", "kitchen-rota-l3"], number="ABC123"
    )

    [registered] = store.registrations(who)
    assert registered.id == registration and registered.number == "ABC123"
    sheets = {store.sheet_summary(s).unit_id: s for s in registered.sheet_ids}
    assert sorted(sheets) == sorted([*MANDATORY, "kitchen-rota-l3", "kitchen-stock-l3"])
    assert sheets["kitchen-stock-l3"] == before and len(store.sheets(who)) == 4
    assert {store.sheet_summary(s).qualification for s in sheets.values()} == {title}
    event = [e for e in store.audit_trail(candidate_id=who) if e.action.startswith("registered")]
    [logged] = event
    assert logged.detail == title
    said = [(c.what, c.new) for c in logged.changes]
    assert ("qualification", KITCHEN) in said and ("registration number", "ABC123") in said
    assert ("unit", f"kitchen-stock-l3 (sheet {before}, already made)") in said


def test_too_many_from_a_group_is_refused_and_nothing_is_written(
    store: Store, units: Catalogue
) -> None:
    who = candidate(store)
    three = ["kitchen-rota-l3", "kitchen-stock-l3", "kitchen-training-l3"]
    with pytest.raises(RuleViolation) as refused:
        register(store, units, who, three)
    [problem] = refused.value.problems
    assert "at most 2 units, and 3 are chosen: leave out 1 unit" in problem.message
    assert store.registrations(who) == [] and store.sheets(who) == []
    with pytest.raises(RuleViolation, match="not in Invented Level 3"):
        register(store, units, who, ["mgmt-l3-u40-f17"])


def test_a_choice_short_of_a_minimum_is_a_registration_in_progress(
    store: Store, units: Catalogue
) -> None:
    who = candidate(store)
    registration = register(store, units, who, [])
    [registered] = store.progress(who, units).registrations
    assert [u.unit_id for u in registered.units] == MANDATORY
    assert registered.rules is not None and not registered.rules.can_complete
    # Units chosen later are checked as a registration is.
    added = store.choose_units(registration, ["kitchen-rota-l3"], catalogue=units, assessor=PAT)
    assert [store.sheet_summary(s).unit_id for s in added] == ["kitchen-rota-l3"]
    with pytest.raises(RuleViolation, match="at most 2 units"):
        store.choose_units(
            registration,
            ["kitchen-stock-l3", "kitchen-training-l3"],
            catalogue=units,
            assessor=PAT,
        )
    assert len(store.registrations(who)[0].sheet_ids) == 3
    with pytest.raises(RuleViolation, match="already registered"):
        register(store, units, who, [])


def test_the_registration_number_and_date_are_checked(store: Store, units: Catalogue) -> None:
    who = candidate(store)
    with pytest.raises(RuleViolation, match="is in the future"):
        register(store, units, who, [], registered_on=TODAY + dt.timedelta(days=1))
    with pytest.raises(RuleViolation, match="could make it display"):
        register(store, units, who, [], number="AB\u202e12")
    register(store, units, who, [], registered_on=TODAY)
    assert store.registrations(who)[0].registered_on == TODAY


def test_progress_follows_the_units_signed_off(store: Store, units: Catalogue) -> None:
    make_signer(store)
    who = candidate(store)
    register(store, units, who, VALID)
    sheets = {u.unit_id: u.sheet_id for u in store.progress(who, units).registrations[0].units}
    for unit in [*MANDATORY, *VALID[:3]]:
        sign_off(store, sheets[unit])

    [partly] = store.progress(who, units).registrations
    assert partly.rules is not None and partly.rules.can_complete and not partly.rules.complete
    assert partly.rules.groups[1].credit_needed == 1  # pastry (3) of at least 4 credits
    assert [u.status for u in partly.units] == ["signed"] * 5 + ["draft"]

    sign_off(store, sheets["kitchen-allergens-l2"])
    done = store.progress(who, units)
    assert done.registrations[0].rules is not None and done.registrations[0].rules.complete
    assert done.uncovered == ()


def test_a_qualification_whose_rules_are_not_transcribed_is_never_complete(
    store: Store, units: Catalogue
) -> None:
    make_signer(store)
    who = candidate(store)
    store.register(
        who, "mgmt-l3-cert", catalogue=units, assessor=PAT, optional_units=["mgmt-l3-u40-f17"]
    )
    [registration] = store.progress(who, units).registrations
    [unit] = registration.units
    sign_off(store, unit.sheet_id)

    [registration] = store.progress(who, units).registrations
    assert registration.units[0].signed
    rules = registration.rules
    assert rules is not None and not rules.rules_known and not rules.complete


def test_progress_gives_coverage_per_outcome_uncovered_criteria_and_top_items(
    store: Store, units: Catalogue
) -> None:
    who = candidate(store)
    f17 = units.units["mgmt-l3-u40-f17"]
    alone = store.create_sheet(who, f17, "", PAT)
    store.add_evidence(alone, row("E01", ["1.1", "1.2", "3.1"], title="Team briefing"))
    store.add_evidence(alone, row("E02", ["1.1"], title="Rota"))

    found = store.progress(who, units)

    assert found.registrations == () and found.candidate.candidate_number == "0042"
    [sheet] = found.other_sheets
    assert (sheet.covered, sheet.total, sheet.status) == (3, 10, "draft")
    assert [(o.label, o.covered, o.total) for o in sheet.outcomes] == [
        ("LO1", 2, 3),
        ("LO2", 0, 3),
        ("LO3", 1, 4),
    ]
    assert sheet.uncovered == ("1.3", "2.1", "2.2", "2.3", "3.2", "3.3", "3.4")
    assert [(i.ref, i.criteria, i.sheets) for i in found.top_items] == [
        ("E01", 3, 1),
        ("E02", 1, 1),
    ]
    assert len(store.progress(who, units, top=1).top_items) == 1
