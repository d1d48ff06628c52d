"""Signatures on paper: drawn ones as vector paths, typed ones as the name, paper ones blank."""

from __future__ import annotations

import dataclasses

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import SheetContent, Signature
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.pdf.style import SIGNATURE_LINE_HEIGHT
from tests.pdf.reading import operations, page_texts, placed, read, render
from tests.pdf.samples import SIGNED_ON, rows_for, signed, unsigned, wave


def with_signatures(content: SheetContent, *signatures: Signature) -> SheetContent:
    return dataclasses.replace(content, signatures=signatures)


def curves_and_lines(content: SheetContent) -> tuple[int, int]:
    reader = read(render([content]))
    ops = [operator for _, operator in operations(reader.pages[0], reader)]
    return ops.count(b"c"), ops.count(b"l")


def test_a_drawn_signature_is_printed_as_vector_paths_on_its_line(f17: Unit) -> None:
    base = unsigned(f17, rows_for(f17, 3))
    drawn = Signature(Role.CANDIDATE, "Siân Ní Bhriain", SIGNED_ON, SignatureKind.DRAWN, wave())
    plain_curves, _ = curves_and_lines(base)
    curves, _ = curves_and_lines(with_signatures(base, drawn))
    # The wavy stroke of 40 points becomes 38 smooth curve segments; nothing else is curved.
    assert (plain_curves, curves) == (0, 38)
    text = page_texts(render([with_signatures(base, drawn)]))[0]
    # The signer's name beside the strokes (test_names_beside_drawn_signatures has the details).
    assert "Signature of candidate: Siân Ní Bhriain Date: 07/10/2026" in text


def test_drawn_strokes_land_inside_the_candidate_signature_space(f17: Unit) -> None:
    drawn = Signature(Role.CANDIDATE, "X", SIGNED_ON, SignatureKind.DRAWN, wave())
    reader = read(render([with_signatures(unsigned(f17, []), drawn)]))
    page = reader.pages[0]
    label = next(p for p in placed(page) if p.text == "Signature of candidate:")
    date = next(p for p in placed(page) if p.text == "Date:" and abs(p.y - label.y) < 1)
    points = [
        (float(operands[-2]), float(operands[-1]))
        for operands, operator in operations(page, reader)
        if operator == b"c"
    ]
    assert points
    # The pad's writing line on the form's line: its last quarter below, the rest above.
    below, above = 0.25 * SIGNATURE_LINE_HEIGHT, 0.75 * SIGNATURE_LINE_HEIGHT
    for x, y in points:
        assert label.x < x < date.x
        assert label.y - below <= y <= label.y + above


def test_a_typed_signature_prints_the_name_and_the_assessor_in_block_capitals(f17: Unit) -> None:
    content = signed(unsigned(f17, rows_for(f17, 3)))
    text = page_texts(render([content]))[0]
    assert (
        "Signature of assessor: Dafydd ap Gruffŵdd Name (in block capitals): DAFYDD AP GRUFFŴDD"
        in text
    )
    assert text.count("07/10/2026") == 3  # candidate, assessor, IV


def test_unsigned_and_paper_signatures_leave_blank_lines_to_sign_by_hand(f17: Unit) -> None:
    base = unsigned(f17, rows_for(f17, 3))
    paper = with_signatures(
        base,
        Signature(Role.CANDIDATE, "Siân Ní Bhriain", SIGNED_ON, SignatureKind.PAPER),
        Signature(Role.ASSESSOR, "Dafydd ap Gruffŵdd", SIGNED_ON, SignatureKind.PAPER),
    )
    for content in (base, paper):
        text = page_texts(render([content]))[0]
        assert "07/10/2026" not in text
        assert "Gruffŵdd" not in text and "GRUFFŴDD" not in text
        assert "Signature of assessor: Name (in block capitals): Date:" in text
        assert curves_and_lines(content)[0] == 0


def test_countersignatures_iv_and_line_manager_print_on_their_own_lines(reliable: Unit) -> None:
    content = with_signatures(
        unsigned(reliable, rows_for(reliable, 3)),
        Signature(Role.ASSESSOR_COUNTERSIGN, "Ana Ionescu", SIGNED_ON, SignatureKind.TYPED),
        Signature(Role.IV_COUNTERSIGN, "Jürgen Groß", SIGNED_ON, SignatureKind.TYPED),
        Signature(Role.LINE_MANAGER, "Łukasz Żółć", SIGNED_ON, SignatureKind.TYPED),
    )
    text = page_texts(render([content]))[0]
    assert (
        "Countersignature of qualified assessor (if required) and date: Ana Ionescu 07/10/2026"
        in text
    )
    assert "Countersignature of qualified IV (if required) and date: Jürgen Groß 07/10/2026" in text
    assert "the candidate’s competence): Łukasz Żółć Date: 07/10/2026" in text
