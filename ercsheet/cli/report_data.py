"""What the candidate reports print, read from the store: the inputs of ercsheet/pdf's matrix
and progress report. Here, not in the printout (which reads no store) nor in the store (which
prints nothing); the printout's modules are imported on use, as the commands import them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ercsheet.domain.sheet import SheetContent
from ercsheet.store.reading import SheetSummary

if TYPE_CHECKING:
    from ercsheet.pdf.report_input import MatrixInput, ProgressInput, ReportHead, UnitProgress
    from ercsheet.store.store import Store

# How many items "Evidence covering most criteria" lists.
TOP_ITEMS = 10


@dataclass(frozen=True)
class CandidateSheet:
    """One of the candidate's sheets, named by a label unique among their sheets."""

    label: str
    summary: SheetSummary
    content: SheetContent


def candidate_sheets(store: Store, candidate_id: int) -> list[CandidateSheet]:
    """The candidate's sheets, each labelled as the library names its unit ("Unit 44 (D.05)");
    a second sheet of the same unit is told apart by its number."""
    found: list[CandidateSheet] = []
    for summary in store.sheets(candidate_id):
        label = summary.unit_label or summary.unit_title
        if any(sheet.label == label for sheet in found):
            label = f"{label} (sheet {summary.id})"
        found.append(CandidateSheet(label, summary, store.sheet(summary.id)))
    return found


def report_head(store: Store, candidate_id: int, printed_on: dt.date) -> ReportHead:
    from ercsheet.pdf.report_input import ReportHead

    candidate = store.candidate(candidate_id)
    return ReportHead(
        candidate.name, candidate.candidate_number, candidate.centre_number, printed_on
    )


def matrix_input(store: Store, candidate_id: int, printed_on: dt.date) -> MatrixInput:
    """The candidate's library items against every criterion of the units they have sheets of."""
    from ercsheet.pdf.report_input import MatrixInput, MatrixItem, MatrixOutcome, MatrixUnit

    sheets = candidate_sheets(store, candidate_id)
    units = tuple(
        MatrixUnit(
            sheet.label,
            sheet.summary.unit_title,
            tuple(
                MatrixOutcome(band, tuple(c.number for c in criteria))
                for band, criteria in sheet.content.unit.grid_groups
            ),
        )
        for sheet in sheets
    )
    label_of = {sheet.summary.id: sheet.label for sheet in sheets}
    items = []
    for entry in store.library(candidate_id):
        ticks: dict[str, frozenset[str]] = {}
        for use in entry.uses:
            label = label_of[use.sheet_id]
            ticks[label] = ticks.get(label, frozenset()) | frozenset(use.criteria)
        fields = entry.fields
        items.append(MatrixItem(fields.ref, fields.title, fields.method, fields.date, ticks))
    return MatrixInput(report_head(store, candidate_id, printed_on), units, tuple(items))


def progress_input(store: Store, candidate_id: int, printed_on: dt.date) -> ProgressInput:
    """Each unit's coverage, by outcome, and what is still uncovered; then the items covering
    most criteria. Every unit under `UNREGISTERED` until the store reads registrations."""
    from ercsheet.pdf.report_input import (
        UNREGISTERED,
        ProgressInput,
        QualificationSection,
        TopItem,
    )

    units = tuple(unit_progress(sheet) for sheet in candidate_sheets(store, candidate_id))
    sections = (QualificationSection(UNREGISTERED, (), units),) if units else ()
    ranked = []
    for entry in store.library(candidate_id):
        counted = [use for use in entry.uses if use.criteria]
        criteria = sum(len(use.criteria) for use in counted)
        if criteria:
            units_used = len({use.sheet_id for use in counted})
            ranked.append(TopItem(entry.fields.ref, entry.fields.title, criteria, units_used))
    ranked.sort(key=lambda item: -item.criteria)  # stable: by reference among equals
    head = report_head(store, candidate_id, printed_on)
    return ProgressInput(head, sections, tuple(ranked[:TOP_ITEMS]))


def unit_progress(sheet: CandidateSheet) -> UnitProgress:
    from ercsheet.pdf.report_input import OutcomeProgress, UnitProgress

    unit = sheet.content.unit
    ticked = {number for row in sheet.content.evidence for number in row.criteria}
    outcomes = tuple(
        OutcomeProgress(lo.label, sum(c.number in ticked for c in lo.criteria), len(lo.criteria))
        for lo in unit.learning_outcomes
        if lo.criteria
    )
    summary = sheet.summary
    return UnitProgress(
        sheet.label,
        summary.unit_title,
        summary.status,
        summary.covered,
        summary.total,
        outcomes,
        tuple(n for n in unit.criterion_numbers if n not in ticked),
    )
