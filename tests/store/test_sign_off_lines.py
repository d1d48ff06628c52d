"""A unit's own sign-off lines through the real store: signed, stored, sealed, audited, voided
by an evidence change, added after sealing, and moved between laptops in an exchange file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import Person, Signature
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.store.exchange import ImportRefused, export_sheet, import_file
from ercsheet.store.store import Profile, RuleViolation, Store
from tests.catalogue.test_format_v2 import sample_unit
from tests.conftest import TODAY
from tests.factories import covering_all, row, sign

DAY = dt.timedelta(days=1)
PIN = "2468"


def on_line(line: str, date: dt.date = TODAY, name: str = "Jo Bloggs") -> Signature:
    return Signature(Role.EXTRA, name, date, SignatureKind.TYPED, line=line)


@pytest.fixture
def care() -> Unit:
    return sample_unit("mixed-care")


@pytest.fixture
def profiled(store: Store) -> Store:
    store.set_profile(Profile("Pat Jones", qualified=True))
    store.set_pin(PIN)
    return store


def ready_sheet(store: Store, unit: Unit) -> int:
    candidate = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
    sheet_id = store.create_sheet(candidate, unit, "", Person("Pat Jones"))
    for evidence in covering_all(unit):
        store.add_evidence(sheet_id, evidence, today=TODAY)
    store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Siân Ní Bhriain"), TODAY)
    return sheet_id


def sealed_sheet(store: Store, unit: Unit) -> int:
    """A sheet signed off: candidate, employer, assessor."""
    sheet_id = ready_sheet(store, unit)
    store.add_signature(sheet_id, on_line("employer"), TODAY)
    store.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)
    return sheet_id


def test_the_employer_signs_before_the_assessor_and_is_sealed_in(
    profiled: Store, care: Unit
) -> None:
    sheet_id = ready_sheet(profiled, care)
    with pytest.raises(RuleViolation, match="needs the employer to sign"):
        profiled.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)
    profiled.add_signature(sheet_id, on_line("employer"), TODAY)
    signed = profiled.audit_trail(sheet_id)[-1]
    assert signed.action == "signed"
    assert signed.changes[0].what == "Employer"
    assert signed.changes[0].new == f"Jo Bloggs, {TODAY:%d/%m/%Y}"
    profiled.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)
    content = profiled.sheet(sheet_id)
    assert content.signature(Role.EXTRA, "employer") == on_line("employer")
    assert content.signature(Role.EXTRA, "expert_witness") is None
    assert profiled.check_records() == []


def test_an_optional_line_signed_after_sealing_is_an_addendum(profiled: Store, care: Unit) -> None:
    sheet_id = sealed_sheet(profiled, care)
    code = profiled.record_code(sheet_id)
    witness = on_line("expert_witness", name="Dr Ann Lee")
    profiled.add_signature(sheet_id, witness, TODAY, pin=PIN)
    assert profiled.record_code(sheet_id) == code
    [addendum] = profiled.sealed_record(sheet_id).addenda
    assert addendum.signature == witness
    assert profiled.check_records() == []
    assert (
        profiled.print_record(sheet_id)
        .addenda[0]
        .startswith("Addendum 1: Expert witness, Dr Ann Lee,")
    )


def test_an_evidence_change_voids_the_employers_signature(profiled: Store, care: Unit) -> None:
    sheet_id = ready_sheet(profiled, care)
    profiled.add_signature(sheet_id, on_line("employer"), TODAY)
    profiled.add_evidence(sheet_id, row("E99", ["1.1"]), today=TODAY)
    assert profiled.sheet(sheet_id).signatures == ()
    voided = [e for e in profiled.audit_trail(sheet_id) if e.action == "signature voided"]
    assert [c.what for e in voided for c in e.changes] == ["Candidate", "Employer"]


def test_a_sheet_with_its_lines_moves_between_laptops(
    profiled: Store, care: Unit, tmp_path: Path
) -> None:
    sheet_id = sealed_sheet(profiled, care)
    profiled.add_signature(sheet_id, on_line("expert_witness", name="Dr Ann Lee"), TODAY, pin=PIN)
    exported = json.loads(export_sheet(profiled, sheet_id))
    lines = [(s["role"], s.get("line")) for s in exported["signatures"]]
    assert ("extra", "employer") in lines and ("extra", "expert_witness") in lines
    assert exported["addenda"][0]["line"] == "expert_witness"
    path = tmp_path / "moved.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    units = {care.id: care}.get
    with Store(tmp_path / "laptop2.sqlite3") as other:
        moved = import_file(other, path, units, TODAY)
        assert other.record_code(moved.sheet_id) == profiled.record_code(sheet_id)
        assert other.sheet(moved.sheet_id).signatures == profiled.sheet(sheet_id).signatures
        assert other.check_records() == []


def test_an_import_is_refused_without_a_required_line_or_with_a_line_the_unit_lacks(
    profiled: Store, care: Unit, tmp_path: Path
) -> None:
    exported = json.loads(export_sheet(profiled, sealed_sheet(profiled, care)))
    units = {care.id: care}.get
    # The employer's signature left out; on a line the unit lacks; not naming its line.
    edits: list[tuple[dict[str, object] | None, str]] = [
        (None, "sign-off-line"),
        ({"role": "extra", "line": "plumber"}, "plumber"),
        ({"role": "extra"}, "names its line"),
    ]
    for replacement, reason in edits:
        data = json.loads(json.dumps(exported))
        for key in ("record_code", "key", "audit"):
            data.pop(key, None)
        signatures = [s for s in data["signatures"] if s["role"] != "extra"]
        if replacement is not None:
            employer = {"name": "Jo Bloggs", "date": TODAY.isoformat(), "kind": "typed"}
            signatures.insert(1, {**employer, **replacement})
        data["signatures"] = signatures
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        with Store(tmp_path / f"other-{len(reason)}.sqlite3") as other:
            with pytest.raises(ImportRefused, match=reason):
                import_file(other, path, units, TODAY)
            assert other.sheets() == []
