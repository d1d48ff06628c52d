"""Signed records: record code, PIN, reopening keeps the signed version, tampering is found."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from ercsheet.domain.record import record_code, short_code
from ercsheet.domain.rules import missing_roles
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Role
from ercsheet.store.store import NotFound, Profile, RuleViolation, Store
from tests.conftest import TODAY
from tests.factories import make_unit, row, sign


def signed_sheet(store: Store) -> int:
    unit = make_unit((2,))
    candidate = store.add_candidate("Łukasz Żółć", "0042", "12345")
    sheet_id = store.create_sheet(
        candidate, unit, "OCR Level 3 NVQ in Testing", Person("Pat Jones")
    )
    store.add_evidence(sheet_id, row("E01", ["1.1", "1.2"]), today=TODAY)
    store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Łukasz Żółć"), TODAY)
    store.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin="2468")
    return sheet_id


@pytest.fixture
def profiled(store: Store) -> Store:
    store.set_profile(Profile("Pat Jones", qualified=True))
    store.set_pin("2468")
    return store


def test_the_assessors_signature_seals_the_record(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    code = profiled.record_code(sheet_id)
    assert code == record_code(profiled.sheet(sheet_id))
    assert len(code) == 64 and len(short_code(code)) == 14
    assert profiled.check_records() == []
    assert profiled.find_by_code(short_code(code)) == [(sheet_id, None)]


def test_signing_as_assessor_needs_the_pin(profiled: Store) -> None:
    unit = make_unit((1,))
    candidate = profiled.add_candidate("Zoë Ødegård")
    sheet_id = profiled.create_sheet(candidate, unit, "", Person("Pat Jones"))
    profiled.add_evidence(sheet_id, row("E01", ["1.1"]), today=TODAY)
    profiled.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Zoë Ødegård"), TODAY)
    for wrong in (None, "1234"):
        with pytest.raises(RuleViolation, match="PIN or passphrase is not right"):
            profiled.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=wrong)
    assert profiled.record_code(sheet_id) is None
    with pytest.raises(RuleViolation, match="not right"):
        profiled.set_pin("9999", current="0000")
    profiled.set_pin("9999", current="2468")
    profiled.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin="9999")


def test_reopening_voids_signatures_and_keeps_the_signed_version(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    code = profiled.record_code(sheet_id)
    assert code is not None
    with pytest.raises(RuleViolation, match="Say why"):
        profiled.reopen(sheet_id, "  ", "Pat Jones", pin="2468")
    with pytest.raises(RuleViolation, match="PIN"):
        profiled.reopen(sheet_id, "typo in a title", "Pat Jones", pin="0")
    assert profiled.reopen(sheet_id, "typo in a title", "Pat Jones", pin="2468") == 1
    content = profiled.sheet(sheet_id)
    assert content.signatures == () and profiled.record_code(sheet_id) is None
    [version] = profiled.versions(sheet_id)
    assert (version.number, version.record_code, version.reason) == (1, code, "typo in a title")
    assert "Łukasz Żółć" in version.content_json
    assert profiled.find_by_code(code[:12]) == [(sheet_id, 1)]
    trail = profiled.audit_trail(sheet_id)
    assert [e.action for e in trail] == ["created", "signed", "signed", "reopened"]
    assert "typo in a title" in trail[-1].detail
    # Editable again.
    profiled.add_evidence(sheet_id, row("E02", ["1.1"]), today=TODAY)


def tamper(path: Path, sql: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(sql)


def test_an_edit_behind_the_apps_back_is_found(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    tamper(profiled.path, "UPDATE evidence_item SET title = 'Something else'")
    [found] = profiled.check_records()
    assert found.sheet_id == sheet_id
    assert "no longer matches its record code" in found.problem


def test_a_removed_tick_or_a_changed_date_is_found(profiled: Store) -> None:
    signed_sheet(profiled)
    tamper(profiled.path, "DELETE FROM tick WHERE criterion = '1.2'")
    assert len(profiled.check_records()) == 1


def test_an_edited_or_deleted_audit_event_breaks_the_chain(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    tamper(profiled.path, "UPDATE audit_event SET actor = 'Someone' WHERE action = 'created'")
    [found] = profiled.check_records()
    assert "audit trail was altered (event 1" in found.problem
    assert profiled.check_record(sheet_id) == found.problem


def test_a_deleted_audit_event_breaks_the_chain(profiled: Store) -> None:
    signed_sheet(profiled)
    tamper(profiled.path, "DELETE FROM audit_event WHERE id = 2")
    [found] = profiled.check_records()
    assert "event 2 does not verify" in found.problem


def test_removing_the_latest_audit_events_is_found(profiled: Store) -> None:
    signed_sheet(profiled)
    tamper(profiled.path, "DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)")
    [found] = profiled.check_records()
    assert "latest events were removed" in found.problem


def test_a_superseded_version_reads_back_as_it_was_signed(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    signed = profiled.sheet(sheet_id)
    code = profiled.record_code(sheet_id)
    number = profiled.reopen(sheet_id, "wrong evidence date", "Pat Jones", pin="2468")
    profiled.add_evidence(sheet_id, row("E02", ["1.1"]), today=TODAY)

    kept = profiled.version_content(sheet_id, number)
    assert kept == signed
    assert record_code(kept) == code
    with pytest.raises(NotFound, match="no superseded version 9"):
        profiled.version_content(sheet_id, 9)


def test_an_unqualified_iv_is_recorded_and_then_needs_a_countersignature(
    profiled: Store,
) -> None:
    sheet_id = signed_sheet(profiled)
    trainee = Person("Rhian Evans", qualified=False)
    profiled.add_signature(sheet_id, sign(Role.IV, TODAY, "Rhian Evans"), TODAY, iv=trainee)
    content = profiled.sheet(sheet_id)
    assert content.iv == trainee
    assert missing_roles(content) == [Role.IV_COUNTERSIGN]
    assert profiled.check_record(sheet_id) is None  # the IV is sealed into the record code

    with pytest.raises(ValueError, match="only the internal verifier"):
        profiled.add_signature(
            sheet_id, sign(Role.IV_COUNTERSIGN, TODAY, "Sam Lee"), TODAY, iv=trainee
        )


def test_a_refused_iv_signature_leaves_the_iv_unrecorded(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    late = TODAY + dt.timedelta(days=1)
    with pytest.raises(RuleViolation, match="in the future"):
        profiled.add_signature(
            sheet_id, sign(Role.IV, late, "Rhian Evans"), TODAY, iv=Person("Rhian Evans")
        )
    assert profiled.sheet(sheet_id).iv is None


# A store signed by ercsheet 0.1 (data/signed-0003.sqlite3: a sheet on each seed unit, drawn and
# typed signatures, Welsh and Irish names). Its codes must verify whatever the code beneath changes.
SIGNED_EARLIER = Path(__file__).parent / "data" / "signed-0003.sqlite3"
EARLIER_CODES = {
    1: "d960c5b224240ab9825a6debd5b8750e8dcb35ba79263ff4821ba8b0976b1758",
    2: "3f55b9ad1407e7c1ee828dc54d64e46ee3af28fa0a52504fb6b5d4eaeeb16875",
    3: "f8c5048b30ac65e633dd8b34a81f6960bc4c662ff56e415ea8509ad7e3697557",
    4: "f2330965098905a54395a3034888b5b3e2f0d130b3486efcf1604b6615c26aac",
    5: "f2ab5381039e618cedaa4b8f0d4379a0968d6502768a8adb8a497cbe0abec2ee",
}


def test_sheets_signed_by_an_earlier_version_still_verify(tmp_path: Path) -> None:
    path = tmp_path / "signed.sqlite3"
    path.write_bytes(SIGNED_EARLIER.read_bytes())
    with Store(path) as store:
        assert store.check_records() == []
        for sheet_id, code in EARLIER_CODES.items():
            assert store.record_code(sheet_id) == code
            assert record_code(store.sheet(sheet_id)) == code
