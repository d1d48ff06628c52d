"""A draft sheet brought to its unit's current file through the real store: an incomplete
transcription completed and then signed off, a reworded criterion, ticks on a removed criterion
refused until the assessor agrees to drop them, a signed sheet refused; each audited."""

from __future__ import annotations

import dataclasses

import pytest

from ercsheet.catalogue.model import Unit, UnitRules
from ercsheet.domain.audit import AuditEntry, Change
from ercsheet.domain.problems import Rule
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Method, Role
from ercsheet.store.store import RuleViolation, Store
from tests.conftest import PIN, TODAY, make_signer
from tests.factories import (
    covering_all,
    incomplete,
    make_unit,
    row,
    sign,
    with_criterion,
    without_criterion,
)

CANDIDATE = "Siân Ní Bhriain"


@pytest.fixture
def signer(store: Store) -> Store:
    return make_signer(store)


def new_sheet(store: Store, unit: Unit) -> int:
    candidate = store.add_candidate(CANDIDATE, "0042", "12345")
    return store.create_sheet(candidate, unit, "", Person("Pat Jones"))


def last_event(store: Store, sheet_id: int, action: str) -> AuditEntry:
    return [e for e in store.audit_trail(sheet_id) if e.action == action][-1]


def test_an_incomplete_unit_completed_lets_its_sheet_be_signed_off(signer: Store) -> None:
    complete = make_unit()
    sheet_id = new_sheet(signer, incomplete(complete))
    for evidence in covering_all(incomplete(complete)):
        signer.add_evidence(sheet_id, evidence, today=TODAY)
    signer.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, CANDIDATE), TODAY)
    with pytest.raises(RuleViolation, match="not all transcribed"):
        signer.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)

    changes = signer.update_sheet_unit(sheet_id, complete)

    assert [c.number for c in changes.added] == ["3.1", "3.2", "3.3", "3.4"] and changes.completes
    content = signer.sheet(sheet_id)
    assert content.unit == complete and content.signatures == ()  # the candidate signs again
    voided = last_event(signer, sheet_id, "signature voided")
    assert voided.detail == "the sheet's unit was updated after they signed: they sign again"
    signer.add_evidence(sheet_id, row("E09", ["3.1", "3.2", "3.3", "3.4"]), today=TODAY)
    signer.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, CANDIDATE), TODAY)
    signer.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)
    assert signer.record_code(sheet_id) is not None
    assert signer.check_records() == []  # the update is a legitimate event of the chain


def test_the_audit_event_lists_what_changed_old_and_new(store: Store) -> None:
    kept = make_unit()
    sheet_id = new_sheet(store, kept)
    current = dataclasses.replace(
        with_criterion(kept, "1.2", text="Criterion 1.2, corrected"), credit=4
    )

    store.update_sheet_unit(sheet_id, current)

    event = last_event(store, sheet_id, "unit updated")
    assert event.detail == "the sheet follows its unit's file as it is now"
    assert event.changes == (
        Change("AC 1.2", "Criterion 1.2", "Criterion 1.2, corrected"),
        Change("Credit value", "", "4"),
    )
    assert store.sheet(sheet_id).unit.criterion("1.2") == current.criterion("1.2")


def test_ticks_on_a_removed_criterion_are_refused_then_dropped_when_confirmed(
    store: Store,
) -> None:
    kept = make_unit()
    sheet_id = new_sheet(store, kept)
    store.add_evidence(sheet_id, row("E01", ["3.3", "3.4"]), today=TODAY)
    store.add_evidence(sheet_id, row("E02", ["3.4"]), today=TODAY)
    current = without_criterion(kept, "3.4")
    events = len(store.audit_trail(sheet_id))

    with pytest.raises(RuleViolation) as refused:
        store.update_sheet_unit(sheet_id, current)

    [problem] = refused.value.problems
    assert problem.rule is Rule.UNIT_UPDATE
    assert "drops 2 ticks (E01 × 3.4, E02 × 3.4)" in problem.message
    assert store.sheet(sheet_id).unit == kept and len(store.audit_trail(sheet_id)) == events

    store.update_sheet_unit(sheet_id, current, drop_ticks=True)

    content = store.sheet(sheet_id)
    assert [r.criteria for r in content.evidence] == [frozenset({"3.3"}), frozenset()]
    event = last_event(store, sheet_id, "unit updated")
    assert event.changes == (
        Change("AC 3.4", "Criterion 3.4", ""),
        Change("E01 × 3.4", "ticked", "dropped: the unit has no AC 3.4 now"),
        Change("E02 × 3.4", "ticked", "dropped: the unit has no AC 3.4 now"),
    )


def test_a_signed_sheet_keeps_its_unit(signer: Store) -> None:
    kept = make_unit()
    sheet_id = new_sheet(signer, kept)
    for evidence in covering_all(kept):
        signer.add_evidence(sheet_id, evidence, today=TODAY)
    signer.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, CANDIDATE), TODAY)
    signer.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)

    with pytest.raises(RuleViolation, match="signed off and sealed") as refused:
        signer.update_sheet_unit(sheet_id, with_criterion(kept, "1.1", text="Other words"))

    assert refused.value.problems[0].rule is Rule.UNIT_UPDATE
    assert signer.sheet(sheet_id).unit == kept
    assert signer.check_records() == []


def test_nothing_to_change_writes_nothing(store: Store) -> None:
    unit = make_unit()
    sheet_id = new_sheet(store, unit)
    store.add_evidence(sheet_id, row("E01", ["1.1"]), today=TODAY)
    store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, CANDIDATE), TODAY)
    events = len(store.audit_trail(sheet_id))
    assert not store.update_sheet_unit(sheet_id, unit).any
    assert len(store.audit_trail(sheet_id)) == events
    assert store.sheet(sheet_id).signature(Role.CANDIDATE) is not None  # nothing changed under it


def test_another_unit_is_refused(store: Store) -> None:
    sheet_id = new_sheet(store, make_unit())
    with pytest.raises(RuleViolation, match="not other-unit"):
        store.update_sheet_unit(sheet_id, make_unit(unit_id="other-unit"))


def test_evidence_the_current_version_refuses_is_named(store: Store) -> None:
    kept = make_unit()
    sheet_id = new_sheet(store, kept)
    store.add_evidence(sheet_id, row("E07", ["1.1"], Method.SIMULATION), today=TODAY)
    no_simulation = dataclasses.replace(kept, rules=UnitRules(simulation_allowed=False))

    with pytest.raises(RuleViolation) as refused:
        store.update_sheet_unit(sheet_id, no_simulation)

    [problem] = refused.value.problems
    assert problem.rule is Rule.SIMULATION_FORBIDDEN
    assert problem.message.startswith("Evidence E07, under the unit's current version: ")
    assert store.sheet(sheet_id).unit == kept
