"""The chain's hashes are what they always were, however they are computed, and a whole chain
checked from its stored columns finds what the entries' check finds, at the same event."""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ercsheet.domain import audit
from ercsheet.domain.audit import AuditEntry, Change, StoredEvent
from ercsheet.domain.record import canonical_bytes
from ercsheet.store import reading

# Text as a forger or a damaged file could leave it: quotes, backslashes, controls, any script.
text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=20)
# What a tampered column could hold instead of its text or its number.
stored_value = st.one_of(
    text,
    st.integers(-(2**70), 2**70),
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
)
changes = st.lists(st.builds(Change, text, text, text), max_size=3)


def digest(body: list[Any]) -> str:
    return hashlib.sha256(canonical_bytes(body)).hexdigest()


@given(st.lists(stored_value, min_size=6, max_size=6))
def test_an_events_hash_is_the_canonical_jsons_of_its_body(values: list[Any]) -> None:
    prev, at, action, sheet_id, candidate_id, payload = values
    assert audit.event_hash(prev, at, action, sheet_id, candidate_id, payload) == digest(
        [audit.CHAIN_TAG, prev, at, action, sheet_id, candidate_id, payload]
    )


@given(stored_value, stored_value, changes)
def test_a_payloads_hash_is_the_canonical_jsons_of_what_it_says(
    actor: Any, detail: Any, listed: list[Change]
) -> None:
    body = [actor, detail, [[c.what, c.old, c.new] for c in listed]]
    assert audit.payload_hash(actor, detail, listed) == digest(body)


def test_hashes_made_by_earlier_versions_are_made_again() -> None:
    """Hashes computed by ercsheet before the chain was checked from its stored columns."""
    assert audit.payload_hash('Siân "Pat" Jones\\', "", []) == (
        "898ec0853a7ba6a6817cf98b3bafd0ce95f56d54a2f290650e7e73667ef9c7c3"
    )
    assert audit.payload_hash("Pat", "a\nb", [Change("title", 'Ł"', "\x01")]) == (
        "e84eadf80de732646b7c667505c1c6c4e59df32479ff9986281f7b2849cb4c43"
    )
    assert audit.event_hash(
        "0" * 64, "2026-11-22T10:00:00.000000", "signed and sealed", 12, None, "ab" * 32
    ) == ("69d947f3a9ddd5f3e2292bf371d60b2c529691d16c48c0787f91d5073cbaa665")


def stored(entry: AuditEntry) -> StoredEvent:
    """The entry's columns as the store keeps them."""
    return (
        entry.at,
        entry.actor,
        entry.action,
        entry.detail,
        entry.prev_hash,
        entry.hash,
        entry.sheet_id,
        entry.candidate_id,
        audit.changes_json(entry.changes),
        entry.payload_hash,
        int(entry.erased),
    )


def chain_of(events: list[tuple[str, str, list[Change]]]) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    for actor, action, listed in events:
        entries.append(
            audit.chain_entry(
                entries[-1].hash if entries else None,
                "2026-11-22T10:00:00.000000",
                actor,
                action,
                sheet_id=len(entries) or None,
                candidate_id=7,
                changes=listed,
            )
        )
    return entries


def first_broken_stored(rows: list[StoredEvent]) -> int | None:
    previous = audit.GENESIS
    for index, row in enumerate(rows):
        if not audit.stored_event_follows(previous, row):
            return index
        previous = row[5]
    return None


# Each edit as a forger could make it to one column of one stored event.
EDITS = {
    "at": lambda row: (row[0] + "1", *row[1:]),
    "actor": lambda row: (row[0], row[1] + "x", *row[2:]),
    "action": lambda row: (*row[:2], "signed", *row[3:]),
    "detail": lambda row: (*row[:3], row[3] + "!", *row[4:]),
    "prev_hash": lambda row: (*row[:4], "0" * 64, *row[5:]),
    "hash": lambda row: (*row[:5], "f" * 64, *row[6:]),
    "sheet_id": lambda row: (*row[:6], 99, *row[7:]),
    "sheet_id as text": lambda row: (*row[:6], str(row[6]), *row[7:]),
    "candidate_id": lambda row: (*row[:7], None, *row[8:]),
    "changes": lambda row: (*row[:8], '[["title", "", "forged"]]', *row[9:]),
    "changes short": lambda row: (*row[:8], '[["title", "forged"]]', *row[9:]),
    "changes as numbers": lambda row: (*row[:8], '[["title", 1, 2]]', *row[9:]),
    "changes empty": lambda row: (*row[:8], "", *row[9:]),
    "payload_hash": lambda row: (*row[:9], "e" * 64, row[10]),
    "erased": lambda row: (*row[:10], 1),
}


@given(
    st.lists(st.tuples(text, text, changes), min_size=1, max_size=6),
    st.data(),
    st.sampled_from(sorted(EDITS)),
)
def test_the_stored_chain_breaks_where_the_entries_chain_breaks(
    events: list[tuple[str, str, list[Change]]], data: st.DataObject, edit: str
) -> None:
    entries = chain_of(events)
    rows = [stored(e) for e in entries]
    assert first_broken_stored(rows) is None
    index = data.draw(st.integers(0, len(rows) - 1))
    rows[index] = EDITS[edit](rows[index])
    edited = [*entries[:index], entry_of(rows[index]), *entries[index + 1 :]]
    assert first_broken_stored(rows) == audit.first_broken(edited)
    # Any event removed: the one after it no longer follows.
    removed = rows[:index] + rows[index + 1 :]
    assert first_broken_stored(removed) == audit.first_broken(
        entries[:index] + entries[index + 1 :]
    )


def entry_of(row: StoredEvent) -> AuditEntry:
    """The entry the store's reader makes of the row (no key signed it)."""
    return reading.entry_of((*row, None, None))


def test_an_erased_events_payload_is_not_checked_but_its_place_is() -> None:
    entries = chain_of([("Łukasz", "candidate added", [Change("name", "", "Łukasz")])])
    blank = dataclasses.replace(entries[0], actor="", changes=(), erased=True)
    assert first_broken_stored([stored(blank)]) is None
    assert first_broken_stored([stored(dataclasses.replace(blank, sheet_id=5))]) == 0
