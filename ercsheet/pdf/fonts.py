"""The embedded fonts: DejaVu Sans (wide Latin, Greek and Cyrillic coverage), never the base 14.

ReportLab embeds a subset of each TrueType font a document uses, so every name prints as typed on
any printer and any viewer, and a verifier's PDF reader never substitutes a font.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ercsheet import paths


@dataclass(frozen=True)
class Fonts:
    """The registered font names the layout uses."""

    regular: str
    bold: str
    condensed: str
    condensed_bold: str


FONT_FILES = {
    "ERS-Sans": "DejaVuSans.ttf",
    "ERS-Sans-Bold": "DejaVuSans-Bold.ttf",
    "ERS-Condensed": "DejaVuSansCondensed.ttf",
    "ERS-Condensed-Bold": "DejaVuSansCondensed-Bold.ttf",
}


class FontsMissing(RuntimeError):
    """The shipped font files are not where the package expects them (a broken install)."""


@cache
def fonts() -> Fonts:
    """Register the fonts with ReportLab once per process and name them."""
    folder = paths.fonts_dir()
    for name, file_name in FONT_FILES.items():
        path = folder / file_name
        if not path.is_file():
            raise FontsMissing(f"the font file {path} is missing; reinstall ercsheet")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # One family per width, so <b> in any paragraph maps to the right bold face.
    for family, bold in (("ERS-Sans", "ERS-Sans-Bold"), ("ERS-Condensed", "ERS-Condensed-Bold")):
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, bold)
        addMapping(family, 0, 1, family)
        addMapping(family, 1, 1, bold)
    return Fonts("ERS-Sans", "ERS-Sans-Bold", "ERS-Condensed", "ERS-Condensed-Bold")


def width(text: str, font: str, size: float) -> float:
    """The printed width of `text` in points."""
    return float(pdfmetrics.stringWidth(text, font, size))
