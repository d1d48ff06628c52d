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


@dataclass(frozen=True)
class Placed:
    """A string as drawn on the page, with its starting point in PDF points."""

    text: str
    x: float
    y: float


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

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            # The text matrix's translation, carried through the current transformation.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Placed(text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return found


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
