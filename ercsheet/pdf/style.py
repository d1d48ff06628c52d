"""The printed sheet's measures: page, margins, type sizes and inks, in PDF points (1/72 inch)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape

PAGE_SIZE: tuple[float, float] = landscape(A4)
PAGE_WIDTH, PAGE_HEIGHT = PAGE_SIZE
MARGIN_X = 28.0
MARGIN_TOP = 24.0
MARGIN_BOTTOM = 18.0
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
LEFT = MARGIN_X
RIGHT = PAGE_WIDTH - MARGIN_X

TITLE_SIZE = 15.0
HEADING_SIZE = 10.0
LABEL_SIZE = 8.0
CELL_SIZE = 8.0
CELL_LEADING = 9.6
CELL_PAD = 3.0
GRID_HEADER_SIZE = 7.5
# The smallest header text the planner allows (below this, AC numbers turn sideways).
MIN_HEADER_SIZE = 6.5
TICK_SIZE = 10.0
TICK = "✓"
# From one signature line to the next.
SIGNATURE_LINE_HEIGHT = 28.0
# The signing pad's dashed writing line, as a fraction of its height from the top
# (gui/signing/pad.py): on paper it sits on the form's line, the pad's last quarter below it.
PAD_WRITING_LINE = 0.75
# Room a signature gets above its line: a drawn one then spans a whole line's height, and the
# pads of neighbouring lines meet without overlapping.
SIGNATURE_HEIGHT = SIGNATURE_LINE_HEIGHT * PAD_WRITING_LINE
BLANK_ROW_HEIGHT = 18.0
QR_SIZE = 58.0

INK = Color(0, 0, 0)
RULE = Color(0.25, 0.25, 0.25)
HEADER_FILL = Color(0.9, 0.9, 0.9)
# Signatures print in blue-black, as pen ink, so they stand apart from the form.
SIGNATURE_INK = Color(0.05, 0.1, 0.4)
BANNER_FILL = Color(0.75, 0.05, 0.05)
BANNER_INK = Color(1, 1, 1)


@dataclass(frozen=True)
class Box:
    """A rectangle in page coordinates: (x, y) is its bottom-left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width
