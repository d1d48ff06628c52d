"""The candidate's evidence library in the store (domain.library): items made, linked to sheets,
edited everywhere they are used on a draft sheet, and let go when no sheet uses them.

Each function works inside an operation's transaction (tx.py); the operations that call them log
the audit events, except an edit's echo on the other sheets using the item, logged here.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ercsheet.domain import evidence_rules, rules
from ercsheet.domain.audit import Change
from ercsheet.domain.evidence_rules import reference_key
from ercsheet.domain.library import Holding, ItemFields, holding_problems, reference_problem
from ercsheet.domain.sheet import EvidenceRow
from ercsheet.domain.vocabulary import Method, Role
from ercsheet.store import convert, models
from ercsheet.store.evidence_changes import row_changes, void_earlier_signatures
from ercsheet.store.tx import Tx
from ercsheet.store.values import NotFound, RuleViolation


def fields_of(item: models.LibraryItem | models.EvidenceItem) -> ItemFields:
    return ItemFields(item.ref, item.title, Method(item.method), item.date, item.notes)


def other_refs(session: Session, candidate_id: int, item_id: int | None) -> list[str]:
    """The references of the candidate's items other than `item_id`."""
    query = select(models.LibraryItem.ref).where(models.LibraryItem.candidate_id == candidate_id)
    if item_id is not None:
        query = query.where(models.LibraryItem.id != item_id)
    return list(session.scalars(query))


def new_item(
    tx: Tx,
    candidate_id: int,
    fields: ItemFields,
    holding: Holding | None = None,
    uuid: str | None = None,
) -> models.LibraryItem:
    """A new item of the candidate's (`uuid`: the identity it had, when one comes back)."""
    problem = reference_problem(fields.ref, None, other_refs(tx.session, candidate_id, None))
    holding = holding or Holding()
    problems = ([problem] if problem else []) + holding_problems(holding)
    if problems:
        raise RuleViolation(problems)
    now = tx.now()
    item = models.LibraryItem(candidate_id=candidate_id, created_at=now, updated_at=now)
    if uuid is not None:
        item.uuid = uuid
    set_fields(item, fields)
    set_holding(item, holding)
    tx.session.add(item)
    tx.session.flush()
    return item


def holding_of(item: models.LibraryItem) -> Holding:
    return Holding(item.held_at, item.file_path, item.file_sha256)


def candidate_item(session: Session, candidate_id: int, item_id: int) -> models.LibraryItem:
    item = session.get(models.LibraryItem, item_id)
    if item is None or item.candidate_id != candidate_id:
        raise NotFound(f"There is no evidence item {item_id} of this candidate.")
    return item


def item_by_uuid(session: Session, candidate_id: int, uuid: str) -> models.LibraryItem | None:
    return session.scalars(
        select(models.LibraryItem).where(
            models.LibraryItem.uuid == uuid, models.LibraryItem.candidate_id == candidate_id
        )
    ).first()


def change_item(
    tx: Tx, item: models.LibraryItem, fields: ItemFields, origin: models.EvidenceItem | None
) -> None:
    """Give `item` new fields, and every row of it on a draft sheet with it. `origin`, the row
    the assessor edited (None: the library itself), is the caller's to check and log; each
    other sheet's row is checked against that sheet's rules (a method its unit refuses for a
    criterion the row ticks is refused, naming the sheet) and logged on that sheet."""
    if fields == fields_of(item):
        return
    problem = reference_problem(
        fields.ref, item.ref, other_refs(tx.session, item.candidate_id, item.id)
    )
    if problem is not None:
        raise RuleViolation([problem])
    set_fields(item, fields)
    item.updated_at = tx.now()
    for row in followers(item):
        if row is not origin:
            _follow(tx, row, fields, origin)


def followers(item: models.LibraryItem) -> list[models.EvidenceItem]:
    """The rows that follow the item: those on sheets the assessor has not signed."""
    return [row for row in item.rows if not _locked(row.sheet)]


def resync(tx: Tx, sheet: models.Sheet) -> list[Change]:
    """Bring a reopened sheet's rows up to their items' fields (edits made while it was
    signed); returns what changed, for the caller's event. A row whose item now has the
    reference of another row of the sheet (two items an older store gave one reference) keeps
    its fields: the sheet's references stay unique."""
    changes: list[Change] = []
    for row in sheet.evidence:
        wanted = fields_of(row.library_item)
        taken = {reference_key(r.ref) for r in sheet.evidence if r is not row}
        if fields_of(row) != wanted and reference_key(wanted.ref) not in taken:
            changes += _field_changes(fields_of(row), wanted)
            set_fields(row, wanted)
    return changes


def forget_if_unused(tx: Tx, item: models.LibraryItem) -> bool:
    """Delete the item when no sheet uses it any more (a row deleted was its last)."""
    tx.session.flush()
    tx.session.expire(item, ["rows"])
    if item.rows:
        return False
    tx.session.delete(item)
    return True


def _follow(
    tx: Tx, row: models.EvidenceItem, fields: ItemFields, origin: models.EvidenceItem | None
) -> None:
    sheet = row.sheet
    content = convert.sheet_content(sheet)
    others = [convert.evidence_row(i) for i in sheet.evidence if i.id != row.id]
    moved = fields.row(t.criterion for t in row.ticks)
    problems = rules.blocking(
        evidence_rules.check_evidence_row(content.unit, moved, others, tx.today())
    )
    if problems:
        where = _sheet_name(sheet)
        raise RuleViolation(
            [rules.Problem(p.rule, f"On the sheet of {where}: {p.message}") for p in problems]
        )
    before = fields_of(row)
    set_fields(row, fields)
    sheet.updated_at = tx.now()
    elsewhere = f"edited on the sheet of {_sheet_name(origin.sheet)}" if origin else "edited"
    tx.log(
        "evidence edited",
        f"{fields.ref}: a shared item, {elsewhere}",
        sheet_id=sheet.id,
        candidate_id=sheet.candidate_id,
        changes=_field_changes(before, fields),
    )
    void_earlier_signatures(tx, sheet, list(sheet.signatures))


def _sheet_name(sheet: models.Sheet) -> str:
    unit = convert.unit_of(sheet)
    return unit.unit_label(unit.context(sheet.qualification)) or unit.display_title


def _locked(sheet: models.Sheet) -> bool:
    return any(s.role == Role.ASSESSOR for s in sheet.signatures)


def _field_changes(old: ItemFields, new: ItemFields) -> list[Change]:
    return row_changes(old.row(), new.row())


def set_fields(item: models.LibraryItem | models.EvidenceItem, fields: ItemFields) -> None:
    item.ref, item.ref_key = fields.ref.strip(), reference_key(fields.ref)
    item.title, item.method, item.date, item.notes = (
        fields.title,
        fields.method.value,
        fields.date,
        fields.notes,
    )


def set_holding(item: models.LibraryItem, holding: Holding) -> None:
    item.held_at, item.file_path, item.file_sha256 = (
        holding.held_at,
        holding.file_path,
        holding.file_sha256,
    )


def link_row(item: models.LibraryItem, row: EvidenceRow, position: int) -> models.EvidenceItem:
    """A row of `item` for a sheet: the item's fields, `row`'s ticks."""
    made = convert.evidence_item(fields_of(item).row(row.criteria), position)
    made.library_item = item
    return made


# --- the library's own operations (the candidate's view of their evidence) ----------------------


def add_item(tx: Tx, candidate_id: int, fields: ItemFields, holding: Holding) -> int:
    item = new_item(tx, candidate_id, fields, holding)
    tx.log(
        "library item added",
        candidate_id=candidate_id,
        changes=_field_changes(ItemFields("", "", fields.method, None, ""), fields)
        + _holding_changes(Holding(), holding),
    )
    return item.id


def update_item(tx: Tx, item_id: int, fields: ItemFields, holding: Holding) -> None:
    """Edit an item from the library: every draft sheet using it follows; signed sheets keep
    it as they were signed."""
    item = tx.session.get(models.LibraryItem, item_id)
    if item is None:
        raise NotFound(f"There is no evidence item {item_id}.")
    problems = holding_problems(holding)
    if problems:
        raise RuleViolation(problems)
    before, held = fields_of(item), holding_of(item)
    change_item(tx, item, fields, origin=None)
    set_holding(item, holding)
    changes = _field_changes(before, fields) + _holding_changes(held, holding)
    if changes:
        item.updated_at = tx.now()
        tx.log("library item edited", fields.ref, candidate_id=item.candidate_id, changes=changes)


def delete_item(tx: Tx, item_id: int) -> None:
    item = tx.session.get(models.LibraryItem, item_id)
    if item is None:
        raise NotFound(f"There is no evidence item {item_id}.")
    if item.rows:
        raise RuleViolation(
            [
                rules.Problem(
                    rules.Rule.REQUIRED_FIELD,
                    f"{item.ref} is used on {len(item.rows)} sheet(s): remove it from them first.",
                )
            ]
        )
    held = holding_of(item)
    changes = _field_changes(fields_of(item), ItemFields("", "", Method(item.method), None, ""))
    tx.session.delete(item)
    tx.log(
        "library item deleted",
        candidate_id=item.candidate_id,
        changes=changes + _holding_changes(held, Holding()),
    )


def _holding_changes(old: Holding, new: Holding) -> list[Change]:
    pairs = [
        ("held at", old.held_at, new.held_at),
        ("file", old.file_path or "", new.file_path or ""),
        ("file SHA-256", old.file_sha256 or "", new.file_sha256 or ""),
    ]
    return [Change(what, a, b) for what, a, b in pairs if a != b]
