"""`ercsheet report`: a candidate's cross-reference matrix or progress report, as PDF."""

from __future__ import annotations

import argparse

from ercsheet.cli.common import catalogue, clock
from ercsheet.cli.report_data import matrix_input, progress_input
from ercsheet.cli.stores import candidate_of, existing_store, write_pdf


def cmd_report(args: argparse.Namespace) -> int:
    from ercsheet.pdf.matrix import render_matrix
    from ercsheet.pdf.progress_report import render_progress

    store = existing_store(args)
    candidate = candidate_of(store, args.number)
    today = clock().today()
    if args.matrix:
        matrix = matrix_input(store, candidate.id, today)
        write_pdf(args.output, lambda out: render_matrix(matrix, out))
        what = f"cross-reference matrix, {len(matrix.items)} item(s) × {len(matrix.units)} unit(s)"
    else:
        progress = progress_input(store, candidate.id, catalogue(args), today)
        write_pdf(args.output, lambda out: render_progress(progress, out))
        units = sum(len(section.units) for section in progress.sections)
        what = f"progress report, {units} unit(s)"
    print(f"{args.output}: {what}")
    return 0
