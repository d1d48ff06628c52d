"""The intent record of an operation that rewrites files: `<database>.journal.json`.

Erasure, passphrase changes, restores and backups write it first, naming the operation and what
it still has to do to the database and every file ercsheet keeps; they update it as they pass
each point of no return, and remove it when done. An operation stopped half-way (killed, the
battery, a full disk) leaves it behind, and the next ercsheet to open the database finishes or
undoes the operation from it (recovery.py). Written atomically, readable by the user alone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ercsheet.atomic import sync_folder, write_text_atomic

Record = dict[str, Any]


def journal_path(database: Path) -> Path:
    return database.with_name(f"{database.name}.journal.json")


def exists(database: Path) -> bool:
    return journal_path(database).exists()


def read(database: Path) -> Record | None:
    """The unfinished operation's record; one that cannot be read (written by hand, or by a
    newer ercsheet) is an operation of unknown kind, undone by removing what it staged."""
    try:
        text = journal_path(database).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return {"operation": "unknown"}
    return record if isinstance(record, dict) else {"operation": "unknown"}


def write(database: Path, record: Record) -> None:
    write_text_atomic(journal_path(database), json.dumps(record, ensure_ascii=False))


def clear(database: Path) -> None:
    path = journal_path(database)
    if path.exists():
        os.unlink(path)
        sync_folder(path.parent)
