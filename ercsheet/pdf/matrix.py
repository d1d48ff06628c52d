"""A candidate's cross-reference matrix: library items against every criterion of their units.

Landscape A4 in the ERS's fonts, rules and measures. Rows are the items (reference, title,
method, date), columns every criterion of every unit the candidate has a sheet for, under unit
and learning-outcome bands; a tick where the item covers the criterion on that unit's sheet,
and a last row counting the items per criterion. Columns too many for one page width continue
on further page widths, each repeating the item columns; rows continue on further pages, each
repeating the header. Output is deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from ercsheet.domain.sheet import EvidenceRow
from ercsheet.domain.vocabulary import Method
from ercsheet.pdf.blocks import KEY_LEADING, KEY_SIZE, key_text
from ercsheet.pdf.columns import REF_WIDTH
from ercsheet.pdf.fonts import fonts
from ercsheet.pdf.grid import RowLayout, paginate
from ercsheet.pdf.matrix_grid import COVERAGE_HEIGHT, HEADER_HEIGHT, draw_grid
from ercsheet.pdf.matrix_plan import MatrixChunk, MatrixPlan, plan_matrix
from ercsheet.pdf.output import deliver, new_canvas
from ercsheet.pdf.report_input import MatrixInput, MatrixItem
from ercsheet.pdf.report_page import HEAD_HEIGHT, describe, draw_head, draw_page_number
from ercsheet.pdf.style import (
    CELL_PAD,
    CELL_SIZE,
    CONTENT_WIDTH,
    INK,
    LABEL_SIZE,
    LEFT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
    TICK,
)
from ercsheet.pdf.text import at_most, wrap

TITLE = "Cross-reference matrix"
TICK_KEY = (
    f"{TICK} = the item is ticked against the criterion on that unit's sheet; blank = on that "
    "unit's sheet, not ticked against it; shaded = not on that unit's sheet."
)
CAPTION_HEIGHT = 12.0
# Room the title block takes, and the gap under it.
HEAD_SPACE = HEAD_HEIGHT + 8.0
# A row's reference and title print in full up to these lines, then end with `…`.
MAX_REF_LINES = 2
MAX_TITLE_LINES = 3


def render_matrix(data: MatrixInput, out: Path | BinaryIO) -> None:
    """Print the matrix into a PDF at `out` (a path, written atomically, or a binary file)."""
    plan = plan_matrix(data.units, CONTENT_WIDTH)
    regular = fonts().regular
    methods = [m for m in Method if any(item.method is m for item in data.items)]
    key = wrap(
        ". ".join((key_text((m.abbreviation, m.label) for m in methods), TICK_KEY)),
        regular,
        KEY_SIZE,
        CONTENT_WIDTH,
    )
    grid_top = (
        PAGE_HEIGHT - MARGIN_TOP - HEAD_SPACE - (CAPTION_HEIGHT if len(plan.chunks) > 1 else 0)
    )
    grid_bottom = MARGIN_BOTTOM + 14 + KEY_LEADING * len(key) + 4
    room = grid_top - HEADER_HEIGHT - COVERAGE_HEIGHT - grid_bottom
    rows = [_layout(item, plan) for item in data.items]
    pages = paginate(rows, room)
    counts = _counts(data.items)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (PAGE_WIDTH, PAGE_HEIGHT))
    describe(canvas, TITLE, data.head)
    total = len(pages) * len(plan.chunks)
    number = 0
    first_item = 0
    for fragments in pages:
        items = data.items[first_item : first_item + sum(f.first == 0 for f in fragments)]
        first_item += len(items)
        for index, chunk in enumerate(plan.chunks):
            number += 1
            draw_head(canvas, TITLE, data.head, LEFT, RIGHT, PAGE_HEIGHT - MARGIN_TOP)
            if len(plan.chunks) > 1:
                _draw_caption(canvas, grid_top + 4, chunk, index, len(plan.chunks))
            bottom = draw_grid(canvas, plan, chunk, grid_top, fragments, items, counts)
            _draw_key(canvas, key, bottom)
            draw_page_number(canvas, PAGE_WIDTH, number, total)
            canvas.showPage()
    canvas.save()
    deliver(buffer.getvalue(), out)


def _layout(item: MatrixItem, plan: MatrixPlan) -> RowLayout:
    bold, regular = fonts().bold, fonts().regular
    ref_room = REF_WIDTH - 2 * CELL_PAD
    title_room = plan.title_width - 2 * CELL_PAD
    ref = at_most(
        wrap(item.ref, bold, CELL_SIZE, ref_room), MAX_REF_LINES, bold, CELL_SIZE, ref_room
    )
    title = at_most(
        wrap(item.title, regular, CELL_SIZE, title_room),
        MAX_TITLE_LINES,
        regular,
        CELL_SIZE,
        title_room,
    )
    row = EvidenceRow(item.ref, item.title, item.method, item.date)
    return RowLayout(row, ref, title, item.method.abbreviation)


def _counts(items: Sequence[MatrixItem]) -> dict[tuple[str, str], int]:
    """How many items cover each (unit label, criterion)."""
    counts: dict[tuple[str, str], int] = {}
    for item in items:
        for unit, criteria in item.ticks.items():
            for criterion in criteria:
                counts[unit, criterion] = counts.get((unit, criterion), 0) + 1
    return counts


def _draw_caption(
    canvas: Canvas, baseline: float, chunk: MatrixChunk, index: int, count: int
) -> None:
    """Which criteria this page width carries, when they take more than one."""
    parts = []
    for group in chunk.units:
        first = chunk.columns[group.first].criterion
        last = chunk.columns[group.first + group.count - 1].criterion
        parts.append(f"{group.label} {first}–{last}" if first != last else f"{group.label} {first}")
    canvas.setFont(fonts().regular, LABEL_SIZE)
    canvas.setFillColor(INK)
    canvas.drawRightString(
        RIGHT, baseline, f"Criteria, part {index + 1} of {count}: " + "; ".join(parts)
    )


def _draw_key(canvas: Canvas, lines: Sequence[str], grid_bottom: float) -> None:
    canvas.setFont(fonts().regular, KEY_SIZE)
    canvas.setFillColor(INK)
    y = grid_bottom - 4
    for line in lines:
        y -= KEY_LEADING
        canvas.drawString(LEFT, y + 2, line)
