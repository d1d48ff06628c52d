"""A line of a specification as the readers give it: its text, page, and where it stood."""

from __future__ import annotations

from dataclasses import dataclass, replace

# Columns of the outcomes table, where the format shows them (PDF positions, DOCX and tabbed
# text cells). None: running text, whose table columns are flattened in reading order.
LO_COLUMN = 0
AC_COLUMN = 1
GUIDANCE_COLUMN = 2


@dataclass(frozen=True)
class Line:
    text: str
    page: int = 0
    column: int | None = None
    # Order within the page (a PDF line's top in points; an index elsewhere): guidance is placed
    # against the criterion whose row it starts in.
    y: float = 0.0
    # The table row, where the format has real rows (DOCX, tabbed text); None in a PDF.
    row: int | None = None

    def with_text(self, text: str) -> Line:
        return replace(self, text=text)


def text_lines(text: str, page: int = 0) -> list[Line]:
    """Running text as lines, numbered in order (a form feed starts a new page)."""
    result: list[Line] = []
    for number, page_text in enumerate(text.split("\f"), start=page):
        result.extend(
            Line(line, number, None, float(index))
            for index, line in enumerate(page_text.split("\n"))
        )
    return result


def source_text(lines: list[Line]) -> str:
    """The lines as a reviewer reads the source beside the unit: a table's cells that stand on
    one line joined by " | ", a rule between pages."""
    out: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None and line.page != previous.page:
            out.append(f"——— page {line.page + 1} ———")
        same_line = (
            previous is not None
            and line.column is not None
            and (line.page, line.y, line.row) == (previous.page, previous.y, previous.row)
            and line.column != previous.column
        )
        if same_line:
            out[-1] += " | " + line.text
        else:
            out.append(line.text)
        previous = line
    return "\n".join(out)
