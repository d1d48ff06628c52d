"""The sheet commands: `sheets`, `import`, `export`, `pdf`, `check`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass
from ercsheet.cli.common import (
    EXPORT_PASSPHRASE_ENV,
    CommandError,
    _head,
    ask,
    catalogue,
    clock,
    new_passphrase,
    output_file,
    print_json,
    shown,
    shown_lines,
)
from ercsheet.cli.stores import (
    candidate_of,
    existing_store,
    open_store,
    printed_sheet,
    write_pdf,
)


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
    from ercsheet.store.exchange import (
        ExpiredUnitRefused,
        ImportRefused,
        already_said,
        import_files,
    )

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
            again = (
                " Import it again with --allow-expired to accept this."
                if isinstance(result, ExpiredUnitRefused)
                else ""
            )
            print(f"ercsheet: refused {shown_lines(result)}{again}", file=sys.stderr)
            status = 1
        else:
            for stored in result.sheets or [result]:
                if stored.already:
                    print(f"{shown(path)}: {already_said(stored.sheet_id, stored.differs)}")
                else:
                    print(f"{shown(path)}: imported as sheet {stored.sheet_id}")
            for warning in result.warnings:
                print(f"ercsheet: warning: {shown(path)}: {shown_lines(warning)}", file=sys.stderr)
    return status


def cmd_export(args: argparse.Namespace) -> int:
    from ercsheet.atomic import write_text_atomic
    from ercsheet.store import envelope
    from ercsheet.store.exchange import export_candidate, export_sheet
    from ercsheet.store.exchange_names import candidate_file_name, sheet_file_name
    from ercsheet.store.store import NotFound

    if (args.sheet_id is None) == (args.candidate is None):
        raise CommandError("name a sheet (SHEET_ID) or a candidate (--candidate NUMBER)")
    folder = args.output is not None and args.output.is_dir()
    output = output_file(args.output) if args.output is not None and not folder else None
    store = open_store(args)
    try:
        if args.candidate is None:
            text = export_sheet(store, args.sheet_id)
            content = store.sheet(args.sheet_id)
            name = sheet_file_name(content.candidate.candidate_number, content.unit.id)
        else:
            candidate = candidate_of(store, args.candidate)
            text = export_candidate(store, candidate.id)
            name = candidate_file_name(candidate.candidate_number)
    except NotFound as error:
        raise CommandError(str(error)) from None
    if folder:  # `-o FOLDER`: the file named in it as the window suggests
        output = output_file(args.output / name)
    if args.encrypt:
        passphrase = new_passphrase("Passphrase for the file: ", EXPORT_PASSPHRASE_ENV, "written")
        text = envelope.seal(text, passphrase)
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            write_text_atomic(output, text)
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror}") from None
        if folder:  # the name was ours: say it
            print(output)
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from ercsheet.pdf import render_pdf
    from ercsheet.store.values import NotFound

    if bool(args.sheet_ids) == bool(args.candidate):
        raise CommandError("name the sheets (SHEET_ID...) or a candidate (--candidate NUMBER)")
    store = existing_store(args)
    sheet_ids = list(args.sheet_ids)
    if args.candidate:
        candidate = candidate_of(store, args.candidate)
        sheet_ids = [s.id for s in store.sheets(candidate.id)]
    try:
        printed = [printed_sheet(store, sheet_id) for sheet_id in sheet_ids]
    except NotFound as error:
        raise CommandError(str(error)) from None
    write_pdf(args.output, lambda out: render_pdf(printed, out))
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
    signed = store.signed_count()
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
