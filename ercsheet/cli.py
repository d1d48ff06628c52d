"""The `ercsheet` command: the window with no command, headless commands otherwise.

Exit status: 0 success, 1 an error or a refused input (the reason on stderr), 2 a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import functools
import getpass
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ercsheet import paths, safe_read
from ercsheet.domain.clock import Clock, FixedDay, SystemClock
from ercsheet.domain.text import escaped, json_escaped

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue
    from ercsheet.catalogue.model import Unit
    from ercsheet.store.store import Store


class CommandError(Exception):
    """A command failed for a reason the user can act on; printed without a traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ercsheet",
        description="Evidence Record Sheets for assessors. With no command, opens the window.",
    )
    parser.add_argument("--db", type=Path, help="the database file (default: in your data folder)")
    parser.add_argument(
        "--units-dir",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of extra unit files (repeatable)",
    )
    parser.add_argument("--open", type=int, metavar="SHEET_ID", help="start on this sheet")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    units = commands.add_parser("units", help="list the unit catalogue")
    units.add_argument("--json", action="store_true", help="machine-readable output")

    sheets = commands.add_parser("sheets", help="list the sheets in the store")
    sheets.add_argument("--json", action="store_true", help="machine-readable output")

    importer = commands.add_parser("import", help="import exchange files (each whole, or refused)")
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importer.add_argument(
        "--allow-expired", action="store_true", help="accept sheets for expired units"
    )

    exporter = commands.add_parser("export", help="write one sheet as an exchange file")
    exporter.add_argument("sheet_id", type=int, metavar="SHEET_ID")
    exporter.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    exporter.add_argument(
        "--encrypt",
        action="store_true",
        help="encrypt the file with a passphrase (ERCSHEET_EXPORT_PASSPHRASE, or asked)",
    )
    checker = commands.add_parser(
        "check", help="verify every signed sheet against its record code and audit trail"
    )
    checker.add_argument(
        "--code", metavar="CODE", help="find and verify the sheet with this code (from paper)"
    )

    backup = commands.add_parser("backup", help="back up the database (now, consistently)")
    backup.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: backups folder")
    restore = commands.add_parser(
        "restore", help="replace the database with a backup (the current one is backed up first)"
    )
    restore.add_argument("file", type=Path, metavar="FILE")

    eraser = commands.add_parser(
        "erase-candidate",
        help="remove a candidate and all their sheets from the store and its backups",
    )
    eraser.add_argument("number", metavar="NUMBER", help="the candidate number")
    eraser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    changer = commands.add_parser(
        "passphrase", help="encrypt the database with a passphrase, change it, or remove it"
    )
    changer.add_argument("--remove", action="store_true", help="decrypt: no passphrase")
    printer = commands.add_parser("pdf", help="print sheets to a PDF in the official ERS layout")
    printer.add_argument("sheet_ids", nargs="*", type=int, metavar="SHEET_ID")
    printer.add_argument("--candidate", metavar="NUMBER", help="all sheets of this candidate")
    printer.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    return parser


def catalogue(args: argparse.Namespace) -> Catalogue:
    # Imported here: loading unit files needs the validator (pydantic), which `ercsheet pdf`
    # does not, and every command pays for what the module imports.
    from ercsheet.catalogue.loader import load_catalogue

    return load_catalogue([paths.builtin_units_dir(), *args.units_dir])


PASSPHRASE_ENV = "ERCSHEET_PASSPHRASE"
NEW_PASSPHRASE_ENV = "ERCSHEET_NEW_PASSPHRASE"
EXPORT_PASSPHRASE_ENV = "ERCSHEET_EXPORT_PASSPHRASE"
PIN_ENV = "ERCSHEET_PIN"
# The day a command works on, when not the machine's (tests, replaying a day's work): YYYY-MM-DD.
TODAY_ENV = "ERCSHEET_TODAY"


def clock() -> Clock:
    """The one clock of this process: the machine's, or the day ERCSHEET_TODAY names."""
    day = os.environ.get(TODAY_ENV, "").strip()
    if not day:
        return SystemClock()
    try:
        return FixedDay(dt.date.fromisoformat(day))
    except ValueError:
        raise CommandError(f"{TODAY_ENV}={day!r} is not a date in the form YYYY-MM-DD") from None


def _head(path: Path) -> str:
    """The start of a file, to recognise an encrypted exchange file (empty when it is not a
    readable regular file: a FIFO is never waited on)."""
    return safe_read.read_head(path, 200).decode("utf-8", "replace")


def shown(value: object) -> str:
    """Stored or received text as a terminal may show it: control and direction characters
    (an ESC that would recolour or rewrite the screen) written as escapes, `\x1b`."""
    return escaped(str(value))


def shown_lines(value: object) -> str:
    """As `shown`, keeping line breaks (messages of several lines)."""
    return escaped(str(value), multiline=True)


def print_json(data: object) -> None:
    print(json_escaped(json.dumps(data, ensure_ascii=False, indent=2)))


def ask(prompt: str, env: str) -> str | None:
    """A passphrase from the environment (scripts) or typed at the terminal (not echoed)."""
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(prompt) or None


def refuse_weak(passphrase: str, nothing: str) -> None:
    """A new passphrase the domain's policy refuses (as the window does) ends the command with
    the rule's message, before anything is changed; `nothing` says so."""
    from ercsheet.domain.passphrase import passphrase_problems

    problems = passphrase_problems(passphrase)
    if problems:
        raise CommandError(" ".join(p.message for p in problems) + f" {nothing}")


def new_passphrase(prompt: str, env: str, undone: str) -> str:
    """A new passphrase from the environment, or typed twice at the terminal; `undone` is what
    a refusal leaves undone ("changed": nothing was changed)."""
    new = ask(prompt, env)
    if new is None:
        raise CommandError(f"type the new passphrase in a terminal, or set {env}")
    refuse_weak(new, f"Nothing was {undone}.")
    if not os.environ.get(env) and getpass.getpass("Again: ") != new:
        raise CommandError(f"the two passphrases differ; nothing was {undone}")
    return new


def passphrase_for(database: Path) -> str | None:
    """The passphrase of an encrypted database (None for a plain one, or a new one when no
    passphrase is set in the environment)."""
    from ercsheet.store import cipher

    if not cipher.is_encrypted(database):
        # A new database is created encrypted when a passphrase is set for it.
        new = not database.exists() or database.stat().st_size == 0
        chosen = (os.environ.get(PASSPHRASE_ENV) or None) if new else None
        if chosen is not None:
            refuse_weak(chosen, f"Nothing was created: set a longer {PASSPHRASE_ENV}.")
        return chosen
    passphrase = ask(f"Passphrase for {database}: ", PASSPHRASE_ENV)
    if passphrase is None:
        raise CommandError(
            f"{database} is encrypted: set {PASSPHRASE_ENV}, or run the command in a terminal "
            "to be asked for the passphrase"
        )
    return passphrase


# Stores a command opened, closed (and their locks released) when it returns.
_opened: list[Any] = []


def database_of(args: argparse.Namespace) -> Path:
    """The database the command works on: the real file, when `--db` is a symlink."""
    return paths.real(args.db or paths.default_database())


def output_file(path: Path) -> Path:
    """Where `-o` writes: the real file through a symlink. A missing folder, or a target that
    is not a regular file (a device such as /dev/full, a folder, a pipe), is refused before
    anything is written: replacing it would put a file in place of a device."""
    import stat

    target = paths.real(path)
    if not target.parent.is_dir():
        raise CommandError(
            f"the folder {target.parent} does not exist: create it, or choose another file. "
            "Nothing was written."
        )
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(mode):
        raise CommandError(
            f"{path} is not a regular file (a device, a folder or a pipe): name a file to "
            "write. Nothing was written."
        )
    return target


def open_store(args: argparse.Namespace, exclusive: bool = False, check: bool = False) -> Store:
    """The store; `exclusive` for commands that change it (refused while the window is open);
    `check` reads the whole file with SQLite's quick_check first (`ercsheet check` does)."""
    database = database_of(args)
    return store_with(database, passphrase_for(database), exclusive, check)


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
    _opened.append(store)
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


def cmd_sheets(args: argparse.Namespace) -> int:
    store = open_store(args)
    summaries = store.sheets()
    if args.json:
        print_json(
            [
                {
                    "id": s.id,
                    "unit": s.unit_id,
                    "unit_title": s.unit_title,
                    "qualification": s.qualification,
                    "candidate": {
                        "name": s.candidate_name,
                        "candidate_number": s.candidate_number,
                    },
                    "coverage": {"covered": s.covered, "total": s.total},
                    "status": s.status,
                }
                for s in summaries
            ]
        )
    else:
        for s in summaries:
            print(
                f"{s.id:>5}  {shown(s.candidate_name)} ({shown(s.candidate_number or 'no number')})"
                f"  {shown(s.unit_id)}  {s.covered}/{s.total}  {shown(s.status)}"
            )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from ercsheet.store import envelope
    from ercsheet.store.exchange import ImportRefused, import_files

    store = open_store(args, exclusive=True)
    cat = catalogue(args)
    status = 0
    sealed = any(envelope.is_sealed(_head(path)) for path in args.files)
    passphrase = (
        ask("Passphrase of the encrypted files: ", EXPORT_PASSPHRASE_ENV) if sealed else None
    )
    for path, result in import_files(
        store, args.files, cat.get, clock().today(), args.allow_expired, passphrase
    ):
        if isinstance(result, ImportRefused):
            print(f"ercsheet: refused {shown_lines(result)}", file=sys.stderr)
            status = 1
        else:
            if result.already:
                print(
                    f"{shown(path)}: already in the store (sheet {result.sheet_id}); "
                    "nothing changed"
                )
            else:
                print(f"{shown(path)}: imported as sheet {result.sheet_id}")
            for warning in result.warnings:
                print(f"ercsheet: warning: {shown(path)}: {shown_lines(warning)}", file=sys.stderr)
    return status


def cmd_export(args: argparse.Namespace) -> int:
    from ercsheet.atomic import write_text_atomic
    from ercsheet.store import envelope
    from ercsheet.store.exchange import export_sheet
    from ercsheet.store.store import NotFound

    output = output_file(args.output) if args.output is not None else None
    store = open_store(args)
    try:
        text = export_sheet(store, args.sheet_id)
    except NotFound as error:
        raise CommandError(str(error)) from None
    if args.encrypt:
        passphrase = new_passphrase("Passphrase for the file: ", EXPORT_PASSPHRASE_ENV, "written")
        text = envelope.seal(text, passphrase)
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            write_text_atomic(output, text)
        except OSError as error:
            raise CommandError(f"cannot write {args.output}: {error.strerror}") from None
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from ercsheet.pdf import PrintedSheet, render_pdf
    from ercsheet.store.values import NotFound

    if bool(args.sheet_ids) == bool(args.candidate):
        raise CommandError("name the sheets (SHEET_ID...) or a candidate (--candidate NUMBER)")
    database = database_of(args)
    if not database.exists():
        raise CommandError(f"there is no database at {database} yet")
    store = open_store(args)
    sheet_ids = list(args.sheet_ids)
    if args.candidate:
        candidate = store.find_candidate(args.candidate)
        if candidate is None:
            raise CommandError(f"there is no candidate with number {args.candidate}")
        sheet_ids = [s.id for s in store.sheets(candidate.id)]
        if not sheet_ids:
            raise CommandError(f"candidate {args.candidate} ({candidate.name}) has no sheets")
    try:
        printed = []
        for sheet_id in sheet_ids:
            record = store.print_record(sheet_id)
            printed.append(
                PrintedSheet(
                    store.sheet(sheet_id),
                    record.code,
                    key_fingerprint=record.key_fingerprint,
                    addenda=record.addenda,
                )
            )
    except NotFound as error:
        raise CommandError(str(error)) from None
    try:
        render_pdf(printed, output_file(args.output))
    except OSError as error:
        raise CommandError(f"cannot write {args.output}: {error.strerror or error}") from None
    print(f"{args.output}: {len(printed)} sheet(s)")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    store = open_store(args, check=True)
    if args.code:
        found = store.find_by_code(args.code)
        if not found:
            raise CommandError(f"no sheet has a record code starting {args.code}")
        status = 0
        for sheet_id, version, addenda in found:
            which = "current" if version is None else f"signed version {version} (superseded, kept)"
            problem = store.check_record(sheet_id)
            print(
                f"{shown(args.code)}: sheet {sheet_id}, {which}: "
                + shown_lines(problem or "verified")
            )
            for addendum in addenda:
                later = addendum.signature
                print(
                    f"  addendum {addendum.number}, signed after sealing: {later.role.label}, "
                    f"{shown(later.name)}, {later.date:%d/%m/%Y}"
                )
            status = 1 if problem else status
        return status
    problems = store.check_records()
    signed = sum(1 for s in store.sheets() if s.status == "signed")
    for found_problem in problems:
        where = (
            f"sheet {found_problem.sheet_id} ({shown(found_problem.candidate_name)}, "
            f"{shown(found_problem.unit_id)})"
            if found_problem.candidate_name
            else f"sheet {found_problem.sheet_id}"
            if found_problem.sheet_id is not None
            else "the store"
        )
        print(f"ercsheet: {where}: {shown_lines(found_problem.problem)}", file=sys.stderr)
    print(f"{signed} signed sheet(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0


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


def run_window(args: argparse.Namespace) -> int:
    from ercsheet.gui.app import run

    day = clock().today() if os.environ.get(TODAY_ENV) else None
    units = functools.partial(catalogue, args)
    return run(database_of(args), units, args.open, day)


def refusal(error: Exception, database: Path | None) -> str | None:
    from ercsheet.environment import explain

    opening = sys.modules.get("ercsheet.store.opening")
    if opening is not None and isinstance(error, opening.StoreError):
        return str(error)
    return explain(error, database)


COMMANDS = {
    "units": cmd_units,
    "sheets": cmd_sheets,
    "import": cmd_import,
    "export": cmd_export,
    "pdf": cmd_pdf,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "erase-candidate": cmd_erase_candidate,
    "passphrase": cmd_passphrase,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = COMMANDS.get(args.command, run_window)
    database: Path | None = None
    try:
        if args.command != "units":
            database = database_of(args)
            recover(database)
        return handler(args)
    except CommandError as error:
        print(f"ercsheet: {shown_lines(error)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`ercsheet units | head`): stop quietly, as other tools do. Point
        # stdout at nothing so Python's own flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:
        # Only what the user can act on becomes a message: a refusal of the store, or the
        # environment (permissions, a read-only or full disk). Anything else is a bug, and
        # keeps its traceback.
        message = refusal(error, database)
        if message is None:
            raise
        print(f"ercsheet: {shown_lines(message)}", file=sys.stderr)
        return 1
    finally:
        while _opened:
            _opened.pop().close()
