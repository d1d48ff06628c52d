"""A candidate registered on a qualification, and the units chosen from it, as operations of a
transaction (tx.py): the registration row and a draft sheet for each unit of the choice.

The rules are the domain's (domain/registration.py: which problems of the choice block, the
number and date); here they are applied to what the store holds, each operation logged whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from sqlalchemy import select

from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.qualification import Qualification
from ercsheet.domain.audit import Change
from ercsheet.domain.dates import uk
from ercsheet.domain.names import normalise
from ercsheet.domain.problems import Problem, Rule
from ercsheet.domain.registration import choice_blocks, details_problems
from ercsheet.domain.sheet import Person
from ercsheet.store import models
from ercsheet.store.operations import create_sheet, diff, get
from ercsheet.store.tx import Tx
from ercsheet.store.values import NotFound, RuleViolation


def register(
    tx: Tx,
    candidate_id: int,
    qualification: Qualification,
    units: Mapping[str, Unit],
    assessor: Person,
    number: str,
    registered_on: dt.date | None,
    optional_units: Collection[str],
) -> int:
    """Register the candidate; a sheet for each mandatory and chosen unit (one they already have
    in the qualification is linked, not made twice). Refused whole on any blocking problem."""
    get(tx.session, models.Candidate, candidate_id)
    problems = details_problems(number, registered_on, tx.today())
    problems += choice_blocks(qualification, optional_units, units)
    if tx.session.scalars(
        select(models.Registration.id).where(
            models.Registration.candidate_id == candidate_id,
            models.Registration.qualification_id == qualification.id,
        )
    ).first():
        problems.append(
            Problem(
                Rule.REGISTRATION,
                f"The candidate is already registered on {qualification.title}: choose further "
                "units of that registration instead.",
            )
        )
    if problems:
        raise RuleViolation(problems)
    row = models.Registration(
        candidate_id=candidate_id,
        qualification_id=qualification.id,
        number=normalise(number),
        registered_on=registered_on,
        created_at=tx.now(),
    )
    tx.session.add(row)
    tx.session.flush()
    wanted = [*qualification.mandatory_ids, *_in_file_order(qualification, optional_units)]
    made, linked = _sheets_for(tx, row, qualification, units, assessor, wanted)
    tx.log(
        "registered on a qualification",
        qualification.title,
        candidate_id=candidate_id,
        changes=diff(
            [
                ("qualification", "", qualification.id),
                ("registration number", "", row.number),
                ("registered on", "", uk(registered_on)),
            ]
        )
        + _unit_changes(made, linked),
    )
    return row.id


def choose_units(
    tx: Tx,
    registration_id: int,
    qualification: Qualification,
    units: Mapping[str, Unit],
    assessor: Person,
    add: Collection[str],
) -> list[int]:
    """Add units to a registration's choice: a sheet each (linked when the candidate has one);
    refused as a registration is when the choice with them breaks a rule. The sheets' ids."""
    row = get(tx.session, models.Registration, registration_id)
    if row.qualification_id != qualification.id:
        raise NotFound(f"Registration {registration_id} is not on {qualification.title}.")
    chosen = {sheet.unit_id for sheet in row.sheets}
    problems = choice_blocks(qualification, chosen | set(add), units)
    if problems:
        raise RuleViolation(problems)
    wanted = [unit for unit in _in_file_order(qualification, add) if unit not in chosen]
    made, linked = _sheets_for(tx, row, qualification, units, assessor, wanted)
    if made or linked:
        tx.log(
            "units chosen",
            qualification.title,
            candidate_id=row.candidate_id,
            changes=_unit_changes(made, linked),
        )
    return [sheet_id for _, sheet_id in made + linked]


def _in_file_order(qualification: Qualification, chosen: Collection[str]) -> list[str]:
    """The chosen units in the qualification's order (sheets are made, and listed, in it)."""
    listed = [entry.unit for _, _, entry in qualification.entries()]
    return [unit for unit in listed if unit in set(chosen)]


def _sheets_for(
    tx: Tx,
    row: models.Registration,
    qualification: Qualification,
    units: Mapping[str, Unit],
    assessor: Person,
    wanted: list[str],
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(unit, sheet) made and (unit, sheet) linked for the units `wanted` of the registration.
    A sheet the candidate has of the unit in the same qualification (made before they were
    registered) becomes the registration's: two sheets of one unit would split its evidence."""
    made, linked = [], []
    for unit_id in dict.fromkeys(wanted):
        existing = tx.session.scalars(
            select(models.Sheet)
            .where(
                models.Sheet.candidate_id == row.candidate_id,
                models.Sheet.unit_id == unit_id,
                models.Sheet.qualification == qualification.title,
                models.Sheet.registration_id.is_(None),
            )
            .order_by(models.Sheet.id)
        ).first()
        if existing is not None:
            existing.registration_id = row.id
            linked.append((unit_id, existing.id))
        else:
            sheet_id = create_sheet(
                tx, row.candidate_id, units[unit_id], qualification.title, assessor, row.id
            )
            made.append((unit_id, sheet_id))
    return made, linked


def _unit_changes(made: list[tuple[str, int]], linked: list[tuple[str, int]]) -> list[Change]:
    return [Change("unit", "", f"{unit} (sheet {sheet}, new)") for unit, sheet in made] + [
        Change("unit", "", f"{unit} (sheet {sheet}, already made)") for unit, sheet in linked
    ]
