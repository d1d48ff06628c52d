"""A PDF specification through pdfplumber (MIT): lines from word positions, and the outcomes
table's columns recovered from where its heading row puts them.

Extracted as flat text, a table's cells interleave line by line (an LO title, an AC's first line
and its guidance's first line, then the second lines…). Here the heading row ("Learning
Outcomes | Assessment Criteria | Exemplification") gives each column's left edge, and every word
below it, on this page and the next, goes to its column, until a section heading ends the table.
A table without such a row has its columns found from where its numbered items stand
(pdf_columns.py), where they plainly stand in columns.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ercsheet.catalogue.importer import pdf_columns
from ercsheet.catalogue.importer.lines import Line
from ercsheet.catalogue.importer.pdf_columns import COLUMN_GAP, Row, Word
from ercsheet.catalogue.importer.sections import heading_of

# The most pages read: a unit specification is a few pages; a whole qualification handbook of
# hundreds is refused rather than read for minutes.
MAX_PAGES = 150
_SAME_LINE = 3.0  # points: words whose tops differ by less stand on one line
_MARGIN = 0.07  # of the page's height: header and footer bands, never table cells
# The third column's heading, as specifications word it.
_GUIDANCE_HEADS = {
    "exemplification",
    "guidance",
    "additional",
    "range",
    "amplification",
    "indicative",
}
# Points: a gap wider than this between a column's lines (about one and a half lines of 10-12 pt
# text) is a paragraph break.
_PARAGRAPH_GAP = 20.0
_CRITERIA = re.compile(r"\bassessment\s+criteria\b", re.IGNORECASE)
_OUTCOMES = re.compile(r"\blearning\s+outcomes?\b", re.IGNORECASE)
_HEADER_BAND = 15.0  # points above and below the "Assessment criteria" heading


class PdfUnreadable(Exception):
    pass


def pdf_to_lines(data: bytes) -> list[Line]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise PdfUnreadable(
                    f"it has {len(pdf.pages)} pages; a unit specification has at most {MAX_PAGES}"
                )
            return _read_pages(pdf.pages)
    except PdfUnreadable:
        raise
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as error:
        raise PdfUnreadable(f"not a PDF that can be read ({type(error).__name__})") from None
    except Exception as error:  # pdfminer raises its own kinds from deep inside a broken file
        if type(error).__module__.startswith(("pdfminer", "pdfplumber", "pypdfium2")):
            raise PdfUnreadable(f"not a PDF that can be read ({type(error).__name__})") from None
        raise


def _read_pages(pages: list[Any]) -> list[Line]:
    read = [
        (float(page.height) or 1.0, _rows(page.extract_words(x_tolerance=1.5, y_tolerance=2.5)))
        for page in pages
    ]
    headers = [_header_band(rows) for _, rows in read]
    if not any(headers):
        found = pdf_columns.find(
            [
                {i: row for i, row in enumerate(rows) if not _margin(row[0], height)}
                for height, rows in read
            ]
        )
        if found is not None:
            return _with_gaps(_found_columns(read, found))
    result: list[Line] = []
    edges: list[float] | None = None
    for number, ((height, rows), header) in enumerate(zip(read, headers, strict=True)):
        for index, (top, words) in enumerate(rows):
            text = " ".join(w.text for w in words)
            margin = _margin(top, height)
            if index in header:
                if index == min(header):
                    band = sorted((w for i in header for w in rows[i][1]), key=lambda w: w.x0)
                    edges = _column_edges(band)
                continue
            if edges is not None and not margin and heading_of(text) and words[0].x0 < edges[0]:
                edges = None
            if edges is None or margin:
                result.append(Line(text, number, None, top))
            else:
                result.extend(_cells(words, edges, number, top))
    return _with_gaps(result)


def _margin(top: float, height: float) -> bool:
    """Whether a line stands in a page's header or footer band."""
    return top < height * _MARGIN or top > height * (1 - _MARGIN)


def _found_columns(read: list[tuple[float, list[Row]]], found: pdf_columns.Columns) -> list[Line]:
    """The lines, those of the table found by pdf_columns cut into its columns."""
    result: list[Line] = []
    for number, (_, rows) in enumerate(read):
        for index, (top, words) in enumerate(rows):
            if (number, index) in found.rows:
                result.extend(_cells(words, found.edges, number, top))
            else:
                result.append(Line(" ".join(w.text for w in words), number, None, top))
    return result


def _header_band(rows: list[Row]) -> set[int]:
    """The rows of the table's heading on this page: the row naming "Assessment criteria" and
    those close above and below it, when "Learning outcome(s)" is among them (cells of
    different heights put a heading's words on slightly different lines)."""
    texts = [" ".join(w.text for w in words) for _, words in rows]
    for index, text in enumerate(texts):
        if not _CRITERIA.search(text) or not _stands_apart(rows[index][1]):
            continue
        band = {i for i, (top, _) in enumerate(rows) if abs(top - rows[index][0]) <= _HEADER_BAND}
        if _OUTCOMES.search(" ".join(texts[i] for i in sorted(band))):
            return band
    return set()


def _stands_apart(words: list[Word]) -> bool:
    """Whether "Assessment criteria" on this line heads a column: a gap wider than a space
    before it, or it starts the line. A sentence naming "learning outcomes and assessment
    criteria" runs on with word spaces only."""
    for index, word in enumerate(words):
        following = words[index + 1].text.casefold() if index + 1 < len(words) else ""
        if word.text.casefold() == "assessment" and following.startswith("criteria"):
            return index == 0 or word.x0 - words[index - 1].x1 > COLUMN_GAP
    return False


def _rows(raw: list[dict[str, Any]]) -> list[Row]:
    words = sorted(
        (Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"])) for w in raw),
        key=lambda w: (w.top, w.x0),
    )
    rows: list[Row] = []
    for word in words:
        if rows and abs(word.top - rows[-1][0]) < _SAME_LINE:
            rows[-1][1].append(word)
        else:
            rows.append((word.top, [word]))
    return [(top, sorted(ws, key=lambda w: w.x0)) for top, ws in rows]


def _column_edges(words: list[Word]) -> list[float]:
    """Left edges of the AC and guidance columns, from the heading row's words."""
    edges = []
    for index, word in enumerate(words):
        following = words[index + 1].text.casefold() if index + 1 < len(words) else ""
        if word.text.casefold() == "assessment" and following.startswith("criteria"):
            edges.append(word.x0 - 2)
        elif edges and word.text.casefold() in _GUIDANCE_HEADS and word.x0 > edges[-1] + 40:
            edges.append(word.x0 - 2)
            break
    return edges or [float("inf")]


def _cells(words: list[Word], edges: list[float], page: int, top: float) -> list[Line]:
    columns: dict[int, list[str]] = {}
    for word in words:
        column = sum(word.x0 >= edge for edge in edges)
        columns.setdefault(column, []).append(word.text)
    return [Line(" ".join(texts), page, column, top) for column, texts in sorted(columns.items())]


def _with_gaps(lines: list[Line]) -> list[Line]:
    """A blank line where a column's text leaves a gap wider than a line: the paragraph breaks
    that running text and guidance are joined by."""
    result: list[Line] = []
    last: dict[tuple[int, int | None], float] = {}
    for line in lines:
        key = (line.page, line.column)
        previous = last.get(key)
        if previous is not None and line.y - previous > _PARAGRAPH_GAP:
            result.append(Line("", line.page, line.column, (previous + line.y) / 2))
        last[key] = line.y
        result.append(line)
    return result
