"""Any sheet prints: random units (1 to 60 ACs), rows and European text never break the layout."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ercsheet.domain.sheet import Candidate, EvidenceRow, SheetContent
from ercsheet.domain.vocabulary import Method
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


@st.composite
def sheets(draw: st.DrawFn) -> SheetContent:
    unit = make_unit(tuple(draw(OUTCOMES)))
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
    return unsigned(unit, rows, candidate=candidate)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets())
def test_any_sheet_prints_with_consistent_page_numbers(content: SheetContent) -> None:
    texts = page_texts(render([content, content]))
    numbers = [re.findall(r"\(Page (\d+) of (\d+)\)", text) for text in texts]
    assert all(len(found) == 1 for found in numbers)
    pairs = [(int(n), int(m)) for [(n, m)] in numbers]
    count = pairs[0][1]
    assert len(pairs) == 2 * count
    assert pairs == [(n, count) for n in range(1, count + 1)] * 2
