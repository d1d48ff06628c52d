"""Loading unit files: every file validated, a broken one reported and skipped, never fatal."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.validation import Problem, UnitInvalid, location_text, parse_unit

# A unit specification is a few kilobytes; anything far larger is not a unit file.
MAX_UNIT_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class UnitFileError:
    path: Path
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.path}: {where}{self.message}"


@dataclass
class Catalogue:
    units: dict[str, Unit] = field(default_factory=dict)
    errors: list[UnitFileError] = field(default_factory=list)

    def get(self, unit_id: str) -> Unit | None:
        return self.units.get(unit_id)

    def sorted_units(self) -> list[Unit]:
        return sorted(self.units.values(), key=lambda u: (u.display_title.casefold(), u.id))


def load_unit_file(path: Path) -> Unit | list[UnitFileError]:
    """One unit file, or the list of what is wrong with it."""
    try:
        if path.stat().st_size > MAX_UNIT_FILE_BYTES:
            return [UnitFileError(path, "", "file is too large to be a unit file")]
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as error:
        return [UnitFileError(path, "", f"not UTF-8 text (byte {error.start})")]
    except tomllib.TOMLDecodeError as error:
        return [UnitFileError(path, "", f"not valid TOML: {error}")]
    except OSError as error:
        return [UnitFileError(path, "", f"cannot be read: {error.strerror}")]
    if "id" in data:
        return [UnitFileError(path, "id", "the id is the file name; remove this key")]
    try:
        return parse_unit({**data, "id": path.stem})
    except UnitInvalid as invalid:
        return [
            UnitFileError(path, location_text(p.location), _in_file_terms(p))
            for p in invalid.problems
        ]


def _in_file_terms(problem: Problem) -> str:
    if problem.location == ("id",):
        return "the file name must be lower-case letters, digits and '-' (it is the unit's id)"
    return problem.message


def load_catalogue(folders: Iterable[Path]) -> Catalogue:
    """Units from each folder in order; a later folder's unit replaces an earlier one's."""
    catalogue = Catalogue()
    for folder in folders:
        if not folder.is_dir():
            catalogue.errors.append(UnitFileError(folder, "", "is not a folder"))
            continue
        for path in sorted(folder.glob("*.toml")):
            result = load_unit_file(path)
            if isinstance(result, Unit):
                catalogue.units[result.id] = result
            else:
                catalogue.errors.extend(result)
    return catalogue
