"""Writing a candidate's exchange file (version 2): one operation, like every other change.

The file was parsed and every sheet checked against every rule first (exchange_v2.py). Here the
candidate is found by uuid, else as a version 1 import finds them (number and centre, or name),
else added with the file's uuid; each library item is found by uuid, else is the candidate's item
with the same fields (domain.library's "the same piece of evidence"), else added with the file's
uuid; each sheet the store has (by uuid, record code, or an identical draft) is left as it is, and
each other sheet is written with its rows linked to their items, as a version 1 import writes one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select

from ercsheet.domain.audit import Change
from ercsheet.domain.dates import uk
from ercsheet.domain.library import Holding, ItemFields
from ercsheet.domain.record import canonical_content
from ercsheet.domain.sheet import Candidate
from ercsheet.store import convert, models
from ercsheet.store import library_operations as library
from ercsheet.store.import_operations import (
    Incoming,
    Stored,
    find_or_add_candidate,
    normalised,
    normalised_candidate,
    require_safe_people,
    same_sheet,
    write_sheet,
)
from ercsheet.store.operations import load_sheet
from ercsheet.store.tx import Tx
from ercsheet.store.values import ImportRefused


@dataclass(frozen=True)
class IncomingItem:
    uuid: str
    fields: ItemFields
    holding: Holding


@dataclass(frozen=True)
class IncomingRegistration:
    uuid: str
    qualification_id: str
    number: str
    registered_on: dt.date | None


@dataclass(frozen=True)
class IncomingSheet:
    uuid: str
    incoming: Incoming
    items: tuple[str, ...]  # the uuid of each row's item, in the rows' order
    registration: str | None = None  # the uuid of the file's registration it is a unit of


@dataclass(frozen=True)
class IncomingCandidate:
    """A checked candidate file, ready to be written."""

    uuid: str
    candidate: Candidate
    items: tuple[IncomingItem, ...]
    sheets: tuple[IncomingSheet, ...]
    registrations: tuple[IncomingRegistration, ...] = ()


@dataclass(frozen=True)
class StoredCandidate:
    candidate_id: int
    sheets: tuple[Stored, ...]  # each of the file's sheets, in its order
    items_added: int


def import_candidate(
    tx: Tx, incoming: IncomingCandidate, source: str, digest: str
) -> StoredCandidate:
    for sheet in incoming.sheets:
        require_safe_people(sheet.incoming.content)
    candidate = _candidate(tx, incoming)
    known = {
        library.fields_of(item).key(): item.id
        for item in tx.session.scalars(
            select(models.LibraryItem).where(models.LibraryItem.candidate_id == candidate.id)
        )
    }
    ids: dict[str, int] = {}
    added = 0
    for item in incoming.items:
        found = _known_item(tx, candidate, item) or known.get(item.fields.key())
        if found is None:
            found = _add_item(tx, candidate, item, source)
            known[item.fields.key()] = found
            added += 1
        ids[item.uuid] = found
    stored = tuple(_sheet(tx, candidate, sheet, ids, source, digest) for sheet in incoming.sheets)
    registered = {r.uuid: _registration(tx, candidate, r, source) for r in incoming.registrations}
    for sheet, written in zip(incoming.sheets, stored, strict=True):
        if sheet.registration is not None and not written.already:
            row = tx.session.get(models.Sheet, written.sheet_id)
            assert row is not None
            row.registration_id = registered[sheet.registration]
    return StoredCandidate(candidate.id, stored, added)


def _registration(
    tx: Tx, candidate: models.Candidate, incoming: IncomingRegistration, source: str
) -> int:
    """The registration by uuid, else the candidate's on the same qualification (registered on
    both laptops), else a new one with the file's uuid. The qualification need not be in this
    laptop's catalogue: its progress then says so, and its sheets keep their units."""
    found = tx.session.scalars(
        select(models.Registration).where(
            (models.Registration.uuid == incoming.uuid)
            | (
                (models.Registration.candidate_id == candidate.id)
                & (models.Registration.qualification_id == incoming.qualification_id)
            )
        )
    ).first()
    if found is not None:
        if found.candidate_id != candidate.id:
            raise ImportRefused(
                f"registrations: registration {incoming.uuid} is another candidate's in this store"
            )
        return found.id
    row = models.Registration(
        uuid=incoming.uuid,
        candidate_id=candidate.id,
        qualification_id=incoming.qualification_id,
        number=incoming.number,
        registered_on=incoming.registered_on,
        created_at=tx.now(),
    )
    tx.session.add(row)
    tx.session.flush()
    tx.log(
        "registered on a qualification",
        f"from {source}",
        candidate_id=candidate.id,
        changes=[
            Change("qualification", "", incoming.qualification_id),
            Change("registration number", "", incoming.number),
            Change("registered", "", uk(incoming.registered_on)),
        ],
    )
    return row.id


def _candidate(tx: Tx, incoming: IncomingCandidate) -> models.Candidate:
    """The candidate by uuid (whatever their details here: a correction made on either laptop
    is not undone by the other's file), else as a version 1 import finds or adds them."""
    found = tx.session.scalars(
        select(models.Candidate).where(models.Candidate.uuid == incoming.uuid)
    ).first()
    if found is not None:
        return found
    return find_or_add_candidate(tx, normalised_candidate(incoming.candidate), incoming.uuid)


def _known_item(tx: Tx, candidate: models.Candidate, item: IncomingItem) -> int | None:
    found = tx.session.scalars(
        select(models.LibraryItem).where(models.LibraryItem.uuid == item.uuid)
    ).first()
    if found is None:
        return None
    if found.candidate_id != candidate.id:
        raise ImportRefused(
            f"library: item {item.fields.ref!r} ({item.uuid}) is an item of another "
            "candidate in this store"
        )
    return found.id


def _add_item(tx: Tx, candidate: models.Candidate, item: IncomingItem, source: str) -> int:
    """A new item with the file's uuid. Its reference may be another item's here (two laptops
    each made an E01): it is kept, as a version 1 import keeps it, until the assessor renames
    one; refusing the file would leave its sheets nowhere."""
    now = tx.now()
    row = models.LibraryItem(
        uuid=item.uuid, candidate_id=candidate.id, created_at=now, updated_at=now
    )
    library.set_fields(row, item.fields)
    library.set_holding(row, item.holding)
    tx.session.add(row)
    tx.session.flush()
    tx.log(
        "library item added",
        f"from {source}",
        candidate_id=candidate.id,
        changes=[Change("reference", "", item.fields.ref), Change("title", "", item.fields.title)],
    )
    return row.id


def _sheet(
    tx: Tx,
    candidate: models.Candidate,
    sheet: IncomingSheet,
    ids: dict[str, int],
    source: str,
    digest: str,
) -> Stored:
    by_uuid = tx.session.scalars(
        select(models.Sheet.id).where(models.Sheet.uuid == sheet.uuid)
    ).first()
    content = normalised(sheet.incoming.content)
    if by_uuid is not None:
        # The same sheet, whatever its copy here became since: ercsheet does not merge edits,
        # and says when the two differ.
        here = canonical_content(convert.sheet_content(load_sheet(tx.session, by_uuid)))
        return Stored(by_uuid, already=True, differs=here != canonical_content(content))
    existing = same_sheet(tx.session, content, sheet.incoming.seal)
    if existing is not None:
        return Stored(existing, already=True)
    incoming = replace(sheet.incoming, content=content)
    items = [ids[uuid] for uuid in sheet.items]
    return Stored(
        write_sheet(tx, candidate, incoming, source, digest, sheet.uuid, items), already=False
    )
