"""`ercsheet unit import`: unit specifications (PDF, DOCX, text) read into unit files.

Each file is read and reported on its own: one that cannot be read is named with the reason and
the others still go through. What the importer is unsure of goes to stderr, one line a mark.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from ercsheet.cli.common import CommandError, print_json, shown


def cmd_unit_import(args: argparse.Namespace) -> int:
    from ercsheet.catalogue.importer.bounded import read_and_parse
    from ercsheet.catalogue.importer.reading import SpecUnreadable
    from ercsheet.catalogue.importer.writing import listing, unit_id

    if args.output is not None:
        _make_folder(args.output)
    failed = False
    listed = []
    ids: set[str] = set()
    for path in args.specs:
        try:
            _lines, unit = read_and_parse(path)
        except SpecUnreadable as error:
            print(f"ercsheet: {shown(path)}: cannot be read: {shown(error)}.", file=sys.stderr)
            failed = True
            continue
        for mark in unit.unsure:
            print(f"ercsheet: {shown(path)}: unsure: {shown(mark)}", file=sys.stderr)
        identifier = unit_id(unit, path.stem)
        # Two files written under one name would lose the first (the JSON can list both).
        if args.output is not None and identifier in ids:
            print(
                f"ercsheet: {shown(path)}: a second unit with the id {identifier}; not written.",
                file=sys.stderr,
            )
            failed = True
            continue
        ids.add(identifier)
        if args.json:
            listed.append(listing(unit, identifier))
        if args.output is not None:
            failed |= not _write(unit, identifier, path, args.output)
        elif not args.json:
            ac_count = len(unit.criteria)
            print(
                f"{shown(identifier):28} {shown(unit.title or '(no title)')}  "
                f"[{shown(unit.urn or 'no URN')}, L{unit.level or '?'}, "
                f"{len(unit.learning_outcomes)} LOs, {ac_count} ACs, {len(unit.unsure)} unsure]"
            )
    if args.json:
        print_json(listed)
    return 1 if failed else 0


def _make_folder(folder: Path) -> None:
    """The output folder, made if it is not there yet (as `-o` names a file's place anywhere)."""
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{shown(folder)} is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(
            f"{shown(folder)} cannot be made ({shown(error.strerror or error)})"
        ) from None


def _write(unit: object, identifier: str, source: Path, folder: Path) -> bool:
    """Write the unit file if it loads back as a unit; say why not otherwise."""
    from ercsheet.atomic import write_text_atomic
    from ercsheet.catalogue.importer.result import ParsedUnit
    from ercsheet.catalogue.importer.writing import to_toml
    from ercsheet.catalogue.validation import UnitInvalid, location_text, parse_unit

    assert isinstance(unit, ParsedUnit)
    text = to_toml(unit, source.name)
    try:
        parse_unit({**tomllib.loads(text), "id": identifier})
    except UnitInvalid as invalid:
        problems = "; ".join(f"{location_text(p.location)}: {p.message}" for p in invalid.problems)
        print(
            f"ercsheet: {shown(source)}: not written, the unit is not complete "
            f"({shown(problems)}); --json shows what was found.",
            file=sys.stderr,
        )
        return False
    target = folder / f"{identifier}.toml"
    if target.exists():
        print(
            f"ercsheet: {shown(source)}: {shown(target)} exists; not overwritten.", file=sys.stderr
        )
        return False
    write_text_atomic(target, text, mode=0o644)
    print(f"{shown(target)}")
    return True
