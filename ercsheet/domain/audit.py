"""The audit chain: one hash chain over every event of the store, oldest first.

Each event's hash covers the hash of the event before it, so editing, deleting or reordering
any event breaks the chain from there on; a sheet, candidate or kept version deleted behind the
app's back leaves its events behind, and they say it existed.

What an event says (who, what, old -> new) is hashed on its own (`payload_hash`) and the chain
covers that digest: erasing a candidate blanks what their events said (personal data) and
keeps the chain whole.

Before schema 4 each sheet had a chain of its own over (at, actor, action, detail): those are
`legacy_hash` and `first_broken_legacy`, used only to check what an earlier version wrote.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from ercsheet.domain.record import canonical_bytes

GENESIS = "0" * 64
# Versions the chain's hash form: an event can never be read as one of another form.
CHAIN_TAG = "ercsheet.audit.2"


@dataclass(frozen=True)
class Change:
    """One thing an event changed: `what` went from `old` to `new` (text as a person reads it)."""

    what: str
    old: str = ""
    new: str = ""

    def __str__(self) -> str:
        if self.old and self.new:
            return f"{self.what}: {self.old} → {self.new}"
        if self.new:
            return f"{self.what}: {self.new}"
        if self.old:
            return f"{self.what}: {self.old} (removed)"
        return self.what


@dataclass(frozen=True)
class AuditEntry:
    at: str  # ISO timestamp, UTC, as `timestamp()` writes it
    actor: str
    action: str
    detail: str
    prev_hash: str
    hash: str
    sheet_id: int | None = None
    candidate_id: int | None = None
    changes: tuple[Change, ...] = ()
    payload_hash: str = ""
    # The payload (actor, detail, changes) was blanked by an erasure; its digest is kept.
    erased: bool = False
    # The fingerprint of the assessor's key that signed this event, and the signature.
    key: str | None = None
    key_signature: str | None = None

    @property
    def summary(self) -> str:
        """What happened, in one line: the detail, then each change."""
        parts = [self.detail] if self.detail else []
        parts += [str(change) for change in self.changes]
        return "; ".join(parts)


def timestamp(moment: dt.datetime) -> str:
    """The one form an event's time is written in: naive UTC, to the microsecond."""
    return moment.isoformat(timespec="microseconds")


def changes_json(changes: Sequence[Change]) -> str:
    return json.dumps([[c.what, c.old, c.new] for c in changes], ensure_ascii=False)


def changes_from_json(text: str) -> tuple[Change, ...]:
    return tuple(Change(*map(str, item)) for item in json.loads(text or "[]"))


def payload_hash(actor: str, detail: str, changes: Sequence[Change]) -> str:
    return _payload_digest(actor, detail, [[c.what, c.old, c.new] for c in changes])


def _payload_digest(actor: str, detail: str, changes: list[list[str]]) -> str:
    body = [actor, detail, changes]
    return hashlib.sha256(_flat_bytes(body) if not changes else canonical_bytes(body)).hexdigest()


def event_hash(
    prev_hash: str,
    at: str,
    action: str,
    sheet_id: int | None,
    candidate_id: int | None,
    payload: str,
) -> str:
    body = [CHAIN_TAG, prev_hash, at, action, sheet_id, candidate_id, payload]
    return hashlib.sha256(_flat_bytes(body)).hexdigest()


def _flat_bytes(body: list[Any]) -> bytes:
    """canonical_bytes of a list, written out straight when it holds only text, whole numbers,
    None and empty lists, as an event's body does: the same bytes (the JSON encoder's own
    string escaping, compact separators; tests hold the two to each other) at a third of the
    cost, which counts over a centre's million events. Anything else goes to the encoder."""
    parts = []
    for value in body:
        kind = type(value)
        if kind is str:
            parts.append(encode_basestring(value))
        elif kind is int:
            parts.append(int.__repr__(value))
        elif value is None:
            parts.append("null")
        elif kind is list and not value:
            parts.append("[]")
        else:
            return canonical_bytes(body)
    return ("[" + ",".join(parts) + "]").encode("utf-8")


def chain_entry(
    previous_hash: str | None,
    at: str,
    actor: str,
    action: str,
    detail: str = "",
    *,
    sheet_id: int | None = None,
    candidate_id: int | None = None,
    changes: Sequence[Change] = (),
) -> AuditEntry:
    """The next event after the one whose hash is `previous_hash` (None: the first)."""
    prev = previous_hash or GENESIS
    payload = payload_hash(actor, detail, changes)
    return AuditEntry(
        at=at,
        actor=actor,
        action=action,
        detail=detail,
        prev_hash=prev,
        hash=event_hash(prev, at, action, sheet_id, candidate_id, payload),
        sheet_id=sheet_id,
        candidate_id=candidate_id,
        changes=tuple(changes),
        payload_hash=payload,
    )


def entry_problem(entry: AuditEntry) -> str | None:
    """What is wrong with one event on its own (its payload or its hash), or None."""
    if not entry.erased and payload_hash(entry.actor, entry.detail, entry.changes) != (
        entry.payload_hash
    ):
        return "what it says was changed"
    expected = event_hash(
        entry.prev_hash,
        entry.at,
        entry.action,
        entry.sheet_id,
        entry.candidate_id,
        entry.payload_hash,
    )
    if entry.hash != expected:
        return "it was changed"
    return None


# An event as the store keeps it, to check a whole chain without making an AuditEntry (and a
# Change per change) of each: (at, actor, action, detail, prev_hash, hash, sheet_id,
# candidate_id, changes as changes_json wrote them, payload_hash, erased).
StoredEvent = tuple[str, str, str, str, str, str, int | None, int | None, str, str, int]


def stored_event_follows(previous_hash: str, event: StoredEvent) -> bool:
    """Whether a stored event follows the event whose hash is `previous_hash` and verifies:
    what `first_broken` asks of each entry (`entry_problem` then says what is wrong)."""
    at, actor, action, detail, prev_hash, digest, sheet_id, candidate_id, changes, payload = event[
        :10
    ]
    if prev_hash != previous_hash:
        return False
    # Most events change nothing listed ("[]"); any other text is read as an entry's would be.
    listed = [] if changes == "[]" else [[c.what, c.old, c.new] for c in changes_from_json(changes)]
    if not event[10] and _payload_digest(actor, detail, listed) != payload:
        return False
    return event_hash(prev_hash, at, action, sheet_id, candidate_id, payload) == digest


def first_broken(entries: Sequence[AuditEntry], start: str = GENESIS) -> int | None:
    """The index of the first event that does not verify, or None when the chain is whole."""
    prev_hash = start
    for index, entry in enumerate(entries):
        if entry.prev_hash != prev_hash or entry_problem(entry) is not None:
            return index
        prev_hash = entry.hash
    return None


# --- the per-sheet chains of schema 3 (files and stores written by earlier versions) ----------


def legacy_hash(prev_hash: str, at: str, actor: str, action: str, detail: str) -> str:
    return hashlib.sha256(canonical_bytes([prev_hash, at, actor, action, detail])).hexdigest()


def first_broken_legacy(entries: Sequence[AuditEntry]) -> int | None:
    prev_hash = GENESIS
    for index, entry in enumerate(entries):
        expected = legacy_hash(prev_hash, entry.at, entry.actor, entry.action, entry.detail)
        if entry.prev_hash != prev_hash or entry.hash != expected:
            return index
        prev_hash = entry.hash
    return None
