"""The store's changes to a sheet's evidence — rows added, edited, moved and deleted, ticks set
and cleared — as functions of a transaction (tx.py), each with its audit event (old -> new).

A change of the evidence removes the signatures the candidate and the line manager made before
it (they signed the evidence as it was); a sheet the assessor signed is locked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ercsheet.catalogue.model import Grade, criterion_order
from ercsheet.catalogue.snapshot import unit_from_json
from ercsheet.domain import evidence_rules, rules
from ercsheet.domain.audit import Change
from ercsheet.domain.dates import uk
from ercsheet.domain.rules import Problem
from ercsheet.domain.sheet import EvidenceRow, SheetContent
from ercsheet.domain.vocabulary import Method, Role
from ercsheet.store import convert, models
from ercsheet.store.operations import diff, get, load_sheet
from ercsheet.store.tx import Tx
from ercsheet.store.values import NotFound, RuleViolation

# --- evidence -----------------------------------------------------------------------------------


def add_evidence(tx: Tx, sheet_id: int, row: EvidenceRow, position: int | None) -> int:
    sheet = _editable_sheet(tx, sheet_id)
    content = convert.sheet_content(sheet)
    _check_row(tx, content, row, content.evidence)
    items = list(sheet.evidence)
    position = len(items) if position is None else max(0, min(position, len(items)))
    item = convert.evidence_item(row, position)
    items.insert(position, item)
    sheet.evidence = items
    _renumber(items)
    tx.session.flush()
    _evidence_changed(
        tx, sheet, "evidence added", "", _row_changes(None, convert.evidence_row(item))
    )
    return item.id


def evidence(session: Session, evidence_id: int) -> EvidenceRow:
    return convert.evidence_row(get(session, models.EvidenceItem, evidence_id))


def update_evidence(tx: Tx, evidence_id: int, row: EvidenceRow) -> None:
    """Replace an item's fields and ticks with `row`'s."""
    item = get(tx.session, models.EvidenceItem, evidence_id)
    sheet = _editable_sheet(tx, item.sheet_id)
    content = convert.sheet_content(sheet)
    old = convert.evidence_row(item)
    others = [convert.evidence_row(i) for i in sheet.evidence if i.id != evidence_id]
    _check_row(tx, content, row, others)
    item.ref, item.ref_key = row.ref.strip(), convert.ref_key(row.ref)
    item.title, item.method, item.date, item.notes = (
        row.title,
        row.method.value,
        row.date,
        row.notes,
    )
    current = {t.criterion for t in item.ticks}
    item.ticks = [t for t in item.ticks if t.criterion in row.criteria] + [
        models.Tick(criterion=c) for c in sorted(row.criteria - current)
    ]
    changes = _row_changes(old, convert.evidence_row(item))
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
    change = Change(f"{ref} × {criterion}", *_tick_states(covered))
    _log_evidence(tx, sheet, "tick set" if covered else "tick cleared", ref, [change])
    void_earlier_signatures(tx, sheet, signed)


def delete_evidence(tx: Tx, evidence_id: int) -> tuple[int, EvidenceRow]:
    """Remove an item; returns its position and content so it can be put back (undo)."""
    item = get(tx.session, models.EvidenceItem, evidence_id)
    sheet = _editable_sheet(tx, item.sheet_id)
    position, row = item.position, convert.evidence_row(item)
    items = [i for i in sheet.evidence if i.id != evidence_id]
    tx.session.delete(item)
    tx.session.flush()
    _renumber(items)
    _evidence_changed(tx, sheet, "evidence deleted", "", _row_changes(row, None))
    return position, row


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


def void_earlier_signatures(
    tx: Tx,
    sheet: models.Sheet,
    signatures: Sequence[models.SignatureRecord],
    why: str = "the evidence changed after they signed: they sign again",
) -> None:
    """The candidate and the line manager signed the evidence as it was: a change to it
    removes their signatures (each an audit event, saying `why`), so no declaration stands
    over evidence its signer never saw."""
    for record in signatures:
        tx.session.delete(record)
        tx.log(
            "signature voided",
            why,
            sheet_id=sheet.id,
            candidate_id=sheet.candidate_id,
            changes=[
                Change(
                    convert.signer_label(sheet, record), f"{record.name}, {uk(record.date)}", ""
                ),
            ],
        )
    if signatures:
        tx.session.flush()
        tx.session.expire(sheet, ["signatures"])


def _row_changes(old: EvidenceRow | None, new: EvidenceRow | None) -> list[Change]:
    def fields(row: EvidenceRow | None) -> list[str]:
        if row is None:
            return ["", "", "", "", "", ""]
        return [
            row.ref,
            row.title,
            row.method.label,
            uk(row.date),
            ", ".join(sorted(row.criteria, key=criterion_order)),
            row.notes,
        ]

    names = ["reference", "title", "method", "date", "criteria", "notes"]
    changes = diff(list(zip(names, fields(old), fields(new), strict=True)))
    if old is not None and new is not None:
        # An edit says what each field was, even when it was empty.
        changes = [Change(c.what, c.old or "(empty)", c.new or "(empty)") for c in changes]
        # Ticks are said one by one: "1.2 ticked", "2.1 cleared".
        changes = [c for c in changes if c.what != "criteria"]
        ref = new.ref
        changes += [
            Change(f"{ref} × {c}", *_tick_states(True)) for c in sorted(new.criteria - old.criteria)
        ]
        changes += [
            Change(f"{ref} × {c}", *_tick_states(False))
            for c in sorted(old.criteria - new.criteria)
        ]
    return changes


def _tick_states(covered: bool) -> tuple[str, str]:
    """(old, new) of a tick set (True) or cleared."""
    return ("not ticked", "ticked") if covered else ("ticked", "not ticked")


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
