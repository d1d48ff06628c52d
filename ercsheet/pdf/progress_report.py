"""A candidate's progress report: portrait A4, in the ERS's embedded fonts.

Per qualification section (for now one, the units on no qualification), each unit: its label
and title, status, coverage with a bar, coverage per learning outcome, and the criteria still
uncovered; then the items covering most criteria. The report is laid out as lines, grouped in
blocks a page break does not cut where a page can hold them, then drawn page by page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ercsheet.pdf import wording
from ercsheet.pdf.fonts import fonts
from ercsheet.pdf.output import deliver, new_canvas
from ercsheet.pdf.report_input import ProgressInput, QualificationSection, TopItem, UnitProgress
from ercsheet.pdf.report_page import HEAD_HEIGHT, describe, draw_head, draw_page_number
from ercsheet.pdf.style import (
    CELL_SIZE,
    HEADER_FILL,
    INK,
    LABEL_SIZE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    RULE,
)
from ercsheet.pdf.text import ellipsis, wrap

TITLE = "Progress report"
TOP_HEADING = "Evidence covering most criteria"
NO_SHEETS = "The candidate has no sheets yet."
NO_TOP_ITEMS = "No evidence item is ticked against any criterion yet."
PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = MARGIN_X
RIGHT = PAGE_WIDTH - MARGIN_X
WIDTH = RIGHT - LEFT
BAR_WIDTH = 110.0
SECTION_SIZE = 11.5
UNIT_SIZE = 9.5
# Columns of the top items' table, from the left margin; the counts are right-aligned at theirs.
TITLE_X = 90.0
CRITERIA_RIGHT = WIDTH - 50.0
UNITS_RIGHT = WIDTH
TOP = PAGE_HEIGHT - MARGIN_TOP - HEAD_HEIGHT - 10
BOTTOM = MARGIN_BOTTOM + 16


@dataclass(frozen=True)
class Cell:
    text: str
    x: float  # from the left margin: the text's start, or its end when `right`
    font: str
    size: float
    right: bool = False


@dataclass(frozen=True)
class Line:
    cells: tuple[Cell, ...]
    height: float
    bar: tuple[int, int] | None = None  # (covered, total), drawn at the right
    shaded: bool = False  # a header row


Block = list[Line]


def render_progress(data: ProgressInput, out: Path | BinaryIO) -> None:
    """Print the progress report into a PDF at `out` (a path, written atomically, or a file)."""
    blocks: list[Block] = []
    for section in data.sections:
        blocks.extend(_section(section))
    if not data.sections:
        blocks.append([_text(NO_SHEETS, fonts().regular, LABEL_SIZE + 1)])
    blocks.append(_top_items(data.top_items))
    pages = _paginate(blocks, TOP - BOTTOM)
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (PAGE_WIDTH, PAGE_HEIGHT))
    describe(canvas, TITLE, data.head)
    for number, lines in enumerate(pages, start=1):
        draw_head(canvas, TITLE, data.head, LEFT, RIGHT, PAGE_HEIGHT - MARGIN_TOP)
        _draw_lines(canvas, lines, TOP)
        draw_page_number(canvas, PAGE_WIDTH, number, len(pages))
        canvas.showPage()
    canvas.save()
    deliver(buffer.getvalue(), out)


def coverage_text(covered: int, total: int) -> str:
    return f"{covered}/{total} criteria"


def _section(section: QualificationSection) -> list[Block]:
    regular = fonts().regular
    heading = [_gap(6), *_wrapped(section.title, fonts().bold, SECTION_SIZE, 15)]
    heading += [line for status in section.status_lines for line in _wrapped(status, regular)]
    # The heading goes with its first unit: never alone at a page's foot.
    first, *rest = [_unit(unit) for unit in section.units] or [[]]
    return [[*heading, _gap(4), *first], *rest]


def _unit(unit: UnitProgress) -> Block:
    bold, regular = fonts().bold, fonts().regular
    lines = _wrapped(f"{unit.label}  {unit.title}".strip(), bold, UNIT_SIZE, 12.5)
    status = f"Status: {unit.status}    Coverage: {coverage_text(unit.covered, unit.total)}"
    lines.append(
        Line((Cell(status, 10, regular, LABEL_SIZE + 0.5),), 12, (unit.covered, unit.total))
    )
    outcomes = " · ".join(f"{o.label} {o.covered}/{o.total}" for o in unit.outcomes)
    lines += _wrapped(outcomes, regular, indent=10)
    uncovered = (
        "Not yet covered: " + ", ".join(unit.uncovered)
        if unit.uncovered
        else "Every criterion is covered."
    )
    lines += _wrapped(uncovered, regular, indent=10)
    return [*lines, _gap(8)]


def _top_items(items: Sequence[TopItem]) -> Block:
    bold, regular = fonts().condensed_bold, fonts().regular
    lines = [_gap(8), *_wrapped(TOP_HEADING, fonts().bold, SECTION_SIZE, 15), _gap(3)]
    if not items:
        return [*lines, _text(NO_TOP_ITEMS, regular, LABEL_SIZE + 1)]
    header = (
        Cell(wording.EVIDENCE_REFERENCE, 3, bold, LABEL_SIZE),
        Cell(wording.EVIDENCE_TITLE, TITLE_X, bold, LABEL_SIZE),
        Cell("Criteria", CRITERIA_RIGHT - 3, bold, LABEL_SIZE, right=True),
        Cell("Units", UNITS_RIGHT - 3, bold, LABEL_SIZE, right=True),
    )
    lines.append(Line(header, 14, shaded=True))
    title_room = CRITERIA_RIGHT - 50 - TITLE_X
    for item in items:
        cells = (
            Cell(
                ellipsis(item.ref, fonts().bold, CELL_SIZE, TITLE_X - 6), 3, fonts().bold, CELL_SIZE
            ),
            Cell(ellipsis(item.title, regular, CELL_SIZE, title_room), TITLE_X, regular, CELL_SIZE),
            Cell(str(item.criteria), CRITERIA_RIGHT - 3, regular, CELL_SIZE, right=True),
            Cell(str(item.units), UNITS_RIGHT - 3, regular, CELL_SIZE, right=True),
        )
        lines.append(Line(cells, 13))
    return lines


def _text(text: str, font: str, size: float, height: float = 11, indent: float = 0) -> Line:
    return Line((Cell(text, indent, font, size),), height)


def _wrapped(
    text: str, font: str, size: float = LABEL_SIZE + 0.5, height: float = 11, indent: float = 0
) -> list[Line]:
    return [
        _text(part, font, size, height, indent) for part in wrap(text, font, size, WIDTH - indent)
    ]


def _gap(height: float) -> Line:
    return Line((), height)


def _paginate(blocks: Sequence[Block], room: float) -> list[list[Line]]:
    """Lines by page: a block that fits on a page is not cut; a longer one fills pages."""
    pages: list[list[Line]] = [[]]
    left = room
    for block in blocks:
        height = sum(line.height for line in block)
        if height > left and height <= room and pages[-1]:
            pages.append([])
            left = room
        for line in block:
            if line.height > left and pages[-1]:
                pages.append([])
                left = room
            pages[-1].append(line)
            left -= line.height
    return pages


def _draw_lines(canvas: Canvas, lines: Sequence[Line], top: float) -> None:
    y = top
    for line in lines:
        if line.shaded:
            canvas.setFillColor(HEADER_FILL)
            canvas.rect(LEFT, y - line.height, WIDTH, line.height, stroke=0, fill=1)
        y -= line.height
        canvas.setFillColor(INK)
        for cell in line.cells:
            canvas.setFont(cell.font, cell.size)
            baseline = y + (line.height - cell.size) / 2 + 1
            if cell.right:
                canvas.drawRightString(LEFT + cell.x, baseline, cell.text)
            else:
                canvas.drawString(LEFT + cell.x, baseline, cell.text)
        if line.bar is not None:
            _draw_bar(canvas, y + 2, line.height - 4, *line.bar)


def _draw_bar(canvas: Canvas, y: float, height: float, covered: int, total: int) -> None:
    canvas.setFillColor(RULE)
    canvas.rect(RIGHT - BAR_WIDTH, y, BAR_WIDTH * covered / max(total, 1), height, stroke=0, fill=1)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.rect(RIGHT - BAR_WIDTH, y, BAR_WIDTH, height, stroke=1, fill=0)
