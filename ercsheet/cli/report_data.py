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
    from ercsheet.catalogue.loaded import Catalogue
    from ercsheet.pdf.report_input import MatrixInput, ProgressInput, ReportHead, UnitProgress
    from ercsheet.store.progress_reading import UnitProgress as StoredUnitProgress
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
    two sheets of the same unit are told apart by their numbers (progress_words.sheet_names)."""
    from ercsheet.domain.progress_words import sheet_names

    summaries = store.sheets(candidate_id)
    labels = sheet_names({s.id: s.unit_label or s.unit_title for s in summaries})
    return [CandidateSheet(labels[s.id], s, store.sheet(s.id)) for s in summaries]


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


def progress_input(
    store: Store, candidate_id: int, catalogue: Catalogue, printed_on: dt.date
) -> ProgressInput:
    """The candidate's progress as the store reads it (Store.progress): a section per
    qualification they are registered on, with its rules of combination in words, then the
    units of no registration; then the items covering most criteria."""
    from ercsheet.domain.progress_words import rule_lines, status
    from ercsheet.pdf.report_input import (
        UNREGISTERED,
        ProgressInput,
        QualificationSection,
        TopItem,
    )

    found = store.progress(candidate_id, catalogue, top=TOP_ITEMS)
    labels = {sheet.summary.id: sheet for sheet in candidate_sheets(store, candidate_id)}
    sections = []
    for registration in found.registrations:
        said = (
            [status(registration.rules), *rule_lines(registration.rules)]
            if registration.rules is not None
            else ["The qualification is not in the catalogue: its rules cannot be shown."]
        )
        title = registration.title + (
            f" (registration {registration.number})" if registration.number else ""
        )
        units = tuple(unit_progress(labels[u.sheet_id], u) for u in registration.units)
        sections.append(QualificationSection(title, tuple(said), units))
    if found.other_sheets:
        units = tuple(unit_progress(labels[u.sheet_id], u) for u in found.other_sheets)
        sections.append(QualificationSection(UNREGISTERED, (), units))
    top = tuple(
        TopItem(item.ref, item.title, item.criteria, item.sheets) for item in found.top_items
    )
    head = report_head(store, candidate_id, printed_on)
    return ProgressInput(head, tuple(sections), top)


def unit_progress(sheet: CandidateSheet, unit: StoredUnitProgress) -> UnitProgress:
    from ercsheet.pdf.report_input import OutcomeProgress, UnitProgress

    return UnitProgress(
        sheet.label,
        sheet.summary.unit_title,
        unit.status,
        unit.covered,
        unit.total,
        tuple(OutcomeProgress(o.label, o.covered, o.total) for o in unit.outcomes),
        unit.uncovered,
    )
