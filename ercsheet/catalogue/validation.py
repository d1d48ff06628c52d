"""Checking a unit's data before it becomes a Unit: every problem, with where it is.

Pydantic checks the shape (keys, types, dates) against the dataclasses of model.py; the rules
of a unit (number forms, ranges, criteria under their own outcome, no number twice) are checked
here in plain code once the shape is right. Text is stripped of surrounding spaces first.

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

from ercsheet.catalogue.model import Unit
from ercsheet.safe_read import Location as Location
from ercsheet.safe_read import location_text as location_text

UNIT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
LO_NUMBER = re.compile(r"^[1-9][0-9]*$")
AC_NUMBER = re.compile(r"^([1-9][0-9]*)\.([1-9][0-9]*)$")
RANGES = {"level": (1, 8), "credit": (0, 999), "glh": (0, 9999)}
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

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
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{location_text(p.location)}: {p.message}" for p in problems))


@functools.cache
def _adapter() -> TypeAdapter[Unit]:
    return TypeAdapter(Unit)


def parse_unit(data: Mapping[str, Any]) -> Unit:
    """The unit `data` describes; UnitInvalid with every problem otherwise."""
    typed = list(_type_problems(data, Unit, ()))
    try:
        unit = _adapter().validate_python(_stripped(data))
    except ValidationError as error:
        raise UnitInvalid(typed + _shape_problems(error, typed)) from None
    if typed:
        raise UnitInvalid(typed)
    problems = list(_rule_problems(unit))
    if problems:
        raise UnitInvalid(problems)
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
        yield Problem(
            where, f"must be a date like 2015-02-28 (a date alone), not {_as_written(value)}"
        )


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
    seen: set[str] = set()
    for i, lo in enumerate(unit.learning_outcomes):
        where: Location = ("learning_outcomes", i)
        if not LO_NUMBER.match(lo.number):
            yield Problem(
                (*where, "number"),
                f"learning outcome number {lo.number!r} is not a whole number like '1'",
            )
        if not lo.title:
            yield Problem((*where, "title"), "must not be empty")
        if not lo.criteria:
            yield Problem((*where, "criteria"), "needs at least one criterion")
        for j, criterion in enumerate(lo.criteria):
            if not AC_NUMBER.match(criterion.number):
                yield Problem(
                    (*where, "criteria", j, "number"),
                    f"criterion number {criterion.number!r} is not of the form '1.1'",
                )
            elif criterion.number.split(".")[0] != lo.number:
                yield Problem(
                    where,
                    f"criterion {criterion.number} is listed under learning outcome {lo.number}",
                )
            if not criterion.text:
                yield Problem((*where, "criteria", j, "text"), "must not be empty")
        for number, kind in [(lo.number, "learning outcome")] + [
            (c.number, "criterion") for c in lo.criteria
        ]:
            if number in seen:
                yield Problem((), f"{kind} {number} appears twice")
            seen.add(number)
