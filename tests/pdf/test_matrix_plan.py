"""Planning the matrix's criteria columns: units kept whole on a page width where they fit,
cut between learning outcomes where they do not."""

from __future__ import annotations

from ercsheet.pdf.matrix_plan import limit, pack, plan_matrix
from ercsheet.pdf.report_input import MatrixOutcome, MatrixUnit
from ercsheet.pdf.style import CONTENT_WIDTH


def unit(label: str, *sizes: int) -> MatrixUnit:
    outcomes = tuple(
        MatrixOutcome(f"LO{o}", tuple(f"{o}.{c}" for c in range(1, size + 1)))
        for o, size in enumerate(sizes, start=1)
    )
    return MatrixUnit(label, f"Title of {label}", outcomes)


def test_units_that_fit_share_a_page_width_and_the_next_starts_its_own() -> None:
    assert pack([[3, 3, 4], [3, 3]], 26) == [16]
    assert pack([[3, 3, 4], [3, 8, 4, 8]], 26) == [10, 23]  # F17 then Unit 44


def test_a_unit_wider_than_a_page_is_cut_between_outcomes_then_within_one() -> None:
    assert pack([[7, 5, 8, 3, 5]], 12) == [12, 11, 5]
    assert pack([[30]], 12) == [12, 12, 6]
    assert pack([], 12) == []


def test_the_plan_names_each_chunks_units_and_outcomes() -> None:
    wide = unit("Unit 1", *([6] * 10))  # 60 criteria
    plan = plan_matrix([unit("Unit 40 (F17)", 3, 3, 4), wide], CONTENT_WIDTH)
    assert all(len(chunk.columns) <= limit(CONTENT_WIDTH) for chunk in plan.chunks)
    # A unit wider than a page starts in the room left beside the one before, whole outcomes.
    assert [g.label for g in plan.chunks[0].units] == ["Unit 40 (F17)", "Unit 1"]
    later = plan.chunks[1:]
    assert all([g.label for g in c.units] == ["Unit 1"] and c.units[0].continued for c in later)
    # No outcome is cut: each LO's criteria stay on one page width.
    assert all(g.count in (3, 4, 6) and not g.continued for c in plan.chunks for g in c.outcomes)
    assert sum(len(c.columns) for c in plan.chunks) == 70
    assert plan.title_width >= 150
