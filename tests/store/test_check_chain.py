"""`check` over the whole chain, read from its stored columns: an event edited or removed at any
place (the first, one in the middle, the latest) is reported once, at that event, in the words
the entries' check uses; a forged event signature is reported at its own event."""

from __future__ import annotations

import sqlite3

import pytest

from ercsheet.domain.vocabulary import Role
from ercsheet.store.store import Profile, Store
from tests.conftest import TODAY
from tests.factories import sign
from tests.store.test_signing import new_sheet


@pytest.fixture
def chained(store: Store) -> Store:
    """A store whose chain has a key, a signed sheet and events after the seal."""
    store.set_profile(Profile("Pat Jones", qualified=True))
    store.set_pin("2468")
    sheet_id = new_sheet(store)
    store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Łukasz Żółć"), TODAY)
    store.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin="2468")
    new_sheet(store)  # events after the signed one
    return store


def events(store: Store) -> list[tuple[int, str]]:
    with sqlite3.connect(store.path) as connection:
        return connection.execute("SELECT id, action FROM audit_log ORDER BY id").fetchall()


def problems(store: Store) -> list[str]:
    return [found.problem for found in store.check_records()]


def test_the_untouched_chain_has_no_problem(chained: Store) -> None:
    assert len(events(chained)) > 6
    assert problems(chained) == []


@pytest.mark.parametrize("place", ["first", "second", "middle", "before last", "last"])
@pytest.mark.parametrize(
    ("edit", "said"),
    [
        ("UPDATE audit_log SET actor = 'Someone' WHERE id = ?", "what it says was changed"),
        ("UPDATE audit_log SET at = '2020-01-01T00:00:00.000000' WHERE id = ?", "it was changed"),
        ("UPDATE audit_log SET hash = '" + "0" * 64 + "' WHERE id = ?", "it was changed"),
    ],
)
def test_an_event_edited_anywhere_is_reported_at_that_event(
    chained: Store, place: str, edit: str, said: str
) -> None:
    chain = events(chained)
    index = {"first": 0, "second": 1, "middle": len(chain) // 2, "before last": -2, "last": -1}[
        place
    ] % len(chain)
    event_id, action = chain[index]
    with sqlite3.connect(chained.path) as connection:
        connection.execute(edit, (event_id,))
        (at,) = connection.execute("SELECT at FROM audit_log WHERE id = ?", (event_id,)).fetchone()
    altered = [p for p in problems(chained) if "audit chain was altered" in p]
    assert altered == [
        f"the audit chain was altered at event {index + 1} ({action}, {at[:10]}): {said}; "
        "events were edited, removed or inserted outside ercsheet"
    ]


@pytest.mark.parametrize("index", [0, 1, 3, -2])
def test_an_event_removed_anywhere_breaks_the_chain_at_the_one_after_it(
    chained: Store, index: int
) -> None:
    chain = events(chained)
    index %= len(chain)
    with sqlite3.connect(chained.path) as connection:
        connection.execute("DELETE FROM audit_log WHERE id = ?", (chain[index][0],))
    _, action = chain[index + 1]
    altered = [p for p in problems(chained) if "audit chain was altered" in p]
    assert len(altered) == 1
    assert altered[0].startswith(f"the audit chain was altered at event {index + 1} ({action}, ")
    assert "it does not follow the event before it" in altered[0]


def test_a_forged_event_signature_is_reported_at_its_event(chained: Store) -> None:
    with sqlite3.connect(chained.path) as connection:
        signed = connection.execute(
            "SELECT id, action FROM audit_log WHERE key IS NOT NULL ORDER BY id"
        ).fetchall()
        first_id, action = signed[0]
        connection.execute(
            "UPDATE audit_log SET key_signature = ? WHERE id = ?", ("00" * 64, first_id)
        )
    index = [event_id for event_id, _ in events(chained)].index(first_id)
    assert f"audit event {index + 1} ({action}) has a signature that does not verify" in (
        problems(chained)
    )
