"""`ercsheet units`: the unit catalogue."""

from __future__ import annotations

import argparse
import sys

from ercsheet.catalogue.listing import unit_listing
from ercsheet.cli.common import catalogue, clock, print_json, shown


def cmd_units(args: argparse.Namespace) -> int:
    cat = catalogue(args)
    units = cat.sorted_units()
    if args.json:
        print_json([unit_listing(u) for u in units])
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
            print(
                f"{shown(u.id):28} {shown(u.display_title)}  [{shown(u.urn or 'no URN')}, "
                f"L{u.level or '?'}, {len(u.criteria)} ACs]{expired}"
                + (f"\n{'':28} {shown(contexts)}" if contexts else "")
            )
    for error in cat.errors:
        print(f"ercsheet: skipped {shown(error)}", file=sys.stderr)
    # Both units load, so a warning does not fail the command.
    for warning in cat.warnings:
        print(f"ercsheet: warning: {shown(warning)}", file=sys.stderr)
    return 1 if cat.errors else 0
