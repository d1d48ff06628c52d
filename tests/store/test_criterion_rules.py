"""Rules per criterion through the real store: a tick, an item's method, the sign-off and an
import each refused with the criterion's reason."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Method, Role
from ercsheet.store.exchange import ImportRefused, import_file
from ercsheet.store.exchange_format import sheet_to_dict
from ercsheet.store.store import Profile, RuleViolation, Store
from tests.catalogue.test_format_v2 import sample_unit
from tests.conftest import TODAY
from tests.factories import row, sheet, sign

PIN = "2468"


@pytest.fixture
def moving() -> Unit:
    return sample_unit("moving-people")


@pytest.fixture
def draft(store: Store, moving: Unit) -> int:
    store.set_profile(Profile("Pat Jones", qualified=True))
    store.set_pin(PIN)
    candidate = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
    return store.create_sheet(candidate, moving, "", Person("Pat Jones"))


def test_a_simulation_cannot_tick_an_ac_assessed_in_real_work(store: Store, draft: int) -> None:
    store.add_evidence(draft, row("S1", ["1.1"], Method.SIMULATION), today=TODAY)
    [item] = store.evidence_ids(draft)
    with pytest.raises(RuleViolation, match=r"AC 1\.2 must be assessed in real work"):
        store.set_tick(item, "1.2", True)
    assert store.evidence(item).criteria == {"1.1"}
    with pytest.raises(RuleViolation, match=r"AC 1\.2 must be assessed in real work"):
        store.add_evidence(draft, row("S2", ["1.2"], Method.SIMULATION), today=TODAY)


def test_an_items_method_cannot_change_to_one_its_acs_refuse(store: Store, draft: int) -> None:
    store.add_evidence(draft, row("E1", ["2.1"]), today=TODAY)
    [item] = store.evidence_ids(draft)
    made = store.evidence(item)
    with pytest.raises(RuleViolation, match=r"AC 2\.1 is evidenced by observation or expert"):
        store.update_evidence(item, dataclasses.replace(made, method=Method.PRODUCT), TODAY)
    assert store.evidence(item).method is Method.OBSERVATION


def test_the_sign_off_waits_for_a_required_method(store: Store, draft: int) -> None:
    store.add_evidence(draft, row("E1", ["1.1", "1.2", "2.1"]), today=TODAY)
    store.add_evidence(draft, row("E2", ["2.2"], Method.PRODUCT), today=TODAY)
    store.add_signature(draft, sign(Role.CANDIDATE, TODAY, "Siân Ní Bhriain"), TODAY)
    with pytest.raises(RuleViolation, match=r"AC 2\.2 must be evidenced by observation"):
        store.add_signature(draft, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)
    store.add_evidence(draft, row("E3", ["2.2"]), today=TODAY)
    store.add_signature(draft, sign(Role.CANDIDATE, TODAY, "Siân Ní Bhriain"), TODAY)
    store.add_signature(draft, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)
    assert store.record_code(draft) is not None


def test_an_import_is_refused_where_a_criterions_rule_is_broken(
    store: Store, moving: Unit, tmp_path: Path
) -> None:
    signed = sheet(
        moving,
        [row("E1", ["1.1", "1.2", "2.1"]), row("E2", ["2.2"], Method.PRODUCT)],
        [sign(Role.CANDIDATE, TODAY, "Siân Ní Bhriain"), sign(Role.ASSESSOR, TODAY)],
    )
    path = tmp_path / "sheet.json"
    path.write_text(json.dumps(sheet_to_dict(signed)), encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"signatures\[1\]: AC 2\.2 must be evidenced by"):
        import_file(store, path, {moving.id: moving}.get, TODAY)
    assert store.sheets() == []
