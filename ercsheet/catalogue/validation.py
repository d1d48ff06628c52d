"""Checking a unit's data before it becomes a Unit: every problem, with where it is.

Pydantic checks the shape (keys, types, dates) against the dataclasses of model.py; the rules
of a unit (number forms, ranges, every outcome with its criteria, no number twice, a key of
methods that reads one way) are checked here in plain code once the shape is right. Text is
stripped of surrounding spaces first.

Scalars are checked strictly before pydantic sees them (`_type_problems`): pydantic's lax mode
would read `level = true` as 1, `simulation_allowed = "no"` as false and `level = 3.0` as 3, and a
unit file written like that is a mistake to point out, not to guess at.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ercsheet.catalogue import model
from ercsheet.catalogue.located import located
from ercsheet.catalogue.methods import Method
from ercsheet.catalogue.model import (
    MAX_DECLARATION,
    MAX_SIGN_OFF_LABEL,
    MAX_SIGN_OFF_LINE,
    Kind,
    Unit,
)
from ercsheet.safe_read import Location as Location
from ercsheet.safe_read import location_text as location_text

UNIT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
# A number as specifications write them: `1`, `1.1`, `1.1.1`, `101.1.1`, `P1`, `1a`, `a`,
# `1.1(a)`; letters and digits, parts joined by `.` or `-`, at most 20 characters (what the
# exchange format holds). No spaces or commas: lists of ticked criteria are joined with them.
NUMBER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.()-]{0,18}[A-Za-z0-9)])?$")
NUMBER_FORMS = "a number like 1.1, 1.1.1, P1 or 1a (letters and digits, parts joined by '.')"
MAX_ABBREVIATION = 8
SIGN_OFF_KEY = re.compile(model.SIGN_OFF_KEY)
RANGES = {"level": (1, 8), "credit": (0, 999), "glh": (0, 9999)}
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# A date as people write it in the UK: 28/02/2015, 28.2.2015, 28-02-2015.
UK_DATE = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")

# Pydantic's wording, for the mistakes people make writing a unit file by hand.
PLAIN_MESSAGES = {
    "missing": "this key is required",
    "unexpected_keyword_argument": "unknown key (check its spelling in docs/units-format.md)",
    "tuple_type": "must be a list",
    "dataclass_type": "must be a table of keys",
}


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str


class UnitInvalid(ValueError):
    def __init__(self, problems: list[Problem], data: object = None) -> None:
        self.problems = problems
        self.data = data
        super().__init__("; ".join(f"{self.where(p)}: {p.message}" for p in problems))

    def where(self, problem: Problem) -> str:
        """Where the problem is, in the source's words: `LO 2, AC 2.3, text`."""
        return located(problem.location, self.data)


@functools.cache
def _adapter() -> TypeAdapter[Unit]:
    return TypeAdapter(Unit)


def parse_unit(data: Mapping[str, Any]) -> Unit:
    """The unit `data` describes; UnitInvalid with every problem otherwise."""
    typed = list(_type_problems(data, Unit, ()))
    try:
        unit = _adapter().validate_python(_stripped(data))
    except ValidationError as error:
        raise UnitInvalid(typed + _shape_problems(error, typed), data) from None
    if typed:
        raise UnitInvalid(typed, data)
    problems = list(_rule_problems(unit))
    if problems:
        raise UnitInvalid(problems, data)
    return unit


def _stripped(value: object) -> object:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Mapping):
        return {key: _stripped(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_stripped(item) for item in value]
    return value


def _shape_problems(error: ValidationError, typed: list[Problem]) -> list[Problem]:
    errors = error.errors()
    locations = [tuple(e["loc"]) for e in errors]
    return [
        Problem(tuple(e["loc"]), PLAIN_MESSAGES.get(e["type"], e["msg"]))
        for e in errors
        # A broken criterion also breaks the list it is in: report only the deepest cause.
        if not any(
            len(other) > len(e["loc"]) and other[: len(e["loc"])] == tuple(e["loc"])
            for other in locations
        )
        # A value the strict check refused is reported once, in its words.
        and not any(tuple(e["loc"])[: len(p.location)] == p.location for p in typed)
    ]


def _type_problems(data: object, cls: type, where: Location) -> Iterator[Problem]:
    """Scalars of the wrong type in `data` (a table for dataclass `cls`), checked strictly."""
    if not isinstance(data, Mapping):
        return  # pydantic says "must be a table of keys"
    hints = _hints(cls)
    for name, value in data.items():
        if name in hints:
            yield from _value_problems(value, hints[name], (*where, name))


def _value_problems(value: object, expected: Any, where: Location) -> Iterator[Problem]:
    if isinstance(expected, types.UnionType):  # `int | None`: None is the key left out
        if value is None:
            return
        expected = next(t for t in typing.get_args(expected) if t is not type(None))
    if dataclasses.is_dataclass(expected):
        yield from _type_problems(value, typing.cast(type, expected), where)
    elif typing.get_origin(expected) is tuple:
        if isinstance(value, list | tuple):
            for index, item in enumerate(value):
                yield from _value_problems(item, typing.get_args(expected)[0], (*where, index))
    elif expected is bool and type(value) is not bool:
        yield Problem(where, f"must be true or false, not {_as_written(value)}")
    elif expected is int and type(value) is not int:
        yield Problem(where, f"must be a whole number, not {_as_written(value)}")
    elif expected is dt.date and not (
        type(value) is dt.date or (isinstance(value, str) and ISO_DATE.match(value.strip()))
    ):
        yield Problem(where, _date_message(value))


def _date_message(value: object) -> str:
    """What to write instead of a date not written as ISO dates are: `28/02/2015` is told
    `write dates as 2015-02-28` (year, month, day), with its own date."""
    written = UK_DATE.match(value.strip()) if isinstance(value, str) else None
    if written:
        day, month, year = (int(part) for part in written.groups())
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            return f"{_as_written(value)} is not a real date (write dates as 2015-02-28)"
        return f"write dates as {iso} (year-month-day), not {_as_written(value)}"
    return f"must be a date like 2015-02-28 (a date alone), not {_as_written(value)}"


def _as_written(value: object) -> str:
    """A TOML value as the file wrote it, shortened: `true`, `"two"`, `3.0`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value[:40] + ("…" if len(value) > 40 else ""))
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a table"
    return str(value)[:40]


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """The dataclass's fields and their types."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _rule_problems(unit: Unit) -> Iterator[Problem]:
    if not UNIT_ID.match(unit.id):
        yield Problem(("id",), "must be lower-case letters, digits and '-' (at most 80)")
    for name, (low, high) in RANGES.items():
        value = getattr(unit, name)
        if value is not None and not low <= value <= high:
            yield Problem((name,), f"must be from {low} to {high}")
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
