"""An outcomes table's columns found from where its numbered items stand, for a PDF whose table
has no heading row naming "Learning outcomes" and "Assessment criteria" (read_pdf.py finds the
columns from that row where there is one).

A page "clearly has columns" when criteria numbers ("1.1", "P1", "a)") start cells at one left
edge, at least three of them; outcome numbers ("1", "LO2") start cells at another, well to its
left; the two columns stand side by side (text of both on one line, or the first outcome's
number below the first criterion, as a cell centred down its rows puts it); and no line of the
table runs across the criteria's edge, as running text would. A
third column is a further left edge where cells start, right of the criteria, that no line runs
across either. The table runs from its first outcome or criterion to the last criterion's cell,
and on until a line runs across the columns again or a section heading stands at the left.
Anything less clear is left to the running-text rules, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ercsheet.catalogue.importer.sections import heading_of

COLUMN_GAP = 8.0  # points: wider than any space between words of one sentence
_SAME_EDGE = 3.0  # points: cells whose left edges differ by less start at one edge
_APART = 40.0  # points: the least width of a column
_FEWEST = 3  # criteria at one edge, to call it a column
_ACROSS = 0.1  # of the table's lines: at most this many may run across an edge
_LOOK_BACK = 4  # lines above the first criterion where its outcome's number may stand
_CRITERION = re.compile(
    r"^(?:AC\s*)?(?:\d{1,3}(?:\.\d{1,3}){1,2}\.?|(?:[A-Z]\.)?[PMD]\d{1,2}|\(?[a-z]\)|[a-z]\.)$"
)
_OUTCOME = re.compile(r"^(?:LO\s*)?\d{1,2}[.:)]?$|^LO\d{1,2}$", re.IGNORECASE)


@dataclass
class Word:
    text: str
    x0: float
    top: float
    x1: float = 0.0


Row = tuple[float, list[Word]]
# A line of the specification: its page, and its index among the page's lines.
Place = tuple[int, int]


@dataclass
class Columns:
    # Left edges of the criteria's column and, if there is one, the guidance's.
    edges: list[float]
    rows: set[Place] = field(default_factory=set)


def find(pages: list[dict[int, Row]]) -> Columns | None:
    """The table's columns and lines, from each page's lines (headers and footers left out)."""
    order = [(page, index) for page, rows in enumerate(pages) for index in sorted(rows)]
    row = {place: pages[place[0]][place[1]] for place in order}
    criteria = _cluster([(p, w) for p in order for w in _starts(row[p][1], _CRITERION)])
    if len(criteria) < _FEWEST:
        return None
    edge = min(w.x0 for _, w in criteria)
    first = order.index(min(p for p, _ in criteria))
    start = _back_to_outcome(order, row, first, edge)
    end = order.index(max(p for p, _ in criteria)) + 1
    while end < len(order) and not _ends(row[order[end]][1], edge):
        end += 1
    inside = order[start:end]
    outcomes = [p for p in inside for w in _starts(row[p][1], _OUTCOME) if w.x0 < edge - _APART]
    if not outcomes or not _side_by_side(inside, row, edge, outcomes[0]):
        return None
    edges = [edge - 2]
    guidance = _cluster(
        [(p, w) for p in inside for w in _starts(row[p][1], None) if w.x0 > edge + _APART]
    )
    if len(guidance) >= 2 and not _runs_across(
        inside, row, third := min(w.x0 for _, w in guidance)
    ):
        edges.append(third - 2)
    return Columns(edges, set(inside))


def _starts(words: list[Word], pattern: re.Pattern[str] | None) -> list[Word]:
    """The words that start a cell (the line's first, or after a gap wider than a space); with
    a pattern, those that match it and are followed by a capital (a title, a criterion)."""
    found = []
    for index, word in enumerate(words):
        if index and word.x0 - words[index - 1].x1 <= COLUMN_GAP:
            continue
        following = words[index + 1].text if index + 1 < len(words) else ""
        if pattern is None or (pattern.match(word.text) and following[:1].isupper()):
            found.append(word)
    return found


def _cluster(starts: list[tuple[Place, Word]]) -> list[tuple[Place, Word]]:
    """The biggest group of cell starts at one left edge."""
    groups: list[list[tuple[Place, Word]]] = []
    for start in sorted(starts, key=lambda pair: pair[1].x0):
        if groups and start[1].x0 - groups[-1][0][1].x0 <= _SAME_EDGE:
            groups[-1].append(start)
        else:
            groups.append([start])
    return max(groups, key=len, default=[])


def _side_by_side(inside: list[Place], row: dict[Place, Row], edge: float, outcome: Place) -> bool:
    """Whether the outcomes' and the criteria's text stand side by side, as a table's cells:
    on one line at least, or the first outcome's number below the first criterion (its cell
    centred down its criteria's rows); and no more lines than a stray one run across the edge.
    Running text with indented criteria has each outcome's title above its criteria."""
    if _runs_across(inside, row, edge):
        return False
    words = [row[place][1] for place in inside]
    beside = any(line[0].x0 < edge - 2 < line[-1].x0 for line in words)
    return beside or any(line[0].x0 >= edge - 2 for line in words[: inside.index(outcome)])


def _runs_across(inside: list[Place], row: dict[Place, Row], edge: float) -> bool:
    """Whether more of the table's lines than a stray one in ten run across the edge."""
    return sum(_across(row[place][1], edge) for place in inside) > _ACROSS * len(inside)


def _across(words: list[Word], edge: float) -> bool:
    """Whether a word of the line runs across the edge: running text, not table cells."""
    return any(w.x0 < edge - 2 < w.x1 - 2 for w in words)


def _back_to_outcome(order: list[Place], row: dict[Place, Row], first: int, edge: float) -> int:
    """The table's first line: an outcome's number a few lines above its first criterion
    (the outcome's cell text on the lines between), else the first criterion's line."""
    for back in range(first - 1, max(first - 1 - _LOOK_BACK, -1), -1):
        words = row[order[back]][1]
        if order[back][0] != order[first][0] or any(w.x1 > edge for w in words):
            break
        if _starts(words, _OUTCOME)[:1] == words[:1]:
            return back
    return first


def _ends(words: list[Word], edge: float) -> bool:
    text = " ".join(w.text for w in words)
    return _across(words, edge) or (heading_of(text) is not None and words[0].x0 < edge)
