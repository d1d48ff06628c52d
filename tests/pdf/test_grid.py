"""The grid read back: ticks in the right cells, rows over pages, long titles, blank forms."""

from __future__ import annotations

import itertools
from collections import Counter

from pypdf import PageObject

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import EvidenceRow, SheetContent
from ercsheet.domain.vocabulary import Method
from tests.factories import make_unit
from tests.pdf.reading import flat, horizontal_rules, page_texts, placed, read, render
from tests.pdf.samples import rows_for, unsigned

TICK = "✓"


def ticked_cells(page: PageObject, criteria: set[str], refs: set[str]) -> list[tuple[str, str]]:
    """(reference, criterion) of every tick, found from where the tick, refs and headers sit."""
    items = placed(page)
    headers = [p for p in items if p.text in criteria]
    references = [p for p in items if p.text in refs]
    xs = sorted(h.x for h in headers)
    spacing = min((b - a for a, b in itertools.pairwise(xs)), default=100.0)
    cells = []
    for tick in (p for p in items if p.text == TICK):
        column = min(headers, key=lambda h: abs(h.x - tick.x))
        # Clearly nearer its own column's header than any neighbour's.
        assert abs(column.x - tick.x) < spacing / 2, f"tick at x={tick.x} is under no AC header"
        row = min(references, key=lambda r: abs(r.y - tick.y))
        assert abs(row.y - tick.y) < 3, f"tick at y={tick.y} is beside no reference"
        cells.append((row.text, column.text))
    return cells


def expected_cells(content: SheetContent) -> Counter[tuple[str, str]]:
    return Counter((row.ref, number) for row in content.evidence for number in row.criteria)


def printed_cells(content: SheetContent) -> Counter[tuple[str, str]]:
    criteria = set(content.unit.criterion_numbers)
    refs = {row.ref for row in content.evidence}
    found: Counter[tuple[str, str]] = Counter()
    for page in read(render([content])).pages:
        found.update(ticked_cells(page, criteria, refs))
    return found


def test_each_tick_is_in_its_rows_cell_under_its_ac(f17: Unit, operations: Unit) -> None:
    for unit, count in ((f17, 15), (operations, 40)):
        content = unsigned(unit, rows_for(unit, count))
        assert printed_cells(content) == expected_cells(content), unit.id


def test_a_60_ac_grid_continues_on_further_pages_with_every_tick_printed_once() -> None:
    # Single-digit AC numbers print across their columns (wider ones turn upwards, which moves
    # where their text starts and would blur the nearest-header test).
    unit = make_unit((9, 9, 9, 9, 9, 9, 6))
    content = unsigned(unit, rows_for(unit, 30))
    assert printed_cells(content) == expected_cells(content)
    texts = page_texts(render([content]))
    parts = [text.split("Grid part ")[1][:6] for text in texts]
    assert {part.split(":")[0] for part in parts} == {"1 of 3", "2 of 3", "3 of 3"}


def test_the_28_ac_unit_fits_one_page_width_with_readable_headers(operations: Unit) -> None:
    content = unsigned(operations, rows_for(operations, 10))
    page = read(render([content])).pages[0]
    headers = sorted(
        (p for p in placed(page) if p.text in operations.criterion_numbers), key=lambda p: p.x
    )
    assert [h.text for h in headers] == list(operations.criterion_numbers)
    assert "Grid part" not in flat(page.extract_text())
    spacing = min(b.x - a.x for a, b in itertools.pairwise(headers))
    assert spacing >= 6.5 * 72 / 25.4 - 2  # columns at least 6.5 mm wide


def test_hundreds_of_rows_flow_onto_further_pages_with_the_grid_header_repeated(
    operations: Unit,
) -> None:
    content = unsigned(operations, rows_for(operations, 300))
    reader = read(render([content]))
    assert len(reader.pages) > 10
    order: list[str] = []
    refs = {row.ref for row in content.evidence}
    for page in reader.pages:
        text = flat(page.extract_text())
        assert "Evidence reference Evidence title Assessment method" in text
        order += [p.text for p in placed(page) if p.text in refs]
    assert order == [row.ref for row in content.evidence]


def test_a_title_longer_than_a_page_wraps_and_continues_on_the_next_page(f17: Unit) -> None:
    words = [f"word{i}" for i in range(900)]  # ~5,600 characters
    long_row = EvidenceRow("L1", " ".join(words), Method.PRODUCT, None, frozenset({"1.1"}))
    after = EvidenceRow("L2", "After the long one", Method.OBSERVATION, None, frozenset({"3.4"}))
    content = unsigned(f17, [long_row, after])
    texts = page_texts(render([content]))
    assert len(texts) >= 3
    assert "(continued)" in texts[1]
    body = " ".join(texts)
    positions = [body.index(f" {word} ") for word in words[1:-1]]
    assert positions == sorted(positions), "the title's words print in order"
    assert "After the long one" in texts[-1]
    assert printed_cells(content) == expected_cells(content)


def test_a_word_wider_than_its_column_is_broken_not_lost(f17: Unit) -> None:
    url = "https://intranet.example.org/" + "evidence/" * 30
    content = unsigned(f17, [EvidenceRow("U1", url, Method.PRODUCT)])
    text = page_texts(render([content]))[0]
    assert url in text.replace(" ", "")


def test_an_empty_sheet_prints_a_blank_form_with_rows_to_fill_by_hand(reliable: Unit) -> None:
    content = unsigned(reliable, [])
    data = render([content])
    reader = read(data)
    assert len(reader.pages) == 1
    assert "(Page 1 of 1)" in page_texts(data)[0]
    assert TICK not in page_texts(data)[0]
    # Empty rows are ruled across the whole grid: one rule under each, at least a dozen.
    page = reader.pages[0]
    header = next(p for p in placed(page) if p.text == "Evidence title")
    key = next(p for p in placed(page) if p.text.startswith("Assessment methods:"))
    rows = [y for y in horizontal_rules(page, reader, min_length=700) if key.y < y < header.y]
    assert len(rows) >= 13  # the header's lower edge and one rule under each of 12+ rows
