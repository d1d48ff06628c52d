"""Finishing or undoing what an interrupted operation left behind, when the database is next
opened (by the window or any command) or the operation is run again.

The journal (journal.py) says what the operation was doing. At the level of files, which needs
no passphrase: replacements past their point of no return are finished (swaps.finish), any
other staging file is discarded (overwritten first), and a journal of nothing more to do is
removed. What needs the open database (an erasure to carry on into the backups, an audit event
to write) is the store's, given the journal back (Store._carry_on).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from ercsheet.store import journal, staging, swaps
from ercsheet.store.journal import Record


def pending(database: Path) -> bool:
    """Whether there is anything to finish or undo (cheap: two or three file look-ups)."""
    return journal.exists(database) or bool(staging.leftovers(database))


def recover_files(database: Path) -> Record | None:
    """Finish or undo at the level of files; returns the journal when the store has more to
    do with it. The caller holds the files lock exclusively."""
    record = journal.read(database)
    if record is None:
        staging.sweep(database)
        return None
    operation, phase = record.get("operation"), record.get("phase")
    if phase == "swap":
        swaps.finish(database, record)
        record = {**record, "phase": "log"}
    elif operation == "erase" or phase == "log":
        pass  # the store carries on (the erasure) or writes the audit event
    else:
        # Stopped before its point of no return (a passphrase change or a restore still
        # preparing, a backup being written), or unknown: undone by discarding what it staged.
        for name in record.get("staging", []):
            stage = Path(name)
            staging.discard(stage)
            with contextlib.suppress(OSError):  # not empty, or already gone
                stage.parent.rmdir()
        staging.sweep(database)
        journal.clear(database)
        return None
    staging.sweep(database)
    return record
