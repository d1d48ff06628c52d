"""Wrapping text into cells: words kept whole where they fit, never a line wider than its cell."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ercsheet.pdf.fonts import fonts, width
from ercsheet.pdf.text import ellipsis, fit_size, wrap


def test_lines_break_between_words_and_keep_line_breaks() -> None:
    font = fonts().regular
    text = "Observation of team briefing\nand the follow-up"
    assert wrap(text, font, 8, 200) == ["Observation of team briefing", "and the follow-up"]
    narrow = width("Observation of team", font, 8) - 1
    assert wrap(text, font, 8, narrow) == ["Observation of", "team briefing", "and the follow-up"]


def test_empty_text_is_one_empty_line() -> None:
    assert wrap("", fonts().regular, 8, 50) == [""]


@given(st.text(max_size=300), st.floats(min_value=8, max_value=400))
def test_no_line_is_wider_than_its_cell_and_no_letter_is_lost(text: str, cell: float) -> None:
    font = fonts().regular
    lines = wrap(text, font, 8, cell)
    for line in lines:
        assert width(line, font, 8) <= cell or len(line) == 1
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_labels_shrink_to_a_floor_then_are_cut() -> None:
    font = fonts().bold
    assert fit_size("1.1", font, 7.5, 6.5, 100) == 7.5
    assert fit_size("LO12", font, 7.5, 6.5, 5) == 6.5
    cut = ellipsis("A very long qualification title", font, 8, 60)
    assert cut.endswith("…") and width(cut, font, 8) <= 60
