"""Checking a unit's data before it becomes a Unit: every problem, with where it is.

Pydantic checks the shape (keys, types, dates) against the dataclasses of model.py; the rules
of a unit (number forms, ranges, criteria under their own outcome, no number twice) are checked
here in plain code once the shape is right. Text is stripped of surrounding spaces first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ercsheet.catalogue.model import Unit

Location = tuple[str | int, ...]

UNIT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
LO_NUMBER = re.compile(r"^[1-9][0-9]*$")
AC_NUMBER = re.compile(r"^([1-9][0-9]*)\.([1-9][0-9]*)$")
RANGES = {"level": (1, 8), "credit": (0, 999), "glh": (0, 9999)}

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


def location_text(location: Location) -> str:
    """A location as `learning_outcomes[0].criteria[1].number`."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@functools.cache
def _adapter() -> TypeAdapter[Unit]:
    return TypeAdapter(Unit)


def parse_unit(data: Mapping[str, Any]) -> Unit:
    """The unit `data` describes; UnitInvalid with every problem otherwise."""
    try:
        unit = _adapter().validate_python(_stripped(data))
    except ValidationError as error:
        raise UnitInvalid(_shape_problems(error)) from None
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


def _shape_problems(error: ValidationError) -> list[Problem]:
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
    ]


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
