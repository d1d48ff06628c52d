"""Planning the grid's columns: how many AC columns fit on a page, and where to split the rest.

Pure arithmetic, no drawing. A unit with more ACs than fit legibly on one page width continues
its grid on further pages (every page still a complete form) instead of shrinking the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ercsheet.catalogue.model import Unit

MM = 72 / 25.4
# The narrowest AC column in which a tick and a header such as `4.8` stay readable on paper.
MIN_AC_WIDTH = 6.5 * MM
# Wider AC columns only waste room the evidence titles need.
MAX_AC_WIDTH = 11 * MM
REF_WIDTH = 54.0
METHOD_WIDTH = 52.0
MIN_TITLE_WIDTH = 150.0
PREFERRED_TITLE_WIDTH = 260.0


@dataclass(frozen=True)
class OutcomeGroup:
    """The `LO` label over a run of AC columns; `continued` if the LO began in an earlier chunk."""

    label: str
    first: int
    count: int
    continued: bool


@dataclass(frozen=True)
class Chunk:
    """The AC columns printed on one page width."""

    criteria: tuple[str, ...]
    groups: tuple[OutcomeGroup, ...]


@dataclass(frozen=True)
class ColumnPlan:
    ref_width: float
    title_width: float
    method_width: float
    ac_width: float
    chunks: tuple[Chunk, ...]

    @property
    def fixed_width(self) -> float:
        return self.ref_width + self.title_width + self.method_width


def capacity(available_width: float, fixed: float = REF_WIDTH + METHOD_WIDTH) -> int:
    """How many AC columns fit beside the fixed columns (`fixed` points besides the title's)
    at the minimum legible width."""
    room = available_width - fixed - MIN_TITLE_WIDTH
    return max(1, int(room // MIN_AC_WIDTH))


def shared_widths(available_width: float, fixed: float, widest: int) -> tuple[float, float]:
    """(AC column width, title width) for at most `widest` AC columns a page: titles get a
    comfortable width where the ACs can spare it, and the AC columns never go below the
    legible minimum."""
    share = (available_width - fixed - PREFERRED_TITLE_WIDTH) / max(widest, 1)
    ac_width = min(MAX_AC_WIDTH, max(MIN_AC_WIDTH, share))
    return ac_width, available_width - fixed - widest * ac_width


def plan_columns(unit: Unit, available_width: float) -> ColumnPlan:
    """Column widths and AC chunks for `unit` on a page `available_width` points wide."""
    # Each AC column under its band's label: the LO it is listed under (its number need not
    # tell it), or its grade in a graded unit.
    outcome_of = [band for band, criteria in unit.grid_groups for _ in criteria]
    numbers = [c.number for _band, criteria in unit.grid_groups for c in criteria]
    # A unit not yet transcribed may have no AC at all: its form has the fixed columns alone.
    sizes = split_sizes(outcome_of, capacity(available_width)) or [0]
    chunks: list[Chunk] = []
    start = 0
    for size in sizes:
        chunks.append(_chunk(numbers, outcome_of, start, start + size))
        start += size
    ac_width, title_width = shared_widths(available_width, REF_WIDTH + METHOD_WIDTH, max(sizes))
    return ColumnPlan(REF_WIDTH, title_width, METHOD_WIDTH, ac_width, tuple(chunks))


def split_sizes(outcome_of: list[str], limit: int) -> list[int]:
    """Chunk sizes for ACs whose outcomes are `outcome_of`, each at most `limit` columns.

    Fewest chunks first; then as few learning outcomes cut in two as possible; then chunks of
    even size. A small dynamic programme over the cut positions (n × limit steps).
    """
    count = len(outcome_of)
    # best[i]: the cost of splitting the first i ACs, and the size of the last chunk.
    best: list[tuple[tuple[int, int, int], int]] = [((0, 0, 0), 0)]
    for end in range(1, count + 1):
        options = []
        for size in range(1, min(limit, end) + 1):
            start = end - size
            (chunks, cuts, squares), _ = best[start]
            cut_inside = start > 0 and outcome_of[start - 1] == outcome_of[start]
            options.append(((chunks + 1, cuts + cut_inside, squares + size * size), size))
        best.append(min(options))
    sizes: list[int] = []
    end = count
    while end > 0:
        size = best[end][1]
        sizes.append(size)
        end -= size
    return sizes[::-1]


def _chunk(numbers: list[str], outcome_of: list[str], start: int, end: int) -> Chunk:
    return Chunk(tuple(numbers[start:end]), runs(outcome_of, start, end))


def runs(outcome_of: Sequence[str], start: int, end: int) -> tuple[OutcomeGroup, ...]:
    """The runs of equal labels among columns [start, end), positions counted from `start`."""
    groups: list[OutcomeGroup] = []
    index = start
    while index < end:
        outcome = outcome_of[index]
        run_end = index
        while run_end < end and outcome_of[run_end] == outcome:
            run_end += 1
        continued = index > 0 and outcome_of[index - 1] == outcome
        groups.append(OutcomeGroup(outcome, index - start, run_end - index, continued))
        index = run_end
    return tuple(groups)
