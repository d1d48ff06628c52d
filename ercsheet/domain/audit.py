"""The audit trail's hash chain: each event carries the hash of the one before it.

Editing or deleting an event changes its hash or the next event's `prev_hash`, so the chain
no longer verifies.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from ercsheet.domain.record import canonical_bytes

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    at: str  # ISO timestamp, UTC
    actor: str
    action: str
    detail: str
    prev_hash: str
    hash: str


def event_hash(prev_hash: str, at: str, actor: str, action: str, detail: str) -> str:
    return hashlib.sha256(canonical_bytes([prev_hash, at, actor, action, detail])).hexdigest()


def chain_entry(
    previous: AuditEntry | None, at: str, actor: str, action: str, detail: str
) -> AuditEntry:
    prev_hash = previous.hash if previous else GENESIS
    return AuditEntry(
        at, actor, action, detail, prev_hash, event_hash(prev_hash, at, actor, action, detail)
    )


def first_broken(entries: Sequence[AuditEntry]) -> int | None:
    """The index of the first event that does not verify, or None when the chain is whole."""
    prev_hash = GENESIS
    for index, entry in enumerate(entries):
        expected = event_hash(prev_hash, entry.at, entry.actor, entry.action, entry.detail)
        if entry.prev_hash != prev_hash or entry.hash != expected:
            return index
        prev_hash = entry.hash
    return None
