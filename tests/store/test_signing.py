"""Signed records: record code, PIN, reopening keeps the signed version, tampering is found."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from ercsheet.domain import audit
from ercsheet.domain.audit import chain_entry
from ercsheet.domain.record import record_code, short_code
from ercsheet.domain.rules import missing_roles
from ercsheet.domain.seal import seal
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Role
from ercsheet.store.store import NotFound, Profile, RuleViolation, Store
from tests.conftest import TODAY
from tests.factories import make_unit, row, sign


def signed_sheet(store: Store) -> int:
    sheet_id = new_sheet(store)
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
    assert code is not None
    assert code == record_code(profiled.sheet(sheet_id))
    assert len(code) == 64 and len(short_code(code)) == 14
    assert profiled.check_records() == []
    assert profiled.find_by_code(short_code(code)) == [(sheet_id, None, [])]
    assert profiled.sealed_record(sheet_id).key_fingerprint == profiled.key_fingerprint()


def test_signing_as_assessor_needs_the_pin(profiled: Store) -> None:
    unit = make_unit((1,))
    candidate = profiled.add_candidate("Zoë Ødegård")
    sheet_id = profiled.create_sheet(candidate, unit, "", Person("Pat Jones"))
    profiled.add_evidence(sheet_id, row("E01", ["1.1"]), today=TODAY)
    profiled.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Zoë Ødegård"), TODAY)
    for wrong in (None, "1234"):
        with pytest.raises(RuleViolation, match="PIN is not right"):
            profiled.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=wrong)
    assert profiled.record_code(sheet_id) is None
    with pytest.raises(RuleViolation, match="not right"):
        profiled.set_pin("9999", current="0000")
    profiled.set_pin("9999", current="2468")
    profiled.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin="9999")
    assert profiled.check_records() == []


def test_without_a_pin_the_assessor_cannot_sign_and_a_pin_cannot_be_removed(store: Store) -> None:
    store.set_profile(Profile("Pat Jones", qualified=True))
    sheet_id = new_sheet(store)
    store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Łukasz Żółć"), TODAY)
    with pytest.raises(RuleViolation, match="Set your PIN first"):
        store.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY)
    store.set_pin("2468")
    with pytest.raises(RuleViolation, match="rather than remove it"):
        store.set_pin(None, current="2468")


def new_sheet(store: Store) -> int:
    candidate = store.add_candidate("Łukasz Żółć", "0042", "12345")
    sheet_id = store.create_sheet(
        candidate, make_unit((2,)), "OCR Level 3 NVQ in Testing", Person("Pat Jones")
    )
    store.add_evidence(sheet_id, row("E01", ["1.1", "1.2"]), today=TODAY)
    return sheet_id


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
    assert profiled.find_by_code(code[:12]) == [(sheet_id, 1, [])]
    trail = profiled.audit_trail(sheet_id)
    assert [e.action for e in trail] == [
        "sheet created",
        "evidence added",
        "signed",
        "signed and sealed",
        "reopened",
    ]
    assert "typo in a title" in trail[-1].detail
    # Editable again, and everything verifies.
    profiled.add_evidence(sheet_id, row("E02", ["1.1"]), today=TODAY)
    assert profiled.check_records() == []


def test_every_change_is_an_audit_event_saying_old_and_new(profiled: Store) -> None:
    sheet_id = new_sheet(profiled)
    [item] = profiled.evidence_ids(sheet_id)
    profiled.set_tick(item, "1.2", False)
    profiled.update_evidence(item, row("E01", ["1.1", "1.2"], title="Observed briefing"), TODAY)
    second = profiled.add_evidence(sheet_id, row("E02", ["1.1"]), today=TODAY)
    profiled.move_evidence(second, 0)
    profiled.delete_evidence(second)
    trail = profiled.audit_trail(sheet_id)
    assert [e.action for e in trail] == [
        "sheet created",
        "evidence added",
        "tick cleared",
        "evidence edited",
        "evidence added",
        "evidence moved",
        "evidence deleted",
    ]
    assert "E01 × 1.2: ticked → not ticked" in trail[2].summary
    assert "title: Observation at work → Observed briefing" in trail[3].summary
    assert "E01 × 1.2: not ticked → ticked" in trail[3].summary
    assert "row of E02: 2 → 1" in trail[5].summary
    candidate = profiled.sheet_summary(sheet_id).candidate_id
    profiled.update_candidate(candidate, "Łukasz Żółć", "0042", "54321")
    [corrected] = [
        e for e in profiled.audit_trail(candidate_id=candidate) if "corrected" in e.action
    ]
    assert "centre number: 12345 → 54321" in corrected.summary
    assert profiled.check_records() == []


def test_changing_evidence_after_the_candidate_signed_voids_their_signature(
    profiled: Store,
) -> None:
    sheet_id = new_sheet(profiled)
    profiled.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Łukasz Żółć"), TODAY)
    profiled.add_evidence(sheet_id, row("E02", ["1.1"]), today=TODAY)
    assert profiled.sheet(sheet_id).signatures == ()
    voided = profiled.audit_trail(sheet_id)[-1]
    assert voided.action == "signature voided"
    assert "Candidate: Łukasz Żółć" in voided.summary


def test_a_correction_of_the_candidate_leaves_signed_sheets_as_signed(profiled: Store) -> None:
    signed = signed_sheet(profiled)
    candidate = profiled.sheet_summary(signed).candidate_id
    draft = profiled.create_sheet(candidate, make_unit((2,)), "", Person("Pat Jones"))
    assert profiled.signed_sheet_count(candidate) == 1
    profiled.update_candidate(candidate, "Łukasz Żółć", "0042", "99999")
    assert profiled.sheet(signed).candidate.centre_number == "12345"
    assert profiled.sheet(draft).candidate.centre_number == "99999"
    assert profiled.check_records() == []
    profiled.update_candidate(candidate, "Łukasz Żółć", "0042", "12345")
    assert profiled.check_records() == []


def test_a_correction_of_the_profile_reaches_the_drafts_only(profiled: Store) -> None:
    """A trainee who said "qualified" by mistake at the first run corrects the profile: their
    drafts then ask for a countersignature; signed sheets and others' drafts keep theirs."""
    signed = signed_sheet(profiled)
    candidate = profiled.sheet_summary(signed).candidate_id
    draft = profiled.create_sheet(candidate, make_unit((2,)), "", Person("Pat Jones", True))
    theirs = profiled.create_sheet(candidate, make_unit((2,)), "", Person("Sam Okafor", True))

    profiled.set_profile(Profile("Pat Jones", qualified=False))

    assert profiled.sheet(draft).assessor == Person("Pat Jones", False)
    assert profiled.sheet(signed).assessor == Person("Pat Jones", True)
    assert profiled.sheet(theirs).assessor == Person("Sam Okafor", True)
    assert Role.ASSESSOR_COUNTERSIGN in missing_roles(profiled.sheet(draft))
    [event] = [e for e in profiled.audit_trail(draft) if e.action == "sheet's assessor corrected"]
    assert [(c.what, c.old, c.new) for c in event.changes] == [("assessor qualified", "yes", "no")]
    assert profiled.check_records() == []


def test_an_iv_addendum_keeps_the_code_printed_before(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    printed = profiled.record_code(sheet_id)
    assert printed is not None
    with pytest.raises(RuleViolation, match="PIN"):
        profiled.add_signature(sheet_id, sign(Role.IV, TODAY, "Rhian Evans"), TODAY)
    profiled.add_signature(sheet_id, sign(Role.IV, TODAY, "Rhian Evans"), TODAY, pin="2468")
    assert profiled.record_code(sheet_id) == printed
    [(found, version, [addendum])] = profiled.find_by_code(short_code(printed))
    assert (found, version, addendum.number) == (sheet_id, None, 1)
    assert addendum.signature.name == "Rhian Evans"
    assert profiled.check_records() == []
    tamper(profiled.path, "UPDATE signature SET date = '2026-11-21' WHERE role = 'iv'")
    assert "internal verifier" in (profiled.check_record(sheet_id) or "").lower()


def tamper(path: Path, sql: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(sql)


def problems(store: Store) -> str:
    return "\n".join(p.problem for p in store.check_records())


def test_an_edit_behind_the_apps_back_is_found(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    tamper(profiled.path, "UPDATE evidence_item SET title = 'Something else'")
    [found] = profiled.check_records()
    assert found.sheet_id == sheet_id
    assert "no longer matches what was signed" in found.problem


def test_a_removed_tick_with_the_code_recomputed_is_found(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    tamper(profiled.path, "DELETE FROM tick WHERE criterion = '1.2'")
    forged = seal(profiled.sheet(sheet_id))
    tamper(
        profiled.path,
        f"UPDATE sheet SET seal = '{forged.text}', record_code = '{forged.code}'",
    )
    assert "not signed by the assessor's key" in problems(profiled)


def test_a_signature_date_changed_with_the_trail_rechained_is_found(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    tamper(profiled.path, "UPDATE signature SET date = '2026-11-20' WHERE role = 'candidate'")
    forged = seal(profiled.sheet(sheet_id))
    with sqlite3.connect(profiled.path) as connection:
        connection.execute("UPDATE sheet SET seal = ?, record_code = ?", (forged.text, forged.code))
        events = connection.execute(
            "SELECT id, at, actor, action, detail, sheet_id, candidate_id, changes"
            " FROM audit_log ORDER BY id"
        ).fetchall()
        prev = None
        for event_id, at, actor, action, detail, sheet, candidate, changes in events:
            changes = changes.replace("22/11/2026", "20/11/2026") if action == "signed" else changes
            entry = chain_entry(
                prev,
                at,
                actor,
                action,
                detail,
                sheet_id=sheet,
                candidate_id=candidate,
                changes=audit.changes_from_json(changes),
            )
            connection.execute(
                "UPDATE audit_log SET changes = ?, payload_hash = ?, prev_hash = ?, hash = ?"
                " WHERE id = ?",
                (changes, entry.payload_hash, entry.prev_hash, entry.hash, event_id),
            )
            prev = entry.hash
    found = problems(profiled)
    assert "audit chain was altered" not in found  # the forger re-chained it whole
    assert "signature that does not verify" in found
    assert "not signed by the assessor's key" in found


@pytest.mark.parametrize(
    ("forgery", "said"),
    [
        ("DELETE FROM sheet", "was deleted outside ercsheet"),
        ("PRAGMA foreign_keys=ON; DELETE FROM candidate", "was deleted outside ercsheet"),
        ("DELETE FROM candidate", "its candidate is missing"),
        (
            "DELETE FROM signature WHERE role = 'assessor';"
            " UPDATE sheet SET record_code = NULL, seal = NULL",
            "signatures were removed outside ercsheet",
        ),
    ],
)
def test_deleting_or_unsigning_a_signed_sheet_is_found(
    profiled: Store, forgery: str, said: str
) -> None:
    signed_sheet(profiled)
    with sqlite3.connect(profiled.path) as connection:
        connection.executescript(forgery)
    assert said in problems(profiled)


def test_deleting_a_kept_version_is_found(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    profiled.reopen(sheet_id, "wrong date", "Pat Jones", pin="2468")
    tamper(profiled.path, "DELETE FROM sheet_version")
    assert "kept signed version 1" in problems(profiled)


def test_an_edited_kept_version_is_found(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    profiled.reopen(sheet_id, "wrong date", "Pat Jones", pin="2468")
    tamper(profiled.path, "UPDATE sheet_version SET content = replace(content, 'E01', 'E09')")
    assert "kept version 1" in problems(profiled)


def test_an_edited_or_deleted_audit_event_breaks_the_chain(profiled: Store) -> None:
    signed_sheet(profiled)
    tamper(
        profiled.path,
        "UPDATE audit_log SET actor = 'Someone' WHERE action = 'sheet created'",
    )
    assert "audit chain was altered" in problems(profiled)


def test_a_deleted_audit_event_breaks_the_chain(profiled: Store) -> None:
    signed_sheet(profiled)
    tamper(profiled.path, "DELETE FROM audit_log WHERE action = 'evidence added'")
    assert "audit chain was altered" in problems(profiled)


def test_removing_the_latest_audit_events_is_found(profiled: Store) -> None:
    signed_sheet(profiled)
    tamper(profiled.path, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    assert "cut back" in problems(profiled)


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
    profiled.add_signature(
        sheet_id, sign(Role.IV, TODAY, "Rhian Evans"), TODAY, pin="2468", iv=trainee
    )
    content = profiled.sheet(sheet_id)
    assert content.iv == trainee
    assert missing_roles(content) == [Role.IV_COUNTERSIGN]
    assert profiled.check_record(sheet_id) is None  # the IV is in the addendum

    with pytest.raises(ValueError, match="only the internal verifier"):
        profiled.add_signature(
            sheet_id, sign(Role.IV_COUNTERSIGN, TODAY, "Sam Lee"), TODAY, iv=trainee
        )


def test_a_refused_iv_signature_leaves_the_iv_unrecorded(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    late = TODAY + dt.timedelta(days=1)
    with pytest.raises(RuleViolation, match="in the future"):
        profiled.add_signature(
            sheet_id,
            sign(Role.IV, late, "Rhian Evans"),
            TODAY,
            pin="2468",
            iv=Person("Rhian Evans"),
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


def test_an_erasure_keeps_the_chain_whole_and_no_personal_data(profiled: Store) -> None:
    sheet_id = signed_sheet(profiled)
    candidate = profiled.sheet_summary(sheet_id).candidate_id
    with pytest.raises(RuleViolation, match="PIN"):
        profiled.erase_candidate(candidate, pin="0000")
    assert profiled.erase_candidate(candidate, pin="2468") == 1
    assert profiled.check_records() == []
    erased = [e for e in profiled.audit_trail() if e.candidate_id == candidate]
    assert erased[-1].action == "candidate erased" and erased[-1].key is not None
    assert all(e.erased for e in erased[:-1])
    assert all("Żółć" not in e.summary for e in erased)
    profiled.close()
    for file in profiled.path.parent.glob(profiled.path.name + "*"):
        assert "Żółć".encode() not in file.read_bytes(), file


def test_deleting_a_draft_needs_no_pin_and_leaves_the_records_verified(profiled: Store) -> None:
    """Found by an assessor's walk-through: once the store had a key, deleting a draft (no PIN
    asked: it holds no sealed record) made `check` report its event as not signed."""
    signed = signed_sheet(profiled)
    draft = new_sheet(profiled)
    profiled.delete_sheet(draft)
    assert profiled.check_records() == []
    with pytest.raises(RuleViolation):
        profiled.delete_sheet(signed)  # a signed sheet's deletion needs the PIN
    profiled.delete_sheet(signed, pin="2468")
    assert profiled.check_records() == []


def test_an_unsigned_deletion_of_a_sealed_sheet_is_still_found(profiled: Store) -> None:
    """The check's rule is about sealed records: an event deleting one without the key's
    signature (written behind the app's back) is reported."""
    signed = signed_sheet(profiled)
    profiled.reopen(signed, "wrong date", "Pat Jones", pin="2468")
    draft_again = signed
    profiled.delete_sheet(draft_again, pin="2468")
    assert profiled.check_records() == []
    tamper(profiled.path, "UPDATE audit_log SET key = NULL WHERE action = 'sheet deleted'")
    assert "(sheet deleted) is not signed by the assessor" in problems(profiled)
