"""`ercsheet units`: the unit catalogue."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from ercsheet.catalogue.listing import unit_listing
from ercsheet.cli.common import catalogue, clock, print_json, reported, shown


def cmd_units(args: argparse.Namespace) -> int:
    cat = catalogue(args)
    units = cat.sorted_units()
    if args.json:
        # Where the catalogue's qualification files place the unit, beside its own listing.
        print_json(
            [
                {**unit_listing(u), "in_qualifications": [asdict(p) for p in cat.placements(u.id)]}
                for u in units
            ]
        )
    else:
        for u in units:
            contexts = "; ".join(
                " ".join(
                    p for p in (q.title, f"unit {q.unit_number}" if q.unit_number else "") if p
                )
                for q in u.qualifications
            )
            expired = f"  EXPIRED {u.expires:%d/%m/%Y}" if u.is_expired(clock().today()) else ""
            expired += "" if u.complete else "  NOT ALL TRANSCRIBED (cannot be signed off)"
            placed = "; ".join(p.text for p in cat.placements(u.id))
            print(
                f"{shown(u.id):28} {shown(u.display_title)}  [{shown(u.urn or 'no URN')}, "
                f"L{u.level or '?'}, {len(u.criteria)} ACs]{expired}"
                + (f"\n{'':28} {shown(contexts)}" if contexts else "")
                + (f"\n{'':28} qualifications: {shown(placed)}" if placed else "")
            )
    return reported(cat)
