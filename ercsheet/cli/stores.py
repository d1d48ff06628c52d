"""The store a command works on, for as long as the command runs (opened, recovered, closed)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet import paths

if TYPE_CHECKING:
    from ercsheet.pdf import PrintedSheet
    from ercsheet.store.store import Store
    from ercsheet.store.values import CandidateInfo
from ercsheet.cli.common import (
    CommandError,
    clock,
    database_of,
    output_file,
    passphrase_for,
    shown_lines,
)

# The stores the running command opened: each is closed (its locks released) when the command
# ends, however it ends (command_stores).
_closing: ContextVar[contextlib.ExitStack | None] = ContextVar("closing", default=None)


@contextlib.contextmanager
def command_stores() -> Iterator[None]:
    """While a command runs: every store it opens is closed when it ends."""
    with contextlib.ExitStack() as stack:
        token = _closing.set(stack)
        try:
            yield
        finally:
            _closing.reset(token)


def open_store(args: argparse.Namespace, exclusive: bool = False, check: bool = False) -> Store:
    """The store; `exclusive` for commands that change it (refused while the window is open);
    `check` reads the whole file with SQLite's quick_check first (`ercsheet check` does)."""
    database = database_of(args)
    return store_with(database, passphrase_for(database), exclusive, check)


def existing_store(args: argparse.Namespace) -> Store:
    """The store of a command that only reads it (a printout): never created by it."""
    database = database_of(args)
    if not database.exists():
        raise CommandError(f"there is no database at {database} yet")
    return open_store(args)


def candidate_numbered(store: Store, number: str) -> CandidateInfo:
    candidate = store.find_candidate(number)
    if candidate is None:
        raise CommandError(f"there is no candidate with number {number}")
    return candidate


def candidate_of(store: Store, number: str) -> CandidateInfo:
    """The candidate of that number, with at least one sheet (a candidate's file and
    printouts are of their sheets)."""
    candidate = candidate_numbered(store, number)
    if not store.sheets(candidate.id):
        raise CommandError(f"candidate {number} ({candidate.name}) has no sheets")
    return candidate


def printed_sheet(store: Store, sheet_id: int) -> PrintedSheet:
    """A sheet as it prints: its content, record code, signing key and addenda."""
    from ercsheet.pdf import PrintedSheet

    return PrintedSheet.current(store.sheet(sheet_id), store.print_record(sheet_id))


def write_pdf(output: Path, render: Callable[[Path], None]) -> None:
    """A printout at `-o output` (refused before anything is drawn when it cannot be a file;
    `render` writes it atomically), or a clear error."""
    target = output_file(output)
    try:
        render(target)
    except OSError as error:
        raise CommandError(f"cannot write {output}: {error.strerror or error}") from None


def store_with(
    database: Path, passphrase: str | None, exclusive: bool = False, check: bool = False
) -> Store:
    """The store at `database`, opened with `passphrase` (already asked for)."""
    from ercsheet.store.opening import StoreError
    from ercsheet.store.store import Store

    try:
        store = Store(database, exclusive, passphrase, quick_check=check, clock=clock())
    except StoreError as error:
        raise CommandError(str(error)) from None
    stack = _closing.get()
    if stack is not None:
        stack.callback(store.close)
    tell(store.notes)
    return store


def tell(notes: list[str]) -> None:
    """What the store finished or undid of an interrupted operation, on stderr."""
    for note in notes:
        print(f"ercsheet: {shown_lines(note)}", file=sys.stderr)
    notes.clear()


def recover(database: Path) -> None:
    """Before a command looks at the database's files: finish or undo, at the level of files,
    what an interrupted operation left (what needs the passphrase is done when it opens)."""
    from ercsheet.store import files_lock, recovery
    from ercsheet.store.opening import StoreError

    if not database.parent.is_dir() or not recovery.pending(database):
        return
    try:
        with files_lock.exclusive(database):
            recovery.recover_files(database)
    except StoreError as error:
        raise CommandError(str(error)) from None


def finish_pending(database: Path, passphrase: str | None) -> None:
    """Open and close the store when an interrupted operation still needs it (an erasure's
    backups, an audit event), so a command that does not open the store leaves nothing."""
    from ercsheet.store import journal

    if journal.exists(database):
        store_with(database, passphrase).close()


@contextlib.contextmanager
def held(database: Path) -> Iterator[None]:
    """The database's instance lock, for a command that replaces or rewrites the file."""
    from ercsheet.store.instance_lock import AlreadyOpen, InstanceLock

    lock = InstanceLock(paths.real(Path(database)))
    try:
        lock.acquire()
    except AlreadyOpen as error:
        raise CommandError(str(error)) from None
    try:
        yield
    finally:
        lock.release()
