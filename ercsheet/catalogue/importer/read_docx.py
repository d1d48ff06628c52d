"""A Word specification (.docx) through python-docx (MIT): paragraphs and tables in document
order. The outcomes table's cells are its columns and rows; other tables (a title block of
"Level | 3" rows) become lines of "label<TAB>value"; list paragraphs keep the number or letter Word
draws before them (docx_numbering.py), or become bullets."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ercsheet.catalogue.importer.cleaning import BULLET
from ercsheet.catalogue.importer.docx_numbering import Numbering, W
from ercsheet.catalogue.importer.lines import GUIDANCE_COLUMN, Line
from ercsheet.catalogue.importer.sections import heading_of, is_table_header

_OUTCOMES = re.compile(r"learning\s+outcomes?.*assessment\s+criteria", re.IGNORECASE | re.DOTALL)
# A Word document is a ZIP of XML: this much unpacked is far beyond any specification, and stops
# a "ZIP bomb" from filling memory.
MAX_UNPACKED = 100 * 1024 * 1024


class DocxUnreadable(Exception):
    pass


def docx_to_lines(data: bytes) -> list[Line]:
    _check_package(data)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx and lxml raise many kinds for a broken package
        raise DocxUnreadable(
            f"not a Word document that can be read ({type(error).__name__})"
        ) from None
    body = document.element.body
    labels = _numbering(document).labels(body.iter(f"{W}p"))
    lines: list[Line] = []
    row_number = 0
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = _paragraph_text(Paragraph(child, document), labels)
            lines.append(Line(text, 0, None, len(lines)))
        elif tag == "tbl":
            table = Table(child, document)
            rows = [_unique_cells(row) for row in table.rows]
            if rows and _OUTCOMES.search(" ".join(cell.text for cell in rows[0])):
                for row in rows[1:]:
                    row_number += 1
                    lines.extend(_row_lines(row, row_number, labels))
            else:
                lines.extend(
                    Line("\t".join(cell.text.strip() for cell in row), 0, None, len(lines))
                    for row in rows
                )
    return lines


def _numbering(document: Any) -> Numbering:
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, ValueError):  # no numbering part to read
        numbering = None
    return Numbering(numbering, document.styles.element)


def _check_package(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DocxUnreadable("not a Word document (.docx): the ZIP inside it is damaged") from None
    if "word/document.xml" not in names:
        raise DocxUnreadable("a ZIP file, but not a Word document (.docx)")
    if unpacked > MAX_UNPACKED:
        raise DocxUnreadable("its content unpacks to more than 100 MB: not a unit specification")


def _unique_cells(row: Any) -> list[Any]:
    # A merged cell is given once for every grid column it spans.
    seen: set[int] = set()
    cells = []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _row_lines(cells: list[Any], row: int, labels: dict[Any, str]) -> list[Line]:
    lines = []
    for column, cell in enumerate(cells):
        for index, paragraph in enumerate(cell.paragraphs):
            text = _paragraph_text(paragraph, labels)
            if text.strip():
                lines.append(Line(text, 0, min(column, GUIDANCE_COLUMN), float(index), row))
    return lines


def _paragraph_text(paragraph: Any, labels: dict[Any, str]) -> str:
    """The paragraph's text, after the number or letter Word draws before it ("a) …"), or as
    a bullet; a heading keeps its words alone ("2 Assessment" would be no heading)."""
    text: str = paragraph.text
    style = paragraph.style.name if paragraph.style is not None else ""
    label = labels.get(paragraph._p)
    if not text.strip() or style.startswith(("Heading", "Title")) or heading_of(text.strip()):
        return text
    if label and not is_table_header(text.strip()):
        return f"{label} {text.strip()}"
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if label is not None or style.startswith("List") or numbered:
        return BULLET + text.strip()
    return text
