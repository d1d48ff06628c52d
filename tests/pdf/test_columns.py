"""Column planning: how many AC columns share a page width, and where a long unit is split."""

from __future__ import annotations

from ercsheet.catalogue.model import Unit
from ercsheet.pdf.columns import MIN_AC_WIDTH, capacity, plan_columns, split_sizes
from ercsheet.pdf.style import CONTENT_WIDTH
from tests.factories import make_unit


def test_the_28_ac_unit_fits_one_chunk_at_a_legible_width(operations: Unit) -> None:
    plan = plan_columns(operations, CONTENT_WIDTH)
    assert len(plan.chunks) == 1
    assert plan.chunks[0].criteria == operations.criterion_numbers
    assert plan.ac_width >= MIN_AC_WIDTH
    assert plan.fixed_width + 28 * plan.ac_width <= CONTENT_WIDTH + 0.01


def test_a_small_unit_leaves_the_room_to_the_evidence_titles(f17: Unit) -> None:
    plan = plan_columns(f17, CONTENT_WIDTH)
    assert len(plan.chunks) == 1
    assert plan.title_width > 300


def test_60_acs_continue_on_further_page_widths_split_between_outcomes() -> None:
    unit = make_unit((12, 12, 12, 12, 12))
    plan = plan_columns(unit, CONTENT_WIDTH)
    assert [len(c.criteria) for c in plan.chunks] == [24, 24, 12]
    assert [g.label for g in plan.chunks[1].groups] == ["LO3", "LO4"]
    assert sum((c.criteria for c in plan.chunks), ()) == unit.criterion_numbers
    assert plan.ac_width >= MIN_AC_WIDTH


def test_an_outcome_too_big_for_one_page_repeats_its_label_on_the_next() -> None:
    unit = make_unit((3, 45))
    plan = plan_columns(unit, CONTENT_WIDTH)
    assert len(plan.chunks) == 2
    second = plan.chunks[1].groups[0]
    assert second.label == "LO2" and second.continued
    assert not plan.chunks[0].groups[-1].continued


def test_split_sizes_prefer_fewest_chunks_then_whole_outcomes_then_even_sizes() -> None:
    outcomes = ["1"] * 5 + ["2"] * 5 + ["3"] * 5
    assert split_sizes(outcomes, 15) == [15]
    assert split_sizes(outcomes, 10) == [10, 5]  # two chunks, no outcome cut
    assert split_sizes(["1"] * 10, 4) == [4, 3, 3]  # three chunks, as even as possible
    assert capacity(CONTENT_WIDTH) >= 28
