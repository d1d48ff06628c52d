"""Saving a reviewed unit as a unit file in the user's units folder: written only when it loads
back as a unit, never over another file, and after a question when a unit in the catalogue has
its URN. No Qt here: the dialog asks its question through `confirm`."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet.catalogue.importer.result import FIELD_WORDS, ParsedUnit
from ercsheet.catalogue.importer.writing import to_toml, unit_id

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue


def save_reviewed(
    unit: ParsedUnit,
    source_name: str,
    folder: Path,
    catalogue: Catalogue | None,
    confirm: Callable[[str], bool],
) -> Path | str:
    """The file written, or why not (in the words of the unit file's checks)."""
    from ercsheet.atomic import write_text_atomic
    from ercsheet.catalogue.validation import UnitInvalid, parse_unit

    identifier = unit_id(unit, Path(source_name).stem)
    problem = _typed(unit)
    if problem:
        return problem
    text = to_toml(unit, source_name)
    try:
        parse_unit({**tomllib.loads(text), "id": identifier})
    except UnitInvalid as invalid:
        # In the specification's words ("LO 1, AC 1.2, text"), as a unit file's errors are.
        return "Not saved: " + "; ".join(
            f"{invalid.where(p) or 'the unit'}: {p.message}" for p in invalid.problems
        )
    target = folder / f"{identifier}.toml"
    if target.exists():
        return f"Not saved: your units folder already has {target.name}."
    same = [
        u for u in (catalogue.units.values() if catalogue else []) if unit.urn and u.urn == unit.urn
    ]
    if same and not confirm(
        f"{same[0].display_title} ({same[0].id}) has the URN {unit.urn} already. Save this unit as "
        "well?"
    ):
        return "Not saved: a unit with this URN is in the catalogue."
    folder.mkdir(parents=True, exist_ok=True)
    write_text_atomic(target, text, mode=0o600)
    return target


def _typed(unit: ParsedUnit) -> str:
    for name in ("level", "credit", "glh"):
        if isinstance(getattr(unit, name), str):
            return f"Not saved: {FIELD_WORDS[name].lower()} must be a whole number."
    if isinstance(unit.expires, str):
        return "Not saved: write the expiry date as YYYY-MM-DD (2015-02-28)."
    return ""
