"""A line of labelled fields (`Signature of assessor: ____ Date: ____`) laid out across a width.

Each field is a label followed by a rule to write on; what is already known (a signature, a
name, a date) is drawn on the rule, and an unknown stays a blank rule to fill in by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from ercsheet.domain.dates import uk
from ercsheet.domain.sheet import Signature
from ercsheet.domain.vocabulary import SignatureKind
from ercsheet.pdf.fonts import fonts, width
from ercsheet.pdf.signatures import draw_signature
from ercsheet.pdf.style import INK, LABEL_SIZE, RULE, SIGNATURE_HEIGHT, SIGNATURE_INK, Box
from ercsheet.pdf.text import ellipsis, fit_size, one_line

Filler = Callable[[Canvas, Box], None]
DATE_WIDTH = 58.0
LABEL_GAP = 4.0
FIELD_GAP = 10.0
VALUE_SIZE = 9.0


@dataclass(frozen=True)
class Field:
    """A label and the rule after it; `fixed` width in points, or a `weight` share of the rest."""

    label: str
    fill: Filler | None = None
    fixed: float | None = None
    weight: float = 1.0


def draw_fields(
    canvas: Canvas, left: float, right: float, baseline: float, fields: Sequence[Field]
) -> None:
    font = fonts().regular
    label_widths = [width(f.label, font, LABEL_SIZE) + LABEL_GAP if f.label else 0 for f in fields]
    fixed = sum(f.fixed or 0 for f in fields)
    gaps = FIELD_GAP * (len(fields) - 1)
    flexible = max(0.0, right - left - sum(label_widths) - fixed - gaps)
    weights = sum(f.weight for f in fields if f.fixed is None) or 1.0
    x = left
    rules = []
    for field, label_width in zip(fields, label_widths, strict=True):
        if field.label:
            # Set per label: a fill before may have changed the font and colour.
            canvas.setFont(font, LABEL_SIZE)
            canvas.setFillColor(INK)
            canvas.drawString(x, baseline, field.label)
            x += label_width
        rule_width = field.fixed if field.fixed is not None else flexible * field.weight / weights
        rules.append((x, baseline - 1.5, x + rule_width, baseline - 1.5))
        if field.fill is not None:
            field.fill(canvas, Box(x + 2, baseline, rule_width - 4, SIGNATURE_HEIGHT))
        x += rule_width + FIELD_GAP
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.lines(rules)


def signature_fill(signature: Signature | None, *, name_beside: bool = True) -> Filler | None:
    """A signature on its rule; a drawn one with its signer's name beside it (see signatures)."""
    if signature is None:
        return None
    return lambda canvas, box: draw_signature(canvas, signature, box, name_beside=name_beside)


def text_fill(text: str, *, ink: Color = INK, bold: bool = False) -> Filler | None:
    """A typed value on the rule (a name, a number), shrunk or cut to stay on it."""
    if not text:
        return None

    def fill(canvas: Canvas, box: Box) -> None:
        font = fonts().bold if bold else fonts().regular
        size = fit_size(one_line(text), font, VALUE_SIZE, 6.5, box.width)
        canvas.setFont(font, size)
        canvas.setFillColor(ink)
        canvas.drawString(box.x, box.y + 1, ellipsis(text, font, size, box.width))

    return fill


def signed_date_fill(signature: Signature | None) -> Filler | None:
    """The date of a signature made in the app; a paper signature's date is written by hand."""
    if signature is None or signature.kind is SignatureKind.PAPER:
        return None
    return text_fill(uk(signature.date), ink=SIGNATURE_INK)
