"""The evidence grid: rows laid out and paginated, then drawn one chunk of AC columns at a time.

Rows are measured once per sheet (the text columns have the same width in every chunk), so each
chunk of a page shows exactly the same rows. A row taller than a whole page is split between
pages, its reference repeated with "(continued)", rather than clipped or refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import EvidenceRow
from ercsheet.pdf import wording
from ercsheet.pdf.columns import Chunk, ColumnPlan
from ercsheet.pdf.fonts import fonts, width
from ercsheet.pdf.style import (
    BLANK_ROW_HEIGHT,
    CELL_LEADING,
    CELL_PAD,
    CELL_SIZE,
    GRID_HEADER_SIZE,
    HEADER_FILL,
    INK,
    LEFT,
    MIN_HEADER_SIZE,
    RULE,
    TICK,
    TICK_SIZE,
)
from ercsheet.pdf.text import ellipsis, fit_size, wrap

OUTCOME_ROW_HEIGHT = 12.0
CRITERIA_ROW_HEIGHT = 14.0
CONTINUED = "(continued)"
# Clear space each side of an AC number, so neighbouring numbers never read as one.
HEADER_PAD = 2.0


@dataclass(frozen=True)
class RowLayout:
    """One evidence row's wrapped text; `row` is None for an empty row to fill by hand."""

    row: EvidenceRow | None
    ref_lines: tuple[str, ...]
    title_lines: tuple[str, ...]
    method: str = ""  # the method's abbreviation, as the unit's key writes it

    @property
    def line_count(self) -> int:
        return max(len(self.ref_lines), len(self.title_lines), 1)


@dataclass(frozen=True)
class Fragment:
    """The part of a row printed on one page: its lines [first, last)."""

    layout: RowLayout
    first: int
    last: int

    @property
    def height(self) -> float:
        if self.layout.row is None:
            return BLANK_ROW_HEIGHT
        # A continuation has room for the reference and "(continued)" under it.
        lines = max(self.last - self.first, 2 if self.first else 1)
        return 2 * CELL_PAD + lines * CELL_LEADING


def layout_rows(
    unit: Unit, evidence: Sequence[EvidenceRow], plan: ColumnPlan, blank_rows: int
) -> list[RowLayout]:
    regular = fonts().regular
    rows = [
        RowLayout(
            row,
            tuple(wrap(row.ref, fonts().bold, CELL_SIZE, plan.ref_width - 2 * CELL_PAD)),
            tuple(wrap(row.title, regular, CELL_SIZE, plan.title_width - 2 * CELL_PAD)),
            unit.method_abbreviation(row.method),
        )
        for row in evidence
    ]
    return rows or [RowLayout(None, (), ()) for _ in range(blank_rows)]


def paginate(rows: Sequence[RowLayout], room: float) -> list[list[Fragment]]:
    """Rows grouped into pages whose grid bodies are `room` points tall (at least one page)."""
    lines_per_page = max(2, int((room - 2 * CELL_PAD) // CELL_LEADING))
    pages: list[list[Fragment]] = [[]]
    left = room
    for layout in rows:
        whole = Fragment(layout, 0, layout.line_count)
        if whole.height <= left:
            pages[-1].append(whole)
            left -= whole.height
            continue
        if whole.height <= room:
            pages.append([whole])
            left = room - whole.height
            continue
        # Taller than a page: fill what is left here (if a few lines fit), then whole pages.
        first = 0
        fits_here = int((left - 2 * CELL_PAD) // CELL_LEADING)
        if fits_here >= 3:
            pages[-1].append(Fragment(layout, 0, fits_here))
            first = fits_here
        while first < layout.line_count:
            last = min(layout.line_count, first + lines_per_page)
            fragment = Fragment(layout, first, last)
            pages.append([fragment])
            left = room - fragment.height
            first = last
    if not pages[0] and len(pages) > 1:
        pages.pop(0)
    return pages


def header_height(plan: ColumnPlan) -> float:
    return OUTCOME_ROW_HEIGHT + max(_criteria_header_height(c, plan) for c in plan.chunks)


def _criteria_header_height(chunk: Chunk, plan: ColumnPlan) -> float:
    if all(_criterion_fits(number, plan) for number in chunk.criteria):
        return CRITERIA_ROW_HEIGHT
    tallest = max(width(n, fonts().condensed_bold, MIN_HEADER_SIZE) for n in chunk.criteria)
    return max(CRITERIA_ROW_HEIGHT, tallest + 6)


def _criterion_fits(number: str, plan: ColumnPlan) -> bool:
    return width(number, fonts().condensed_bold, MIN_HEADER_SIZE) <= plan.ac_width - 2 * HEADER_PAD


def draw_grid(
    canvas: Canvas,
    plan: ColumnPlan,
    chunk: Chunk,
    top: float,
    fragments: Sequence[Fragment],
) -> float:
    """Draw the grid header and rows from `top` down; return the grid's bottom edge."""
    columns = _column_edges(plan, chunk)
    right = columns[-1]
    head = header_height(plan)
    bottom = top - head - sum(f.height for f in fragments)
    canvas.setFillColor(HEADER_FILL)
    canvas.rect(LEFT, top - head, right - LEFT, head, stroke=0, fill=1)
    _draw_header(canvas, plan, chunk, columns, top, head)
    y = top - head
    rules = [(LEFT, top, right, top), (LEFT, y, right, y)]
    for fragment in fragments:
        _draw_row(canvas, plan, chunk, columns, y, fragment)
        y -= fragment.height
        rules.append((LEFT, y, right, y))
    # Vertical rules: full height for every column edge except inside an LO's label cell.
    for edge in columns:
        rules.append((edge, top - head, edge, bottom))
    for edge in columns[:4]:
        rules.append((edge, top, edge, top - head))
    ac_start = columns[3]
    rules.append((ac_start, top - OUTCOME_ROW_HEIGHT, right, top - OUTCOME_ROW_HEIGHT))
    for group in chunk.groups:
        x = ac_start + (group.first + group.count) * plan.ac_width
        rules.append((x, top, x, top - OUTCOME_ROW_HEIGHT))
    for index in range(len(chunk.criteria) + 1):
        x = ac_start + index * plan.ac_width
        rules.append((x, top - OUTCOME_ROW_HEIGHT, x, top - head))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.lines(rules)
    return bottom


def _column_edges(plan: ColumnPlan, chunk: Chunk) -> list[float]:
    ref_right = LEFT + plan.ref_width
    title_right = ref_right + plan.title_width
    method_right = title_right + plan.method_width
    acs = [method_right + (i + 1) * plan.ac_width for i in range(len(chunk.criteria))]
    return [LEFT, ref_right, title_right, method_right, *acs]


def _draw_header(
    canvas: Canvas, plan: ColumnPlan, chunk: Chunk, columns: list[float], top: float, head: float
) -> None:
    bold = fonts().condensed_bold
    canvas.setFillColor(INK)
    for label, left, right in (
        (wording.EVIDENCE_REFERENCE, columns[0], columns[1]),
        (wording.EVIDENCE_TITLE, columns[1], columns[2]),
        (wording.ASSESSMENT_METHOD, columns[2], columns[3]),
    ):
        draw_column_label(canvas, label, left, right, top - head / 2)
    ac_start = columns[3]
    for group in chunk.groups:
        group_width = group.count * plan.ac_width
        size = fit_size(group.label, bold, GRID_HEADER_SIZE, MIN_HEADER_SIZE, group_width - 2)
        canvas.setFont(bold, size)
        centre = ac_start + (group.first + group.count / 2) * plan.ac_width
        # A band one column wide may be narrower than its label even at the smallest size (a
        # graded unit's lone "Distinction" criterion): cut it, never across the next band.
        label = ellipsis(group.label, bold, size, group_width - 2)
        canvas.drawCentredString(centre, top - OUTCOME_ROW_HEIGHT + 3.5, label)
    for index, number in enumerate(chunk.criteria):
        centre = ac_start + (index + 0.5) * plan.ac_width
        if _criterion_fits(number, plan):
            size = fit_size(
                number, bold, GRID_HEADER_SIZE, MIN_HEADER_SIZE, plan.ac_width - 2 * HEADER_PAD
            )
            canvas.setFont(bold, size)
            canvas.drawCentredString(centre, top - head + 4, number)
        else:
            # Too wide to read across the column: print it upwards, as forms do.
            canvas.saveState()
            canvas.translate(centre + MIN_HEADER_SIZE / 3, top - head + 3)
            canvas.rotate(90)
            canvas.setFont(bold, MIN_HEADER_SIZE)
            canvas.drawString(0, 0, number)
            canvas.restoreState()


def draw_column_label(canvas: Canvas, label: str, left: float, right: float, middle: float) -> None:
    """A column's heading, wrapped, centred across the column and around the height `middle`."""
    bold = fonts().condensed_bold
    lines = wrap(label, bold, GRID_HEADER_SIZE, right - left - 4)
    canvas.setFont(bold, GRID_HEADER_SIZE)
    first_baseline = middle + (len(lines) - 1) * 4.5 - 2.5
    for i, line in enumerate(lines):
        canvas.drawCentredString((left + right) / 2, first_baseline - i * 9, line)


def _draw_row(
    canvas: Canvas,
    plan: ColumnPlan,
    chunk: Chunk,
    columns: list[float],
    top: float,
    fragment: Fragment,
) -> None:
    layout = fragment.layout
    row = layout.row
    if row is None:
        return
    baseline = top - CELL_PAD - CELL_SIZE + 0.5
    canvas.setFillColor(INK)
    ref_lines = layout.ref_lines[fragment.first : fragment.last]
    if fragment.first > 0 and not ref_lines:
        # A row split over pages: name it again so the continuation is not taken for a new row.
        canvas.setFont(fonts().condensed, CELL_SIZE)
        canvas.drawString(columns[0] + CELL_PAD, baseline - CELL_LEADING, CONTINUED)
        ref_lines = layout.ref_lines[:1]
    canvas.setFont(fonts().bold, CELL_SIZE)
    for i, line in enumerate(ref_lines):
        canvas.drawString(columns[0] + CELL_PAD, baseline - i * CELL_LEADING, line)
    canvas.setFont(fonts().regular, CELL_SIZE)
    for i, line in enumerate(layout.title_lines[fragment.first : fragment.last]):
        canvas.drawString(columns[1] + CELL_PAD, baseline - i * CELL_LEADING, line)
    if fragment.first > 0:
        return
    canvas.drawCentredString((columns[2] + columns[3]) / 2, baseline, layout.method)
    canvas.setFont(fonts().regular, TICK_SIZE)
    tick_baseline = top - CELL_PAD - TICK_SIZE + 1.5
    for index, number in enumerate(chunk.criteria):
        if number in row.criteria:
            canvas.drawCentredString(
                (columns[3 + index] + columns[4 + index]) / 2, tick_baseline, TICK
            )
