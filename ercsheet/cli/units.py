"""`ercsheet units`: the unit catalogue."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ercsheet.catalogue.model import Unit
from ercsheet.cli.common import catalogue, clock, print_json, shown


def unit_json(unit: Unit) -> dict[str, Any]:
    return {
        "id": unit.id,
        "title": unit.title,
        "display_title": unit.display_title,
        "urn": unit.urn,
        "sector_unit_number": unit.sector_unit_number,
        "level": unit.level,
        "credit": unit.credit,
        "glh": unit.glh,
        "expires": unit.expires.isoformat() if unit.expires else None,
        "qualifications": [
            {"title": q.title, "unit_number": q.unit_number} for q in unit.qualifications
        ],
        "rules": dataclasses.asdict(unit.rules),
        "nos": list(unit.nos),
        "learning_outcomes": [
            {
                "number": lo.number,
                "title": lo.title,
                "criteria": [
                    {"number": c.number, "text": c.text, "guidance": c.guidance}
                    for c in lo.criteria
                ],
            }
            for lo in unit.learning_outcomes
        ],
    }


def cmd_units(args: argparse.Namespace) -> int:
    cat = catalogue(args)
    units = cat.sorted_units()
    if args.json:
        print_json([unit_json(u) for u in units])
    else:
        for u in units:
            contexts = "; ".join(
                " ".join(
                    p for p in (q.title, f"unit {q.unit_number}" if q.unit_number else "") if p
                )
                for q in u.qualifications
            )
            expired = f"  EXPIRED {u.expires:%d/%m/%Y}" if u.is_expired(clock().today()) else ""
            print(
                f"{shown(u.id):28} {shown(u.display_title)}  [{shown(u.urn or 'no URN')}, "
                f"L{u.level or '?'}, {len(u.criteria)} ACs]{expired}"
                + (f"\n{'':28} {shown(contexts)}" if contexts else "")
            )
    for error in cat.errors:
        print(f"ercsheet: skipped {shown(error)}", file=sys.stderr)
    return 1 if cat.errors else 0
