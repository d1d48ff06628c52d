"""The superseded banner read back: its own room above the titles, its whole reason, its cap."""

from __future__ import annotations

import dataclasses

from pypdf import PageObject, PdfReader
from reportlab.lib.colors import Color

from ercsheet.catalogue.model import Unit
from ercsheet.domain.record import record_code
from ercsheet.domain.sheet import SheetContent
from ercsheet.pdf import PrintedSheet
from ercsheet.pdf.fonts import fonts, width
from ercsheet.pdf.notes import MAX_BANNER_LINES
from ercsheet.pdf.style import BANNER_FILL, BANNER_INK, HEADER_FILL
from tests.pdf.reading import BLACK, Colour, Mark, Placed, marks, page_texts, placed, read, render
from tests.pdf.samples import rows_for, signed, unsigned

SUPERSEDED = "SUPERSEDED: NOT THE CURRENT RECORD"
# What the GUI passes (gui/signing/printing.py), with a reason as long as assessors write.
REASON = (
    "Superseded version 1 — reopened 20/11/2026 by Dafydd ap Gruffŵdd: the candidate's "
    "signature date was entered as 07/10/2026 but the observation took place on 08/10/2026; "
    "evidence item E03 was ticked against 2.3 by mistake, and the witness testimony from the "
    "line manager has been replaced with the signed original received by post on 19/11/2026."
)


def ink(colour: Color) -> Colour:
    return tuple(round(float(c), 3) for c in colour.rgb())


def banner(page: PageObject, reader: PdfReader) -> Mark:
    [found] = [m for m in marks(page, reader) if m.paint == "fill" and m.ink == ink(BANNER_FILL)]
    return found


def banner_lines(page: PageObject) -> list[Placed]:
    return [p for p in placed(page) if p.ink == ink(BANNER_INK)]


def grid_top(page: PageObject, reader: PdfReader) -> float:
    """The top of the grid's grey header."""
    return max(m.top for m in marks(page, reader) if m.ink == ink(HEADER_FILL))


def superseded(content: SheetContent, note: str) -> PrintedSheet:
    return PrintedSheet(content, record_code(content), note)


def test_the_banner_never_covers_the_titles_or_the_unit_line(f17: Unit, operations: Unit) -> None:
    # F17 names its qualification; seed 002's sheet has none, so its title comes first.
    for content in (signed(unsigned(f17, rows_for(f17, 3))), unsigned(operations, [])):
        reader = read(render([superseded(content, REASON)]))
        page = reader.pages[0]
        red = banner(page, reader)
        assert red.top <= 595.28 - 24 + 0.01  # inside the top margin
        text = placed(page)
        for item in (p for p in text if p.ink != ink(BANNER_INK)):
            # Nothing else is under the red: every other string's tallest letter (DejaVu's
            # ascent is 0.76 of its size) is below it.
            assert item.size > 0 and item.y + 0.8 * item.size <= red.bottom, item
        titles = [p for p in text if p.text in ("Evidence Record Sheet", content.unit_line)]
        assert [p.text for p in titles] == ["Evidence Record Sheet", content.unit_line]
        # Printed in black: before, with no qualification they were left in the banner's white.
        assert {p.ink for p in titles} == {BLACK}, content.unit.id


def test_a_reason_of_a_few_hundred_characters_prints_whole_inside_the_banner(
    operations: Unit,
) -> None:
    assert len(REASON) > 300
    content = signed(unsigned(operations, rows_for(operations, 60)))
    data = render([superseded(content, REASON)])
    reader = read(data)
    assert len(reader.pages) > 1
    for page, text in zip(reader.pages, page_texts(data), strict=True):
        assert text.startswith(f"{SUPERSEDED} — {REASON}")
        red = banner(page, reader)
        lines = banner_lines(page)
        assert 1 < len(lines) < MAX_BANNER_LINES
        for line in lines:
            assert red.left < line.x
            assert line.x + width(line.text, fonts().bold, 9) < red.right
            assert red.bottom < line.y < red.top


def test_a_runaway_reason_is_cut_after_a_few_lines_and_the_grid_keeps_its_room(f17: Unit) -> None:
    runaway = "The reason went on and on and on. " * 150
    assert len(runaway) > 5000
    content = signed(unsigned(f17, rows_for(f17, 6)))
    data = render([superseded(content, runaway)])
    reader = read(data)
    page = reader.pages[0]
    lines = banner_lines(page)
    assert len(lines) == MAX_BANNER_LINES
    assert lines[0].text.startswith(SUPERSEDED)
    assert lines[-1].text.endswith("…")
    # Still one page: the grid lost the banner's few lines, not the page.
    assert len(reader.pages) == 1
    assert {f"E{i:03}" for i in range(1, 7)} <= {p.text for p in placed(page)}


def test_the_grid_gives_the_banner_its_room(operations: Unit) -> None:
    content = signed(unsigned(operations, rows_for(operations, 60)))
    current = read(render([PrintedSheet(content, record_code(content))]))
    old = read(render([superseded(content, REASON)]))
    red = banner(old.pages[0], old)
    shift = grid_top(current.pages[0], current) - grid_top(old.pages[0], old)
    # The whole header moved down by the banner's height and its gap above the titles.
    assert red.top - red.bottom < shift < red.top - red.bottom + 8
    for reader in (current, old):
        name = [p for p in placed(reader.pages[0]) if p.text == "Candidate name:"]
        assert len(name) == 1
    assert len(old.pages) >= len(current.pages)


def test_a_current_sheet_has_no_banner(f17: Unit) -> None:
    content = signed(unsigned(f17, rows_for(f17, 3)))
    reader = read(render([PrintedSheet(content, record_code(content))]))
    page = reader.pages[0]
    assert not [m for m in marks(page, reader) if m.ink == ink(BANNER_FILL)]
    assert not banner_lines(page)
    blank = dataclasses.replace(content, signatures=())
    assert "SUPERSEDED" not in page_texts(render([blank]))[0]
