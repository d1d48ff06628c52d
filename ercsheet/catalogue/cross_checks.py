"""What is wrong only across the files of a catalogue, checked once every folder is loaded: two
units with one URN, a qualification naming a unit the catalogue does not have, numbering a unit
otherwise than the unit's own file, or asking a group for more credit than its units carry.
Each is a warning: everything loads, and the user is told which file to look at."""

from __future__ import annotations

from collections.abc import Iterator

from ercsheet.catalogue.loaded import Catalogue, UnitFileError
from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.qualification import (
    OptionalGroup,
    Qualification,
    QualificationUnit,
    group_words,
)


def warnings(catalogue: Catalogue) -> list[UnitFileError]:
    return [*same_urn(catalogue), *qualification_warnings(catalogue)]


def same_urn(catalogue: Catalogue) -> list[UnitFileError]:
    """Units of different ids with the same URN (a unit saved twice, or a centre's copy of a
    built-in unit under another name): both load, and the user is told which files they are.
    A unit that replaces one of the same id is not reported: that is what replacing is for."""
    by_urn: dict[str, list[Unit]] = {}
    for unit in catalogue.units.values():
        if unit.urn:
            by_urn.setdefault(_urn_key(unit.urn), []).append(unit)
    return [
        UnitFileError(
            catalogue.paths[first.id],
            "urn",
            f"{first.urn} is also the URN of "
            + " and ".join(str(catalogue.paths[u.id]) for u in others)
            + ": check it is not the same unit twice (one unit in several qualifications is one "
            "file listing each in [[qualifications]]; a file named like a built-in unit's "
            "replaces it)",
        )
        for first, *others in by_urn.values()
        if others
    ]


def _urn_key(urn: str) -> str:
    """A URN as compared: `D/600/9804`, `d/600/9804` and `D 600 9804` are the same."""
    return "".join(ch for ch in urn.casefold() if ch.isalnum())


def qualification_warnings(catalogue: Catalogue) -> list[UnitFileError]:
    return [
        UnitFileError(catalogue.qualification_paths[qualification.id], where, message)
        for qualification in catalogue.sorted_qualifications()
        for where, message in _qualification_problems(qualification, catalogue.units)
    ]


def _qualification_problems(
    qualification: Qualification, units: dict[str, Unit]
) -> Iterator[tuple[str, str]]:
    groups = {id(group): g for g, group in enumerate(qualification.groups)}
    for place, group, entry in qualification.entries():
        # "mandatory", "unplaced", or the group as the qualification names it.
        where = group_words(group.title, groups[id(group)]) if group else place.value
        unit = units.get(entry.unit)
        if unit is None:
            yield (
                where,
                (
                    f"unit '{entry.unit}' is not in the catalogue: add its unit file "
                    f"({entry.unit}.toml) to a units folder, or correct the id"
                ),
            )
        else:
            yield from _numbering_problems(qualification, unit, entry, where)
    for g, group in enumerate(qualification.groups):
        yield from _group_credit_problems(group, g, units)


def _numbering_problems(
    qualification: Qualification, unit: Unit, entry: QualificationUnit, where: str
) -> Iterator[tuple[str, str]]:
    """A unit numbered one way by the qualification and another by its own file (its
    [[qualifications]] entry of the same title, which the printed sheet's unit line uses)."""
    context = next((q for q in unit.qualifications if q.title == qualification.title), None)
    if context and context.unit_number and entry.number and context.unit_number != entry.number:
        yield (
            where,
            (
                f"unit '{entry.unit}' is numbered {entry.number!r} here, but "
                f"{context.unit_number!r} in its own unit file's [[qualifications]]: correct "
                "one of them"
            ),
        )


def _group_credit_problems(
    group: OptionalGroup, index: int, units: dict[str, Unit]
) -> Iterator[tuple[str, str]]:
    """A group asking for more credit than its units carry together can never be met. Said
    only when every unit of it is in the catalogue with its credit."""
    credits = [units[e.unit].credit if e.unit in units else None for e in group.units]
    known = [credit for credit in credits if credit is not None]
    least = group.min_credit
    if least is not None and len(known) == len(credits) and sum(known) < least:
        carried = f"its units carry {sum(known)} credits together"
        yield group_words(group.title, index), f"min_credit is {least}, but {carried}"
