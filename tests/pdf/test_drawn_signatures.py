"""Drawn signatures read back: a whole line's height, clear of every other line, and named.

Every role signs with a drawn signature here. Only the assessor has a "Name (in block capitals)"
line on the form; every other drawn signature carries its signer's name beside it.
"""

from __future__ import annotations

import dataclasses

from pypdf import PageObject, PdfReader
from reportlab.lib.colors import Color

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import SIGNATURE_ASPECT, SheetContent, Signature, Stroke
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.pdf.fonts import fonts, width
from ercsheet.pdf.signatures import MAX_NAME_LINES, NAME_SIZE
from ercsheet.pdf.style import PAD_WRITING_LINE, SIGNATURE_INK, SIGNATURE_LINE_HEIGHT
from tests.pdf.reading import Mark, Placed, marks, page_texts, placed, read, render
from tests.pdf.samples import SIGNED_ON, rows_for, unsigned, wave

# Each role's signer, and the label its signature follows on the form.
SIGNERS = {
    Role.CANDIDATE: ("Siân Ní Bhriain", "Signature of candidate:"),
    Role.ASSESSOR: ("Dafydd ap Gruffŵdd", "Signature of assessor:"),
    Role.ASSESSOR_COUNTERSIGN: (
        "Łukasz Żółć",
        "Countersignature of qualified assessor (if required) and date:",
    ),
    Role.IV: ("Zoë Ødegård", "IV initials (if sampled) and date:"),
    Role.IV_COUNTERSIGN: (
        "Jürgen Groß",
        "Countersignature of qualified IV (if required) and date:",
    ),
    Role.LINE_MANAGER: ("Þórunn Guðmundsdóttir", "Signature of line manager or owner/manager"),
}
# A stroke across the pad's whole square, corner to corner: its extent is the pad's.
CORNER_TO_CORNER: tuple[Stroke, ...] = (((0.0, 0.0), (1.0, 1.0)),)
SIGNATURE = tuple(round(float(c), 3) for c in Color.rgb(SIGNATURE_INK))


def all_drawn(unit: Unit, strokes: tuple[Stroke, ...] | None = None) -> SheetContent:
    content = unsigned(unit, rows_for(unit, 3))
    return dataclasses.replace(
        content,
        signatures=tuple(
            Signature(role, name, SIGNED_ON, SignatureKind.DRAWN, strokes or wave(index))
            for index, (role, (name, _)) in enumerate(SIGNERS.items())
            if role is not Role.LINE_MANAGER or unit.rules.line_manager_signature
        ),
    )


def first_page(content: SheetContent) -> tuple[PageObject, PdfReader]:
    reader = read(render([content]))
    return reader.pages[0], reader


def strokes(page: PageObject, reader: PdfReader) -> list[Mark]:
    return [m for m in marks(page, reader) if m.paint == "stroke" and m.ink == SIGNATURE]


def label(text: list[Placed], role: Role) -> Placed:
    [found] = [p for p in text if p.text.startswith(SIGNERS[role][1])]
    return found


def signature_of(page: PageObject, reader: PdfReader, role: Role) -> Mark:
    """The strokes following the role's label on its line (the nearest after it)."""
    text = placed(page)
    start = label(text, role)
    mine = [
        m
        for m in strokes(page, reader)
        if m.left > start.x
        and m.bottom <= start.y <= m.top
        # Not the next field's signature on the same line (IV and IV countersignature).
        and not any(start.x < other.x < m.left and other.y == start.y for other in text)
    ]
    assert mine, role
    return Mark(
        "stroke",
        SIGNATURE,
        min(m.left for m in mine),
        min(m.bottom for m in mine),
        max(m.right for m in mine),
        max(m.top for m in mine),
    )


def box(item: Placed) -> tuple[float, float, float, float]:
    """The box printed text fills: its width in its face, DejaVu's ascent and descent."""
    face = fonts().bold if "Bold" in item.font else fonts().regular
    return (
        item.x,
        item.y - 0.24 * item.size,
        item.x + width(item.text, face, item.size),
        item.y + 0.76 * item.size,
    )


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    # Touching edges are no overlap (neighbouring lines' pads meet exactly).
    eps = 0.01
    return a[0] < b[2] - eps and b[0] < a[2] - eps and a[1] < b[3] - eps and b[1] < a[3] - eps


def test_a_drawn_signature_spans_its_whole_line_keeping_its_aspect(
    f17: Unit, reliable: Unit
) -> None:
    for unit in (f17, reliable):
        content = all_drawn(unit, CORNER_TO_CORNER)
        page, reader = first_page(content)
        text = placed(page)
        for signature in content.signatures:
            pad = signature_of(page, reader, signature.role)
            height, across = pad.top - pad.bottom, pad.right - pad.left
            assert abs(height - SIGNATURE_LINE_HEIGHT) < 0.01, signature.role
            assert abs(across - SIGNATURE_ASPECT * height) < 0.01, signature.role
            # The pad's writing line is the form's line (the label's baseline).
            line = label(text, signature.role).y
            assert abs(pad.top - PAD_WRITING_LINE * height - line) < 0.01, signature.role


def test_drawn_signatures_touch_no_other_line_nor_any_printed_text(
    f17: Unit, reliable: Unit
) -> None:
    for unit in (f17, reliable):
        for drawn in (all_drawn(unit, CORNER_TO_CORNER), all_drawn(unit)):
            page, reader = first_page(drawn)
            pads = [signature_of(page, reader, s.role) for s in drawn.signatures]
            for a in pads:
                for b in pads:
                    ab = (a.left, a.bottom, a.right, a.top), (b.left, b.bottom, b.right, b.top)
                    assert a == b or not overlap(*ab)
            for item in placed(page):
                for pad in pads:
                    assert not overlap(box(item), (pad.left, pad.bottom, pad.right, pad.top)), item


def test_names_beside_drawn_signatures_where_the_form_has_no_name_line(reliable: Unit) -> None:
    content = all_drawn(reliable)
    page, reader = first_page(content)
    text = placed(page)
    for role, (name, _) in SIGNERS.items():
        small = [p for p in text if abs(p.size - NAME_SIZE) < 0.01 and p.text in name]
        if role is Role.ASSESSOR:
            # Named in block capitals on its own field instead.
            assert not small
            assert any(p.text == name.upper() for p in text)
            continue
        assert " ".join(p.text for p in small) == name, role
        line = label(text, role)
        pad = signature_of(page, reader, role)
        for part in small:
            assert part.ink == SIGNATURE
            # Right beside the strokes (the wave stops short of the pad's edge, then the gap).
            assert pad.right <= part.x <= pad.right + 12, role
            assert line.y <= part.y <= line.y + 12, role  # on the line, not over the next
    joined = page_texts(render([content]))[0]
    assert "Signature of candidate: Siân Ní Bhriain Date: 07/10/2026" in joined
    assert "IV initials (if sampled) and date: Zoë Ødegård 07/10/2026" in joined


def test_a_runaway_name_is_cut_within_its_field(f17: Unit) -> None:
    name = "Maëlle Bézier-Çelik de la Tour du Pin Chambly de La Charce " * 3
    content = dataclasses.replace(
        unsigned(f17, []),
        signatures=(Signature(Role.CANDIDATE, name, SIGNED_ON, SignatureKind.DRAWN, wave()),),
    )
    page, reader = first_page(content)
    text = placed(page)
    small = [p for p in text if abs(p.size - NAME_SIZE) < 0.01]
    assert len(small) == MAX_NAME_LINES
    assert small[0].text.startswith("Maëlle") and small[-1].text.endswith("…")
    date = next(p for p in text if p.text == "Date:" and abs(p.y - small[-1].y) < 2)
    for part in small:
        assert part.x + width(part.text, fonts().regular, NAME_SIZE) < date.x
    # The signature still there, smaller but whole in shape.
    pad = signature_of(page, reader, Role.CANDIDATE)
    assert pad.right < small[0].x
