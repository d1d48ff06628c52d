"""Plain text (a file, or text pasted in): running lines, except the outcomes table where it
was saved with tabs between its cells (a table copied from a word processor), whose cells are
read as the columns they are. Cells exported as HTML (<p>, <ul><li>) become lines."""

from __future__ import annotations

import re

from ercsheet.catalogue.importer.cleaning import BULLET, html_to_text
from ercsheet.catalogue.importer.lines import GUIDANCE_COLUMN, Line
from ercsheet.catalogue.importer.sections import heading_of

_HEADER_ROW = re.compile(r"learning outcomes?\s*\t.*assessment criteria", re.IGNORECASE)
_INLINE_BULLET = re.compile(r"\s+[•\uf0b7]\s+")


def text_to_lines(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    result: list[Line] = []
    in_table = False
    row = 0
    for page, page_text in enumerate(text.split("\f")):
        for index, raw in enumerate(page_text.split("\n")):
            if _HEADER_ROW.search(raw):
                in_table = True
                continue
            if in_table and "\t" in raw:
                row += 1
                result.extend(_row_lines(raw, page, row))
                continue
            if in_table and raw.strip() and heading_of(raw.strip()):
                in_table = False
            result.append(Line(raw, page, None, float(index)))
    return result


def _row_lines(raw: str, page: int, row: int) -> list[Line]:
    lines = []
    for column, cell in enumerate(raw.split("\t")):
        text = _INLINE_BULLET.sub("\n" + BULLET, html_to_text(cell))
        for index, line in enumerate(text.split("\n")):
            if line.strip():
                lines.append(Line(line, page, min(column, GUIDANCE_COLUMN), float(index), row))
    return lines
