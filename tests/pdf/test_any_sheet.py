"""Any sheet prints: random units (1 to 60 ACs), rows, signatures and European text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ercsheet.domain.sheet import Candidate, EvidenceRow, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.pdf import PrintedSheet
from tests.factories import make_unit
from tests.pdf.reading import page_texts, render
from tests.pdf.samples import unsigned

# Latin (with Extended-A and B), Greek, Cyrillic, punctuation, spaces and line breaks.
EUROPEAN = st.characters(
    min_codepoint=0x20,
    max_codepoint=0x4FF,
    exclude_categories=("Cc", "Cs", "Mn", "Me", "Zl", "Zp"),
) | st.sampled_from("\n’“”–—…€")
TEXT = st.text(EUROPEAN, max_size=400)
OUTCOMES = st.lists(st.integers(min_value=1, max_value=15), min_size=1, max_size=8).filter(
    lambda sizes: sum(sizes) <= 60
)


# Strokes as a pad may record them, including points a little off its edges.
POINT = st.tuples(st.floats(-0.2, 1.2), st.floats(-0.2, 1.2))
STROKES = st.lists(st.lists(POINT, min_size=1, max_size=30).map(tuple), max_size=4).map(tuple)


@st.composite
def signatures(draw: st.DrawFn) -> tuple[Signature, ...]:
    roles = draw(st.lists(st.sampled_from(list(Role)), unique=True))
    return tuple(
        Signature(
            role,
            draw(st.text(EUROPEAN, min_size=1, max_size=80)),
            dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 300))),
            kind,
            draw(STROKES) if kind is SignatureKind.DRAWN else (),
        )
        for role in roles
        for kind in [draw(st.sampled_from(list(SignatureKind)))]
    )


@st.composite
def printed_sheets(draw: st.DrawFn) -> PrintedSheet:
    unit = make_unit(tuple(draw(OUTCOMES)))
    unit = dataclasses.replace(unit, title=draw(TEXT))
    numbers = list(unit.criterion_numbers)
    refs = draw(st.lists(st.text(EUROPEAN, min_size=1, max_size=20), max_size=40, unique=True))
    rows = [
        EvidenceRow(
            ref,
            draw(TEXT),
            draw(st.sampled_from(list(Method))),
            None,
            frozenset(draw(st.lists(st.sampled_from(numbers), max_size=len(numbers)))),
        )
        for ref in refs
    ]
    candidate = Candidate(draw(st.text(EUROPEAN, min_size=1, max_size=60)), draw(TEXT), "1")
    content = unsigned(unit, rows, candidate=candidate, qualification=draw(TEXT))
    content = dataclasses.replace(content, signatures=draw(signatures()))
    code = draw(st.none() | st.text("0123456789abcdef", min_size=64, max_size=64))
    key = draw(st.none() | TEXT)
    addenda = tuple(draw(st.lists(TEXT, max_size=10)))
    return PrintedSheet(content, code, draw(st.just("") | TEXT), key, addenda)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(printed_sheets())
def test_any_sheet_prints_with_consistent_page_numbers(sheet: PrintedSheet) -> None:
    texts = page_texts(render([sheet, sheet]))
    numbers = [re.findall(r"\(Page (\d+) of (\d+)\)", text) for text in texts]
    assert all(len(found) == 1 for found in numbers)
    pairs = [(int(n), int(m)) for [(n, m)] in numbers]
    count = pairs[0][1]
    assert len(pairs) == 2 * count
    assert pairs == [(n, count) for n in range(1, count + 1)] * 2
