"""Planning the cross-reference matrix's columns: every criterion of every unit, in pages.

Pure arithmetic, no drawing. A unit's columns stay on one page width when they fit on one;
a unit wider than a page is cut between its learning outcomes (an outcome wider than a page,
between its criteria). Every page width repeats the item columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ercsheet.pdf.columns import (
    METHOD_WIDTH,
    REF_WIDTH,
    OutcomeGroup,
    capacity,
    runs,
    shared_widths,
)
from ercsheet.pdf.report_input import MatrixUnit

DATE_WIDTH = 50.0
FIXED_WIDTH = REF_WIDTH + METHOD_WIDTH + DATE_WIDTH


@dataclass(frozen=True)
class MatrixColumn:
    unit: str  # the unit's label, which keys the items' ticks
    criterion: str


@dataclass(frozen=True)
class MatrixChunk:
    """The criteria columns of one page width, with the unit and outcome bands over them."""

    columns: tuple[MatrixColumn, ...]
    units: tuple[OutcomeGroup, ...]
    outcomes: tuple[OutcomeGroup, ...]


@dataclass(frozen=True)
class MatrixPlan:
    title_width: float
    ac_width: float
    chunks: tuple[MatrixChunk, ...]
    unit_titles: Mapping[str, str]  # by unit label


def plan_matrix(units: Sequence[MatrixUnit], available_width: float) -> MatrixPlan:
    columns = [
        MatrixColumn(unit.label, number)
        for unit in units
        for outcome in unit.outcomes
        for number in outcome.criteria
    ]
    # An outcome's key is unique across units (two units both have an LO1); its label is not.
    outcome_of = [
        f"{u}\n{o.label}" for u, unit in enumerate(units) for o in unit.outcomes for _ in o.criteria
    ]
    unit_of = [column.unit for column in columns]
    per_unit = [[len(o.criteria) for o in unit.outcomes] for unit in units]
    sizes = pack(per_unit, limit(available_width))
    chunks = []
    start = 0
    for size in sizes or [0]:
        end = start + size
        outcomes = tuple(
            replace(g, label=g.label.split("\n", 1)[1]) for g in runs(outcome_of, start, end)
        )
        chunks.append(MatrixChunk(tuple(columns[start:end]), runs(unit_of, start, end), outcomes))
        start = end
    ac_width, title_width = shared_widths(available_width, FIXED_WIDTH, max(sizes or [0]))
    titles = {unit.label: unit.title for unit in units}
    return MatrixPlan(title_width, ac_width, tuple(chunks), titles)


def limit(available_width: float) -> int:
    """How many criteria columns one page width holds beside the item columns."""
    return capacity(available_width, FIXED_WIDTH)


def pack(units: Sequence[Sequence[int]], limit: int) -> list[int]:
    """Page widths (numbers of columns) for units whose outcomes have these numbers of criteria.

    A unit that fits in what is left of a page goes there; one that fits on a page of its own
    starts one; a wider one fills pages outcome by outcome, an outcome wider than a page cut.
    """
    sizes: list[int] = []
    current = 0
    for outcomes in units:
        total = sum(outcomes)
        if current + total <= limit:
            current += total
            continue
        if total <= limit:
            sizes.append(current)
            current = total
            continue
        for count in outcomes:
            if current + count > limit:
                sizes.append(current)
                current = 0
            while count > limit:
                sizes.append(limit)
                count -= limit
            current += count
    sizes.append(current)
    return [size for size in sizes if size]
