"""Writing an imported sheet: one operation, like every other change of the store.

The file was parsed and checked against every rule first (exchange.py); here the candidate is
found (by their normalised number and centre, or name) or added, a sheet already in the store is
recognised and left alone, and the sheet is written with its seal, addenda and the key that
signed them, and an audit event naming the file and its SHA-256.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ercsheet.catalogue.snapshot import unit_to_json
from ercsheet.domain.audit import AuditEntry, Change
from ercsheet.domain.evidence_rules import reference_key
from ercsheet.domain.library import ItemFields
from ercsheet.domain.names import normalise
from ercsheet.domain.record import canonical_content
from ercsheet.domain.seal import Addendum, Seal
from ercsheet.domain.sheet import Candidate, EvidenceRow, SheetContent
from ercsheet.store import convert, keys, models, signing
from ercsheet.store import library_operations as library
from ercsheet.store.operations import load_sheet, require_safe
from ercsheet.store.tx import Tx
from ercsheet.store.values import ImportRefused


@dataclass(frozen=True)
class SignedBy:
    """The key an exported sheet's seal and addenda were signed with."""

    public_key: str
    seal_signature: str

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.public_key)


@dataclass(frozen=True)
class Incoming:
    """A checked sheet from a file, ready to be written."""

    content: SheetContent
    seal: Seal | None
    addenda: tuple[Addendum, ...] = ()
    signed_by: SignedBy | None = None
    trail: tuple[AuditEntry, ...] = ()
    code_in_file: bool = False


@dataclass(frozen=True)
class Stored:
    sheet_id: int
    already: bool  # the same sheet was in the store already: nothing was written
    # ... and its copy here has other content (edited on one laptop or the other since): this
    # store's copy is kept, the file's is not merged into it.
    differs: bool = False


def import_sheet(tx: Tx, incoming: Incoming, source: str, digest: str) -> Stored:
    require_safe_people(incoming.content)
    content = normalised(incoming.content)
    existing = same_sheet(tx.session, content, incoming.seal)
    if existing is not None:
        return Stored(existing, already=True)
    candidate = find_or_add_candidate(tx, content.candidate)
    sheet_id = write_sheet(tx, candidate, replace(incoming, content=content), source, digest)
    return Stored(sheet_id, already=False)


def require_safe_people(content: SheetContent) -> None:
    require_safe(
        ("The candidate's name", content.candidate.name),
        ("The candidate number", content.candidate.candidate_number),
        ("The centre number", content.candidate.centre_number),
        ("The assessor's name", content.assessor.name),
    )


def write_sheet(
    tx: Tx,
    candidate: models.Candidate,
    incoming: Incoming,
    source: str,
    digest: str,
    uuid: str | None = None,
    items: Sequence[int] | None = None,
) -> int:
    """A new sheet of `candidate` with its seal, addenda and key, and its import event.
    `uuid`: the identity it had in the file; `items`: the library item of each row (None:
    each row is the candidate's item with the same fields, or a new one)."""
    content = incoming.content
    now = tx.now()
    sheet = models.Sheet(
        candidate=candidate,
        unit_id=content.unit.id,
        unit_snapshot=unit_to_json(content.unit),
        qualification=content.qualification,
        assessor_name=content.assessor.name,
        assessor_qualified=content.assessor.qualified,
        iv_name=content.iv.name if content.iv else None,
        iv_qualified=content.iv.qualified if content.iv else True,
        grade=content.grade.value if content.grade else "",
        created_at=now,
        updated_at=now,
        origin=json.dumps([_event_dict(e) for e in incoming.trail], ensure_ascii=False)
        if incoming.trail
        else None,
    )
    if uuid is not None:
        sheet.uuid = uuid
    sheet.signatures = [convert.signature_record(s) for s in content.signatures]
    if incoming.seal is not None:
        sheet.seal, sheet.record_code = incoming.seal.text, incoming.seal.code
    if incoming.signed_by is not None:
        # Kept with autoflush off: its query would flush the new sheet half-made (the
        # candidate's relationship holds it before it is added), which SQLAlchemy warns of.
        with tx.session.no_autoflush:
            signing.keep_key(tx, incoming.signed_by.public_key, content.assessor.name)
        sheet.seal_key = incoming.signed_by.fingerprint
        sheet.seal_signature = incoming.signed_by.seal_signature
    sheet.addenda = [signing.addendum_row(a) for a in incoming.addenda]
    tx.session.add(sheet)
    tx.session.flush()
    _write_rows(tx, sheet, content.evidence, items)
    changes = [Change("file", "", source), Change("SHA-256", "", digest)]
    if sheet.record_code:
        changes.append(Change("record code", "", sheet.record_code))
    if incoming.addenda:
        changes.append(Change("addenda", "", str(len(incoming.addenda))))
    detail = (
        ""
        if incoming.code_in_file or not sheet.record_code
        else ("the file had no record code: sealed on import")
    )
    tx.log("imported", detail, sheet_id=sheet.id, candidate_id=candidate.id, changes=changes)
    return sheet.id


def _write_rows(
    tx: Tx, sheet: models.Sheet, rows: Sequence[EvidenceRow], items: Sequence[int] | None
) -> None:
    """A sheet's rows and ticks in a few bulk inserts: as mapped objects, a 2,000-row sheet took
    over a second to write (the unit of work tracks every object); this is linear and brief.
    A row that is an item the candidate has already (the same fields: domain.library) is a row
    of that item; every other row is a new item of the candidate's library. `items`, when
    given, is the item of each row, found already (a version 2 file names them)."""
    if not rows:
        return
    session = tx.session
    if items is not None:
        _write_row_items(session, sheet, rows, list(items))
        return
    known = {
        library.fields_of(item).key(): item.id
        for item in session.scalars(
            select(models.LibraryItem).where(models.LibraryItem.candidate_id == sheet.candidate_id)
        )
    }
    fields = [ItemFields.of(row) for row in rows]
    new = [f for f in fields if f.key() not in known]
    if new:
        now = tx.now()
        made = session.scalars(
            insert(models.LibraryItem).returning(
                models.LibraryItem.id, sort_by_parameter_order=True
            ),
            [
                {
                    "uuid": models.new_uuid(),
                    "candidate_id": sheet.candidate_id,
                    "ref": f.ref,
                    "ref_key": reference_key(f.ref),
                    "title": f.title,
                    "method": f.method.value,
                    "date": f.date,
                    "notes": f.notes,
                    "created_at": now,
                    "updated_at": now,
                }
                for f in new
            ],
        ).all()
        known.update((f.key(), item_id) for f, item_id in zip(new, made, strict=True))
    _write_row_items(session, sheet, rows, [known[f.key()] for f in fields])


def _write_row_items(
    session: Session, sheet: models.Sheet, rows: Sequence[EvidenceRow], items: list[int]
) -> None:
    """The rows, each of its library item, and their ticks."""
    fields = [ItemFields.of(row) for row in rows]
    session.execute(
        insert(models.EvidenceItem),
        [
            {
                "sheet_id": sheet.id,
                "library_item_id": item_id,
                "position": position,
                "ref": f.ref,
                "ref_key": reference_key(f.ref),
                "title": f.title,
                "method": f.method.value,
                "date": f.date,
                "notes": f.notes,
            }
            for position, (f, item_id) in enumerate(zip(fields, items, strict=True))
        ],
    )
    ids = session.execute(
        select(models.EvidenceItem.id)
        .where(models.EvidenceItem.sheet_id == sheet.id)
        .order_by(models.EvidenceItem.position)
    ).scalars()
    ticks = [
        {"evidence_id": item_id, "criterion": criterion}
        for item_id, row in zip(ids, rows, strict=True)
        for criterion in sorted(row.criteria)
    ]
    if ticks:
        session.execute(insert(models.Tick), ticks)


def normalised(content: SheetContent) -> SheetContent:
    return replace(content, candidate=normalised_candidate(content.candidate))


def normalised_candidate(candidate: Candidate) -> Candidate:
    return Candidate(
        normalise(candidate.name),
        normalise(candidate.candidate_number),
        normalise(candidate.centre_number),
    )


def _event_dict(event: AuditEntry) -> dict[str, object]:
    data = asdict(event)
    data["changes"] = [[c.what, c.old, c.new] for c in event.changes]
    return data


def same_sheet(session: Session, content: SheetContent, sealed: Seal | None) -> int | None:
    """A sheet already in the store that the file is a copy of: the same record code, or a
    draft with the same candidate, unit and content."""
    if sealed is not None:
        found = session.scalars(
            select(models.Sheet.id).where(models.Sheet.record_code == sealed.code)
        ).first()
        if found is None:
            found = session.scalars(
                select(models.SheetVersion.sheet_id).where(
                    models.SheetVersion.record_code == sealed.code
                )
            ).first()
        return found
    wanted = canonical_content(content)
    for sheet_id in session.scalars(
        select(models.Sheet.id)
        .join(models.Candidate)
        .where(
            models.Sheet.unit_id == content.unit.id,
            models.Sheet.record_code.is_(None),
            models.Candidate.name == content.candidate.name,
            models.Candidate.candidate_number == content.candidate.candidate_number,
        )
    ):
        if canonical_content(convert.sheet_content(load_sheet(session, sheet_id))) == wanted:
            return sheet_id
    return None


def find_or_add_candidate(
    tx: Tx, candidate: Candidate, uuid: str | None = None
) -> models.Candidate:
    """The candidate of that number and centre (or name, without a number), or a new one
    (`uuid`: the identity the file gives them)."""
    session = tx.session
    if candidate.candidate_number:
        existing = session.scalars(
            select(models.Candidate).where(
                models.Candidate.candidate_number == candidate.candidate_number,
                models.Candidate.centre_number == candidate.centre_number,
            )
        ).first()
        if existing is not None:
            if normalise(existing.name) != candidate.name:
                raise ImportRefused(
                    f"candidate: candidate number {candidate.candidate_number} at centre "
                    f"{candidate.centre_number or '(none)'} is {existing.name!r} in this store "
                    f"but {candidate.name!r} in the file; correct one of them first"
                )
            return existing
    else:
        existing = session.scalars(
            select(models.Candidate).where(
                models.Candidate.name == candidate.name,
                models.Candidate.candidate_number == "",
                models.Candidate.centre_number == candidate.centre_number,
            )
        ).first()
        if existing is not None:
            return existing
    row = models.Candidate(
        name=candidate.name,
        candidate_number=candidate.candidate_number,
        centre_number=candidate.centre_number,
        created_at=tx.now(),
    )
    if uuid is not None:
        row.uuid = uuid
    session.add(row)
    session.flush()
    tx.log(
        "candidate added",
        "with an imported sheet",
        candidate_id=row.id,
        changes=[
            Change("name", "", row.name),
            Change("candidate number", "", row.candidate_number),
            Change("centre number", "", row.centre_number),
        ],
    )
    return row
