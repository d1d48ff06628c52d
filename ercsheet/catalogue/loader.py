"""Loading unit files: every file validated, a broken one reported and skipped, never fatal.

A unit file is read through `safe_read` (a FIFO, a device or a folder named `x.toml` is refused
at once, a file over MAX_UNIT_FILE_BYTES unread), parsed, and bounded before it is validated, so
no file, however made, can stop the catalogue or hang a command that loads it.
"""

from __future__ import annotations

import fnmatch
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ercsheet import safe_read
from ercsheet.catalogue.located import located
from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.validation import Problem, UnitInvalid, parse_unit

# A unit specification is a few kilobytes (the seed units are 5-7 KB); a file over a megabyte is
# not a unit file, and refusing it unread bounds the time any file can take to parse.
MAX_UNIT_FILE_BYTES = 1024 * 1024
# The deepest a unit goes: learning_outcomes[i].criteria[j] is four levels of lists and tables.
MAX_UNIT_DEPTH = 8
# Python's TOML reader takes time quadratic in the parts of a dotted key (`a.b.c…`): a key of
# more parts than any unit has is refused before it is parsed.
MAX_KEY_PARTS = 8
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
# A line that starts with a key (or a table header) of more than MAX_KEY_PARTS parts; possessive,
# so a line of a million parts is matched once through, never backtracked.
_LONG_KEY = re.compile(
    rf"^[ \t]*\[{{0,2}}[ \t]*{_KEY_PART}"
    rf"(?>[ \t]*\.[ \t]*{_KEY_PART}){{{MAX_KEY_PARTS},}}+[ \t]*[=\]]",
    re.MULTILINE,
)
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4000,}")


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
    # What loads but may be a mistake: two unit files with the same URN.
    warnings: list[UnitFileError] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)  # each unit's file

    @property
    def reports(self) -> list[str]:
        """Every error, then every warning, as a line to show the user."""
        return [str(e) for e in self.errors] + [f"warning: {w}" for w in self.warnings]

    def get(self, unit_id: str) -> Unit | None:
        return self.units.get(unit_id)

    def sorted_units(self) -> list[Unit]:
        return sorted(self.units.values(), key=lambda u: (u.display_title.casefold(), u.id))


def load_unit_file(path: Path) -> Unit | list[UnitFileError]:
    """One unit file, or the list of what is wrong with it."""
    try:
        text = safe_read.read_text(path, MAX_UNIT_FILE_BYTES, "a unit file")
    except safe_read.NotReadable as error:
        return [UnitFileError(path, "", str(error))]
    try:
        data = _parse_toml(text)
    except ValueError as error:
        return [UnitFileError(path, "", str(error))]
    bounded = safe_read.data_problem(data, MAX_UNIT_DEPTH)
    if bounded is not None:
        where, message = bounded
        return [UnitFileError(path, located(where, data), message)]
    if "id" in data:
        return [UnitFileError(path, "id", "the id is the file name; remove this key")]
    try:
        return parse_unit({**data, "id": path.stem})
    except UnitInvalid as invalid:
        return [UnitFileError(path, invalid.where(p), _in_file_terms(p)) for p in invalid.problems]


def _parse_toml(text: str) -> dict[str, object]:
    """The TOML document; ValueError saying what is wrong (and the line, where known)."""
    long_key = _LONG_KEY.search(text)
    if long_key:
        raise ValueError(
            f"not a unit file: line {_line(text, long_key.start())} has a key of more than "
            f"{MAX_KEY_PARTS} dotted parts"
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"not valid TOML: {error}") from None
    except RecursionError:
        raise ValueError(
            "not a unit file: lists or tables are nested hundreds of levels deep"
        ) from None
    except ValueError:
        # Python refuses to convert an integer of more than 4,300 digits.
        number = _LONG_NUMBER.search(text)
        at = f" (line {_line(text, number.start())})" if number else ""
        raise ValueError(f"not a unit file: a number of thousands of digits{at}") from None


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _in_file_terms(problem: Problem) -> str:
    if problem.location == ("id",):
        return "the file name must be lower-case letters, digits and '-' (it is the unit's id)"
    return problem.message


def unit_file_paths(folder: Path) -> list[Path]:
    """The unit files (`*.toml`) in a folder, by name; OSError when it cannot be listed."""
    with os.scandir(folder) as entries:
        names = [entry.name for entry in entries if fnmatch.fnmatch(entry.name, "*.toml")]
    return [folder / name for name in sorted(names)]


def load_catalogue(folders: Iterable[Path]) -> Catalogue:
    """Units from each folder in order; a later folder's unit replaces an earlier one's."""
    catalogue = Catalogue()
    for folder in folders:
        if not folder.is_dir():
            catalogue.errors.append(UnitFileError(folder, "", "is not a folder"))
            continue
        try:
            paths = unit_file_paths(folder)
        except OSError as error:
            reason = (
                "permission denied"
                if isinstance(error, PermissionError)
                else error.strerror or str(error)
            )
            catalogue.errors.append(
                UnitFileError(folder, "", f"the folder cannot be read ({reason})")
            )
            continue
        for path in paths:
            result = load_unit_file(path)
            if isinstance(result, Unit):
                catalogue.units[result.id] = result
                catalogue.paths[result.id] = path
            else:
                catalogue.errors.extend(result)
    catalogue.warnings.extend(same_urn(catalogue))
    return catalogue


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
