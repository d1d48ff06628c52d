"""`ercsheet sheet update-unit`: a draft sheet brought to its unit's current file.

A unit file completed or corrected after sheets were made of it (domain/unit_update.py): the
command says what changes, refuses to drop ticks on criteria the unit no longer has unless told
(`--drop-ticks`), and refuses a signed sheet, with the reason.
"""

from __future__ import annotations

import argparse

from ercsheet.cli.common import CommandError, catalogue, shown, shown_lines
from ercsheet.cli.stores import open_store


def cmd_update_unit(args: argparse.Namespace) -> int:
    from ercsheet.domain.unit_update import dropped_ticks_problem, unit_changes
    from ercsheet.store.values import NotFound, RuleViolation

    store = open_store(args, exclusive=True)
    try:
        before = store.sheet(args.sheet_id)
    except NotFound as error:
        raise CommandError(str(error)) from None
    unit_id = before.unit.id
    unit = catalogue(args).get(unit_id)
    if unit is None:
        raise CommandError(
            f"sheet {args.sheet_id}'s unit {unit_id} is not in the catalogue (its file was "
            "removed, renamed or cannot be read: ercsheet units says which); nothing was changed"
        )
    try:
        changes = store.update_sheet_unit(args.sheet_id, unit, drop_ticks=args.drop_ticks)
    except RuleViolation as refused:
        told = " ".join(p.message for p in refused.problems)
        # The hint only where the ticks are what stopped it (not a signed sheet's refusal).
        dropping = unit_changes(before.unit, unit, before.evidence).dropped
        asked = dropping and dropped_ticks_problem(dropping) in refused.problems
        hint = " To drop them, add --drop-ticks." if asked else ""
        raise CommandError(f"{told}{hint} Nothing was changed.") from None
    if not changes.any:
        print(f"sheet {args.sheet_id} already has the current version of unit {shown(unit_id)}")
        return 0
    print(f"sheet {args.sheet_id}: updated to the current version of unit {shown(unit_id)}")
    for heading, lines in changes.sections():
        print(f"{heading}:")
        for line in lines:
            print(f"  {shown_lines(line)}")
    for tick in changes.dropped:
        print(f"tick dropped: {shown(tick)}")
    for signature in before.signatures:
        label = before.signer_label(*signature.signer)
        print(f"signature removed: {shown(label)} ({shown(signature.name)}): they sign again")
    if changes.incomplete:
        print(
            "the unit's file says its criteria are not all transcribed: the sheet can be signed "
            "off once the file lists every criterion and the sheet is updated to it"
        )
    return 0
