"""What the sheet's record adds to the form, on every page: the banner over a superseded
version, the record code with the signing key's fingerprint, and the addenda.

The banner takes its own room at the top of the page, above the titles, and the addenda theirs
under the signature lines: the grid gives up that room, so nothing is printed over the form.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from ercsheet.domain.record import short_code
from ercsheet.pdf import wording
from ercsheet.pdf.fonts import fonts, width
from ercsheet.pdf.style import (
    BANNER_FILL,
    BANNER_INK,
    CONTENT_WIDTH,
    INK,
    LABEL_SIZE,
    LEFT,
    PAD_WRITING_LINE,
    SIGNATURE_LINE_HEIGHT,
)
from ercsheet.pdf.text import at_most, ellipsis, one_line, wrap

BANNER_SIZE = 9.0
BANNER_LEADING = 11.0
BANNER_PAD = 3.5
# Room between the banner and the titles under it, so its red never touches their ascenders.
BANNER_GAP = 4.0
# A reason of a few hundred characters prints whole (three lines); a runaway one stops here,
# marked `…`, rather than push the grid off the page (the full reason stays in the record).
MAX_BANNER_LINES = 5
# Between the record code and the key's fingerprint.
RECORD_GAP = 10.0
ADDENDA_SIZE = 7.5
ADDENDA_LEADING = 9.5
# An addendum's further lines are indented, so each addendum reads as one item.
ADDENDA_INDENT = 12.0
# Under the last signature line: its drawn signature hangs a quarter of a line below it.
ADDENDA_GAP = SIGNATURE_LINE_HEIGHT * (1 - PAD_WRITING_LINE) + 1
# Real sheets have a few one-line addenda; a runaway list stops here (saying how many more)
# rather than push the grid off the page.
MAX_ADDENDA_LINES = 6

# An addendum's printed line: its indent from the left margin, and its text.
IndentedLine = tuple[float, str]


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


def draw_record_line(
    canvas: Canvas,
    record_code: str | None,
    key_fingerprint: str | None,
    left: float,
    right: float,
    baseline: float,
) -> None:
    """`Record code 3F2A-9C1B-77D0   Key 3F2A-9C1B-77D0-11AB`, ending at `right`.

    The record code always prints whole; the key is cut with `…` only if it could not fit
    between it and `left`.
    """
    font = fonts().regular
    code = f"{wording.RECORD_CODE} {short_code(record_code)}" if record_code else ""
    key = f"{wording.KEY} {one_line(key_fingerprint)}" if key_fingerprint else ""
    if key:
        room = right - left - (width(code, font, LABEL_SIZE) + RECORD_GAP if code else 0)
        key = ellipsis(key, font, LABEL_SIZE, room)
    key_width = width(key, font, LABEL_SIZE) + RECORD_GAP if key else 0
    canvas.setFont(font, LABEL_SIZE)
    canvas.setFillColor(INK)
    # The code first: text read back from the PDF then says "Record code … Key …".
    if code:
        canvas.drawRightString(right - key_width, baseline, code)
    if key:
        canvas.drawRightString(right, baseline, key)


def addenda_lines(addenda: Sequence[str]) -> tuple[IndentedLine, ...]:
    """The addenda wrapped across the page, at most MAX_ADDENDA_LINES lines.

    When they do not all fit, whole addenda are printed while they do, and the last line says
    how many more there are (an addendum too long on its own is cut with `…`).
    """
    wrapped = [lines for addendum in addenda if (lines := _addendum(addendum))]
    if sum(len(lines) for lines in wrapped) <= MAX_ADDENDA_LINES:
        return tuple(line for lines in wrapped for line in lines)
    room = MAX_ADDENDA_LINES - 1  # the last line says how many more
    kept: list[IndentedLine] = []
    shown = 0
    while shown < len(wrapped) and len(kept) + len(wrapped[shown]) <= room:
        kept.extend(wrapped[shown])
        shown += 1
    if not shown:
        # The first addendum alone is longer than the block: as much of it as fits.
        shown = 1
        if len(wrapped) == 1:
            room = MAX_ADDENDA_LINES  # no others to count on a last line
        indent, last = wrapped[0][room - 1]
        last = ellipsis(last + "…", fonts().regular, ADDENDA_SIZE, CONTENT_WIDTH - indent)
        kept = [*wrapped[0][: room - 1], (indent, last)]
    if shown == len(wrapped):
        return tuple(kept)
    return (*kept, (0.0, wording.addenda_left_out(len(wrapped) - shown)))


def _addendum(text: str) -> list[IndentedLine]:
    """One addendum's lines, its first at the margin and the rest indented (none if blank)."""
    text = one_line(text)
    if not text:
        return []
    lines = wrap(text, fonts().regular, ADDENDA_SIZE, CONTENT_WIDTH - ADDENDA_INDENT)
    return [(0.0 if i == 0 else ADDENDA_INDENT, line) for i, line in enumerate(lines)]


def addenda_room(lines: Sequence[IndentedLine]) -> float:
    """The height the addenda take under the signature lines (0 without any)."""
    return ADDENDA_GAP + ADDENDA_LEADING * len(lines) if lines else 0.0


def draw_addenda(canvas: Canvas, lines: Sequence[IndentedLine], last_line: float) -> None:
    """The addenda under the signature line whose baseline is `last_line`."""
    canvas.setFont(fonts().regular, ADDENDA_SIZE)
    canvas.setFillColor(INK)
    y = last_line - ADDENDA_GAP
    for indent, line in lines:
        y -= ADDENDA_LEADING
        # 2 points up from the slot's foot, as the methods key: room for descenders.
        canvas.drawString(LEFT + indent, y + 2, line)
