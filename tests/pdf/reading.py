"""Reading a printed PDF back as a verifier's tools would: text, positions, fonts, page size."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import ContentStream, DictionaryObject, PdfObject

from ercsheet.domain.sheet import SheetContent
from ercsheet.pdf import PrintedSheet, render_pdf

BASE_14 = {
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Symbol",
    "ZapfDingbats",
}


Colour = tuple[float, ...]
BLACK: Colour = (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Placed:
    """A string as drawn on the page: its starting point in PDF points, font size and fill ink."""

    text: str
    x: float
    y: float
    size: float = 0.0
    ink: Colour = BLACK
    font: str = ""


@dataclass(frozen=True)
class Mark:
    """One painted subpath (a rule, a rectangle, a signature stroke): its ink and extent."""

    paint: str  # "fill" or "stroke"
    ink: Colour
    left: float
    bottom: float
    right: float
    top: float


def render(sheets: Sequence[PrintedSheet | SheetContent]) -> bytes:
    out = io.BytesIO()
    render_pdf(sheets, out)
    return out.getvalue()


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def dictionary(value: PdfObject | None) -> DictionaryObject:
    """A PDF dictionary, followed through its indirect reference if it is one."""
    assert value is not None
    resolved = value.get_object()
    assert isinstance(resolved, DictionaryObject), resolved
    return resolved


def flat(text: str) -> str:
    """Text with every run of white space made one space (wrapped lines joined)."""
    return " ".join(text.split())


def page_texts(data: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in read(data).pages]


def placed(page: PageObject) -> list[Placed]:
    found: list[Placed] = []
    # The fill colour in force, saved and restored with the graphics state (q / Q).
    inks: list[Colour] = [BLACK]

    def track(operator: bytes, operands: list[Any], *_: Any) -> None:
        if operator == b"q":
            inks.append(inks[-1])
        elif operator == b"Q" and len(inks) > 1:
            inks.pop()
        elif operator in (b"rg", b"g"):
            inks[-1] = _colour(operands)

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: Any) -> None:
        if text.strip():
            # The text matrix's translation, carried through the current transformation.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            # The subset's base name, e.g. `AAAAAA+DejaVuSans-Bold`.
            name = str(font.get("/BaseFont", "")) if font is not None else ""
            found.append(Placed(text.strip(), x, y, float(size), inks[-1], name))

    # Text is reported when its text object ends, before any later colour change.
    page.extract_text(visitor_text=visit, visitor_operand_before=track)
    return found


def marks(page: PageObject, reader: PdfReader) -> list[Mark]:
    """Every subpath the page paints (outside form XObjects such as the QR), in page points."""
    found: list[Mark] = []
    # (fill, stroke, transformation) per saved graphics state.
    states: list[tuple[Colour, Colour, Matrix]] = [(BLACK, BLACK, IDENTITY)]
    subpaths: list[list[tuple[float, float]]] = []

    def at(x: Any, y: Any) -> tuple[float, float]:
        a, b, c, d, e, f = states[-1][2]
        return float(x) * a + float(y) * c + e, float(x) * b + float(y) * d + f

    for operands, operator in operations(page, reader):
        fill, stroke, matrix = states[-1]
        if operator == b"q":
            states.append(states[-1])
        elif operator == b"Q" and len(states) > 1:
            states.pop()
        elif operator in (b"rg", b"g"):
            states[-1] = (_colour(operands), stroke, matrix)
        elif operator in (b"RG", b"G"):
            states[-1] = (fill, _colour(operands), matrix)
        elif operator == b"cm":
            states[-1] = (fill, stroke, _times([float(n) for n in operands], matrix))
        elif operator == b"m":
            subpaths.append([at(*operands)])
        elif operator in (b"l", b"c", b"v", b"y") and subpaths:
            pairs = [float(n) for n in operands]
            subpaths[-1].extend(at(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2))
        elif operator == b"re":
            x, y, w, h = (float(n) for n in operands)
            subpaths.append([at(x, y), at(x + w, y), at(x + w, y + h), at(x, y + h)])
        elif operator in PAINTS:
            paint, ink = ("stroke", stroke) if operator in (b"S", b"s") else ("fill", fill)
            for points in subpaths:
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                found.append(Mark(paint, ink, min(xs), min(ys), max(xs), max(ys)))
            subpaths = []
        elif operator == b"n":  # a clipping path: nothing painted
            subpaths = []
    return found


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
PAINTS = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}


def _colour(operands: list[Any]) -> Colour:
    return tuple(round(float(n), 3) for n in operands)


def _times(m: list[float], n: Matrix) -> Matrix:
    """The matrix product m × n (PDF's `cm` applies m before the current matrix n)."""
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


def font_files(page: PageObject) -> dict[str, bool]:
    """Each font the page uses: its base name, and whether its TrueType program is embedded."""
    fonts: dict[str, bool] = {}
    resources = dictionary(page["/Resources"])
    for font in resources.get("/Font", {}).values():
        font = font.get_object()
        name = str(font["/BaseFont"]).lstrip("/")
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
        embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
        fonts[name] = embedded
    return fonts


def operations(page: PageObject, reader: PdfReader) -> list[tuple[list[Any], bytes]]:
    """The page's drawing operators in order, as (operands, operator)."""
    contents = page.get_contents()
    assert contents is not None
    return list(ContentStream(contents, reader).operations)


def horizontal_rules(page: PageObject, reader: PdfReader, min_length: float) -> list[float]:
    """The heights of straight horizontal lines at least `min_length` long (ruled rows)."""
    found: list[float] = []
    start: tuple[float, float] | None = None
    for operands, operator in operations(page, reader):
        if operator == b"m":
            start = (float(operands[0]), float(operands[1]))
        elif operator == b"l" and start is not None:
            x, y = float(operands[0]), float(operands[1])
            if abs(y - start[1]) < 0.01 and abs(x - start[0]) >= min_length:
                found.append(y)
            start = None
    return found
