"""Opening a sheet (column queries) gives exactly what the edits see (ORM objects)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import Person, SheetContent, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.store import operations, signing
from ercsheet.store.store import Store
from tests.conftest import PIN, TODAY, make_signer
from tests.factories import covering_all, row

EARLIER = TODAY - dt.timedelta(days=3)


def as_edits_see_it(store: Store, sheet_id: int) -> SheetContent:
    with store._orm_sessions()() as session:
        return signing.signed_content(operations.load_sheet(session, sheet_id))


def test_a_signed_sheet_reads_the_same_both_ways(store: Store, f17: Unit) -> None:
    make_signer(store)
    candidate = store.add_candidate("Łukasz Żółć", "0042", "12345")
    sheet_id = store.create_sheet(candidate, f17, "OCR Level 3 NVQ", Person("Pat Jones"))
    for item in covering_all(f17):
        store.add_evidence(sheet_id, dataclasses.replace(item, date=EARLIER, notes="ŵ"))
    drawn = ((0.1, 0.2), (0.5, 0.6))
    store.add_signature(
        sheet_id,
        Signature(Role.CANDIDATE, "Łukasz Żółć", EARLIER, SignatureKind.DRAWN, (drawn,)),
        TODAY,
    )
    store.add_signature(
        sheet_id,
        Signature(Role.ASSESSOR, "Pat Jones", TODAY, SignatureKind.TYPED),
        TODAY,
        pin=PIN,
    )
    # A correction of the candidate since does not change the signed sheet, either way.
    store.update_candidate(candidate, "Łukasz Żółć", "0042", "54321")
    content, ids = store.sheet_and_ids(sheet_id)
    assert content == as_edits_see_it(store, sheet_id)
    assert ids == store.evidence_ids(sheet_id)
    assert content.signature(Role.CANDIDATE) is not None


edits = st.lists(
    st.tuples(st.sampled_from(["add", "tick", "move", "delete"]), st.integers(0, 40)),
    max_size=25,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits)
def test_any_edited_sheet_reads_the_same_both_ways(
    store: Store, f17: Unit, steps: list[tuple[str, int]]
) -> None:
    candidate = store.add_candidate("Siân Ní Bhriain", "0042")
    sheet_id = store.create_sheet(candidate, f17, "", Person("Pat Jones"))
    numbers = f17.criterion_numbers
    for serial, (kind, pick) in enumerate(steps):
        ids = store.evidence_ids(sheet_id)
        if kind == "add" or not ids:
            method = list(Method)[pick % 8]
            store.add_evidence(sheet_id, row(f"E{serial}", numbers[: pick % 4], method))
        elif kind == "tick":
            item = ids[pick % len(ids)]
            number = numbers[pick % len(numbers)]
            store.set_tick(item, number, number not in store.evidence(item).criteria)
        elif kind == "move":
            store.move_evidence(ids[pick % len(ids)], pick % (len(ids) + 1))
        else:
            store.delete_evidence(ids[pick % len(ids)])
    content, ids = store.sheet_and_ids(sheet_id)
    assert content == as_edits_see_it(store, sheet_id)
    assert ids == store.evidence_ids(sheet_id)
