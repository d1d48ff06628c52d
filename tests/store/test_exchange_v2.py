"""Exchange format version 2, one file per candidate: the library carried once, sheets naming its
items, round trips through real stores, and every broken file refused whole with its reason."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ercsheet.domain.library import Holding, ItemFields
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Method, Role
from ercsheet.store.exchange import ImportRefused, export_candidate, export_sheet, import_file
from ercsheet.store.store import Store
from tests.conftest import PIN, TODAY, make_signer
from tests.factories import make_unit, row, sign

BRIEFING = row("E01", ["1.1", "2.1"], title="Observation of the team briefing", date=TODAY)
UNITS = (
    make_unit((2, 2), unit_id="unit-a"),
    make_unit((3, 1), unit_id="unit-b", simulation_allowed=False),
)
KNOWN = {unit.id: unit for unit in UNITS}
DIGEST = "ab" * 32


def candidate_with_two_sheets(store: Store) -> tuple[int, int, int]:
    """E01 on both sheets; the first signed (with an IV's addendum), the second a draft; E01
    retitled after the first was signed; E03 in the library only, a file of this laptop's."""
    make_signer(store)
    candidate = store.add_candidate("Gwenllian ap Rhys", "0101", "12345")
    signed = store.create_sheet(candidate, UNITS[0], "OCR Level 3 NVQ", Person("Pat Jones"))
    draft = store.create_sheet(candidate, UNITS[1], "", Person("Pat Jones"))
    shared = store.add_evidence(signed, BRIEFING, today=TODAY)
    store.add_evidence(signed, row("E02", ["1.2", "2.2"], Method.PRODUCT), today=TODAY)
    draft_row = store.add_existing_evidence(draft, store.library_entry_of_row(shared).id)
    store.set_tick(draft_row, "1.3", True)
    store.add_signature(signed, sign(Role.CANDIDATE, TODAY, "Gwenllian ap Rhys"), TODAY)
    store.add_signature(signed, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)
    store.add_signature(signed, sign(Role.IV, TODAY, "Rhian Evans"), TODAY, pin=PIN)
    store.update_evidence(
        draft_row, replace(BRIEFING, title="Renamed later", criteria=frozenset({"1.3"}))
    )
    store.add_library_item(
        candidate,
        ItemFields("E03", "Rota", Method.PRODUCT, None, ""),
        Holding("shared drive", "/home/pat/evidence/rota.pdf", DIGEST),
    )
    return candidate, signed, draft


def exported(store: Store, candidate: int, path: Path) -> Path:
    path.write_text(export_candidate(store, candidate), encoding="utf-8")
    return path


def test_a_candidate_moves_whole_and_keeps_every_identity(store: Store, tmp_path: Path) -> None:
    candidate, signed, draft = candidate_with_two_sheets(store)
    file = exported(store, candidate, tmp_path / "candidate.json")
    data = json.loads(file.read_text(encoding="utf-8"))
    assert [i["ref"] for i in data["library"]] == ["E01", "E02", "E03"]
    e01 = data["library"][0]
    # The signed sheet's row is as it was signed: its title differs from the item's now.
    [signed_e01, _] = data["sheets"][0]["evidence"]
    assert signed_e01 == {
        "item": e01["uuid"],
        "criteria": ["1.1", "2.1"],
        "title": "Observation of the team briefing",
    }
    assert data["sheets"][1]["evidence"] == [{"item": e01["uuid"], "criteria": ["1.3"]}]
    assert data["library"][2]["file"] == {"name": "rota.pdf", "sha256": DIGEST}

    with Store(tmp_path / "laptop2.sqlite3") as other:
        imported = import_file(other, file, KNOWN.get, TODAY)
        assert not imported.already
        [moved] = other.candidates()
        assert other.candidate_uuid(moved.id) == store.candidate_uuid(candidate)
        ids = [s.sheet_id for s in imported.sheets]
        for here, there in zip((signed, draft), ids, strict=True):
            assert other.sheet(there) == store.sheet(here)
            assert other.sheet_uuids(there) == store.sheet_uuids(here)
            assert other.record_code(there) == store.record_code(here)
        assert other.check_records() == []
        library = other.library(moved.id)
        assert [(e.uuid, e.fields) for e in library] == [
            (e.uuid, e.fields) for e in store.library(candidate)
        ]
        assert len(library[0].uses) == 2  # the shared item is one item on both sheets
        assert library[2].holding == Holding("shared drive", "rota.pdf", DIGEST)
        assert [e["action"] for e in json.loads(export_sheet(other, ids[0]))["audit"]][-1] == (
            "imported"
        )
        again = exported(other, moved.id, tmp_path / "again.json")
        assert json.loads(again.read_text(encoding="utf-8"))["sheets"] == [
            {**sheet, "audit": json.loads(export_sheet(other, i))["audit"]}
            for sheet, i in zip(data["sheets"], ids, strict=True)
        ]


def test_the_same_file_twice_writes_nothing_the_second_time(store: Store, tmp_path: Path) -> None:
    candidate, _, _ = candidate_with_two_sheets(store)
    file = exported(store, candidate, tmp_path / "candidate.json")
    with Store(tmp_path / "laptop2.sqlite3") as other:
        first = import_file(other, file, KNOWN.get, TODAY)
        events = other.audit_trail()
        second = import_file(other, file, KNOWN.get, TODAY)
        assert second.already and [s.sheet_id for s in second.sheets] == [
            s.sheet_id for s in first.sheets
        ]
        assert other.audit_trail() == events
    # Into the store it came from: every sheet is there already.
    assert import_file(store, file, KNOWN.get, TODAY).already


def test_version_1_files_still_import(store: Store, tmp_path: Path) -> None:
    _, signed, _ = candidate_with_two_sheets(store)
    file = tmp_path / "sheet.json"
    file.write_text(export_sheet(store, signed), encoding="utf-8")
    with Store(tmp_path / "laptop2.sqlite3") as other:
        imported = import_file(other, file, KNOWN.get, TODAY)
        assert other.record_code(imported.sheet_id) == store.record_code(signed)
        assert other.check_records() == []


def good_file(store: Store, tmp_path: Path) -> dict[str, Any]:
    candidate, _, _ = candidate_with_two_sheets(store)
    data: dict[str, Any] = json.loads(export_candidate(store, candidate))
    return data


def broken(data: dict[str, Any], change: str) -> dict[str, Any]:
    data = copy.deepcopy(data)
    sheet, library = data["sheets"][1], data["library"]
    if change == "unknown item":
        sheet["evidence"][0]["item"] = "00000000-0000-4000-8000-000000000000"
    elif change == "duplicate item uuid":
        library[1]["uuid"] = library[0]["uuid"]
    elif change == "wrong version":
        data["version"] = 3
    elif change == "bad criteria":
        sheet["evidence"][0]["criteria"] = ["1.3", "1.3"]
    elif change == "hostile text":
        library[2]["title"] = "Rota\x1b[2J"
    elif change == "a folder in a file's name":
        library[2]["file"]["name"] = "../rota.pdf"
    elif change == "a signed row changed":
        data["sheets"][0]["evidence"][0]["title"] = "Observation, improved"
    elif change == "unknown registration":
        sheet["registration"] = REGISTRATION["uuid"]
    elif change == "a registration in the future":
        data["registrations"] = [{**REGISTRATION, "registered_on": "2027-01-01"}]
    return data


BROKEN = [
    ("unknown item", "sheets[1].evidence[0].item: the library has no item 00000000-"),
    ("duplicate item uuid", "library[1].uuid: the uuid of library[0] again"),
    ("wrong version", "version: this is version 3; this ercsheet reads version 2"),
    ("bad criteria", "sheets[1].evidence[0]: a criterion is listed twice"),
    ("hostile text", "library[2].title: The title holds an escape character"),
    ("a folder in a file's name", "library[2].file.name: a file's name only"),
    ("a signed row changed", "sheets[0]: record_code: the sheet's content does not match"),
    ("unknown registration", "sheets[1].registration: the file has no registration 5f0c"),
    ("a registration in the future", "registrations[0]: The registration date 01/01/2027 is in"),
]
REGISTRATION = {
    "uuid": "5f0c1c1e-7a40-4d7c-9c43-2f8d8f3b5a01",
    "qualification": "kitchen-l3",
    "number": "KL-204417",
    "registered_on": "2026-11-02",
}


@pytest.mark.parametrize(("change", "reason"), BROKEN)
def test_a_broken_candidate_file_is_refused_whole_with_its_reason(
    store: Store, tmp_path: Path, change: str, reason: str
) -> None:
    data = broken(good_file(store, tmp_path), change)
    file = tmp_path / "broken.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    with Store(tmp_path / "laptop2.sqlite3") as other:
        with pytest.raises(ImportRefused) as refused:
            import_file(other, file, KNOWN.get, TODAY)
        assert str(refused.value).startswith(f"{file}: ")
        assert reason in str(refused.value)
        assert other.candidates() == [] and other.audit_trail() == []


def test_bad_json_is_refused(store: Store, tmp_path: Path) -> None:
    file = tmp_path / "broken.json"
    file.write_text('{"format": "ercsheet.candidate", "version": 2,', encoding="utf-8")
    with pytest.raises(ImportRefused, match="not valid JSON"):
        import_file(store, file, KNOWN.get, TODAY)


def test_an_item_of_another_candidate_is_refused(store: Store, tmp_path: Path) -> None:
    data = good_file(store, tmp_path)
    data["candidate"]["uuid"] = "00000000-0000-4000-8000-000000000001"
    data["candidate"]["candidate_number"] = "0999"
    data["sheets"] = data["sheets"][1:]  # the draft: the signed one names its candidate
    file = tmp_path / "theirs.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportRefused, match="is an item of another candidate in this store"):
        import_file(store, file, KNOWN.get, TODAY)


def test_a_unit_in_the_file_must_be_in_the_catalogue(store: Store, tmp_path: Path) -> None:
    file = tmp_path / "candidate.json"
    file.write_text(json.dumps(good_file(store, tmp_path)), encoding="utf-8")
    only_a = {UNITS[0].id: UNITS[0]}
    with pytest.raises(ImportRefused, match=r"sheets\[1\]: unit: there is no unit 'unit-b'"):
        import_file(store, file, only_a.get, TODAY)


def test_the_published_json_schema_of_version_2_is_the_one_the_code_enforces() -> None:
    from ercsheet.store.exchange_v2_format import json_schema_v2

    published = Path(__file__).parents[2] / "docs" / "exchange-format-v2.schema.json"
    # Regenerate with:
    # python -m ercsheet.store.exchange_v2_format > docs/exchange-format-v2.schema.json
    assert json.loads(published.read_text(encoding="utf-8")) == json_schema_v2()


def test_a_registration_travels_with_its_sheets(store: Store, tmp_path: Path) -> None:
    """The file's registration (its qualification need not be in this laptop's catalogue) is
    stored with the sheets it names, and written out again as it came."""
    data = good_file(store, tmp_path)
    data["registrations"] = [REGISTRATION]
    data["sheets"][1]["registration"] = REGISTRATION["uuid"]
    file = tmp_path / "registered.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    with Store(tmp_path / "laptop2.sqlite3") as other:
        import_file(other, file, KNOWN.get, TODAY)
        candidate = other.candidates()[0].id
        [registered] = other.registrations(candidate)
        assert (registered.uuid, registered.qualification_id, registered.number) == (
            REGISTRATION["uuid"],
            "kitchen-l3",
            "KL-204417",
        )
        draft = other.sheets(candidate)[1].id
        assert registered.sheet_ids == (draft,)
        again = json.loads(export_candidate(other, candidate))
        assert again["registrations"] == [REGISTRATION]
        assert again["sheets"][1]["registration"] == REGISTRATION["uuid"]
        assert "registration" not in again["sheets"][0]
        assert "registered on a qualification" in [e.action for e in other.audit_trail()]


def test_a_newer_copy_of_a_draft_is_said_to_differ_and_not_merged(
    store: Store, tmp_path: Path
) -> None:
    """Found by an assessor's walk-through: a draft ticked further on one laptop, sent again,
    was said "already in the store; nothing changed" on the other, as if it were the same."""
    candidate, _, draft = candidate_with_two_sheets(store)
    first = exported(store, candidate, tmp_path / "first.json")
    with Store(tmp_path / "laptop2.sqlite3") as other:
        import_file(other, first, KNOWN.get, TODAY)
        store.set_tick(store.evidence_ids(draft)[0], "1.2", True)
        again = import_file(
            other, exported(store, candidate, tmp_path / "again.json"), KNOWN.get, TODAY
        )
        signed_there, draft_there = again.sheets
        assert signed_there.already and not signed_there.differs
        assert draft_there.already and draft_there.differs
        assert other.sheet(draft_there.sheet_id).evidence[0].criteria == {"1.3"}
