"""Loading unit and qualification files: every file validated, a broken one reported and
skipped, never fatal. Each units folder holds unit files (`*.toml`) and, in its subfolder
`qualifications/`, qualification files, so no unit file is ever mistaken for one.

A file is read through `safe_read` (a FIFO, a device or a folder named `x.toml` is refused
at once, a file over MAX_UNIT_FILE_BYTES unread), parsed, and bounded before it is validated, so
no file, however made, can stop the catalogue or hang a command that loads it.
"""

from __future__ import annotations

import fnmatch
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ercsheet import safe_read
from ercsheet.catalogue import cross_checks
from ercsheet.catalogue.loaded import Catalogue as Catalogue
from ercsheet.catalogue.loaded import UnitFileError as UnitFileError
from ercsheet.catalogue.located import located
from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.qualification import Qualification
from ercsheet.catalogue.qualification_validation import (
    QualificationInvalid,
    parse_qualification,
)
from ercsheet.catalogue.shape import FileInvalid, Made, Problem
from ercsheet.catalogue.validation import UnitInvalid, parse_unit

# The subfolder of a units folder that holds its qualification files.
QUALIFICATIONS_FOLDER = "qualifications"
# A file of the other kind in a folder of one kind (a key only the other kind has, and none of
# its own kind's required keys): said in one line, not as every key missing or unknown.
MISPLACED = {
    "unit": (
        "awarding_body",
        "learning_outcomes",
        f"is a qualification file: move it into the units folder's {QUALIFICATIONS_FOLDER}/ "
        "subfolder",
    ),
    "qualification": (
        "learning_outcomes",
        "awarding_body",
        f"is a unit file: move it out of {QUALIFICATIONS_FOLDER}/, into the units folder itself",
    ),
}

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


def load_unit_file(path: Path) -> Unit | list[UnitFileError]:
    """One unit file, or the list of what is wrong with it."""
    return _load_file(path, "unit", parse_unit, UnitInvalid)


def load_qualification_file(path: Path) -> Qualification | list[UnitFileError]:
    """One qualification file, or the list of what is wrong with it."""
    return _load_file(path, "qualification", parse_qualification, QualificationInvalid)


def _load_file(
    path: Path,
    kind: str,
    parse: Callable[[Mapping[str, Any]], Made],
    invalid: type[FileInvalid],
) -> Made | list[UnitFileError]:
    """What the `kind` file at `path` describes (`parse` checks it, raising `invalid`), or the
    list of what is wrong with it."""
    try:
        text = safe_read.read_text(path, MAX_UNIT_FILE_BYTES, f"a {kind} file")
    except safe_read.NotReadable as error:
        return [UnitFileError(path, "", str(error))]
    try:
        data = _parse_toml(text, kind)
    except ValueError as error:
        return [UnitFileError(path, "", str(error))]
    bounded = safe_read.data_problem(data, MAX_UNIT_DEPTH)
    if bounded is not None:
        where, message = bounded
        return [UnitFileError(path, located(where, data, invalid.names), message)]
    if "id" in data:
        return [UnitFileError(path, "id", "the id is the file name; remove this key")]
    others, own, misplaced = MISPLACED[kind]
    if others in data and own not in data:
        return [UnitFileError(path, "", misplaced)]
    try:
        return parse({**data, "id": path.stem})
    except FileInvalid as error:
        return [
            UnitFileError(path, error.where(p), _in_file_terms(p, kind)) for p in error.problems
        ]


def _parse_toml(text: str, kind: str) -> dict[str, object]:
    """The TOML document; ValueError saying what is wrong (and the line, where known)."""
    long_key = _LONG_KEY.search(text)
    if long_key:
        raise ValueError(
            f"not a {kind} file: line {_line(text, long_key.start())} has a key of more than "
            f"{MAX_KEY_PARTS} dotted parts"
        )
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"not valid TOML: {error}") from None
    except RecursionError:
        raise ValueError(
            f"not a {kind} file: lists or tables are nested hundreds of levels deep"
        ) from None
    except ValueError:
        # Python refuses to convert an integer of more than 4,300 digits.
        number = _LONG_NUMBER.search(text)
        at = f" (line {_line(text, number.start())})" if number else ""
        raise ValueError(f"not a {kind} file: a number of thousands of digits{at}") from None


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _in_file_terms(problem: Problem, kind: str) -> str:
    if problem.location == ("id",):
        return f"the file name must be lower-case letters, digits and '-' (it is the {kind}'s id)"
    return problem.message


def unit_file_paths(folder: Path) -> list[Path]:
    """The unit files (`*.toml`) in a folder, by name; OSError when it cannot be listed."""
    with os.scandir(folder) as entries:
        names = [entry.name for entry in entries if fnmatch.fnmatch(entry.name, "*.toml")]
    return [folder / name for name in sorted(names)]


def load_catalogue(folders: Iterable[Path]) -> Catalogue:
    """Units, then qualifications, from each folder in order; a later folder's unit (or
    qualification) replaces an earlier one's of the same id."""
    catalogue = Catalogue()
    for folder in folders:
        if not folder.is_dir():
            catalogue.errors.append(UnitFileError(folder, "", "is not a folder"))
            continue
        _load_files(folder, load_unit_file, catalogue.units, catalogue.paths, catalogue)
        _load_qualifications(folder / QUALIFICATIONS_FOLDER, catalogue)
    catalogue.warnings.extend(cross_checks.warnings(catalogue))
    return catalogue


def _load_qualifications(folder: Path, catalogue: Catalogue) -> None:
    # A units folder need not have qualifications: no subfolder is no error.
    if not os.path.lexists(folder):
        return
    if not folder.is_dir():
        catalogue.errors.append(UnitFileError(folder, "", "is not a folder"))
        return
    found, paths = catalogue.qualifications, catalogue.qualification_paths
    _load_files(folder, load_qualification_file, found, paths, catalogue)


def _load_files(
    folder: Path,
    load: Callable[[Path], Made | list[UnitFileError]],
    found: dict[str, Made],
    paths: dict[str, Path],
    catalogue: Catalogue,
) -> None:
    """Each file of the folder loaded into `found` (and its path into `paths`) by its id,
    replacing one of an earlier folder; what is wrong with it into the catalogue's errors."""
    for path in _listed(folder, catalogue):
        loaded = load(path)
        if isinstance(loaded, list):
            catalogue.errors.extend(loaded)
        else:
            found[loaded.id] = loaded
            paths[loaded.id] = path


def _listed(folder: Path, catalogue: Catalogue) -> list[Path]:
    """The files of a folder to load; none, with the reason reported, when it cannot be read."""
    try:
        return unit_file_paths(folder)
    except OSError as error:
        reason = (
            "permission denied"
            if isinstance(error, PermissionError)
            else error.strerror or str(error)
        )
        catalogue.errors.append(UnitFileError(folder, "", f"the folder cannot be read ({reason})"))
        return []
