"""The exchange format: lossless round trips, and every broken file refused whole."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ercsheet.catalogue.model import Unit
from ercsheet.domain.names import normalise
from ercsheet.domain.sheet import Candidate, EvidenceRow, Person, SheetContent, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.store.exchange import (
    ImportRefused,
    export_sheet,
    import_file,
    parse_sheet,
    store_sheet,
)
from ercsheet.store.exchange_format import sheet_to_dict
from ercsheet.store.store import Store
from tests.conftest import TODAY
from tests.factories import make_unit

UNITS = {
    u.id: u
    for u in (
        make_unit(unit_id="plain"),
        make_unit(unit_id="no-simulation", simulation_allowed=False),
        make_unit(unit_id="line-manager", line_manager=True),
        make_unit(unit_id="expired", expires=dt.date(2015, 2, 28)),
    )
}


def good_file() -> dict[str, Any]:
    return {
        "format": "ercsheet.sheet",
        "version": 1,
        "unit": "plain",
        "qualification": "OCR Level 3 NVQ in Testing",
        "candidate": {
            "name": "Siân Ní Bhriain",
            "candidate_number": "0042",
            "centre_number": "12345",
        },
        "assessor": {"name": "Pat Jones", "qualified": True},
        "evidence": [
            {
                "ref": "E01",
                "title": "Observation of team briefing",
                "method": "observation",
                "date": "2026-11-02",
                "criteria": ["1.1", "1.2", "1.3", "2.1", "2.2"],
                "notes": "",
            },
            {
                "ref": "E02",
                "title": "Professional discussion",
                "method": "professional_discussion",
                "date": "2026-11-03",
                "criteria": ["2.3", "3.1", "3.2", "3.3", "3.4"],
                "notes": "ŵ",
            },
        ],
        "signatures": [
            {
                "role": "candidate",
                "name": "Siân Ní Bhriain",
                "date": "2026-11-10",
                "kind": "drawn",
                "strokes": [[[0.10, 0.52], [0.12, 0.49], [0.15, 0.47]]],
            },
            {"role": "assessor", "name": "Pat Jones", "date": "2026-11-10", "kind": "typed"},
        ],
    }


def write(tmp_path: Path, data: object, name: str = "sheet.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def snapshot(store: Store) -> list[object]:
    return [(s, store.sheet(s.id)) for s in store.sheets()] + [store.candidates()]


def test_a_good_file_imports_and_exports_back_identically(store: Store, tmp_path: Path) -> None:
    data = good_file()
    imported = import_file(store, write(tmp_path, data), UNITS.get, TODAY)
    assert imported.warnings == []
    exported = json.loads(export_sheet(store, imported.sheet_id))
    assert without_record(exported) == data
    # Signed without a code: the code is computed on import, and the audit trail says so.
    assert exported["record_code"] == store.record_code(imported.sheet_id)
    [event] = exported["audit"]
    assert (event["action"], event["detail"]) == (
        "imported",
        "the file had no record code: sealed on import",
    )


def without_record(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("record_code", "audit")}


def test_a_signed_sheet_moves_between_laptops_with_its_code_and_trail(
    store: Store, tmp_path: Path
) -> None:
    first = import_file(store, write(tmp_path, good_file()), UNITS.get, TODAY)
    exported = export_sheet(store, first.sheet_id)
    with Store(tmp_path / "laptop2.sqlite3") as other:
        second = import_file(other, write(tmp_path, exported, "moved.json"), UNITS.get, TODAY)
        assert other.record_code(second.sheet_id) == store.record_code(first.sheet_id)
        assert [e.action for e in other.audit_trail(second.sheet_id)] == ["imported"]
        # The trail it came with travels with it.
        origin = other.sealed_record(second.sheet_id).origin
        assert [e.action for e in origin] == ["imported"]
        assert other.check_records() == []
        again = export_sheet(other, second.sheet_id)
        assert [e["action"] for e in json.loads(again)["audit"]] == ["imported", "imported"]


def test_the_same_file_imported_twice_is_already_in_the_store(store: Store, tmp_path: Path) -> None:
    file = write(tmp_path, good_file())
    first = import_file(store, file, UNITS.get, TODAY)
    second = import_file(store, file, UNITS.get, TODAY)
    assert (first.already, second.already) == (False, True)
    assert second.sheet_id == first.sheet_id
    assert len(store.sheets()) == 1
    draft = good_file()
    draft["signatures"] = []
    for name in ("draft.json", "again.json"):
        import_file(store, write(tmp_path, draft, name), UNITS.get, TODAY)
    assert len(store.sheets()) == 2


def test_a_padded_candidate_number_finds_the_candidate_typed_in_the_window(
    store: Store, tmp_path: Path
) -> None:
    typed = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
    data = good_file()
    data["candidate"]["candidate_number"] = " 0042 "
    # The same name, its accent written as a letter and a combining mark (NFD).
    data["candidate"]["name"] = unicodedata.normalize("NFD", "Siân Ní Bhriain")
    imported = import_file(store, write(tmp_path, data), UNITS.get, TODAY)
    assert store.sheet_summary(imported.sheet_id).candidate_id == typed
    assert len(store.candidates()) == 1


def test_a_signed_file_edited_after_signing_is_refused(store: Store, tmp_path: Path) -> None:
    first = import_file(store, write(tmp_path, good_file()), UNITS.get, TODAY)
    data = json.loads(export_sheet(store, first.sheet_id))
    data["evidence"][0]["title"] = "Observation of team briefing (improved)"
    with pytest.raises(ImportRefused, match="does not match its record code"):
        import_file(store, write(tmp_path, data, "edited.json"), UNITS.get, TODAY)
    data = json.loads(export_sheet(store, first.sheet_id))
    data["audit"][0]["actor"] = "Someone else"
    with pytest.raises(ImportRefused, match=r"audit\[0\]: the audit trail was altered"):
        import_file(store, write(tmp_path, data, "edited.json"), UNITS.get, TODAY)
    assert len(store.sheets()) == 1


def mutate(path: str, value: object) -> dict[str, Any]:
    """The good file with the value at `a.b[0].c` replaced (or deleted if value is DELETE)."""
    data = copy.deepcopy(good_file())
    parts = path.replace("[", ".").replace("]", "").split(".")
    target: Any = data
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    last: Any = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return data


DELETE = object()

BROKEN = [
    # (what is changed, the value, what the refusal must say)
    ("evidence[0].surprise", 1, "evidence[0].surprise: unknown key"),
    ("candidate.name", DELETE, "candidate.name: required key is missing"),
    ("evidence[1].method", "telepathy", "evidence[1].method"),
    ("evidence[0].date", "2026-02-30", "evidence[0].date"),
    ("signatures[0].date", "2026-13-01", "signatures[0].date"),
    ("evidence[1].ref", "e01", "reference 'e01' is already used on this sheet"),
    (
        "evidence[1].criteria",
        ["2.3"],
        "every criterion is covered; 6 of 10 are. Add or tick evidence for 3.1, 3.2, 3.3, 3.4",
    ),
    (
        "evidence[0].criteria",
        ["1.1", "9.9", "1.2", "1.3", "2.1", "2.2"],
        "no assessment criteria 9.9",
    ),
    (
        "evidence[0].date",
        "2027-01-01",
        "evidence[0]: The evidence date 01/01/2027 is in the future",
    ),
    (
        "signatures[1].date",
        "2026-11-09",
        "signatures[1]: The assessor's date 09/11/2026 is before the candidate's 10/11/2026. "
        "[date-order]",
    ),
    ("signatures[0].strokes", [[[1.5, 0.2]]], "signatures[0].strokes"),
    ("signatures[1].role", "iv", "signs after the assessor"),
    ("unit", "nowhere", "unit: there is no unit 'nowhere'"),
    ("version", 2, "this ercsheet reads version 1"),
    ("format", "something.else", "not an ercsheet sheet"),
]


@pytest.mark.parametrize(("path", "value", "reason"), BROKEN)
def test_a_broken_file_is_refused_whole_with_its_reason(
    store: Store, tmp_path: Path, path: str, value: object, reason: str
) -> None:
    store.add_candidate("Someone already here", "0001", "12345")
    before = snapshot(store)
    file = write(tmp_path, mutate(path, value))
    with pytest.raises(ImportRefused) as refused:
        import_file(store, file, UNITS.get, TODAY)
    assert str(refused.value).startswith(f"{file}: ")
    assert reason in str(refused.value)
    assert snapshot(store) == before


def test_simulation_where_forbidden_refuses_the_file(store: Store, tmp_path: Path) -> None:
    data = mutate("unit", "no-simulation")
    data["evidence"][0]["method"] = "simulation"
    with pytest.raises(ImportRefused, match=r"evidence\[0\]: Simulation is not allowed"):
        import_file(store, write(tmp_path, data), UNITS.get, TODAY)
    assert store.sheets() == []


def test_missing_line_manager_refuses_the_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="line-manager-signature"):
        import_file(store, write(tmp_path, mutate("unit", "line-manager")), UNITS.get, TODAY)
    data = mutate("unit", "line-manager")
    data["signatures"].insert(
        1, {"role": "line_manager", "name": "Morgan Lee", "date": "2026-11-10", "kind": "paper"}
    )
    import_file(store, write(tmp_path, data), UNITS.get, TODAY)
    assert len(store.sheets()) == 1


def test_unqualified_assessor_without_countersignature_cannot_be_sampled(
    store: Store, tmp_path: Path
) -> None:
    data = mutate("assessor.qualified", False)
    data["iv"] = {"name": "Ivy Vere", "qualified": True}
    data["signatures"].append({"role": "iv", "name": "IV", "date": "2026-11-11", "kind": "typed"})
    with pytest.raises(ImportRefused, match="countersign"):
        import_file(store, write(tmp_path, data), UNITS.get, TODAY)
    data["signatures"].insert(
        2,
        {
            "role": "assessor_countersign",
            "name": "Q. Assessor",
            "date": "2026-11-10",
            "kind": "typed",
        },
    )
    import_file(store, write(tmp_path, data), UNITS.get, TODAY)


def test_expired_unit_needs_an_explicit_yes(store: Store, tmp_path: Path) -> None:
    file = write(tmp_path, mutate("unit", "expired"))
    with pytest.raises(ImportRefused, match=r"the sheet's unit: .*expired on 28/02/2015"):
        import_file(store, file, UNITS.get, TODAY)
    imported = import_file(store, file, UNITS.get, TODAY, allow_expired=True)
    assert "expired on 28/02/2015" in imported.warnings[0]


def test_not_json_and_not_utf8_and_too_large(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="not valid JSON"):
        import_file(store, write(tmp_path, "{"), UNITS.get, TODAY)
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"name": "Zoë"}'.encode("latin-1"))
    with pytest.raises(ImportRefused, match="not UTF-8"):
        import_file(store, latin1, UNITS.get, TODAY)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(50 * 1024 * 1024)
    with pytest.raises(ImportRefused, match="50 MB; a sheet file is at most 20 MB"):
        import_file(store, huge, UNITS.get, TODAY)


def test_a_candidate_number_already_used_for_another_name_is_refused(
    store: Store, tmp_path: Path
) -> None:
    store.add_candidate("Somebody Else", "0042", "12345")
    with pytest.raises(ImportRefused, match="is 'Somebody Else' in this store"):
        import_file(store, write(tmp_path, good_file()), UNITS.get, TODAY)
    assert store.sheets() == []


# --- property: export then import is lossless -----------------------------------------------

# Any text ercsheet accepts: no surrogates, control characters, line separators or
# bidirectional controls (domain/text.py refuses those).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
text = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters=BIDI_CONTROLS),
    max_size=60,
)
# People's names and numbers are kept in one form (trimmed, Unicode NFC: domain/names.py), so
# they come back in that form; the sheets generated here hold them so already.
names = text.map(normalise).filter(bool)
dates = st.dates(dt.date(2000, 1, 1), TODAY)


@st.composite
def sheets(draw: st.DrawFn) -> SheetContent:
    unit: Unit = draw(st.sampled_from([UNITS["plain"], UNITS["no-simulation"]]))
    methods = [m for m in Method if unit.rules.simulation_allowed or m is not Method.SIMULATION]
    refs = draw(st.lists(names.map(lambda r: r[:100]), max_size=6, unique_by=str.casefold))
    refs = [r for r in refs if r.strip() == r]
    # Over-mapped rows are only a warning, so any subset of criteria is valid.
    evidence = tuple(
        EvidenceRow(
            ref,
            draw(text),
            draw(st.sampled_from(methods)),
            draw(st.none() | dates),
            frozenset(draw(st.sets(st.sampled_from(unit.criterion_numbers)))),
            draw(text),
        )
        for ref in refs
    )
    content = SheetContent(
        unit=unit,
        candidate=Candidate(draw(names), normalise(draw(text)[:200]), normalise(draw(text)[:200])),
        assessor=Person(draw(names), draw(st.booleans())),
        qualification=draw(text),
        evidence=evidence,
    )
    # The candidate signs evidence: a sheet without any is not signed (rule no-evidence).
    signed: bool = draw(st.booleans())
    if evidence and signed:
        strokes = draw(
            st.lists(
                st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=5).map(
                    tuple
                ),
                min_size=1,
                max_size=3,
            ).map(tuple)
        )
        candidate_date = draw(dates)
        content = SheetContent(
            **{
                **content.__dict__,
                "signatures": (
                    Signature(
                        Role.CANDIDATE, draw(names), candidate_date, SignatureKind.DRAWN, strokes
                    ),
                ),
            },
        )
    return content


@pytest.mark.slow  # a property over many sheets: ~10 s
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=sheets())
def test_export_then_import_is_lossless(tmp_path: Path, content: SheetContent) -> None:
    with Store(tmp_path / f"{abs(hash(content))}.sqlite3") as store:
        sheet_id = store_sheet(store, content)
        exported = export_sheet(store, sheet_id)
        assert parse_sheet(exported, UNITS.get, TODAY) == content
        again = store_sheet(store, parse_sheet(exported, UNITS.get, TODAY))
        assert without_record(json.loads(export_sheet(store, again))) == without_record(
            json.loads(exported)
        )
        assert without_record(json.loads(exported)) == sheet_to_dict(content)


def test_the_published_json_schema_is_the_one_the_code_enforces() -> None:
    from ercsheet.store.exchange_format import json_schema

    published = Path(__file__).parents[2] / "docs" / "exchange-format.schema.json"
    # Regenerate with: python -m ercsheet.store.exchange_format > docs/exchange-format.schema.json
    assert json.loads(published.read_text(encoding="utf-8")) == json_schema()


def test_an_audit_time_in_another_form_is_refused(store: Store, tmp_path: Path) -> None:
    first = import_file(store, write(tmp_path, good_file()), UNITS.get, TODAY)
    data = json.loads(export_sheet(store, first.sheet_id))
    data["audit"][0]["at"] = data["audit"][0]["at"][:19] + "+00:00"
    with pytest.raises(ImportRefused, match=r"audit\[0\]\.at: .* as ercsheet writes it"):
        import_file(store, write(tmp_path, data, "zoned.json"), UNITS.get, TODAY)


def test_the_import_event_names_the_file_and_its_sha_256(store: Store, tmp_path: Path) -> None:
    file = write(tmp_path, good_file(), "visit-2026-11-10.json")
    imported = import_file(store, file, UNITS.get, TODAY)
    [event] = store.audit_trail(imported.sheet_id)
    assert event.action == "imported"
    assert f"file: {file.name}" in event.summary
    assert f"SHA-256: {hashlib.sha256(file.read_bytes()).hexdigest()}" in event.summary


def test_an_expired_units_refusal_names_no_command_line_flag(store: Store, tmp_path: Path) -> None:
    # The window asks instead; the command adds its --allow-expired itself.
    file = write(tmp_path, mutate("unit", "expired"))
    with pytest.raises(ImportRefused) as refused:
        import_file(store, file, UNITS.get, TODAY)
    assert "--" not in str(refused.value) and "[" not in str(refused.value)
