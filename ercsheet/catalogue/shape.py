"""Checking a catalogue file's data against the dataclasses it becomes: every problem of shape
(keys, types, dates), with where it is. Shared by unit files (`validation.py`) and
qualification files (`qualification_validation.py`); each then checks its own rules.

Pydantic checks the shape against the dataclasses; text is stripped of surrounding spaces first.
Scalars are checked strictly before pydantic sees them (`_type_problems`): pydantic's lax mode
would read `level = true` as 1, `simulation_allowed = "no"` as false and `level = 3.0` as 3, and a
file written like that is a mistake to point out, not to guess at.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypeVar

from pydantic import TypeAdapter, ValidationError

from ercsheet.catalogue.located import UNIT_NAMES, Naming, located
from ercsheet.safe_read import Location


class Identified(Protocol):
    """What a catalogue file becomes: a unit, a qualification, named by its file's name."""

    @property
    def id(self) -> str: ...


T = TypeVar("T")
Made = TypeVar("Made", bound=Identified)

# An id, which is a file's name without `.toml`: what sheets and exchange files name a unit by.
FILE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
FILE_ID_FORM = "must be lower-case letters, digits and '-' (at most 80)"

ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# A date as people write it in the UK: 28/02/2015, 28.2.2015, 28-02-2015.
UK_DATE = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")

# Pydantic's wording, for the mistakes people make writing a file by hand.
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


class FileInvalid(ValueError):
    """Every problem of a catalogue file's data, each placed in the source's words by the
    naming of the kind of file (`located`)."""

    names: ClassVar[Naming] = UNIT_NAMES

    def __init__(self, problems: list[Problem], data: object = None) -> None:
        self.problems = problems
        self.data = data
        super().__init__("; ".join(f"{self.where(p)}: {p.message}" for p in problems))

    def where(self, problem: Problem) -> str:
        """Where the problem is, in the source's words: `LO 2, AC 2.3, text`."""
        return located(problem.location, self.data, self.names)


class ShapeInvalid(ValueError):
    """The data is not of the shape of the dataclass: every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


# One adapter per dataclass: building one takes longer than checking a file with it.
_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(cls: type[T]) -> TypeAdapter[T]:
    if cls not in _ADAPTERS:
        _ADAPTERS[cls] = TypeAdapter(cls)
    adapter: TypeAdapter[T] = _ADAPTERS[cls]
    return adapter


def parsed(
    cls: type[Made],
    data: Mapping[str, Any],
    rules: Callable[[Made], Iterable[Problem]],
    invalid: type[FileInvalid],
) -> Made:
    """The `cls` `data` describes, its shape checked, then its id and its own `rules`; `invalid`
    (a FileInvalid of its kind of file) with every problem otherwise."""
    try:
        made = checked(cls, data)
    except ShapeInvalid as error:
        raise invalid(error.problems, data) from None
    problems = list(rules(made))
    if not FILE_ID.match(made.id):
        problems.insert(
            0, Problem(("id",), "must be lower-case letters, digits and '-' (at most 80)")
        )
    if problems:
        raise invalid(problems, data)
    return made


def checked(cls: type[T], data: Mapping[str, Any]) -> T:
    """The `cls` (a dataclass of the catalogue's model) `data` describes, its text stripped;
    ShapeInvalid with every problem of keys and types otherwise."""
    typed = list(_type_problems(data, cls, ()))
    try:
        made = _adapter(cls).validate_python(_stripped(data))
    except ValidationError as error:
        raise ShapeInvalid(typed + _shape_problems(error, typed)) from None
    if typed:
        raise ShapeInvalid(typed)
    return made


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


def range_problems(
    value: object, ranges: Mapping[str, tuple[int, int]], where: Location = ()
) -> Iterator[Problem]:
    """Each whole-number field of `value` (at `where`) named in `ranges` that is given but out
    of its range."""
    for name, (low, high) in ranges.items():
        number = getattr(value, name)
        if number is not None and not low <= number <= high:
            yield Problem((*where, name), f"must be from {low} to {high}")
