"""Signatures on their lines: drawn strokes as vector paths, typed names in a slanted hand.

A drawn signature carries its signer's name beside it in small print, so a verifier can tell
who signed where the form has no line for the name. A paper signature (signed by hand on the
printed sheet) and a missing one print nothing: the line stays blank for the wet signature.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas

from ercsheet.domain.sheet import SIGNATURE_ASPECT, Point, Signature, Stroke
from ercsheet.domain.vocabulary import SignatureKind
from ercsheet.pdf.fonts import fonts, width
from ercsheet.pdf.style import PAD_WRITING_LINE, SIGNATURE_INK, Box
from ercsheet.pdf.text import ellipsis, fit_size, one_line, wrap

# The pad's shape (the strokes' own box), kept on paper instead of squashing the signature.
PAD_ASPECT = SIGNATURE_ASPECT
PEN_WIDTH = 0.9
TYPED_SIZE = 12.0
TYPED_SLANT_DEGREES = 12.0
# The signer's name beside a drawn signature: small, but as legible as the form's labels.
NAME_SIZE = 7.0
NAME_LEADING = 8.0
NAME_GAP = 4.0
# Two lines stay clear of the line above; a longer name is cut with `…`.
MAX_NAME_LINES = 2


def draw_signature(
    canvas: Canvas, signature: Signature | None, box: Box, *, name_beside: bool = True
) -> None:
    """Draw `signature` in `box`: the room above its line (the box's bottom edge).

    `name_beside=False` where the form prints the signer's name on a line of its own (the
    assessor's "Name (in block capitals)").
    """
    if signature is None or signature.kind is SignatureKind.PAPER:
        return
    if signature.kind is SignatureKind.DRAWN and signature.strokes:
        lines = name_lines(signature.name, box) if name_beside else ()
        used = max((width(line, fonts().regular, NAME_SIZE) for line in lines), default=0.0)
        room = Box(box.x, box.y, box.width - used - NAME_GAP, box.height) if lines else box
        draw_strokes(canvas, signature.strokes, room)
        if lines:
            _draw_name(canvas, lines, pad_box(room).right + NAME_GAP, box.y)
    else:
        draw_typed(canvas, signature.name, box)


def name_lines(name: str, box: Box) -> tuple[str, ...]:
    """The signer's name as printed beside a drawn signature in `box` (at most two lines).

    It takes the room the pad leaves in the field, or wraps there; only where that is too
    narrow for its longest word, or for two lines, does it take up to half the field (and
    the signature shrinks, keeping its aspect).
    """
    font = fonts().regular
    name = one_line(name)
    if not name:
        return ()
    natural = width(name, font, NAME_SIZE)
    left_by_pad = box.width - pad_box(box).width - NAME_GAP
    longest_word = max(width(word, font, NAME_SIZE) for word in name.split())
    half = box.width / 2
    lines: list[str] = []
    for column in (max(left_by_pad, min(longest_word, half)), max(left_by_pad, half)):
        lines = wrap(name, font, NAME_SIZE, min(natural, column))
        if len(lines) <= MAX_NAME_LINES:
            return tuple(lines)
    kept = lines[: MAX_NAME_LINES - 1]
    rest = " ".join(lines[MAX_NAME_LINES - 1 :])
    return (*kept, ellipsis(rest, font, NAME_SIZE, max(left_by_pad, half)))


def _draw_name(canvas: Canvas, lines: Sequence[str], x: float, baseline: float) -> None:
    """The name's last line on the line, like a value typed on it; the first above it."""
    canvas.setFont(fonts().regular, NAME_SIZE)
    canvas.setFillColor(SIGNATURE_INK)
    # Top line first, so text read back from the PDF gives the name in its order.
    for index, line in enumerate(lines):
        canvas.drawString(x, baseline + 1 + (len(lines) - 1 - index) * NAME_LEADING, line)


def pad_box(box: Box) -> Box:
    """The pad's shape at the size of `box`'s line, from its left edge, written on the line.

    The pad's writing line goes on the form's line, so a signature sits where it was signed and
    its descenders (the pad's last quarter) hang below the line as pen ink would. Only a field
    narrower than the pad's shape makes it smaller: it keeps its aspect, never squashed.
    """
    # Never negative: a field with no room left draws nothing rather than over its label.
    height = max(0.0, min(box.height / PAD_WRITING_LINE, box.width / PAD_ASPECT))
    return Box(box.x, box.y - height * (1 - PAD_WRITING_LINE), height * PAD_ASPECT, height)


def draw_strokes(canvas: Canvas, strokes: Sequence[Stroke], box: Box) -> None:
    """Each stroke a smooth vector path (quadratic curves through the midpoints, like the pad)."""
    pad = pad_box(box)

    def place(point: Point) -> tuple[float, float]:
        # Pad coordinates run downwards from the top; PDF coordinates run upwards.
        x, y = point
        return pad.x + x * pad.width, pad.top - y * pad.height

    canvas.saveState()
    # A stroke that ran off the pad's edge stops at the pad, clear of the labels and the lines
    # above and below (whose pads meet this one edge to edge).
    clip = canvas.beginPath()
    clip.rect(pad.x, pad.y, pad.width, pad.height)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.setStrokeColor(SIGNATURE_INK)
    canvas.setFillColor(SIGNATURE_INK)
    canvas.setLineWidth(PEN_WIDTH)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for stroke in strokes:
        points = [place(p) for p in stroke]
        if not points:
            continue
        if len(points) == 1:
            canvas.circle(*points[0], PEN_WIDTH / 2, stroke=0, fill=1)
            continue
        path = canvas.beginPath()
        path.moveTo(*points[0])
        pen = points[0]
        for control, following in itertools.pairwise(points[1:]):
            end = _midpoint(control, following)
            path.curveTo(*_cubic_controls(pen, control, end), *end)
            pen = end
        path.lineTo(*points[-1])
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def draw_typed(canvas: Canvas, name: str, box: Box) -> None:
    """The name as typed, slanted like handwriting, in the embedded font."""
    font = fonts().regular
    name = one_line(name)
    size = fit_size(name, font, TYPED_SIZE, 5.0, box.width / (1 + _slant()))
    canvas.saveState()
    canvas.setFillColor(SIGNATURE_INK)
    canvas.translate(box.x, box.y + 3)
    canvas.skew(0, TYPED_SLANT_DEGREES)
    canvas.setFont(font, size)
    canvas.drawString(0, 0, name)
    canvas.restoreState()


def _slant() -> float:
    return math.tan(math.radians(TYPED_SLANT_DEGREES))


def _midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2


def _cubic_controls(
    start: tuple[float, float], control: tuple[float, float], end: tuple[float, float]
) -> tuple[float, float, float, float]:
    """The cubic Bézier control points equal to the quadratic curve start–control–end."""
    return (
        start[0] + 2 / 3 * (control[0] - start[0]),
        start[1] + 2 / 3 * (control[1] - start[1]),
        end[0] + 2 / 3 * (control[0] - end[0]),
        end[1] + 2 / 3 * (control[1] - end[1]),
    )
