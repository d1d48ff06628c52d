"""An outcome's own text: its "Knowledge, understanding and skills" and its range statement.

Some specifications give them for a learning outcome as a whole, under a heading of their own in
the outcome's rows ("Range:", "Range statement", "Knowledge, understanding and skills"). Only a
heading that is the whole line, or ends in a colon, starts one: "Range should cover …" is
guidance. The text runs to the next LO or AC number; it belongs to the LO whose number or whose
ACs' numbers came last before it. In a table's column the cell ends it; in running text the
end is a guess, and is marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ercsheet.catalogue.importer import numbering, prose
from ercsheet.catalogue.importer.lines import Line
from ercsheet.catalogue.importer.result import ParsedUnit, quoted
from ercsheet.catalogue.importer.sections import is_table_header

_HEADING = re.compile(
    r"^\s*(?:(?P<range>range(?:\s+statements?)?)"
    r"|(?P<knowledge>knowledge,?\s+understanding\s+and\s+skills|underpinning\s+knowledge))"
    r"\s*(?::\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
_WRAPPED = "knowledge, understanding and skills"
# What the reviewer reads for each (the LO's row in the review, the marks).
NAMES = {"knowledge": "Knowledge, understanding and skills", "range": "Range"}


@dataclass
class _Block:
    kind: str  # "knowledge" or "range"
    column: int | None
    # The LO numbers it may belong to, the likeliest first (what was read last before it).
    owners: list[str]
    lines: list[str] = field(default_factory=list)


@dataclass
class OutcomeTexts:
    blocks: list[_Block] = field(default_factory=list)


def take(lines: list[Line]) -> tuple[list[Line], OutcomeTexts]:
    """The table's lines without the outcomes' own texts, and those texts."""
    kept: list[Line] = []
    found = OutcomeTexts()
    block: _Block | None = None
    recent: list[str] = []  # LO numbers the lines read so far name, the latest first
    skip: set[int] = set()  # a wrapped heading's second line
    for index, line in enumerate(lines):
        if index in skip:
            continue
        text = line.text.strip()
        heading, second = _heading(lines, index)
        if heading:
            skip.update(second)
            kind = "range" if heading["range"] else "knowledge"
            block = _Block(kind, line.column, list(recent))
            block.lines += [heading["rest"]] if heading["rest"] else []
            found.blocks.append(block)
            continue
        if block is not None and line.column == block.column:
            if not text or not _ends(text):
                block.lines.append(line.text)
                continue
            block = None
        named = _named(text)
        recent = named + [number for number in recent if number not in named]
        kept.append(line)
    return kept, found


def _heading(lines: list[Line], index: int) -> tuple[re.Match[str] | None, list[int]]:
    """The heading a line starts, and the index of its second line when a narrow column
    wrapped it ("Knowledge, understanding" / "and skills:")."""
    text = lines[index].text.strip()
    if not text:
        return None, []
    whole = _HEADING.match(text)
    if whole or len(text) < 9 or not _WRAPPED.startswith(text.casefold().rstrip(",")):
        return whole, []
    column = lines[index].column
    following = [
        i
        for i in range(index + 1, min(index + 6, len(lines)))
        if lines[i].column == column and lines[i].text.strip()
    ]
    if following:
        joined = _HEADING.match(f"{text} {lines[following[0]].text.strip()}")
        if joined:
            return joined, following[:1]
    return None, []


def _ends(text: str) -> bool:
    return bool(
        numbering.criterion_start(text) or numbering.outcome_start(text) or is_table_header(text)
    )


def _named(text: str) -> list[str]:
    if not text:
        return []
    criterion = numbering.criterion_start(text)
    if criterion is not None:
        return numbering.named_outcomes(criterion[0])
    outcome = numbering.outcome_start(text)
    return [outcome[0]] if outcome is not None else []


def place(found: OutcomeTexts, unit: ParsedUnit) -> None:
    """Each text on its LO; one whose LO is not known is marked, never dropped in silence."""
    outcomes = {lo.number: lo for lo in unit.learning_outcomes}
    for block in found.blocks:
        text = prose.join(block.lines)
        if not text:
            continue
        owner = next((outcomes[n] for n in block.owners if n in outcomes), None)
        if owner is None:
            unit.mark(
                "learning_outcomes",
                f"text under “{NAMES[block.kind]}” stands before any learning outcome, so it "
                f"was left out ({quoted(text[:80])}).",
            )
            continue
        before = getattr(owner, block.kind)
        if text in before.split("\n\n"):
            continue  # read again: a merged cell given in each of its rows, a page repeated
        setattr(owner, block.kind, f"{before}\n\n{text}" if before else text)
        if block.column is None:
            unit.mark(
                f"LO {owner.number}",
                f"its text under “{NAMES[block.kind]}” was read from running text up to the "
                "next number; check where it ends.",
            )
