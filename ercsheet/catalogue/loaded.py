"""What loading the catalogue gives: its units and qualifications, with what is wrong with the
files they came from (`loader.py` reads them; `cross_checks.py` compares them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.qualification import Place, Qualification


@dataclass(frozen=True)
class UnitFileError:
    """A problem of a file of the catalogue (a unit's, a qualification's, or a folder)."""

    path: Path
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.path}: {where}{self.message}"


@dataclass(frozen=True)
class Placement:
    """Where a qualification puts a unit: `place`, the group's title when in a group, and the
    number the qualification gives the unit."""

    qualification: str
    number: str
    place: Place
    group: str = ""

    @property
    def text(self) -> str:
        """ "kitchen-leadership-l3 (Unit 311, Optional group B)": for lists."""
        where = {Place.MANDATORY: "mandatory", Place.UNPLACED: "place not transcribed"}
        said = [f"Unit {self.number}" if self.number else "", where.get(self.place, self.group)]
        return f"{self.qualification} ({', '.join(part for part in said if part)})"


@dataclass
class Catalogue:
    units: dict[str, Unit] = field(default_factory=dict)
    errors: list[UnitFileError] = field(default_factory=list)
    # What loads but may be a mistake: two unit files with the same URN, a qualification naming
    # a unit the catalogue does not have.
    warnings: list[UnitFileError] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)  # each unit's file
    qualifications: dict[str, Qualification] = field(default_factory=dict)
    qualification_paths: dict[str, Path] = field(default_factory=dict)

    @property
    def reports(self) -> list[str]:
        """Every error, then every warning, as a line to show the user."""
        return [str(e) for e in self.errors] + [f"warning: {w}" for w in self.warnings]

    def get(self, unit_id: str) -> Unit | None:
        return self.units.get(unit_id)

    def sorted_units(self) -> list[Unit]:
        return sorted(self.units.values(), key=lambda u: (u.display_title.casefold(), u.id))

    def sorted_qualifications(self) -> list[Qualification]:
        return sorted(self.qualifications.values(), key=lambda q: (q.title.casefold(), q.id))

    def placements(self, unit_id: str) -> list[Placement]:
        """Where each qualification of the catalogue lists the unit, by qualification."""
        return [
            Placement(qualification.id, entry.number, place, group.title if group else "")
            for qualification in self.sorted_qualifications()
            for place, group, entry in qualification.entries()
            if entry.unit == unit_id
        ]
