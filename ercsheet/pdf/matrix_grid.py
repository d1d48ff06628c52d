"""Drawing one page of the cross-reference matrix: its header bands, item rows and the
coverage row, for one page width of criteria columns (planned in matrix_plan.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from ercsheet.domain.dates import uk
from ercsheet.pdf import wording
from ercsheet.pdf.columns import METHOD_WIDTH, REF_WIDTH
from ercsheet.pdf.fonts import fonts
from ercsheet.pdf.grid import CRITERIA_ROW_HEIGHT, OUTCOME_ROW_HEIGHT, Fragment, draw_column_label
from ercsheet.pdf.matrix_plan import DATE_WIDTH, MatrixChunk, MatrixPlan
from ercsheet.pdf.report_input import MatrixItem
from ercsheet.pdf.style import (
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
from ercsheet.pdf.text import ellipsis, fit_size

DATE_HEADING = "Date"
COVERAGE = "Items covering each criterion"
UNIT_ROW_HEIGHT = 22.0
HEADER_HEIGHT = UNIT_ROW_HEIGHT + OUTCOME_ROW_HEIGHT + CRITERIA_ROW_HEIGHT
COVERAGE_HEIGHT = 14.0
# A criterion no item covers yet stands out in the coverage row.
UNCOVERED_FILL = Color(0.72, 0.72, 0.72)
# An item's cells under a unit whose sheet it is not on: shaded, so that they do not read as
# blank (on the sheet, not ticked against the criterion). Lighter than the header's fill.
NOT_ON_SHEET_FILL = Color(0.92, 0.92, 0.92)


def _edges(plan: MatrixPlan, chunk: MatrixChunk) -> list[float]:
    fixed = [LEFT]
    for column_width in (REF_WIDTH, plan.title_width, METHOD_WIDTH, DATE_WIDTH):
        fixed.append(fixed[-1] + column_width)
    return fixed + [fixed[-1] + (i + 1) * plan.ac_width for i in range(len(chunk.columns))]


def draw_grid(
    canvas: Canvas,
    plan: MatrixPlan,
    chunk: MatrixChunk,
    top: float,
    fragments: Sequence[Fragment],
    items: Sequence[MatrixItem],
    counts: dict[tuple[str, str], int],
) -> float:
    """The header, the rows and the coverage row from `top` down; returns the bottom edge."""
    edges = _edges(plan, chunk)
    right = edges[-1]
    ac_start = edges[4]
    canvas.setFillColor(HEADER_FILL)
    canvas.rect(LEFT, top - HEADER_HEIGHT, right - LEFT, HEADER_HEIGHT, stroke=0, fill=1)
    _draw_header(canvas, plan, chunk, edges, top)
    y = top - HEADER_HEIGHT
    rules = [(LEFT, top, right, top), (LEFT, y, right, y)]
    whole = iter(items)
    for fragment in fragments:
        item = next(whole) if fragment.first == 0 else None
        _draw_row(canvas, chunk, edges, y, fragment, item)
        y -= fragment.height
        rules.append((LEFT, y, right, y))
    canvas.setFillColor(HEADER_FILL)
    canvas.rect(LEFT, y - COVERAGE_HEIGHT, right - LEFT, COVERAGE_HEIGHT, stroke=0, fill=1)
    _draw_coverage(canvas, chunk, edges, y, counts)
    bottom = y - COVERAGE_HEIGHT
    rules.append((LEFT, bottom, right, bottom))
    unit_row = top - UNIT_ROW_HEIGHT
    outcome_row = unit_row - OUTCOME_ROW_HEIGHT
    rules += [(ac_start, unit_row, right, unit_row), (ac_start, outcome_row, right, outcome_row)]
    # The item columns' edges stop above the coverage row, whose label spans them.
    rules += [(x, top, x, y) for x in edges[1:4]]
    rules += [(x, top, x, bottom) for x in (edges[0], edges[4])]
    # Criteria apart under their outcome; outcomes apart under their unit; units full height.
    rules += [(x, outcome_row, x, bottom) for x in edges[5:]]
    rules += [
        (_x(edges, g.first + g.count), unit_row, _x(edges, g.first + g.count), bottom)
        for g in chunk.outcomes
    ]
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.lines(rules)
    canvas.setLineWidth(1.2)
    canvas.lines(
        [
            (_x(edges, g.first + g.count), top, _x(edges, g.first + g.count), bottom)
            for g in chunk.units
        ]
    )
    canvas.setLineWidth(0.5)
    return bottom


def _x(edges: list[float], column: int) -> float:
    """The left edge of criteria column `column` of the chunk (its right edge: `column + 1`)."""
    return edges[4 + column]


def _draw_header(
    canvas: Canvas, plan: MatrixPlan, chunk: MatrixChunk, edges: list[float], top: float
) -> None:
    canvas.setFillColor(INK)
    headings = (
        wording.EVIDENCE_REFERENCE,
        wording.EVIDENCE_TITLE,
        wording.ASSESSMENT_METHOD,
        DATE_HEADING,
    )
    for index, heading in enumerate(headings):
        draw_column_label(canvas, heading, edges[index], edges[index + 1], top - HEADER_HEIGHT / 2)
    bold, regular = fonts().condensed_bold, fonts().condensed
    for group in chunk.units:
        left, right = _x(edges, group.first), _x(edges, group.first + group.count)
        room = right - left - 4
        label = group.label + (" (continued)" if group.continued else "")
        canvas.setFont(bold, GRID_HEADER_SIZE)
        canvas.drawString(left + 2, top - 9, ellipsis(label, bold, GRID_HEADER_SIZE, room))
        title = plan.unit_titles.get(group.label, "")
        canvas.setFont(regular, MIN_HEADER_SIZE)
        canvas.drawString(left + 2, top - 18, ellipsis(title, regular, MIN_HEADER_SIZE, room))
    for group in chunk.outcomes:
        left, right = _x(edges, group.first), _x(edges, group.first + group.count)
        size = fit_size(group.label, bold, GRID_HEADER_SIZE, MIN_HEADER_SIZE, right - left - 2)
        canvas.setFont(bold, size)
        label = ellipsis(group.label, bold, size, right - left - 2)
        canvas.drawCentredString(
            (left + right) / 2, top - UNIT_ROW_HEIGHT - OUTCOME_ROW_HEIGHT + 3.5, label
        )
    for index, column in enumerate(chunk.columns):
        left = _x(edges, index)
        size = fit_size(
            column.criterion, bold, GRID_HEADER_SIZE, MIN_HEADER_SIZE, plan.ac_width - 4
        )
        canvas.setFont(bold, size)
        number = ellipsis(column.criterion, bold, size, plan.ac_width - 2)
        canvas.drawCentredString(left + plan.ac_width / 2, top - HEADER_HEIGHT + 4, number)


def _draw_row(
    canvas: Canvas,
    chunk: MatrixChunk,
    edges: list[float],
    top: float,
    fragment: Fragment,
    item: MatrixItem | None,
) -> None:
    layout = fragment.layout
    baseline = top - CELL_PAD - CELL_SIZE + 0.5
    canvas.setFillColor(INK)
    canvas.setFont(fonts().bold, CELL_SIZE)
    for i, line in enumerate(layout.ref_lines[fragment.first : fragment.last]):
        canvas.drawString(edges[0] + CELL_PAD, baseline - i * CELL_LEADING, line)
    canvas.setFont(fonts().regular, CELL_SIZE)
    for i, line in enumerate(layout.title_lines[fragment.first : fragment.last]):
        canvas.drawString(edges[1] + CELL_PAD, baseline - i * CELL_LEADING, line)
    if item is None:
        return
    canvas.setFillColor(NOT_ON_SHEET_FILL)
    for group in chunk.units:
        if group.label not in item.ticks:
            left, right = _x(edges, group.first), _x(edges, group.first + group.count)
            canvas.rect(
                left, top - fragment.height, right - left, fragment.height, stroke=0, fill=1
            )
    canvas.setFillColor(INK)
    canvas.drawCentredString((edges[2] + edges[3]) / 2, baseline, layout.method)
    canvas.drawCentredString((edges[3] + edges[4]) / 2, baseline, uk(item.date))
    canvas.setFont(fonts().regular, TICK_SIZE)
    tick_baseline = top - CELL_PAD - TICK_SIZE + 1.5
    for index, column in enumerate(chunk.columns):
        if column.criterion in item.ticks.get(column.unit, ()):
            centre = (_x(edges, index) + _x(edges, index + 1)) / 2
            canvas.drawCentredString(centre, tick_baseline, TICK)


def _draw_coverage(
    canvas: Canvas,
    chunk: MatrixChunk,
    edges: list[float],
    top: float,
    counts: Mapping[tuple[str, str], int],
) -> None:
    baseline = top - COVERAGE_HEIGHT + 4
    canvas.setFillColor(INK)
    canvas.setFont(fonts().condensed_bold, GRID_HEADER_SIZE)
    canvas.drawRightString(edges[4] - CELL_PAD, baseline, COVERAGE)
    for index, column in enumerate(chunk.columns):
        left, right = _x(edges, index), _x(edges, index + 1)
        count = counts.get((column.unit, column.criterion), 0)
        if not count:
            canvas.setFillColor(UNCOVERED_FILL)
            canvas.rect(
                left, top - COVERAGE_HEIGHT, right - left, COVERAGE_HEIGHT, stroke=0, fill=1
            )
            canvas.setFillColor(INK)
        canvas.setFont(fonts().bold if not count else fonts().regular, CELL_SIZE)
        canvas.drawCentredString((left + right) / 2, baseline, str(count))
