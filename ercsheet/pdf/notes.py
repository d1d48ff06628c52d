"""What the sheet's record adds to the form: the banner over a superseded version.

The banner takes its own room at the top of every page, above the titles; the grid gives it up.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from ercsheet.pdf import wording
from ercsheet.pdf.fonts import fonts
from ercsheet.pdf.style import BANNER_FILL, BANNER_INK, CONTENT_WIDTH, LEFT
from ercsheet.pdf.text import at_most, one_line, wrap

BANNER_SIZE = 9.0
BANNER_LEADING = 11.0
BANNER_PAD = 3.5
# Room between the banner and the titles under it, so its red never touches their ascenders.
BANNER_GAP = 4.0
# A reason of a few hundred characters prints whole (three lines); a runaway one stops here,
# marked `…`, rather than push the grid off the page (the full reason stays in the record).
MAX_BANNER_LINES = 5


def banner(superseded: str) -> tuple[str, ...]:
    """The superseded banner's lines, its whole note wrapped (none for the current record)."""
    if not superseded:
        return ()
    bold = fonts().bold
    text = one_line(f"{wording.SUPERSEDED} — {superseded}")
    lines = wrap(text, bold, BANNER_SIZE, CONTENT_WIDTH - 2 * BANNER_PAD)
    return at_most(lines, MAX_BANNER_LINES, bold, BANNER_SIZE, CONTENT_WIDTH - 2 * BANNER_PAD)


def banner_room(lines: tuple[str, ...]) -> float:
    """The height the banner takes at the top of the page, with its gap (0 without one)."""
    return _banner_height(lines) + BANNER_GAP if lines else 0.0


def _banner_height(lines: tuple[str, ...]) -> float:
    return 2 * BANNER_PAD + BANNER_LEADING * len(lines)


def draw_banner(canvas: Canvas, top: float, lines: tuple[str, ...]) -> None:
    """White on red across the page, in its own room under `top`, above everything else."""
    height = _banner_height(lines)
    # Its own graphics state: the white ink must not leak into the form drawn after it.
    canvas.saveState()
    canvas.setFillColor(BANNER_FILL)
    canvas.rect(LEFT, top - height, CONTENT_WIDTH, height, stroke=0, fill=1)
    canvas.setFillColor(BANNER_INK)
    canvas.setFont(fonts().bold, BANNER_SIZE)
    y = top - BANNER_PAD
    for line in lines:
        y -= BANNER_LEADING
        # 3 points up from the slot's foot leaves room for descenders inside the red.
        canvas.drawString(LEFT + BANNER_PAD, y + 3, line)
    canvas.restoreState()
