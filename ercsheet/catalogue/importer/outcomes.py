"""The learning outcomes and their criteria, from the outcomes table.

Two kinds of input. Where the format shows the table's columns (a PDF's word positions, a
DOCX table, tab-separated text) each column is read on its own and guidance is placed against
the criterion whose row it starts in. Where the table has been flattened into running text,
LO titles, AC texts and guidance come interleaved in reading order, and are told apart by their
numbers and by how a sentence continues: a line continues the text before it when it starts in
lower case or that text ends on a word no sentence ends on; anything else is guidance.

Either way an AC goes to the LO its number names (`2.3` to LO 2) and the ACs of an LO are put in
number order, whatever order they were read in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ercsheet.catalogue.importer import guidance, lettered, numbering, prose
from ercsheet.catalogue.importer.lines import AC_COLUMN, GUIDANCE_COLUMN, LO_COLUMN, Line
from ercsheet.catalogue.importer.result import (
    ParsedCriterion,
    ParsedOutcome,
    ParsedUnit,
    quoted,
)

Position = tuple[float, ...]


@dataclass
class _Item:
    number: str
    position: Position
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())


@dataclass
class _Table:
    outcomes: list[_Item] = field(default_factory=list)
    criteria: list[_Item] = field(default_factory=list)
    # Guidance lines, each with where it was read; placed once every AC is known.
    guidance: list[tuple[Position, str]] = field(default_factory=list)
    # Criteria lettered `a`, `b)`, `(c)`, numbered by their outcome once all are read.
    letters: list[_Item] = field(default_factory=list)

    @property
    def last_letter(self) -> str | None:
        return self.letters[-1].number if self.letters else None

    def items(self, kind: str) -> list[_Item]:
        return {"ac": self.criteria, "lo": self.outcomes, "letter": self.letters}[kind]


def read_outcomes(lines: list[Line], unit: ParsedUnit) -> None:
    table = _Table()
    flat = [line for line in lines if line.column is None]
    if flat:
        _read_flat(flat, table)
    _read_columns([line for line in lines if line.column is not None], table)
    _number_letters(table, unit)
    _build(table, unit, positional=not flat)


def _position(line: Line) -> Position:
    return (line.page, -1 if line.row is None else line.row, line.y)


def _read_flat(lines: list[Line], table: _Table) -> None:
    current: _Item | None = None
    for line in lines:
        text = line.text.strip()
        if not text:
            if current is not None:
                current.lines.append("")
            else:
                table.guidance.append((_position(line), ""))
            continue
        started = _start(text, table)
        if started is not None:
            kind, item = started
            table.items(kind).append(item)
            item.position = _position(line)
            current = item
            continue
        if current is not None and _continues(current, line.text):
            _continuation_target(current, table).lines.append(line.text)
            continue
        current = None
        table.guidance.append((_position(line), line.text))


def _start(text: str, table: _Table) -> tuple[str, _Item] | None:
    criterion = numbering.criterion_start(text)
    if criterion is not None:
        number, rest = criterion
        return "ac", _Item(number, (), [rest] if rest else [])
    outcome = numbering.outcome_start(text)
    if outcome is not None:
        number, rest, named = outcome
        if named or _plausible_outcome(number, table):
            return "lo", _Item(number, (), [rest] if rest else [])
    # A lettered criterion in running text: in an LO's list, marked `a)`, `(a)` or `a.`.
    letter = lettered.letter_start(text, table.last_letter, bare=False)
    if letter is not None and table.outcomes and not table.criteria:
        return "letter", _Item(letter[0], (), [letter[1]])
    return None


def _plausible_outcome(number: str, table: _Table) -> bool:
    """In running text a number at a line's start is an LO's only where one is due: the next
    LO, or one whose ACs came first (its title printed after them), or a page printed twice."""
    known = [item.number for item in table.outcomes]
    due = numbering.successor(max(known, key=numbering.sort_key)) if known else "1"
    named = {n for item in table.criteria for n in numbering.named_outcomes(item.number)}
    return number == due or number in named or number in known


def _continues(item: _Item, raw: str) -> bool:
    text = raw.strip()
    if not item.text:
        return True
    if prose.is_bullet(raw, in_list=False):
        return False
    # A lower-case start continues ("(KPIs) and …", "“customer service”" too); a capital or a
    # figure starts something else, unless the text before is left mid-sentence.
    return text[:1].islower() or text[:1] in "(“‘\"'" or prose.ends_dangling(item.text)


def _continuation_target(current: _Item, table: _Table) -> _Item:
    """The text a continuation line belongs to: the AC being read, or, when its number came
    between an AC's first line and the rest (a two-column table's lines interleaved), the AC
    before it, left hanging mid-sentence while this one reads as whole."""
    if current in table.criteria and len(table.criteria) > 1:
        before = table.criteria[table.criteria.index(current) - 1]
        if prose.ends_dangling(before.text) and not prose.ends_dangling(current.text):
            return before
    return current


def _read_columns(lines: list[Line], table: _Table) -> None:
    current: dict[int, _Item | None] = {LO_COLUMN: None, AC_COLUMN: None}
    for line in lines:
        text = line.text.strip()
        column = line.column
        if column == GUIDANCE_COLUMN or column is None or column > GUIDANCE_COLUMN:
            if text:
                table.guidance.append((_position(line), line.text))
            continue
        if not text:
            continue
        found = _column_start(text, column)
        letter = None if found or column != AC_COLUMN else _column_letter(text, table, current)
        if found is not None:
            number, rest = found
            item = _Item(number, _position(line), [rest] if rest else [])
            (table.criteria if column == AC_COLUMN else table.outcomes).append(item)
            current[column] = item
        elif letter is not None:
            item = _Item(letter[0], _position(line), [letter[1]])
            table.letters.append(item)
            current[column] = item
        elif current[column] is not None:
            current[column].lines.append(line.text)  # type: ignore[union-attr]


def _column_start(text: str, column: int) -> tuple[str, str] | None:
    if column == AC_COLUMN:
        return numbering.criterion_start(text)
    outcome = numbering.outcome_start(text)
    return None if outcome is None else outcome[:2]


def _column_letter(
    text: str, table: _Table, current: dict[int, _Item | None]
) -> tuple[str, str] | None:
    """A lettered criterion in the criteria column; a bare `a` only where the criterion before
    is finished (else "a Level 2 …" may be its next line)."""
    if table.criteria:
        return None
    before = current[AC_COLUMN]
    bare = before is None or not prose.ends_dangling(before.text)
    return lettered.letter_start(text, table.last_letter, bare)


def _number_letters(table: _Table, unit: ParsedUnit) -> None:
    """Lettered criteria numbered by their outcome: run k (each starting at `a`) under the k-th
    LO when there are as many runs as LOs; else under the LO written above it, and marked."""
    if not table.letters:
        return
    if table.criteria:
        # Numbered criteria too: the letters were a list in the guidance, and go back there.
        table.guidance += [(i.position, f"{i.number}) {i.text}") for i in table.letters]
        return
    numbers = sorted({lo.number for lo in table.outcomes}, key=numbering.sort_key)
    runs = lettered.runs([item.number for item in table.letters])
    for index, run in enumerate(runs):
        first = table.letters[run[0]]
        if len(runs) == len(numbers):
            owner = numbers[index]
        else:
            above = [lo for lo in table.outcomes if lo.position <= first.position]
            owner = max(above, key=lambda lo: lo.position).number if above else ""
            if owner:
                unit.mark(
                    f"LO {owner}",
                    "its lettered criteria were given to it by where they stand, as the runs "
                    "of letters do not match the outcomes one to one; check.",
                )
        for item in (table.letters[i] for i in run):
            item.number = lettered.numbered(owner, item.number) if owner else item.number
            table.criteria.append(item)


def _build(table: _Table, unit: ParsedUnit, positional: bool) -> None:
    outcomes: dict[str, ParsedOutcome] = {}
    for item in table.outcomes:
        title = prose.join(item.lines)
        known = outcomes.get(item.number)
        if known is None:
            outcomes[item.number] = ParsedOutcome(item.number, title)
        elif not known.title:
            known.title = title
        elif _words(known.title) != _words(title):
            unit.mark(
                f"LO {item.number}",
                f"its number stands twice, titled differently ({quoted(title)}).",
            )
    placed: dict[str, tuple[ParsedCriterion, _Item]] = {}
    owners: dict[str, str] = {}
    for item in table.criteria:
        grade = numbering.grade(item.number)
        criterion = ParsedCriterion(item.number, prose.join(item.lines), "", grade)
        if not _keep(criterion, placed, unit):
            continue
        placed[item.number] = (criterion, item)
        owner = owners[item.number] = _owner(item, table.outcomes, outcomes)
        if owner not in outcomes:
            outcomes[owner] = ParsedOutcome(owner, "")
        outcomes[owner].criteria.append(criterion)
    for lo in outcomes.values():
        lo.criteria.sort(key=lambda c: numbering.sort_key(c.number))
        if not lo.title:
            unit.mark(f"LO {lo.number}", "no title was found for this learning outcome.")
        if not lo.criteria:
            unit.mark(
                f"LO {lo.number}",
                "no assessment criteria were found under it (the unit is marked not complete).",
            )
    for criterion, _ in placed.values():
        if not criterion.text:
            unit.mark(f"AC {criterion.number}", "no text was found for this criterion.")
    unit.learning_outcomes = sorted(outcomes.values(), key=lambda o: numbering.sort_key(o.number))
    placed_at = [(criterion, item.position) for criterion, item in placed.values()]
    guidance.place(table.guidance, placed_at, owners, outcomes, unit, positional)


def _owner(item: _Item, written: list[_Item], outcomes: dict[str, ParsedOutcome]) -> str:
    """The LO an AC belongs to: the one its number names, if there; else, for `N.N`, LO N
    (made untitled, and marked, when the table has none); else the one it is written under."""
    named = numbering.named_outcomes(item.number)
    for number in named:
        if number in outcomes:
            return number
    if len(named) == 1 and not numbering.grade(item.number):
        return named[0]
    above = [lo for lo in written if lo.position <= item.position]
    if above:
        return max(above, key=lambda lo: lo.position).number
    return min(written, key=lambda lo: lo.position).number if written else ""


def _keep(
    criterion: ParsedCriterion, placed: dict[str, tuple[ParsedCriterion, _Item]], unit: ParsedUnit
) -> bool:
    """A criterion read twice (a page printed twice) is kept once; told twice differently,
    the first is kept and the difference marked."""
    earlier = placed.get(criterion.number)
    if earlier is None:
        return True
    first = earlier[0]
    if _words(first.text) != _words(criterion.text):
        unit.mark(
            f"AC {criterion.number}",
            f"its number stands twice; the second reads {quoted(criterion.text)}.",
        )
    return False


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())
