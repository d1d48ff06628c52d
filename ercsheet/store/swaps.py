"""Replacing the database and its backups as one operation that finishes or undoes itself.

A passphrase change and a restore build every new file in staging first (staging.py), while the
journal (journal.py) says "prepare": stopped then, the staging files are discarded and nothing
has changed. When all are built and on disk, the journal says "swap" with every staging file and
its target; from then on the operation is finished, by this process or by the next ercsheet to
open the database: each staging file still there is renamed over its target. A plaintext file
replaced by an encrypted one is overwritten once it is no longer in use. The journal then says
"log": the store writes the operation's audit event and removes the journal.

Erasing a candidate from the backups is done file by file (each copy erased in staging, then
renamed over the backup): erasure only ever removes, so it is finished by doing it again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from pathlib import Path

from ercsheet.atomic import sync_folder
from ercsheet.domain.text import sentence
from ercsheet.store import backup, cipher, journal, staging
from ercsheet.store.backup import BackupError, key_for, list_backups
from ercsheet.store.journal import Record

Staged = list[tuple[Path, Path]]


def commit(database: Path, record: Record, staged: Staged, replaced: list[Path]) -> None:
    """The point of no return: the journal names every staging file, then each replaces its
    target. `replaced`: links kept to plaintext files being replaced, overwritten after."""
    record = {
        **record,
        "phase": "swap",
        "swaps": [[str(stage), str(target)] for stage, target in staged],
        "shred": [str(path) for path in replaced],
    }
    journal.write(database, record)
    finish(database, record)


def finish(database: Path, record: Record) -> None:
    """Rename every staging file still there over its target (again, after a stop: a file
    already renamed is skipped), overwrite what was replaced; the journal then says "log"."""
    for stage_name, target_name in record.get("swaps", []):
        stage, target = Path(stage_name), Path(target_name)
        if not stage.exists():
            continue
        # The old file's log was checkpointed before the swap: all it held is in the staged
        # copy (or, for a restore, in the backup kept of the database replaced).
        for suffix in ("-wal", "-shm", "-journal"):
            staging.shred(Path(f"{target}{suffix}"))
        os.replace(stage, target)
        sync_folder(target.parent)
    for old in record.get("shred", []):
        staging.shred(Path(old))  # a link to data still in use is only unlinked
    staging.sweep(database, [Path(stage) for stage, _target in record.get("swaps", [])])
    journal.write(database, {**record, "phase": "log"})


def undo(database: Path) -> None:
    """Before the point of no return: discard everything staged; nothing was changed."""
    staging.sweep(database)
    journal.clear(database)


def _keep_for_shredding(database: Path, target: Path) -> Path:
    """A second name for a plaintext file about to be replaced, so that once it is replaced
    its data can be overwritten (a rename alone leaves it on the disk)."""
    link = staging.folder(target) / f"{database.name}~{target.name}.old"
    staging.shred(link)
    os.link(target, link)
    return link


def rekey(database: Path, old: str | None, new: str | None) -> list[Path]:
    """Give the database and every backup it keeps the key `new` (None: plain), all of them or
    none. Returns the backups the old key does not open (left as they are). The database must
    be closed, and the caller holds the instance lock and the files lock."""
    record: Record = {
        "operation": "passphrase",
        "phase": "prepare",
        "before": old is not None,
        "after": new is not None,
    }
    journal.write(database, record)
    staged: Staged = []
    replaced: list[Path] = []
    left: list[Path] = []
    try:
        cipher.checkpoint(database, old)
        for target in [database, *list_backups(database)]:
            key = key_for(target, old)
            if not cipher.readable(target, key):
                if target == database:
                    raise BackupError(f"The passphrase does not open {database}; nothing changed.")
                left.append(target)
                continue
            stage = staging.new_file(database, target, "rekeying")
            cipher.export_to(target, key, new, stage)
            staged.append((stage, target))
            if key is None and new is not None:
                replaced.append(_keep_for_shredding(database, target))
    except BaseException:
        undo(database)
        raise
    commit(database, record, staged, replaced)
    return left


def restore(database: Path, source: Path, passphrase: str | None = None) -> Path | None:
    """Replace `database` with the backup `source`, checked first; the current database is
    backed up first. The result keeps the store's encryption: a plain backup restored into an
    encrypted store is encrypted with its passphrase. Returns the backup of the data replaced.
    The app must have closed the database; the journal is left saying "log" (the store writes
    the restore's audit event when it opens the file)."""
    from ercsheet.store import files_lock

    problem = backup.check_database_file(source, passphrase)
    if problem:
        raise BackupError(sentence(f"{problem}; nothing was changed"))
    source_key = key_for(source, passphrase)
    result_key = passphrase if cipher.is_encrypted(database) or source_key else None
    database.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with files_lock.exclusive(database):
        current = database.exists() and database.stat().st_size > 0
        kept = (
            backup.rotate(database, "before-restore", passphrase=key_for(database, passphrase))
            if current
            else None
        )
        record: Record = {
            "operation": "restore",
            "phase": "prepare",
            "source": str(source),
            "kept": str(kept) if kept else None,
            "digest": hashlib.sha256(source.read_bytes()).hexdigest(),
        }
        journal.write(database, record)
        try:
            if current:
                # A damaged database may not checkpoint: what could be read of it is in `kept`.
                with contextlib.suppress(*cipher.Error):
                    cipher.checkpoint(database, key_for(database, passphrase))
            stage = staging.new_file(database, database, "restoring")
            cipher.export_to(source, source_key, result_key, stage)
        except BaseException:
            undo(database)
            raise
        commit(database, record, [(stage, database)], [])
    return kept


def erase_from_backups(
    database: Path, candidate_id: int | None, number: str, passphrase: str | None
) -> list[Path]:
    """Erase a candidate from every backup of `database` that holds them; returns the backups
    the passphrase does not open (left as they are). The caller holds the files lock."""
    left: list[Path] = []
    for file in list_backups(database):
        key = key_for(file, passphrase)
        if not cipher.readable(file, key):
            left.append(file)
            continue
        if not backup.holds(file, key, candidate_id, number):
            continue
        stage = staging.new_file(database, file, "erasing")
        try:
            shutil.copyfile(file, stage)
            backup.erase_in(stage, key, candidate_id, number)
            old = _keep_for_shredding(database, file)
            os.replace(stage, file)
            sync_folder(file.parent)
            staging.shred(old)  # the backup's former data, the candidate with it
        finally:
            staging.discard(stage)
    return left
