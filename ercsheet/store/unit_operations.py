"""A draft sheet brought to its unit's current file: its copy of the unit (the snapshot) replaced,
in one transaction with its audit event listing what changed (old → new) and each tick dropped.

A sheet keeps the unit it was made against, so a unit file edited later never changes a sheet
unasked. But a unit saved before its criteria were all transcribed (`complete = false`) makes
sheets that can never be signed off, and a typo corrected in the file would never reach them:
the assessor updates a draft, having read what changes (domain/unit_update.py). A signed sheet
keeps the unit it was sealed with.
"""

from __future__ import annotations

from dataclasses import replace

from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.snapshot import unit_to_json
from ercsheet.domain import evidence_rules, rules
from ercsheet.domain.audit import Change
from ercsheet.domain.problems import Problem, Rule
from ercsheet.domain.sheet import SheetContent
from ercsheet.domain.unit_update import UnitChanges, dropped_ticks_problem, unit_changes
from ercsheet.domain.vocabulary import Role
from ercsheet.store import convert, models
from ercsheet.store.evidence_changes import void_earlier_signatures
from ercsheet.store.operations import load_sheet
from ercsheet.store.tx import Tx
from ercsheet.store.values import RuleViolation


def update_sheet_unit(tx: Tx, sheet_id: int, unit: Unit, drop_ticks: bool) -> UnitChanges:
    """Put `unit` (the catalogue's version of the sheet's unit) on the draft sheet; what changed.

    Ticks on criteria `unit` does not have are dropped only when `drop_ticks` says the assessor
    agreed; otherwise the update is refused, naming them. The evidence must meet the rules of the
    unit's current version (a criterion now assessed in real work refuses a simulation's tick).
    Signatures on the draft (the candidate's, the line manager's…) were given over the unit as it
    was: they are voided, as a change of evidence voids them. Nothing to change: nothing written.
    """
    sheet = load_sheet(tx.session, sheet_id)
    _require_updatable(sheet, unit)
    content = convert.sheet_content(sheet)
    changes = unit_changes(content.unit, unit, content.evidence)
    if not changes.any:
        return changes
    if changes.dropped and not drop_ticks:
        raise RuleViolation([dropped_ticks_problem(changes.dropped)])
    updated = _updated_content(content, unit)
    _require_evidence_rules(updated, tx)
    grade = sheet.grade if updated.grade is not None else ""
    tx.log(
        "unit updated",
        "the sheet follows its unit's file as it is now",
        sheet_id=sheet.id,
        candidate_id=sheet.candidate_id,
        changes=[Change(d.what, d.old, d.new) for d in changes.differences]
        + [
            Change(str(tick), "ticked", f"dropped: the unit has no AC {tick.criterion} now")
            for tick in changes.dropped
        ]
        + ([Change("grade awarded", sheet.grade, "(none)")] if grade != sheet.grade else []),
    )
    # Voided before the unit is replaced: the trail names a unit's own line by its label there.
    void_earlier_signatures(
        tx,
        sheet,
        list(sheet.signatures),
        "the sheet's unit was updated after they signed: they sign again",
    )
    for item in sheet.evidence:
        item.ticks = [t for t in item.ticks if t.criterion in unit.criterion_set]
    sheet.unit_snapshot = unit_to_json(unit)
    sheet.grade = grade
    sheet.updated_at = tx.now()
    return changes


def _require_updatable(sheet: models.Sheet, unit: Unit) -> None:
    if unit.id != sheet.unit_id:
        raise RuleViolation(
            [
                Problem(
                    Rule.UNIT_UPDATE,
                    f"Sheet {sheet.id} is a sheet of unit {sheet.unit_id}, not {unit.id}: a "
                    "sheet follows its own unit's file only.",
                )
            ]
        )
    if any(s.role == Role.ASSESSOR for s in sheet.signatures):
        raise RuleViolation(
            [
                Problem(
                    Rule.UNIT_UPDATE,
                    "This sheet is signed off and sealed: it keeps the unit it was signed "
                    "against. To update its unit, reopen it first (this voids the signatures).",
                )
            ]
        )


def _updated_content(content: SheetContent, unit: Unit) -> SheetContent:
    """The sheet as it would be on `unit`: its ticks on criteria `unit` has, its grade kept only
    where `unit` is graded."""
    return replace(
        content,
        unit=unit,
        evidence=tuple(
            replace(row, criteria=row.criteria & unit.criterion_set) for row in content.evidence
        ),
        grade=content.grade if unit.graded else None,
    )


def _require_evidence_rules(updated: SheetContent, tx: Tx) -> None:
    """The evidence as the unit's current version's rules see it (each item named)."""
    problems = rules.blocking(evidence_rules.check_evidence(updated, tx.today()))
    if problems:
        refs = {f"evidence[{i}]": row.ref for i, row in enumerate(updated.evidence)}
        raise RuleViolation(
            [
                Problem(
                    p.rule,
                    f"Evidence {refs.get(p.path, '')}, under the unit's current version: "
                    f"{p.message}",
                )
                for p in problems
            ]
        )
