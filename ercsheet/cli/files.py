"""The commands on the database's files: `backup`, `restore`, `erase-candidate`, `passphrase`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass
from ercsheet.cli.common import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    PIN_ENV,
    CommandError,
    ask,
    database_of,
    new_passphrase,
    output_file,
    passphrase_for,
    shown,
)
from ercsheet.cli.stores import finish_pending, held, store_with, tell


def cmd_backup(args: argparse.Namespace) -> int:
    from ercsheet.store import backup, files_lock
    from ercsheet.store.opening import encryption_message

    database = database_of(args)
    if not database.exists():
        raise CommandError(f"there is no database at {database} yet")
    output = output_file(args.output) if args.output else None
    passphrase = passphrase_for(database)
    finish_pending(database, passphrase)
    try:
        # Under the files lock: no erasure, passphrase change or restore runs until the copy
        # is in place, and the passphrase is checked again (it may have changed meanwhile).
        with files_lock.exclusive(database):
            problem = encryption_message(database, passphrase)
            if problem:
                raise CommandError(problem)
            if output:
                backup.copy_database(database, output, passphrase)
                written = output
            else:
                written = backup.rotate(database, "manual", passphrase=passphrase) or database
    except backup.BackupError as error:
        raise CommandError(str(error)) from None
    print(f"backed up to {written}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from ercsheet.store import backup, cipher

    database = database_of(args)
    encrypted = cipher.is_encrypted(database) or cipher.is_encrypted(args.file)
    passphrase = ask("Passphrase: ", PASSPHRASE_ENV) if encrypted else None
    with held(database):
        if cipher.is_encrypted(database):
            finish_pending(database, passphrase)
        try:
            saved = backup.restore(database, args.file, passphrase)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        # Opening the restored database writes the restore's audit event (the journal's last
        # step), dated by the command's clock; it keeps the store's encryption, so the
        # passphrase opens it when either was.
        store_with(database, passphrase if cipher.is_encrypted(database) else None).close()
    if saved:
        print(f"the database as it was is kept in {saved}")
    print(f"restored {args.file} into {database}")
    return 0


def cmd_erase_candidate(args: argparse.Namespace) -> int:
    database = database_of(args)
    if not database.exists():
        raise CommandError(f"there is no database at {database}")
    with held(database):
        return erase_candidate(args)


def erase_candidate(args: argparse.Namespace) -> int:
    from ercsheet.domain.names import normalise
    from ercsheet.store.values import RuleViolation

    database = database_of(args)
    passphrase = passphrase_for(database)
    store = store_with(database, passphrase, exclusive=False)
    number = args.number
    candidate = store.find_candidate(number)
    if candidate is None:
        # Erased from the store by an earlier run that stopped before the backups (an older
        # ercsheet; this one's journal finished it when the store opened): finish it now.
        if normalise(number) in store.finished_erasures:
            print(f"candidate {shown(number)}: the interrupted erasure is finished")
            return 0
        left = store.erase_from_backups(number)
        if left:
            print(
                f"candidate {shown(number)} was already erased from the store; erased them "
                f"from {left} backup(s)"
            )
            return 0
        raise CommandError(f"there is no candidate with number {number}")
    sheets = len(store.sheets(candidate.id))
    if not args.yes:
        print(
            f"This erases {shown(candidate.name)} ({shown(candidate.candidate_number)}) and their "
            f"{sheets} "
            "sheet(s) from the store and from every backup ercsheet keeps. It cannot be undone."
        )
        answer = input("Type the candidate number again to confirm: ") if sys.stdin.isatty() else ""
        if answer.strip() != candidate.candidate_number:
            raise CommandError("not confirmed; nothing was erased (use --yes in scripts)")
    pin = ask("Assessor's PIN: ", PIN_ENV) if store.has_pin() else None
    try:
        store.erase_candidate(candidate.id, pin)
    except RuleViolation as refused:
        raise CommandError(f"{refused}; nothing was erased") from None
    tell(store.notes)
    print(
        f"erased {shown(candidate.name)} ({shown(candidate.candidate_number)}) and {sheets} "
        "sheet(s)"
    )
    return 0


def cmd_passphrase(args: argparse.Namespace) -> int:
    from ercsheet.store.opening import encryption_message

    database = database_of(args)
    # The lock first (the window open on the database is said at once), then both passphrases,
    # checked before the database is opened: a refused one leaves the file byte for byte.
    database.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with held(database):
        current = passphrase_for(database)
        problem = encryption_message(database, current) if database.exists() else None
        if problem:
            raise CommandError(problem)
        new = None
        if not args.remove:
            new = new_passphrase("New passphrase: ", NEW_PASSPHRASE_ENV, "changed")
        store = store_with(database, current)
        left = store.change_passphrase(new)
        store.close()
    for file in left:
        print(
            f"ercsheet: {file} was left as it was: the old passphrase does not open it. Delete "
            "it if you do not need it.",
            file=sys.stderr,
        )
    print("the database is now " + ("encrypted" if new else "not encrypted"))
    return 0
