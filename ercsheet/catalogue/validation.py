"""Checking a unit's data before it becomes a Unit: every problem, with where it is.

The shape (keys, types, dates) is checked by `shape.py`; the rules of a unit (number forms,
ranges, every outcome with its criteria, no number twice, a key of methods that reads one way)
are checked here in plain code once the shape is right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ercsheet.catalogue import model
from ercsheet.catalogue.methods import Method
from ercsheet.catalogue.model import (
    MAX_DECLARATION,
    MAX_SIGN_OFF_LABEL,
    MAX_SIGN_OFF_LINE,
    Kind,
    Unit,
)
from ercsheet.catalogue.shape import FileInvalid, parsed, range_problems
from ercsheet.catalogue.shape import Problem as Problem
from ercsheet.safe_read import Location as Location
from ercsheet.safe_read import location_text as location_text

# A number as specifications write them: `1`, `1.1`, `1.1.1`, `101.1.1`, `P1`, `1a`, `a`,
# `1.1(a)`; letters and digits, parts joined by `.` or `-`, at most 20 characters (what the
# exchange format holds). No spaces or commas: lists of ticked criteria are joined with them.
NUMBER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.()-]{0,18}[A-Za-z0-9)])?$")
NUMBER_FORMS = "a number like 1.1, 1.1.1, P1 or 1a (letters and digits, parts joined by '.')"
MAX_ABBREVIATION = 8
SIGN_OFF_KEY = re.compile(model.SIGN_OFF_KEY)
RANGES = {"level": (1, 8), "credit": (0, 999), "glh": (0, 9999)}


class UnitInvalid(FileInvalid):
    """A unit file's problems, placed in the specification's words: `LO 2, AC 2.3, text`."""


def parse_unit(data: Mapping[str, Any]) -> Unit:
    """The unit `data` describes; UnitInvalid with every problem otherwise."""
    return parsed(Unit, data, _rule_problems, UnitInvalid)


def _rule_problems(unit: Unit) -> Iterator[Problem]:
    yield from range_problems(unit, RANGES)
    if not unit.learning_outcomes:
        yield Problem(("learning_outcomes",), "needs at least one learning outcome")
    yield from _outcome_problems(unit)
    yield from _kind_problems(unit)
    yield from _sign_off_problems(unit)
    yield from _method_problems(unit)


def _outcome_problems(unit: Unit) -> Iterator[Problem]:
    outcomes: dict[str, int] = {}
    criteria: dict[str, str] = {}  # a criterion's number: the outcome it is listed under
    for i, lo in enumerate(unit.learning_outcomes):
        where: Location = ("learning_outcomes", i)
        if not NUMBER.match(lo.number):
            yield Problem((*where, "number"), f"{lo.number!r} is not {NUMBER_FORMS}")
        elif lo.number in outcomes:
            yield Problem(where, "appears twice: give each learning outcome its own number")
        outcomes.setdefault(lo.number, i)
        if not lo.title:
            yield Problem((*where, "title"), "must not be empty")
        if not lo.criteria and unit.complete:
            yield Problem(
                where,
                "has no criteria: list them under it as "
                "[[learning_outcomes.criteria]], or, while they are not all transcribed, "
                "write complete = false at the top of the file",
            )
        for j, criterion in enumerate(lo.criteria):
            at: Location = (*where, "criteria", j)
            if not NUMBER.match(criterion.number):
                yield Problem((*at, "number"), f"{criterion.number!r} is not {NUMBER_FORMS}")
            elif criterion.number in criteria:
                yield Problem(at, _twice(criterion.number, criteria[criterion.number], lo.number))
            criteria.setdefault(criterion.number, lo.number)
            if not criterion.text:
                yield Problem((*at, "text"), "must not be empty")
            yield from _criterion_method_problems(unit, criterion, at)
            if unit.graded and criterion.grade is None:
                yield Problem(
                    (*at, "grade"),
                    "has no grade: in a graded unit every criterion has one "
                    '(grade = "pass", "merit" or "distinction")',
                )


def _kind_problems(unit: Unit) -> Iterator[Problem]:
    """An outcome's kind says which part of a mixed unit it is; elsewhere it may only repeat
    the unit's, so the declaration printed never contradicts the file."""
    for i, lo in enumerate(unit.learning_outcomes):
        where: Location = ("learning_outcomes", i, "kind")
        if lo.kind is Kind.MIXED:
            yield Problem(where, 'an outcome is "competence" or "knowledge", not "mixed"')
        elif unit.kind is Kind.MIXED and lo.kind is None:
            yield Problem(
                where,
                'this key is required in a mixed unit: write kind = "competence" or '
                'kind = "knowledge" under the outcome',
            )
        elif unit.kind is not Kind.MIXED and lo.kind not in (None, unit.kind):
            yield Problem(
                where,
                f"the unit is a {unit.kind.value} unit: where its outcomes differ, "
                'write kind = "mixed" at the top of the file',
            )
    for role, longest in MAX_DECLARATION.items():
        if len(getattr(unit.declarations, role)) > longest:
            yield Problem(
                ("declarations", role),
                f"must be at most {longest} characters, to print on one line of the form",
            )


def _sign_off_problems(unit: Unit) -> Iterator[Problem]:
    if len(unit.sign_off) > model.MAX_SIGN_OFF_LINES:
        yield Problem(("sign_off",), f"a unit has at most {model.MAX_SIGN_OFF_LINES} lines")
    keys: set[str] = set()
    for k, line in enumerate(unit.sign_off):
        where: Location = ("sign_off", k)
        if not SIGN_OFF_KEY.match(line.role):
            yield Problem(
                (*where, "role"),
                "must be lower-case letters, digits and '_', starting with a letter "
                '(role = "employer")',
            )
        elif line.role in keys:
            yield Problem((*where, "role"), f"the line {line.role} is given twice")
        keys.add(line.role)
        for key, value, longest in (
            ("label", line.label, MAX_SIGN_OFF_LABEL),
            ("line", line.line, MAX_SIGN_OFF_LINE),
        ):
            if not value:
                yield Problem((*where, key), "must not be empty")
            elif len(value) > longest:
                yield Problem(
                    (*where, key), f"must be at most {longest} characters, to fit on the form"
                )


def _criterion_method_problems(
    unit: Unit, criterion: model.Criterion, at: Location
) -> Iterator[Problem]:
    """A criterion's own methods must leave a way to evidence it, and say it one way."""
    for key in ("methods", "required_methods"):
        listed: tuple[Method, ...] = getattr(criterion, key)
        twice = sorted({m.value for m in listed if listed.count(m) > 1})
        if twice:
            yield Problem((*at, key), f"names {', '.join(twice)} twice")
    simulation_barred = criterion.real_work or not unit.rules.simulation_allowed
    if criterion.methods and set(criterion.methods) <= {Method.SIMULATION} and simulation_barred:
        yield Problem(
            (*at, "methods"),
            "leaves no method to evidence it: simulation is not allowed here "
            "(real_work = true, or the unit's simulation_allowed = false)",
        )
    elif criterion.real_work and Method.SIMULATION in criterion.methods:
        yield Problem(
            (*at, "methods"),
            "names simulation, but real_work = true rules it out: leave one of them out",
        )
    allowed = criterion.methods or tuple(Method)
    outside = [m.value for m in criterion.required_methods if m not in allowed]
    if outside:
        yield Problem(
            (*at, "required_methods"),
            f"{', '.join(outside)} must also be in methods (the methods allowed)",
        )
    if Method.SIMULATION in criterion.required_methods and simulation_barred:
        yield Problem(
            (*at, "required_methods"),
            "requires simulation, which is not allowed here "
            "(real_work = true, or the unit's simulation_allowed = false)",
        )


def _twice(number: str, first: str, outcome: str) -> str:
    """An AC number met a second time, under `outcome`, first under `first`."""
    also = f"also under LO {first}" if first != outcome else "twice under this LO"
    hint = (
        f"write it with its LO's number ({outcome}{number}, not {number})"
        if number.isalpha()
        else "give each criterion its own number"
    )
    return f"appears {also}: numbers are unique in a unit; {hint}"


def _method_problems(unit: Unit) -> Iterator[Problem]:
    named: set[Method] = set()
    for k, line in enumerate(unit.methods):
        where: Location = ("methods", k)
        if line.method in named:
            yield Problem(where, f"the method {line.method.value} is named twice")
        named.add(line.method)
        for key, value in (("abbreviation", line.abbreviation), ("label", line.label)):
            if not value:
                yield Problem((*where, key), "must not be empty")
        if len(line.abbreviation) > MAX_ABBREVIATION:
            yield Problem(
                (*where, "abbreviation"), f"must be at most {MAX_ABBREVIATION} characters"
            )
    by_abbreviation: dict[str, Method] = {}
    for method in Method:
        abbreviation = unit.method_abbreviation(method)
        other = by_abbreviation.setdefault(abbreviation.casefold(), method)
        if other is not method and abbreviation:
            yield Problem(
                ("methods",),
                f"{abbreviation} would stand for both {other.value} and {method.value}: "
                "give each method its own abbreviation",
            )
