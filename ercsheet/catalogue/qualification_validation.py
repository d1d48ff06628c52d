"""Checking a qualification file's data before it becomes a Qualification: every problem, placed
in the words of the qualification's own rules of combination (`Optional group B, unit x`).

The shape is checked by `shape.py`, as a unit file's is; the rules of the structure (each unit
once, bounds that can be met, unplaced units only where the rules are not transcribed) here.
Whether the units it names are in the catalogue is a question about the catalogue as a whole,
asked once every folder is loaded (`cross_checks.py`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

from ercsheet.catalogue.located import Naming, named_by
from ercsheet.catalogue.qualification import (
    OptionalGroup,
    Qualification,
    QualificationUnit,
    group_words,
)
from ercsheet.catalogue.shape import FILE_ID, FileInvalid, Problem, parsed, range_problems
from ercsheet.safe_read import Location

RANGES = {"level": (1, 8), "min_credit": (0, 9999), "glh": (0, 99999), "tqt": (0, 99999)}
GROUP_RANGES = {
    "min_units": (0, 999),
    # A maximum of none would leave the group's units listed but never to be chosen.
    "max_units": (1, 999),
    "min_credit": (0, 9999),
    "max_credit": (1, 9999),
}
LEVEL_RANGES = {"level": (1, 8), "min_credit": (0, 9999)}
UNIT_ID_FORM = "must be a unit's id: its file name without .toml (lower-case letters, digits, '-')"


def group_name(item: object, index: int) -> str:
    """A group of the file's data, named by its title (`group_words`)."""
    title = item.get("title") if isinstance(item, Mapping) else None
    return group_words(title.strip() if isinstance(title, str) else "", index)


QUALIFICATION_NAMES: Naming = {
    "mandatory": functools.partial(named_by, "unit", "mandatory unit"),
    "groups": group_name,
    "units": functools.partial(named_by, "unit", "unit"),
    "unplaced": functools.partial(named_by, "unit", "unplaced unit"),
}


class QualificationInvalid(FileInvalid):
    """A qualification file's problems, placed in its rules' words: `Optional group B, unit x`."""

    names = QUALIFICATION_NAMES


def parse_qualification(data: Mapping[str, Any]) -> Qualification:
    """The qualification `data` describes; QualificationInvalid with every problem otherwise."""
    return parsed(Qualification, data, _rule_problems, QualificationInvalid)


def _rule_problems(qualification: Qualification) -> Iterator[Problem]:
    for key in ("title", "awarding_body"):
        if not getattr(qualification, key):
            yield Problem((key,), "must not be empty")
    yield from range_problems(qualification, RANGES)
    for g, group in enumerate(qualification.groups):
        yield from _group_problems(group, ("groups", g))
    yield from _placing_problems(qualification)
    yield from _level_problems(qualification)


def _group_problems(group: OptionalGroup, where: Location) -> Iterator[Problem]:
    if not group.title:
        yield Problem((*where, "title"), "must not be empty")
    yield from range_problems(group, GROUP_RANGES, where)
    if not group.units:
        yield Problem((*where, "units"), "lists no units: list them as [[groups.units]]")
    elif group.min_units is not None and group.min_units > len(group.units):
        listed = len(group.units)
        yield Problem(
            (*where, "min_units"),
            f"is {group.min_units}, but the group lists {listed} unit{'s' * (listed != 1)}",
        )
    for noun in ("units", "credit"):
        least, most = getattr(group, f"min_{noun}"), getattr(group, f"max_{noun}")
        if least is not None and most is not None and least > most:
            yield Problem((*where, f"max_{noun}"), f"is {most}, less than min_{noun} ({least})")


def _placing_problems(qualification: Qualification) -> Iterator[Problem]:
    """Each unit once, in a place: a unit listed twice would count twice towards the rules."""
    first: dict[str, str] = {}  # a unit's id: where it is first listed, in words
    for where, entry in _entry_locations(qualification):
        if not FILE_ID.match(entry.unit):
            yield Problem((*where, "unit"), UNIT_ID_FORM)
        elif entry.unit in first:
            yield Problem(
                where,
                f"is listed also as {first[entry.unit]}: a unit has one place in a qualification",
            )
        else:
            first[entry.unit] = _words(qualification, where)
    if qualification.unplaced and qualification.complete:
        yield Problem(
            ("unplaced",),
            "lists units whose place is not transcribed, which only a qualification with "
            "complete = false may: put each under [[mandatory]] or a group's units",
        )
    if qualification.complete and not qualification.mandatory and not qualification.groups:
        yield Problem(
            (),
            "lists no units: list them under [[mandatory]] and [[groups]], or, while its rules "
            "of combination are not transcribed, write complete = false and list the units "
            "known under [[unplaced]]",
        )


def _entry_locations(
    qualification: Qualification,
) -> Iterator[tuple[Location, QualificationUnit]]:
    """Each unit listed and where it is in the file, in the file's order."""
    for i, entry in enumerate(qualification.mandatory):
        yield ("mandatory", i), entry
    for g, group in enumerate(qualification.groups):
        for u, entry in enumerate(group.units):
            yield ("groups", g, "units", u), entry
    for i, entry in enumerate(qualification.unplaced):
        yield ("unplaced", i), entry


def _words(qualification: Qualification, where: Location) -> str:
    """A place in the file in the qualification's words: "a mandatory unit", "a unit of
    Optional group B", "an unplaced unit"."""
    if where[0] == "groups":
        g = int(where[1])
        return f"a unit of {group_words(qualification.groups[g].title, g)}"
    return "a mandatory unit" if where[0] == "mandatory" else "an unplaced unit"


def _level_problems(qualification: Qualification) -> Iterator[Problem]:
    at_level = qualification.credit_at_level
    if at_level is None:
        return
    yield from range_problems(at_level, LEVEL_RANGES, ("credit_at_level",))
    total = qualification.min_credit
    if total is not None and at_level.min_credit > total:
        yield Problem(
            ("credit_at_level", "min_credit"),
            f"is {at_level.min_credit}, more than the qualification's min_credit ({total})",
        )
