"""`ercsheet progress` (a candidate's progress towards their qualifications) and `ercsheet
register` (a candidate registered on a qualification, with the optional units chosen)."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ercsheet.cli.common import CommandError, catalogue, print_json, shown, shown_lines
from ercsheet.cli.stores import candidate_numbered, open_store

if TYPE_CHECKING:
    from ercsheet.store.progress_reading import CandidateProgress, UnitProgress


def cmd_progress(args: argparse.Namespace) -> int:
    store = open_store(args)
    found = store.progress(candidate_numbered(store, args.number).id, catalogue(args))
    if args.json:
        print_json(progress_json(found))
    else:
        print("\n".join(shown_lines(line) for line in progress_lines(found)))
    return 0


def cmd_register(args: argparse.Namespace) -> int:
    from ercsheet.domain.sheet import Person
    from ercsheet.store.values import NotFound, RuleViolation

    store = open_store(args, exclusive=True)
    cat = catalogue(args)
    who = candidate_numbered(store, args.number)
    profile = store.profile()
    if profile is None:
        raise CommandError(
            "a registration's sheets name their assessor: set up the assessor profile first "
            "(open the window); nothing was changed"
        )
    try:
        registration = store.register(
            who.id,
            args.qualification,
            catalogue=cat,
            assessor=Person(profile.name, profile.qualified),
            number=args.registration_number or "",
            registered_on=_date(args.date),
            optional_units=args.unit,
        )
    except (RuleViolation, NotFound) as refused:
        told = (
            " ".join(p.message for p in refused.problems)
            if isinstance(refused, RuleViolation)
            else str(refused)
        )
        raise CommandError(f"{told} Nothing was changed.") from None
    from ercsheet.domain.progress_words import NO_SHEETS

    [registered] = [r for r in store.registrations(who.id) if r.id == registration]
    sheets = [store.sheet_summary(sheet) for sheet in registered.sheet_ids]
    print(
        f"{shown(who.name)} ({shown(who.candidate_number)}) registered on "
        f"{shown(cat.qualifications[args.qualification].title)}: "
        + (_plural(len(sheets), "sheet", "sheets") if sheets else NO_SHEETS)
    )
    for sheet in sheets:
        unit = " ".join(part for part in (sheet.unit_label, sheet.unit_title) if part)
        print(f"  sheet {sheet.id}  {shown(unit)}")
    return 0


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"the date {text} is not a date of the form YYYY-MM-DD") from None


def progress_lines(found: CandidateProgress) -> list[str]:
    """The candidate's progress for a terminal: per qualification its rules, then unit and LO."""
    from ercsheet.domain.progress_words import UNREGISTERED, rule_lines, status

    who = found.candidate
    lines = [f"{who.name} ({who.candidate_number or 'no number'})"]
    for registration in found.registrations:
        facts = [
            registration.qualification_id,
            f"registration {registration.number}" if registration.number else "",
            f"registered {registration.registered_on:%d/%m/%Y}"
            if registration.registered_on
            else "",
        ]
        lines += ["", f"{registration.title}  [{', '.join(f for f in facts if f)}]"]
        rules = registration.rules
        if rules is None:
            lines.append("  The qualification is not in the catalogue: its rules cannot be shown.")
        else:
            lines += [f"  {status(rules)}", *(f"    {line}" for line in rule_lines(rules))]
        lines += [line for unit in registration.units for line in _unit_lines(unit)]
    if found.other_sheets:
        lines += ["", UNREGISTERED]
        lines += [line for unit in found.other_sheets for line in _unit_lines(unit)]
    if found.uncovered:
        lines += ["", "Criteria still to cover"]
        lines += [f"  {u.name}: {', '.join(u.uncovered)}" for u in found.uncovered]
    if found.top_items:
        lines += ["", "Evidence covering most"]
        lines += [
            f"  {item.ref} {item.title}: {_plural(item.criteria, 'criterion', 'criteria')} on "
            f"{_plural(item.sheets, 'sheet', 'sheets')}"
            for item in found.top_items
        ]
    return lines


def _plural(count: int, one: str, more: str) -> str:
    return f"{count} {one if count == 1 else more}"


def _unit_lines(unit: UnitProgress) -> list[str]:
    outcomes = "  ".join(f"{o.label} {o.covered}/{o.total}" for o in unit.outcomes)
    return [
        f"  {unit.name}  {unit.covered}/{unit.total}  {unit.status}",
        f"      {outcomes}",
    ]


def progress_json(found: CandidateProgress) -> dict[str, Any]:
    """The dataclasses as they are, with what their properties say (a unit's status, the
    rules' verdicts); a qualification by its id (`ercsheet qualifications --json` has it)."""
    data: dict[str, Any] = _plain(asdict(found))
    for registration, given in zip(data["registrations"], found.registrations, strict=True):
        for unit, sheet in zip(registration["units"], given.units, strict=True):
            unit["status"] = sheet.status
        if given.rules is not None:
            rules = registration["rules"]
            rules["qualification"] = given.qualification_id
            for group in rules["groups"]:
                group["group"] = group["group"]["title"]
            rules |= {
                "rules_known": given.rules.rules_known,
                "can_complete": given.rules.can_complete,
                "complete": given.rules.complete,
            }
    for unit, sheet in zip(data["other_sheets"], found.other_sheets, strict=True):
        unit["status"] = sheet.status
    return data


def _plain(value: Any) -> Any:
    """JSON's types: dates in ISO form, tuples as lists."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
