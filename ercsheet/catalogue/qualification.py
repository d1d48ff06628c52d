"""A qualification as plain immutable values: its facts and its structure (rules of combination).

A qualification file lists units by their catalogue id, each with the number the qualification
gives it, in the places its rules of combination put them: mandatory, in an optional group (with
the group's minimum and maximum of units or credits), or, while those rules are not transcribed
(`complete = false`), "unplaced". Checked once as it loads (`qualification_validation.py`); what
the rules mean for a candidate's choice of units is the domain's (`domain/combination.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from ercsheet.catalogue.located import ordinal
from ercsheet.catalogue.model import Closed


class Place(StrEnum):
    """Where a qualification's rules of combination put a unit (the file's key for it)."""

    MANDATORY = "mandatory"
    GROUP = "group"
    # Known to be in the qualification; where, the file does not say (complete = false).
    UNPLACED = "unplaced"


@dataclass(frozen=True)
class QualificationUnit(Closed):
    """One unit as the qualification lists it: the catalogue's id for it (a unit file's name)
    and the number the qualification gives it ("40" for its Unit 40), "" when it gives none."""

    unit: str
    number: str = ""

    @property
    def label(self) -> str:
        """ "Unit 40 (mgmt-l3-u40-f17)"; the id alone for a unit the qualification does not
        number."""
        return f"Unit {self.number} ({self.unit})" if self.number else self.unit


def group_words(title: str, index: int) -> str:
    """A group as its qualification names it: "Optional group B" (its title, when that says it
    is a group), `group "Management skills"` otherwise, `the 2nd group` without a title."""
    if not title:
        return f"the {ordinal(index)} group"
    return title if "group" in title.casefold() else f'group "{title}"'


@dataclass(frozen=True)
class OptionalGroup(Closed):
    """A group of units to choose from, with how many units and/or credits the candidate must
    (at least) and may (at most) achieve from it. Every bound is optional: a group bounded
    only by a maximum, its units counting towards the qualification's credit, is common."""

    title: str
    units: tuple[QualificationUnit, ...]
    min_units: int | None = None
    max_units: int | None = None
    min_credit: int | None = None
    max_credit: int | None = None

    @property
    def rule_text(self) -> str:
        """The group's bounds in words: "at least 2 units, at most 10 credits"."""
        bounds = [
            f"{word} {count} {noun if count == 1 else noun + 's'}"
            for word, count, noun in (
                ("at least", self.min_units, "unit"),
                ("at least", self.min_credit, "credit"),
                ("at most", self.max_units, "unit"),
                ("at most", self.max_credit, "credit"),
            )
            if count is not None
        ]
        return ", ".join(bounds) or "no minimum or maximum"


@dataclass(frozen=True)
class CreditAtLevel(Closed):
    """A minimum of credit from units at a level or above ("at least 20 credits at level 3 or
    above"), a common rule of qualifications built of units of several levels."""

    level: int
    min_credit: int

    @property
    def rule_text(self) -> str:
        credits = "credit" if self.min_credit == 1 else "credits"
        return f"at least {self.min_credit} {credits} at level {self.level} or above"


@dataclass(frozen=True, kw_only=True)
class Qualification(Closed):
    id: str
    title: str
    awarding_body: str
    level: int
    # The regulator's number (e.g. 601/4421/X), where the source gives it.
    qualification_number: str = ""
    # The total credit the qualification requires (its minimum credit value).
    min_credit: int | None = None
    glh: int | None = None
    # Total qualification time, in hours.
    tqt: int | None = None
    # False while the rules of combination are not (all) transcribed: the qualification is then
    # never said to be complete, whatever a candidate achieves.
    complete: bool = True
    mandatory: tuple[QualificationUnit, ...] = ()
    groups: tuple[OptionalGroup, ...] = ()
    credit_at_level: CreditAtLevel | None = None
    unplaced: tuple[QualificationUnit, ...] = ()

    def entries(self) -> Iterator[tuple[Place, OptionalGroup | None, QualificationUnit]]:
        """Every unit listed, with its place (and group), in the file's order."""
        for entry in self.mandatory:
            yield Place.MANDATORY, None, entry
        for group in self.groups:
            for entry in group.units:
                yield Place.GROUP, group, entry
        for entry in self.unplaced:
            yield Place.UNPLACED, None, entry

    @cached_property
    def unit_ids(self) -> frozenset[str]:
        return frozenset(entry.unit for _, _, entry in self.entries())

    @cached_property
    def mandatory_ids(self) -> tuple[str, ...]:
        return tuple(entry.unit for entry in self.mandatory)

    def entry(self, unit_id: str) -> QualificationUnit | None:
        return next((e for _, _, e in self.entries() if e.unit == unit_id), None)
