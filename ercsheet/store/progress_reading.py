"""A candidate's progress, read with plain SQL (like reading.py): their registrations, each unit's
sheet with its coverage (per learning outcome), what the rules of combination say of the units
signed off (domain/combination.py), the sheets of no registration, and the evidence items that
cover most.

A handful of queries for one candidate, whatever their number of sheets: the window shows it
on a click and the commands print it, on stores of thousands of candidates. The values are
plain frozen dataclasses, for the window, `ercsheet progress` and printed reports alike.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import ChainMap
from dataclasses import dataclass

from ercsheet.catalogue.loaded import Catalogue
from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.qualification import Qualification
from ercsheet.catalogue.snapshot import unit_from_json
from ercsheet.domain.combination import Progress, progress
from ercsheet.domain.progress_words import sheet_names
from ercsheet.store import reading
from ercsheet.store.values import CandidateInfo, NotFound


@dataclass(frozen=True)
class OutcomeCoverage:
    label: str  # "LO1", as the grid heads it
    title: str
    covered: int
    total: int


@dataclass(frozen=True)
class UnitProgress:
    """One sheet: its unit as the sheet's header names it ("Unit 40 Manage customer service…"),
    what its evidence covers, whether it is signed off."""

    sheet_id: int
    unit_id: str
    unit_line: str
    # What the window, the commands and the report call the sheet: its unit line, with its
    # number only where the candidate has another sheet of that line (progress_words).
    name: str
    covered: int
    total: int
    outcomes: tuple[OutcomeCoverage, ...]
    # The unit's criteria no evidence of the sheet covers yet, in the unit's order.
    uncovered: tuple[str, ...]
    # Signed off by the assessor: the unit is achieved.
    signed: bool

    @property
    def status(self) -> str:
        return "signed" if self.signed else "draft"


@dataclass(frozen=True)
class RegistrationProgress:
    id: int
    qualification_id: str
    # The qualification's title (its id, when the catalogue no longer has it).
    title: str
    number: str
    registered_on: dt.date | None
    # The sheets of the units chosen, in the qualification's order.
    units: tuple[UnitProgress, ...]
    # What its rules of combination say of the units signed off; None when the catalogue no
    # longer has the qualification (its file was removed or cannot be read).
    rules: Progress | None


@dataclass(frozen=True)
class TopItem:
    """An item of the candidate's evidence library and how much it covers: criteria ticked,
    counted once per sheet, on how many sheets."""

    id: int
    ref: str
    title: str
    criteria: int
    sheets: int


@dataclass(frozen=True)
class CandidateProgress:
    candidate: CandidateInfo
    registrations: tuple[RegistrationProgress, ...]
    # Sheets of no registration (made on their own, or of a registration's unit left out).
    other_sheets: tuple[UnitProgress, ...]
    top_items: tuple[TopItem, ...]

    @property
    def sheets(self) -> tuple[UnitProgress, ...]:
        return tuple(u for r in self.registrations for u in r.units) + self.other_sheets

    @property
    def uncovered(self) -> tuple[UnitProgress, ...]:
        """The sheets with criteria still to cover (each lists them)."""
        return tuple(sheet for sheet in self.sheets if sheet.uncovered)


@dataclass(frozen=True)
class Registered:
    """A registration as stored: the qualification's id, and the sheets of the units chosen."""

    id: int
    qualification_id: str
    number: str
    registered_on: dt.date | None
    sheet_ids: tuple[int, ...]
    uuid: str = ""


REGISTRATIONS = """
    SELECT id, qualification_id, number, registered_on, uuid FROM registration
    WHERE candidate_id = :candidate ORDER BY id"""
SHEETS = """
    SELECT id, unit_id, unit_snapshot, qualification, registration_id FROM sheet
    WHERE candidate_id = :candidate ORDER BY id"""
TOP_ITEMS = """
    SELECT library_item.id, library_item.ref, library_item.title,
           COUNT(DISTINCT evidence_item.sheet_id || ' ' || tick.criterion) AS covered,
           COUNT(DISTINCT evidence_item.sheet_id)
    FROM library_item
    JOIN evidence_item ON evidence_item.library_item_id = library_item.id
    JOIN tick ON tick.evidence_id = evidence_item.id
    WHERE library_item.candidate_id = :candidate
    GROUP BY library_item.id ORDER BY covered DESC, library_item.ref_key, library_item.id
    LIMIT :top"""


def candidate_progress(
    connection: sqlite3.Connection, candidate_id: int, catalogue: Catalogue, top: int = 5
) -> CandidateProgress:
    """The candidate's progress (`top`: how many of their items that cover most to list)."""
    candidate = reading.candidate(connection, candidate_id)
    if candidate is None:
        raise NotFound(f"There is no candidate {candidate_id}.")
    chosen: dict[str, object] = {"candidate": candidate_id, "top": top}
    which = "sheet.candidate_id = :candidate"
    ticked = reading.ticked_criteria(connection, which, chosen)
    signed = reading.assessor_signed(connection, which, chosen)
    rows = [
        (sheet_id, unit_id, unit_from_json(snapshot), qualification, registration)
        for sheet_id, unit_id, snapshot, qualification, registration in connection.execute(
            SHEETS, chosen
        )
    ]
    lines = {row[0]: row[2].unit_line(row[2].context(row[3])) for row in rows}
    names = sheet_names(lines)
    by_registration: dict[int | None, list[tuple[Unit, UnitProgress]]] = {}
    for sheet_id, unit_id, unit, _, registration in rows:
        done = ticked.get(sheet_id, set())
        named = (lines[sheet_id], names[sheet_id])
        by_registration.setdefault(registration, []).append(
            (unit, _unit_progress(sheet_id, unit_id, named, unit, done, sheet_id in signed))
        )
    registrations = tuple(
        _registration(row, by_registration.pop(row[0], []), catalogue)
        for row in connection.execute(REGISTRATIONS, chosen)
    )
    # Sheets naming a registration no longer there are on their own (SET NULL does that too).
    others = [sheet for sheets in by_registration.values() for _, sheet in sheets]
    return CandidateProgress(
        candidate,
        registrations,
        tuple(sorted(others, key=lambda sheet: sheet.sheet_id)),
        tuple(TopItem(*row) for row in connection.execute(TOP_ITEMS, chosen)),
    )


def registrations(connection: sqlite3.Connection, candidate_id: int) -> list[Registered]:
    sheets: dict[int, list[int]] = {}
    for sheet_id, registration_id in connection.execute(
        "SELECT id, registration_id FROM sheet WHERE candidate_id = ?"
        " AND registration_id IS NOT NULL ORDER BY id",
        (candidate_id,),
    ):
        sheets.setdefault(registration_id, []).append(sheet_id)
    return [
        Registered(row_id, qualification_id, number, _date(on), tuple(sheets.get(row_id, ())), uuid)
        for row_id, qualification_id, number, on, uuid in connection.execute(
            REGISTRATIONS, {"candidate": candidate_id}
        )
    ]


def qualification_of(connection: sqlite3.Connection, registration_id: int) -> str | None:
    row = connection.execute(
        "SELECT qualification_id FROM registration WHERE id = ?", (registration_id,)
    ).fetchone()
    return row[0] if row else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _unit_progress(
    sheet_id: int,
    unit_id: str,
    named: tuple[str, str],
    unit: Unit,
    done: set[str],
    signed: bool,
) -> UnitProgress:
    numbers = unit.criterion_numbers
    return UnitProgress(
        sheet_id=sheet_id,
        unit_id=unit_id,
        unit_line=named[0],
        name=named[1],
        covered=len(done & set(numbers)),
        total=len(numbers),
        outcomes=tuple(
            OutcomeCoverage(
                lo.label,
                lo.title,
                sum(1 for c in lo.criteria if c.number in done),
                len(lo.criteria),
            )
            for lo in unit.learning_outcomes
        ),
        uncovered=tuple(number for number in numbers if number not in done),
        signed=signed,
    )


def _registration(
    row: tuple[int, str, str, str | None, str],
    sheets: list[tuple[Unit, UnitProgress]],
    catalogue: Catalogue,
) -> RegistrationProgress:
    registration_id, qualification_id, number, registered_on, _uuid = row
    qualification = catalogue.qualifications.get(qualification_id)
    return RegistrationProgress(
        id=registration_id,
        qualification_id=qualification_id,
        title=qualification.title if qualification else qualification_id,
        number=number,
        registered_on=_date(registered_on),
        units=tuple(_in_order(qualification, [sheet for _, sheet in sheets])),
        rules=_rules(qualification, sheets, catalogue.units) if qualification else None,
    )


def _rules(
    qualification: Qualification,
    sheets: list[tuple[Unit, UnitProgress]],
    catalogue_units: dict[str, Unit],
) -> Progress:
    """The rules applied to the registration: the units chosen are its sheets' units, achieved
    those signed off. Credit and level are the sheet's copy of the unit (what was assessed),
    the catalogue's for a unit without a sheet."""
    own = {sheet.unit_id: unit for unit, sheet in sheets}
    achieved = [sheet.unit_id for _, sheet in sheets if sheet.signed]
    return progress(qualification, list(own), achieved, ChainMap[str, Unit](own, catalogue_units))


def _in_order(
    qualification: Qualification | None, sheets: list[UnitProgress]
) -> list[UnitProgress]:
    if qualification is None:
        return sheets
    listed = {entry.unit: index for index, (_, _, entry) in enumerate(qualification.entries())}
    return sorted(
        sheets, key=lambda sheet: (listed.get(sheet.unit_id, len(listed)), sheet.sheet_id)
    )
