"""A unit whose criteria are not all transcribed (`complete = false`): a sheet is made and
ticked as any other, but the assessor never signs it off, by any way in (rule, store, import)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from ercsheet.catalogue.model import LearningOutcome, Unit
from ercsheet.domain import rules
from ercsheet.domain.rules import Rule
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Role
from ercsheet.store.exchange import ImportRefused, import_file
from ercsheet.store.store import Profile, RuleViolation, Store
from tests.conftest import TODAY
from tests.factories import covering_all, make_unit, sheet, sign
from tests.store.test_exchange import good_file

NOT_TRANSCRIBED = "this unit's criteria are not all transcribed yet"


def incomplete_unit(unit_id: str = "plain") -> Unit:
    """A unit of ten ACs so far, and an LO whose ACs are still to be typed in."""
    unit = make_unit(unit_id=unit_id)
    still_to_do = LearningOutcome("4", "Be able to do what is still to be transcribed")
    return dataclasses.replace(
        unit, complete=False, learning_outcomes=(*unit.learning_outcomes, still_to_do)
    )


def test_the_assessor_cannot_sign_even_with_every_transcribed_criterion_covered() -> None:
    unit = incomplete_unit()
    content = sheet(unit, covering_all(unit), [sign(Role.CANDIDATE, TODAY)])
    problems = rules.check_signature(content, sign(Role.ASSESSOR, TODAY), TODAY)
    [problem] = problems
    assert problem.rule is Rule.INCOMPLETE_UNIT and problem.blocking
    assert NOT_TRANSCRIBED in problem.message.casefold()
    # The candidate's own declaration is theirs to sign.
    assert (
        rules.check_signature(sheet(unit, covering_all(unit)), sign(Role.CANDIDATE, TODAY), TODAY)
        == []
    )


def test_a_complete_unit_is_not_held_by_the_rule() -> None:
    assert rules.incomplete_unit(make_unit()) == []


def test_the_store_refuses_the_assessors_signature(store: Store) -> None:
    store.set_profile(Profile("Pat Jones", qualified=True))
    store.set_pin("2468")
    unit = incomplete_unit()
    candidate = store.add_candidate("Zoë Ødegård")
    sheet_id = store.create_sheet(candidate, unit, "", Person("Pat Jones"))
    for evidence in covering_all(unit):
        store.add_evidence(sheet_id, evidence, today=TODAY)
    store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Zoë Ødegård"), TODAY)
    with pytest.raises(RuleViolation) as refused:
        store.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin="2468")
    assert NOT_TRANSCRIBED in str(refused.value).casefold()
    assert store.record_code(sheet_id) is None


def test_an_imported_sheet_signed_off_on_an_incomplete_unit_is_refused(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "sheet.json"
    path.write_text(json.dumps(good_file()), encoding="utf-8")
    units = {"plain": incomplete_unit()}
    with pytest.raises(ImportRefused, match="incomplete-unit"):
        import_file(store, path, units.get, TODAY)
    assert store.sheets() == []
