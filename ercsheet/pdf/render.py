"""Rendering sheets into one PDF: each page a complete official form, numbered per sheet.

A sheet's pages are planned before anything is drawn (columns, rows, page breaks), so every page
knows its `(Page N of M)`. Output is deterministic: the same sheets give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from ercsheet.domain.sheet import SheetContent
from ercsheet.pdf.blocks import Form, draw_bottom, draw_top, measure_form
from ercsheet.pdf.columns import Chunk, ColumnPlan, plan_columns
from ercsheet.pdf.fonts import fonts
from ercsheet.pdf.grid import Fragment, draw_grid, header_height, layout_rows, paginate
from ercsheet.pdf.output import deliver, new_canvas
from ercsheet.pdf.printed import PrintedSheet
from ercsheet.pdf.style import (
    BLANK_ROW_HEIGHT,
    CONTENT_WIDTH,
    LABEL_SIZE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
)

# Room between the grid's caption (when the AC columns continue on another page) and the grid.
CAPTION_HEIGHT = 11.0


@dataclass(frozen=True)
class PagePlan:
    chunk_index: int
    fragments: Sequence[Fragment]


@dataclass(frozen=True)
class SheetPlan:
    form: Form
    columns: ColumnPlan
    pages: Sequence[PagePlan]

    @property
    def grid_top(self) -> float:
        return self.form.grid_top - (CAPTION_HEIGHT if len(self.columns.chunks) > 1 else 0)


def plan_sheet(sheet: PrintedSheet) -> SheetPlan:
    form = measure_form(sheet)
    columns = plan_columns(sheet.content.unit, CONTENT_WIDTH)
    caption = CAPTION_HEIGHT if len(columns.chunks) > 1 else 0
    room = form.grid_top - caption - header_height(columns) - form.grid_bottom
    # A blank form gets as many empty rows as its page holds, to fill in by hand.
    blank_rows = max(1, int(room // BLANK_ROW_HEIGHT))
    rows = layout_rows(sheet.content.unit, sheet.content.evidence, columns, blank_rows)
    pages = [
        PagePlan(chunk_index, fragments)
        for fragments in paginate(rows, room)
        for chunk_index in range(len(columns.chunks))
    ]
    return SheetPlan(form, columns, pages)


def render_pdf(sheets: Sequence[PrintedSheet | SheetContent], out: Path | BinaryIO) -> None:
    """Print `sheets` into one PDF at `out` (a path, written atomically, or a binary file)."""
    if not sheets:
        raise ValueError("there is no sheet to print")
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (PAGE_WIDTH, PAGE_HEIGHT))
    printed_sheets = [s if isinstance(s, PrintedSheet) else PrintedSheet(s) for s in sheets]
    _describe(canvas, [p.content for p in printed_sheets])
    for printed in printed_sheets:
        _draw_sheet(canvas, plan_sheet(printed))
    canvas.save()
    deliver(buffer.getvalue(), out)


def _describe(canvas: Canvas, contents: Sequence[SheetContent]) -> None:
    """The PDF's own title, author and subject (what a file manager or a PDF reader shows):
    the unit line, the assessor and the candidate, rather than "anonymous"/"untitled". They
    come from the sheets alone, so the same sheets still give the same bytes."""
    first = contents[0]
    units = {c.unit_line or c.unit.display_title for c in contents}
    title = f"Evidence Record Sheet: {first.unit_line or first.unit.display_title}"
    if len(units) > 1:
        title = f"Evidence Record Sheets ({len(contents)} units)"
    canvas.setTitle(title)
    canvas.setAuthor(", ".join(sorted({c.assessor.name for c in contents if c.assessor.name})))
    candidates = sorted(
        {
            f"{c.candidate.name} ({c.candidate.candidate_number})".replace(" ()", "")
            for c in contents
        }
    )
    canvas.setSubject("Candidate: " + ", ".join(candidates))
    canvas.setCreator("ercsheet")
    canvas.setProducer("ercsheet")


def _draw_sheet(canvas: Canvas, plan: SheetPlan) -> None:
    count = len(plan.pages)
    chunks = plan.columns.chunks
    for number, page in enumerate(plan.pages, start=1):
        draw_top(canvas, plan.form)
        chunk = chunks[page.chunk_index]
        if len(chunks) > 1:
            _draw_caption(canvas, plan.form.grid_top - 8, chunk, page.chunk_index, len(chunks))
        bottom = draw_grid(canvas, plan.columns, chunk, plan.grid_top, page.fragments)
        draw_bottom(canvas, plan.form, bottom, number, count)
        canvas.showPage()


def _draw_caption(canvas: Canvas, baseline: float, chunk: Chunk, index: int, count: int) -> None:
    """Say which AC columns this page carries when the grid is split across page widths."""
    canvas.setFont(fonts().regular, LABEL_SIZE)
    canvas.drawRightString(
        RIGHT,
        baseline,
        f"Grid part {index + 1} of {count}: criteria {chunk.criteria[0]} to {chunk.criteria[-1]}",
    )
