"""The record code changes whenever any signed field changes, and not when nothing does."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ercsheet import paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.model import Kind
from ercsheet.catalogue.snapshot import unit_data, unit_from_data
from ercsheet.domain.audit import AuditEntry, Change, chain_entry, first_broken
from ercsheet.domain.record import normalise_typed_code, record_code, short_code
from ercsheet.domain.sheet import EvidenceRow, Person, SheetContent, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from tests.factories import covering_all, make_unit, sheet, sign

UNIT = make_unit()
BASE = sheet(
    UNIT,
    covering_all(UNIT),
    [
        sign(Role.CANDIDATE, dt.date(2026, 11, 1), "Siân Ní Bhriain"),
        Signature(
            Role.ASSESSOR,
            "Pat Jones",
            dt.date(2026, 11, 2),
            SignatureKind.DRAWN,
            (((0.1, 0.5), (0.2, 0.4)),),
        ),
    ],
)
text = st.text(max_size=30)


# `changes: Any`, as dataclasses.replace takes them: each test changes a different field.
def with_row(content: SheetContent, index: int, **changes: Any) -> SheetContent:
    rows = list(content.evidence)
    rows[index] = dataclasses.replace(rows[index], **changes)
    return dataclasses.replace(content, evidence=tuple(rows))


def with_signature(content: SheetContent, index: int, **changes: Any) -> SheetContent:
    signatures = list(content.signatures)
    signatures[index] = dataclasses.replace(signatures[index], **changes)
    return dataclasses.replace(content, signatures=tuple(signatures))


@st.composite
def one_change(draw: st.DrawFn) -> SheetContent:
    index = draw(st.integers(0, len(BASE.evidence) - 1))
    row: EvidenceRow = BASE.evidence[index]
    choices = [
        lambda: with_row(BASE, index, title=row.title + draw(text.filter(bool))),
        lambda: with_row(BASE, index, ref=row.ref + "x"),
        lambda: with_row(
            BASE, index, method=draw(st.sampled_from([m for m in Method if m != row.method]))
        ),
        lambda: with_row(
            BASE, index, date=dt.date(2026, 1, 1) + dt.timedelta(draw(st.integers(0, 300)))
        ),
        lambda: with_row(
            BASE, index, criteria=row.criteria ^ {draw(st.sampled_from(UNIT.criterion_numbers))}
        ),
        lambda: with_row(BASE, index, notes=row.notes + draw(text.filter(bool))),
        lambda: dataclasses.replace(
            BASE,
            candidate=dataclasses.replace(
                BASE.candidate, name=draw(text.filter(lambda t: t != BASE.candidate.name))
            ),
        ),
        lambda: dataclasses.replace(
            BASE, candidate=dataclasses.replace(BASE.candidate, candidate_number="0043")
        ),
        lambda: dataclasses.replace(
            BASE, assessor=dataclasses.replace(BASE.assessor, qualified=False)
        ),
        lambda: dataclasses.replace(BASE, qualification=BASE.qualification + "!"),
        lambda: dataclasses.replace(BASE, evidence=BASE.evidence[::-1]),
        lambda: with_signature(BASE, 0, date=dt.date(2026, 10, 31)),
        lambda: with_signature(BASE, 0, name="S. Ní Bhriain"),
        lambda: with_signature(BASE, 1, strokes=(((0.1, 0.5), (0.2, 0.41)),)),
        lambda: with_signature(BASE, 1, kind=SignatureKind.TYPED),
        lambda: dataclasses.replace(BASE, unit=make_unit((3, 3, 4), unit_id="test-unit2")),
    ]
    return draw(st.sampled_from(choices))()


@given(changed=one_change())
def test_any_change_to_a_signed_field_changes_the_code(changed: SheetContent) -> None:
    assert changed != BASE
    assert record_code(changed) != record_code(BASE)


def test_the_same_content_gives_the_same_code() -> None:
    rebuilt = dataclasses.replace(BASE, signatures=tuple(reversed(BASE.signatures)))
    assert record_code(rebuilt) == record_code(BASE)
    assert record_code(dataclasses.replace(BASE)) == record_code(BASE)


def test_changed_unit_wording_changes_the_code() -> None:
    data = unit_data(UNIT)
    data["learning_outcomes"][0]["criteria"][0]["text"] = "Criterion 1.1, reworded"
    reworded = dataclasses.replace(BASE, unit=unit_from_data(data))
    assert record_code(reworded) != record_code(BASE)


def test_short_code_is_typed_back() -> None:
    code = record_code(BASE)
    assert normalise_typed_code(short_code(code)) == code[:12]
    assert normalise_typed_code(f" {short_code(code).lower()} ") == code[:12]


@given(st.lists(st.tuples(text, text, text), min_size=1, max_size=6), st.data())
def test_the_audit_chain_breaks_at_the_edited_event(
    events: list[tuple[str, str, str]], data: st.DataObject
) -> None:
    chain: list[AuditEntry] = []
    for actor, action, detail in events:
        chain.append(
            chain_entry(
                chain[-1].hash if chain else None,
                "2026-11-22T10:00:00.000000",
                actor,
                action,
                detail,
                sheet_id=len(chain),
                changes=[Change("title", detail, actor)],
            )
        )
    assert first_broken(chain) is None
    index = data.draw(st.integers(0, len(chain) - 1))
    for edit in (
        {"detail": chain[index].detail + "!"},
        {"sheet_id": 99},
        {"changes": (Change("title", "", "forged"),)},
    ):
        edited = list(chain)
        edited[index] = dataclasses.replace(chain[index], **edit)
        assert first_broken(edited) == index
    # An erasure blanks what an event said and keeps the chain whole.
    erased = list(chain)
    erased[index] = dataclasses.replace(chain[index], actor="", detail="", changes=(), erased=True)
    assert first_broken(erased) is None
    if len(chain) > 1:
        assert first_broken(chain[:index] + chain[index + 1 :]) == (
            index if index < len(chain) - 1 else None
        )


# Codes computed by ercsheet 0.1 (when the unit model was a pydantic model): a sheet signed then
# must verify for ever, so the canonical form may never change, whatever the code beneath it.
EARLIER_CODES = {
    "cs-environment-knowledge": "d8fd9d99bcc2fc1641687429f1aec490486a9fdb1ae6d9b31d5572eb4ce7a7d1",
    "cs-operations-l4-u1": "3c7592397cfa9bf13fd5e6baaa56949049e5e38870cdbebf714bfc940607c514",
    "mgmt-l3-u40-f17": "26ba0f66eaf5fb45e4b8c554b65cb8156d1697bb3274ee95b380548b6cde4399",
    "reliable-cs-l3-u44": "f0eb52f1a70525e34c0987e26587bd770a862b87b5c2822c68f4f6062929a43b",
    "teamlead-l3-u29-f17": "28c3b4d012bb433d0a893c6d7a58805d168ce7134a1d1ec0192860d797445cf5",
}


def test_codes_made_by_earlier_versions_are_made_again() -> None:
    units = {
        # Since unit format 2 the built-in knowledge unit says so (kind = "knowledge"): sheets
        # made from it now keep that in their snapshot, and have new codes. A sheet made
        # before keeps the snapshot it was made with, so its code is the one computed here.
        unit_id: dataclasses.replace(unit, kind=Kind.COMPETENCE)
        for unit_id, unit in load_catalogue([paths.builtin_units_dir()]).units.items()
    }
    signatures = [
        sign(Role.CANDIDATE, dt.date(2026, 11, 1), "Siân Ní Bhriain"),
        sign(Role.ASSESSOR, dt.date(2026, 11, 2)),
    ]
    made = {
        unit_id: record_code(
            sheet(unit, covering_all(unit), signatures, iv=Person("Łukasz Żółć", False))
        )
        for unit_id, unit in units.items()
    }
    assert made == EARLIER_CODES
    unit = make_unit(expires=dt.date(2027, 3, 31), simulation_allowed=False, line_manager=True)
    assert (
        record_code(sheet(unit, covering_all(unit)))
        == "721c9295abc6da34fe48ebf0ac7a2d7c1fcb99913f86b361f452930e89cbe457"
    )
