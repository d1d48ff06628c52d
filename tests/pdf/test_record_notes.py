"""The record's notes read back: the signing key beside the record code, and the addenda."""

from __future__ import annotations

from pypdf import PageObject

from ercsheet.catalogue.model import Unit
from ercsheet.domain.record import record_code, short_code
from ercsheet.domain.sheet import SheetContent
from ercsheet.pdf import PrintedSheet
from ercsheet.pdf.blocks import DECLARATION_RIGHT
from ercsheet.pdf.fonts import fonts, width
from ercsheet.pdf.notes import ADDENDA_INDENT, ADDENDA_SIZE, MAX_ADDENDA_LINES, addenda_room
from ercsheet.pdf.style import (
    LABEL_SIZE,
    LEFT,
    PAD_WRITING_LINE,
    RIGHT,
    SIGNATURE_LINE_HEIGHT,
)
from tests.pdf.reading import Placed, page_texts, placed, read, render
from tests.pdf.samples import rows_for, signed, unsigned

FINGERPRINT = "3F2A-9C1B-77D0-11AB"
BEFORE_KEYS = "none (sealed before signing keys)"
ADDENDA = (
    "Addendum 1: IV initials, J. Smith, 12/11/2026 — added after sealing, bound to record code "
    "3F2A-9C1B-77D0",
    "Addendum 2: Countersignature of qualified IV, Łukasz Żółć, 14/11/2026 — added after "
    "sealing, bound to record code 3F2A-9C1B-77D0",
)
ASSESSOR_DECLARATION = "I confirm that the candidate has demonstrated competence"


def sealed(
    content: SheetContent, key_fingerprint: str | None = None, addenda: tuple[str, ...] = ()
) -> PrintedSheet:
    return PrintedSheet(
        content, record_code(content), key_fingerprint=key_fingerprint, addenda=addenda
    )


def long_sheet(operations: Unit) -> SheetContent:
    return signed(unsigned(operations, rows_for(operations, 60)))


def find(page: PageObject, start: str) -> Placed:
    [found] = [p for p in placed(page) if p.text.startswith(start)]
    return found


def addendum_lines(page: PageObject) -> list[Placed]:
    """Small print under the last signature line (the grid's header and the methods key, in
    the same size, are above it)."""
    last_line = find(page, "IV initials").y
    return [p for p in placed(page) if abs(p.size - ADDENDA_SIZE) < 0.01 and p.y < last_line]


def test_the_key_fingerprint_prints_beside_the_record_code_on_every_page(
    operations: Unit,
) -> None:
    content = long_sheet(operations)
    data = render([sealed(content, key_fingerprint=FINGERPRINT)])
    code = f"Record code {short_code(record_code(content))}"
    texts = page_texts(data)
    assert len(texts) > 1
    for page, text in zip(read(data).pages, texts, strict=True):
        assert f"{code} Key {FINGERPRINT}" in text
        printed_code, key = find(page, "Record code"), find(page, "Key ")
        assert key.text == f"Key {FINGERPRINT}"
        # On the same line, after the code with a clear gap, and clear of the QR code.
        assert abs(key.y - printed_code.y) < 0.01
        assert printed_code.x + width(printed_code.text, fonts().regular, LABEL_SIZE) + 5 < key.x
        assert key.x + width(key.text, fonts().regular, LABEL_SIZE) <= DECLARATION_RIGHT + 0.01


def test_without_a_key_nothing_more_is_printed(f17: Unit) -> None:
    content = signed(unsigned(f17, rows_for(f17, 3)))
    text = page_texts(render([sealed(content)]))[0]
    assert f"Record code {short_code(record_code(content))} I confirm" in text
    assert "Key" not in text


def test_a_sheet_sealed_before_signing_keys_says_so(f17: Unit) -> None:
    content = signed(unsigned(f17, rows_for(f17, 3)))
    text = page_texts(render([sealed(content, key_fingerprint=BEFORE_KEYS)]))[0]
    assert f"Record code {short_code(record_code(content))} Key {BEFORE_KEYS}" in text


def test_addenda_print_under_the_signature_lines_on_every_page(operations: Unit) -> None:
    data = render([sealed(long_sheet(operations), addenda=ADDENDA)])
    reader = read(data)
    assert len(reader.pages) > 1
    for page, text in zip(reader.pages, page_texts(data), strict=True):
        for addendum in ADDENDA:
            assert addendum in text
        lines = addendum_lines(page)
        assert [p.text for p in lines] == list(ADDENDA)
        last_line = find(page, "IV initials").y
        footer = find(page, "(Page")
        for line in lines:
            # Under the signature lines, clear of the last one's drawn signature …
            assert (
                line.y + 0.76 * line.size
                < last_line - (1 - PAD_WRITING_LINE) * SIGNATURE_LINE_HEIGHT
            )
            # … above the page number, and within the margins.
            assert line.y - 0.24 * line.size > footer.y + 0.76 * LABEL_SIZE
            assert line.x >= LEFT and line.x + width(line.text, fonts().regular, line.size) <= RIGHT


def test_a_long_addendum_wraps_whole_within_the_margins(f17: Unit) -> None:
    addendum = (
        "Addendum 1: countersignature of qualified assessor, Dafydd ap Gruffŵdd, 14/11/2026 — "
        "added after sealing because the assessor was not yet qualified when the sheet was "
        "signed; the countersigning assessor reviewed every evidence item (E001 to E006) with "
        "the candidate on site, and confirms the decision. Bound to record code 3F2A-9C1B-77D0."
    )
    content = signed(unsigned(f17, rows_for(f17, 6)))
    data = render([sealed(content, addenda=(addendum,))])
    page = read(data).pages[0]
    assert addendum in page_texts(data)[0]
    lines = addendum_lines(page)
    assert len(lines) >= 2
    assert lines[0].x == LEFT and {p.x for p in lines[1:]} == {LEFT + ADDENDA_INDENT}
    for line in lines:
        assert line.x + width(line.text, fonts().regular, line.size) <= RIGHT


def test_the_grid_gives_the_addenda_their_room(operations: Unit) -> None:
    content = signed(unsigned(operations, rows_for(operations, 300)))
    plain = read(render([sealed(content)]))
    noted = read(render([sealed(content, addenda=ADDENDA)]))
    # The signature block moves up by exactly the addenda's room; the grid ends above it.
    lifted = (
        find(noted.pages[0], ASSESSOR_DECLARATION).y - find(plain.pages[0], ASSESSOR_DECLARATION).y
    )
    assert abs(lifted - addenda_room([(0.0, a) for a in ADDENDA])) < 0.01
    assert len(noted.pages) > len(plain.pages)

    def rows_on(page: PageObject) -> int:
        return sum(1 for p in placed(page) if p.text.startswith("E") and p.text[1:].isdigit())

    assert rows_on(noted.pages[0]) < rows_on(plain.pages[0])


def test_a_runaway_list_of_addenda_stops_saying_how_many_more(f17: Unit) -> None:
    many = tuple(f"Addendum {n}: IV initials, J. Smith, 12/11/2026" for n in range(1, 21))
    content = signed(unsigned(f17, rows_for(f17, 6)))
    data = render([sealed(content, addenda=many)])
    page = read(data).pages[0]
    lines = [p.text for p in addendum_lines(page)]
    assert len(lines) == MAX_ADDENDA_LINES
    assert lines[:-1] == list(many[: MAX_ADDENDA_LINES - 1])
    assert lines[-1] == f"… and {20 - MAX_ADDENDA_LINES + 1} more addenda, kept with the record"
    assert len(read(data).pages) == 1
    assert {f"E{i:03}" for i in range(1, 7)} <= {p.text for p in placed(page)}


def test_one_runaway_addendum_is_cut_with_an_ellipsis(f17: Unit) -> None:
    runaway = "Addendum 1: " + "the note went on and on; " * 250
    content = signed(unsigned(f17, rows_for(f17, 6)))
    lines = [
        p.text for p in addendum_lines(read(render([sealed(content, addenda=(runaway,))])).pages[0])
    ]
    assert len(lines) == MAX_ADDENDA_LINES
    assert lines[0].startswith("Addendum 1: the note went on")
    assert lines[-1].endswith("…") and "more addend" not in lines[-1]


def test_blank_addenda_take_no_room(f17: Unit) -> None:
    content = signed(unsigned(f17, rows_for(f17, 6)))
    plain = read(render([sealed(content)])).pages[0]
    blank = read(render([sealed(content, addenda=("", "  \n"))])).pages[0]
    assert find(plain, ASSESSOR_DECLARATION) == find(blank, ASSESSOR_DECLARATION)
    assert addendum_lines(blank) == []
