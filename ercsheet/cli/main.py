"""The `ercsheet` command: the window with no command, headless commands otherwise.

Exit status: 0 success, 1 an error or a refused input (the reason on stderr), 2 a usage error.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass
from ercsheet import __version__
from ercsheet.cli.common import (
    TODAY_ENV,
    CommandError,
    catalogue,
    clock,
    database_of,
    has_desktop,
    shown_lines,
    unreachable_display,
)
from ercsheet.cli.files import cmd_backup, cmd_erase_candidate, cmd_passphrase, cmd_restore
from ercsheet.cli.progress import cmd_progress, cmd_register
from ercsheet.cli.qualifications import cmd_qualifications
from ercsheet.cli.reports import cmd_report
from ercsheet.cli.sheet_unit import cmd_update_unit
from ercsheet.cli.sheets import cmd_check, cmd_export, cmd_import, cmd_pdf, cmd_sheets
from ercsheet.cli.stores import command_stores, recover
from ercsheet.cli.unit_import import cmd_unit_import
from ercsheet.cli.units import cmd_units
from ercsheet.store.exchange_names import EXTENSION


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ercsheet",
        description="Evidence Record Sheets for assessors. With no command, opens the window; "
        "`ercsheet FILE` opens it and imports FILE, an exchange file.",
    )
    parser.add_argument("--version", action="version", version=f"ercsheet {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation: an encrypted store, a sheet ticked, signed, printed, "
        "exported and imported, and the window, all in a temporary folder (your data is not "
        "touched); exit status 0 when every step passes",
    )
    parser.add_argument(
        "--self-test-hold",
        type=seconds,
        metavar="SECONDS",
        help="how long --self-test keeps its window up (default: 3 on a screen, 0 without)",
    )
    # The self-test's child that starts Qt first: Qt ends the program that cannot open its
    # display, and the self-test must live on to say so and remove its folder.
    parser.add_argument("--self-test-qt-probe", action="store_true", help=argparse.SUPPRESS)
    _window_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    units = commands.add_parser("units", help="list the unit catalogue")
    units.add_argument("--json", action="store_true", help="machine-readable output")

    qualifications = commands.add_parser(
        "qualifications", help="list the qualifications and their rules of combination"
    )
    qualifications.add_argument("--json", action="store_true", help="machine-readable output")

    unit = commands.add_parser("unit", help="work on units: import a unit specification")
    unit_commands = unit.add_subparsers(dest="unit_command", metavar="UNIT_COMMAND", required=True)
    unit_import = unit_commands.add_parser(
        "import", help="read unit specifications (PDF, DOCX or text) into unit files"
    )
    unit_import.add_argument("specs", nargs="+", type=Path, metavar="SPEC")
    unit_import.add_argument(
        "-o", "--output", type=Path, metavar="DIR", help="write a unit file for each into DIR"
    )
    unit_import.add_argument("--json", action="store_true", help="print the units found as JSON")

    progress = commands.add_parser(
        "progress", help="a candidate's progress: each qualification, unit and learning outcome"
    )
    progress.add_argument("number", metavar="NUMBER", help="the candidate number")
    progress.add_argument("--json", action="store_true", help="machine-readable output")

    register = commands.add_parser(
        "register",
        help="register a candidate on a qualification: a sheet for each mandatory and chosen unit",
    )
    register.add_argument("number", metavar="NUMBER", help="the candidate number")
    register.add_argument(
        "qualification", metavar="QUALIFICATION_ID", help="as ercsheet qualifications lists it"
    )
    register.add_argument(
        "--number",
        dest="registration_number",
        metavar="N",
        help="the awarding body's registration number",
    )
    register.add_argument("--date", metavar="YYYY-MM-DD", help="the date registered")
    register.add_argument(
        "--unit",
        action="append",
        default=[],
        metavar="UNIT_ID",
        help="an optional unit chosen (repeatable); the mandatory units are always included",
    )

    sheets = commands.add_parser("sheets", help="list the sheets in the store")
    sheets.add_argument("--json", action="store_true", help="machine-readable output")

    sheet = commands.add_parser("sheet", help="work on one sheet: update it to its unit's file")
    sheet_commands = sheet.add_subparsers(
        dest="sheet_command", metavar="SHEET_COMMAND", required=True
    )
    update_unit = sheet_commands.add_parser(
        "update-unit",
        help="bring a draft sheet to its unit's current file (completed or corrected since)",
    )
    update_unit.add_argument("sheet_id", type=int, metavar="SHEET_ID")
    update_unit.add_argument(
        "--drop-ticks",
        action="store_true",
        help="drop ticks on criteria the unit no longer has (each is listed in the audit trail)",
    )

    importer = commands.add_parser("import", help="import exchange files (each whole, or refused)")
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importer.add_argument(
        "--allow-expired", action="store_true", help="accept sheets for expired units"
    )

    exporter = commands.add_parser(
        "export", help="write one sheet, or a candidate and all their sheets, as an exchange file"
    )
    exporter.add_argument("sheet_id", type=int, nargs="?", metavar="SHEET_ID")
    exporter.add_argument(
        "--candidate",
        metavar="NUMBER",
        help="the candidate, their evidence library and every sheet of theirs (version 2)",
    )
    exporter.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="the file, or a folder to write NUMBER-UNIT.ercsheet (NUMBER-all-sheets.ercsheet) "
        "in (default: stdout)",
    )
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

    report = commands.add_parser(
        "report", help="print a candidate's cross-reference matrix or progress report to a PDF"
    )
    report.add_argument("number", metavar="NUMBER", help="the candidate number")
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--matrix",
        action="store_true",
        help="their evidence against every criterion of their units",
    )
    which.add_argument(
        "--progress", action="store_true", help="each unit's coverage and what is still to cover"
    )
    report.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf")
    return parser


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds from 0 to 3600")
    return value


def _window_options(parser: argparse.ArgumentParser) -> None:
    """The options before any command (the window's, and those every command shares)."""
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


def file_to_open(argv: Sequence[str]) -> tuple[Path | None, list[str]]:
    """`ercsheet [OPTIONS] FILE`: the window, importing an exchange file (as a file manager
    starts it: the desktop entry's `Exec=ercsheet %f`). The file and the arguments left for the
    parser; (None, argv) unless `argv` is the window's options and one existing file that is
    not a command's name (a mistyped command stays a usage error, not a file refused)."""
    window = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    _window_options(window)
    window.add_argument("file", nargs="?")
    try:
        known, rest = window.parse_known_args(argv)
    except argparse.ArgumentError:  # an option's value missing or malformed: the parser says so
        return None, list(argv)
    named = known.file
    if rest or named is None or named in COMMANDS:
        return None, list(argv)
    # A name with a folder or an exchange file's ending is a file, there or not (main says
    # when it is not there); any other word that is no file is a mistyped command.
    looks_like_a_file = os.sep in named or named.lower().endswith((EXTENSION, ".json"))
    if not (os.path.lexists(named) or looks_like_a_file):
        return None, list(argv)
    left = list(argv)
    del left[len(left) - 1 - left[::-1].index(named)]
    return Path(named), left


def run_window(args: argparse.Namespace) -> int:
    if not has_desktop():
        raise CommandError(
            "the window needs a desktop, and this session has none (no DISPLAY or "
            "WAYLAND_DISPLAY): run ercsheet on your desktop; the commands (ercsheet --help) work "
            "anywhere"
        )
    display = unreachable_display()
    if display is not None:
        raise CommandError(
            f"the window cannot reach the display {display} (no X server answers there): "
            "start ercsheet from your desktop, or set DISPLAY to the desktop's display; the "
            "commands (ercsheet --help) work anywhere"
        )
    from ercsheet.gui.app import run

    day = clock().today() if os.environ.get(TODAY_ENV) else None
    units = functools.partial(catalogue, args)
    return run(database_of(args), units, args.open, day, args.import_on_start)


def refusal(error: Exception, database: Path | None) -> str | None:
    from ercsheet.environment import explain

    opening = sys.modules.get("ercsheet.store.opening")
    if opening is not None and isinstance(error, opening.StoreError):
        return str(error)
    return explain(error, database)


COMMANDS = {
    "units": cmd_units,
    "qualifications": cmd_qualifications,
    "unit": cmd_unit_import,
    "sheets": cmd_sheets,
    "progress": cmd_progress,
    "register": cmd_register,
    "sheet": cmd_update_unit,
    "import": cmd_import,
    "export": cmd_export,
    "pdf": cmd_pdf,
    "report": cmd_report,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "erase-candidate": cmd_erase_candidate,
    "passphrase": cmd_passphrase,
}


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # A frozen app (PyInstaller) is its own Python: the child that reads a unit
        # specification (importer/bounded.py) starts as this program, which must run the
        # child's work, not the command line. Unfrozen, there is nothing to do (nor import).
        import multiprocessing

        multiprocessing.freeze_support()
    opened, argv = file_to_open(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    args.import_on_start = opened  # not `file`: restore names its argument so
    if opened is not None and not os.path.lexists(opened):
        print(f"ercsheet: {opened}: there is no such file; nothing was imported", file=sys.stderr)
        return 1
    if args.self_test_qt_probe:
        from ercsheet.gui.app import application

        application()
        return 0
    if args.self_test:
        # Before anything below: it must not open, create or recover the user's database.
        from ercsheet.cli.self_test import cmd_self_test

        return cmd_self_test(args.self_test_hold)
    handler = COMMANDS.get(args.command, run_window)
    database: Path | None = None
    try:
        with command_stores():
            # The catalogue's commands read its files only: no database is opened or recovered.
            if args.command not in ("units", "qualifications", "unit"):
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
