"""The store's changes to a sheet's evidence — rows added, edited, moved and deleted, ticks set
and cleared — as functions of a transaction (tx.py), each with its audit event (old -> new).

A change of the evidence removes the signatures the candidate and the line manager made before
it (they signed the evidence as it was); a sheet the assessor signed is locked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from ercsheet.catalogue.model import Grade
from ercsheet.catalogue.snapshot import unit_from_json
from ercsheet.domain import evidence_rules, rules
from ercsheet.domain.audit import Change
from ercsheet.domain.library import Holding, ItemFields
from ercsheet.domain.rules import Problem
from ercsheet.domain.sheet import EvidenceRow, SheetContent
from ercsheet.domain.vocabulary import Method, Role
from ercsheet.store import convert, models
from ercsheet.store import library_operations as library
from ercsheet.store.evidence_changes import row_changes, tick_states, void_earlier_signatures
from ercsheet.store.operations import get, load_sheet
from ercsheet.store.tx import Tx
from ercsheet.store.values import NotFound, RuleViolation

# --- evidence -----------------------------------------------------------------------------------


class RemovedRow(NamedTuple):
    """A row deleted, as undo puts it back: where it was, what it held, and its item."""

    position: int
    row: EvidenceRow
    item_uuid: str
    # Where the item is held, when the item went with the row: undo brings it back whole.
    holding: Holding = Holding()


def add_evidence(
    tx: Tx,
    sheet_id: int,
    row: EvidenceRow,
    position: int | None,
    item_uuid: str | None = None,
    holding: Holding | None = None,
) -> int:
    """A new item of the candidate's, on this sheet. `item_uuid` names an item a deleted row
    was of (undo): the row is of that item again if it is still in the library (its fields
    the item's now), else the item comes back with its identity and `holding`."""
    sheet = _editable_sheet(tx, sheet_id)
    existing = (
        library.item_by_uuid(tx.session, sheet.candidate_id, item_uuid) if item_uuid else None
    )
    if existing is not None:
        row = library.fields_of(existing).row(row.criteria)
    content = convert.sheet_content(sheet)
    _check_row(tx, content, row, content.evidence)
    item = existing or library.new_item(tx, sheet.candidate_id, ItemFields.of(row), uuid=item_uuid)
    return _place(tx, sheet, library.link_row(item, row, 0), position, "evidence added")


def add_existing_evidence(tx: Tx, sheet_id: int, item_id: int, position: int | None) -> int:
    """An item of the candidate's library on this sheet too, with no ticks yet."""
    sheet = _editable_sheet(tx, sheet_id)
    item = library.candidate_item(tx.session, sheet.candidate_id, item_id)
    if any(r.library_item_id == item_id for r in sheet.evidence):
        raise RuleViolation(
            [Problem(rules.Rule.UNIQUE_REFERENCE, f"{item.ref} is on this sheet already.")]
        )
    row = library.fields_of(item).row()
    content = convert.sheet_content(sheet)
    _check_row(tx, content, row, content.evidence)
    made = library.link_row(item, row, 0)
    return _place(tx, sheet, made, position, "evidence added", "from the candidate's library")


def _place(
    tx: Tx,
    sheet: models.Sheet,
    made: models.EvidenceItem,
    position: int | None,
    action: str,
    detail: str = "",
) -> int:
    items = list(sheet.evidence)
    position = len(items) if position is None else max(0, min(position, len(items)))
    items.insert(position, made)
    sheet.evidence = items
    _renumber(items)
    tx.session.flush()
    changes = row_changes(None, convert.evidence_row(made))
    tx.log(action, detail, sheet_id=sheet.id, candidate_id=sheet.candidate_id, changes=changes)
    void_earlier_signatures(tx, sheet, list(sheet.signatures))
    return made.id


def evidence(session: Session, evidence_id: int) -> EvidenceRow:
    return convert.evidence_row(get(session, models.EvidenceItem, evidence_id))


def update_evidence(tx: Tx, evidence_id: int, row: EvidenceRow) -> None:
    """Replace an item's fields and ticks with `row`'s. The fields are the library item's:
    every other draft sheet using it follows (library.change_item)."""
    item = get(tx.session, models.EvidenceItem, evidence_id)
    sheet = _editable_sheet(tx, item.sheet_id)
    content = convert.sheet_content(sheet)
    old = convert.evidence_row(item)
    others = [convert.evidence_row(i) for i in sheet.evidence if i.id != evidence_id]
    _check_row(tx, content, row, others)
    library.change_item(tx, item.library_item, ItemFields.of(row), origin=item)
    library.set_fields(item, ItemFields.of(row))
    current = {t.criterion for t in item.ticks}
    item.ticks = [t for t in item.ticks if t.criterion in row.criteria] + [
        models.Tick(criterion=c) for c in sorted(row.criteria - current)
    ]
    changes = row_changes(old, convert.evidence_row(item))
    if changes:
        _evidence_changed(tx, sheet, "evidence edited", old.ref, changes)


def set_tick(tx: Tx, evidence_id: int, criterion: str, covered: bool) -> None:
    # The most frequent edit: checked with a few small queries, not by loading the sheet.
    session = tx.session
    found = session.execute(
        select(
            models.Sheet.id,
            models.Sheet.unit_snapshot,
            models.EvidenceItem.ref,
            models.EvidenceItem.method,
        )
        .join(models.EvidenceItem)
        .where(models.EvidenceItem.id == evidence_id)
    ).one_or_none()
    if found is None:
        raise NotFound(f"There is no evidence item {evidence_id}.")
    sheet_id, snapshot, ref, method = found
    signed = session.scalars(
        select(models.SignatureRecord).where(models.SignatureRecord.sheet_id == sheet_id)
    ).all()
    if any(s.role == Role.ASSESSOR for s in signed):
        raise RuleViolation([_locked_problem()])
    unit = unit_from_json(snapshot)
    if criterion not in unit.criterion_numbers:
        raise RuleViolation(
            [Problem(rules.Rule.UNKNOWN_CRITERION, f"This unit has no criterion {criterion}.")]
        )
    tick = session.get(models.Tick, (evidence_id, criterion))
    if covered == (tick is not None):
        return
    refused = evidence_rules.refused_for_criterion(unit, Method(method), criterion)
    if covered and refused is not None:
        raise RuleViolation([Problem(rules.Rule.CRITERION_METHODS, refused)])
    if covered:
        session.add(models.Tick(evidence_id=evidence_id, criterion=criterion))
    else:
        session.delete(tick)
    sheet = session.get(models.Sheet, sheet_id)
    assert sheet is not None
    sheet.updated_at = tx.now()
    change = Change(f"{ref} × {criterion}", *tick_states(covered))
    _log_evidence(tx, sheet, "tick set" if covered else "tick cleared", ref, [change])
    void_earlier_signatures(tx, sheet, signed)


def delete_evidence(tx: Tx, evidence_id: int, keep_item: bool = False) -> RemovedRow:
    """Remove a row; its item goes too when no other sheet uses it, unless `keep_item` (undoing
    the addition of a library item to the sheet: it stays in the library, as it was). Returns
    what undo needs to put it back."""
    item = get(tx.session, models.EvidenceItem, evidence_id)
    sheet = _editable_sheet(tx, item.sheet_id)
    shared = item.library_item
    removed = RemovedRow(
        item.position, convert.evidence_row(item), shared.uuid, library.holding_of(shared)
    )
    items = [i for i in sheet.evidence if i.id != evidence_id]
    tx.session.delete(item)
    tx.session.flush()
    _renumber(items)
    kept = keep_item or not library.forget_if_unused(tx, shared)
    detail = "still in the candidate's library, used on other sheets" if kept else ""
    changes = row_changes(removed.row, None)
    tx.log(
        "evidence deleted",
        detail,
        sheet_id=sheet.id,
        candidate_id=sheet.candidate_id,
        changes=changes,
    )
    void_earlier_signatures(tx, sheet, list(sheet.signatures))
    return removed


def move_evidence(tx: Tx, evidence_id: int, new_position: int) -> None:
    item = get(tx.session, models.EvidenceItem, evidence_id)
    sheet = _editable_sheet(tx, item.sheet_id)
    old = item.position
    items = [i for i in sheet.evidence if i.id != evidence_id]
    items.insert(max(0, min(new_position, len(items))), item)
    _renumber(items)
    if item.position != old:
        change = Change(f"row of {item.ref}", str(old + 1), str(item.position + 1))
        _evidence_changed(tx, sheet, "evidence moved", item.ref, [change])


# --- what every change of evidence does -----------------------------------------------------------


def _evidence_changed(
    tx: Tx, sheet: models.Sheet, action: str, ref: str, changes: Sequence[Change]
) -> None:
    _log_evidence(tx, sheet, action, ref, changes)
    void_earlier_signatures(tx, sheet, list(sheet.signatures))


def _log_evidence(
    tx: Tx, sheet: models.Sheet, action: str, ref: str, changes: Sequence[Change]
) -> None:
    """`ref` names the item when the changes do not (an edit, a tick, a move)."""
    tx.log(action, ref, sheet_id=sheet.id, candidate_id=sheet.candidate_id, changes=changes)


def _check_row(
    tx: Tx, content: SheetContent, row: EvidenceRow, others: Sequence[EvidenceRow]
) -> None:
    problems = rules.blocking(
        evidence_rules.check_evidence_row(content.unit, row, others, tx.today())
    )
    if problems:
        raise RuleViolation(problems)


def _renumber(items: Sequence[models.EvidenceItem]) -> None:
    for index, item in enumerate(items):
        item.position = index


def set_grade(tx: Tx, sheet_id: int, grade: Grade | None) -> None:
    """The grade the assessor awards on a graded unit's sheet, chosen before signing (whether
    the evidence reaches it is checked when the assessor signs: evidence may come after)."""
    sheet = _editable_sheet(tx, sheet_id)
    if grade is not None:
        problems = rules.grade_problems(replace(convert.sheet_content(sheet), grade=grade))
        if problems:
            raise RuleViolation(problems)
    old = sheet.grade
    sheet.grade = grade.value if grade else ""
    tx.log(
        "grade chosen",
        sheet_id=sheet_id,
        candidate_id=sheet.candidate_id,
        changes=[Change("grade awarded", old or "(none)", sheet.grade or "(none)")],
    )


def _editable_sheet(tx: Tx, sheet_id: int) -> models.Sheet:
    sheet = load_sheet(tx.session, sheet_id)
    if any(s.role == Role.ASSESSOR for s in sheet.signatures):
        raise RuleViolation([_locked_problem()])
    sheet.updated_at = tx.now()
    return sheet


def _locked_problem() -> Problem:
    return Problem(
        rules.Rule.SIGNATURE_ORDER,
        "This sheet is signed by the assessor and locked: reopen it to change it "
        "(this voids the signatures).",
    )
