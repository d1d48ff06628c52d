"""A graded unit's sheet through the store: the assessor chooses the grade awarded, signs at it
when the evidence reaches it, and the grade is sealed, exported and imported with the sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.model import Grade, Unit
from ercsheet.domain.clock import FixedDay
from ercsheet.domain.record import record_code
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Role
from ercsheet.store.exchange import ImportRefused, export_sheet, import_file
from ercsheet.store.store import Profile, RuleViolation, Store
from tests.conftest import TODAY
from tests.factories import make_unit, row, sign
from tests.store.test_exchange import UNITS as PLAIN_UNITS
from tests.store.test_exchange import good_file

UNITS = load_catalogue([Path(__file__).resolve().parents[1] / "units"])


def graded() -> Unit:
    unit = UNITS.get("graded-events")
    assert unit is not None
    return unit


def graded_sheet(store: Store, ticked: list[str]) -> int:
    store.set_profile(Profile("Pat Jones", qualified=True))
    store.set_pin("2468")
    candidate = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
    sheet_id = store.create_sheet(candidate, graded(), "", Person("Pat Jones"))
    store.add_evidence(sheet_id, row("E01", ticked), today=TODAY)
    store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Siân Ní Bhriain"), TODAY)
    return sheet_id


def sign_as_assessor(store: Store, sheet_id: int) -> None:
    store.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin="2468")


def test_a_sheet_signed_off_at_merit_keeps_its_grade_in_the_record(store: Store) -> None:
    sheet_id = graded_sheet(store, ["P1", "P2", "P3", "M1", "M2"])
    with pytest.raises(RuleViolation, match="choose the grade awarded"):
        sign_as_assessor(store, sheet_id)
    store.set_grade(sheet_id, Grade.DISTINCTION)
    with pytest.raises(RuleViolation, match=r"sign at distinction only when .* Add or tick .* D1"):
        sign_as_assessor(store, sheet_id)
    store.set_grade(sheet_id, Grade.MERIT)
    sign_as_assessor(store, sheet_id)
    content = store.sheet(sheet_id)
    assert content.grade is Grade.MERIT
    assert store.record_code(sheet_id) == record_code(content)
    assert store.check_records() == []
    with pytest.raises(RuleViolation, match="locked"):
        store.set_grade(sheet_id, Grade.PASS)
    events = [e for e in store.audit_trail(sheet_id) if e.action == "grade chosen"]
    assert [(c.old, c.new) for e in events for c in e.changes] == [
        ("(none)", "distinction"),
        ("distinction", "merit"),
    ]


def test_an_ungraded_units_sheet_takes_no_grade(store: Store) -> None:
    candidate = store.add_candidate("Zoë Ødegård")
    sheet_id = store.create_sheet(candidate, make_unit(), "", Person("Pat Jones"))
    with pytest.raises(RuleViolation, match="not graded"):
        store.set_grade(sheet_id, Grade.PASS)
    assert store.sheet(sheet_id).grade is None


def test_the_grade_travels_in_the_exchange_file(store: Store, tmp_path: Path) -> None:
    sheet_id = graded_sheet(store, ["P1", "P2", "P3", "M1", "M2"])
    store.set_grade(sheet_id, Grade.MERIT)
    sign_as_assessor(store, sheet_id)
    exported = json.loads(export_sheet(store, sheet_id))
    assert exported["grade"] == "merit"
    path = tmp_path / "merit.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    with Store(tmp_path / "other.sqlite3", clock=FixedDay(TODAY)) as other:
        imported = import_file(other, path, UNITS.get, TODAY)
        assert other.sheet(imported.sheet_id).grade is Grade.MERIT
        assert other.record_code(imported.sheet_id) == store.record_code(sheet_id)
    # A grade the evidence does not reach is refused on import as in the window.
    exported["grade"] = "distinction"
    exported.pop("record_code"), exported.pop("key"), exported.pop("audit")
    path.write_text(json.dumps(exported), encoding="utf-8")
    with (
        Store(tmp_path / "third.sqlite3", clock=FixedDay(TODAY)) as third,
        pytest.raises(ImportRefused, match="sign at distinction only when"),
    ):
        import_file(third, path, UNITS.get, TODAY)


def test_a_reopened_merit_sheet_keeps_its_signed_version_whole(store: Store) -> None:
    sheet_id = graded_sheet(store, ["P1", "P2", "P3", "M1", "M2"])
    store.set_grade(sheet_id, Grade.MERIT)
    sign_as_assessor(store, sheet_id)
    code = store.record_code(sheet_id)
    store.reopen(sheet_id, "The merit evidence needs a second look", "Pat Jones", pin="2468")
    assert store.version_content(sheet_id, 1).grade is Grade.MERIT
    assert store.sheet(sheet_id).grade is Grade.MERIT  # still chosen, and can be changed
    store.set_grade(sheet_id, Grade.PASS)
    assert store.check_records() == []
    assert [v.record_code for v in store.versions(sheet_id)] == [code]


def test_a_file_giving_an_ungraded_units_sheet_a_grade_is_refused(
    store: Store, tmp_path: Path
) -> None:
    data = good_file()
    data["signatures"] = data["signatures"][:1]
    data["grade"] = "pass"
    path = tmp_path / "graded.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportRefused, match="not graded"):
        import_file(store, path, PLAIN_UNITS.get, TODAY)
