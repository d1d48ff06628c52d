"""Guidance (exemplification, amplification) placed against the ACs it belongs to.

Where the table's rows or positions are known (a PDF, a DOCX table, tabbed text), a guidance line
goes to the AC whose row it starts in. Read from a flattened table, an LO's guidance comes after
all its ACs: it is shared out only when it falls into as many blocks, each opened alike ("This may
include:", or a lead-in ending with a colon), as the LO has ACs; otherwise it is kept on the LO
and marked for the reviewer, never guessed.
"""

from __future__ import annotations

import re

from ercsheet.catalogue.importer import prose
from ercsheet.catalogue.importer.result import ParsedCriterion, ParsedOutcome, ParsedUnit

# A lead-in ("Hazards may include:"): a short line ending with a colon.
_LEAD_IN = re.compile(r"^[A-Z][^:]{0,60}:$")
_OPENING = 3  # words that open each criterion's guidance alike ("This may include:")

Position = tuple[float, ...]


def place(
    lines: list[tuple[Position, str]],
    criteria: list[tuple[ParsedCriterion, Position]],
    owners: dict[str, str],
    outcomes: dict[str, ParsedOutcome],
    unit: ParsedUnit,
    positional: bool,
) -> None:
    """Each guidance line (with where it was read) to the AC(s) it belongs to. `owners`: each
    AC's LO; `positional`: whether positions come from a page's layout (a PDF's)."""
    if not lines or not criteria:
        return
    ordered = sorted(criteria, key=lambda pair: pair[1])
    rows = all(position[1] >= 0 for _, position in ordered)
    segments: dict[object, list[str]] = {}
    members: dict[object, list[ParsedCriterion]] = {}
    for position, text in sorted(lines):
        # The last AC that starts at or before this line (a line of an earlier page's AC
        # continued on the next page comes before that page's first AC).
        before = [pair for pair in ordered if pair[1] <= position] or ordered[:1]
        criterion = before[-1][0]
        if positional and not rows:
            key: object = criterion.number
            members[key] = [criterion]
        elif rows:
            key = position[1]
            members[key] = [c for c, at in ordered if at[1] == key] or [criterion]
        else:
            key = owners[criterion.number]
            members[key] = outcomes[owners[criterion.number]].criteria
        segments.setdefault(key, []).append(text)
    _place_by_blocks(segments, members, owners, outcomes, unit)


def _place_by_blocks(
    segments: dict[object, list[str]],
    members: dict[object, list[ParsedCriterion]],
    owners: dict[str, str],
    outcomes: dict[str, ParsedOutcome],
    unit: ParsedUnit,
) -> None:
    """Each segment's guidance (an AC's, a row's, or a flattened LO's) to its ACs: whole to a
    lone AC; to several in order when it falls into as many blocks, each opened alike ("This may
    include:"); otherwise kept whole on the LO for the reviewer, never guessed. Lines before a
    segment's first opening continue the guidance of the AC placed last (a cell across pages)."""
    opening = _opening([line for lines in segments.values() for line in lines])
    given: dict[str, list[str]] = {}
    last: ParsedCriterion | None = None
    for key, lines in segments.items():
        if not any(line.strip() for line in lines):
            continue
        acs = members[key]
        blocks = _blocks(lines, opening)
        if (
            last is not None
            and len(acs) > 1
            and len(blocks) == len(acs) + 1
            and not _opens(lines, opening)
        ):
            given[last.number] += blocks.pop(0)
            last.guidance = prose.join(given[last.number])
        if len(acs) == 1:
            blocks = [lines]
        if len(blocks) != len(acs):
            lo = outcomes[owners[acs[0].number]]
            lo.unplaced_guidance = "\n\n".join(
                filter(None, [lo.unplaced_guidance, prose.join(lines)])
            )
            unit.mark(
                f"LO {lo.number}",
                f"its guidance ({_parts(len(blocks))} for {len(acs)} ACs) could not be placed "
                "against its ACs; place it by hand.",
            )
            continue
        for criterion, block in zip(acs, blocks, strict=True):
            given[criterion.number] = given.get(criterion.number, []) + block
            criterion.guidance = prose.join(given[criterion.number])
        last = acs[-1]


def _opening(lines: list[str]) -> str:
    """The words that open each AC's guidance alike ("This may include"), when some open more
    than one block; "" when none do (then a lead-in line ending in ':' opens a block)."""
    starts = [
        " ".join(_words_of(line)[:_OPENING])
        for line in lines
        if len(_words_of(line)) >= _OPENING and line.strip()[:1].isupper()
    ]
    repeated = [start for start in starts if starts.count(start) > 1]
    return repeated[0] if repeated else ""


def _opens(lines: list[str], opening: str) -> bool:
    first = next((line for line in lines if line.strip()), "").strip()
    if opening:
        return " ".join(_words_of(first)[:_OPENING]) == opening
    return _LEAD_IN.match(first) is not None


def _blocks(lines: list[str], opening: str) -> list[list[str]]:
    """The lines cut before each line that opens a block; by paragraphs when none does."""
    blocks: list[list[str]] = []
    for line in lines:
        if not blocks and not line.strip():
            continue
        if not blocks or (_opens([line], opening) and not _opens(blocks[-1][-1:], opening)):
            blocks.append([])
        blocks[-1].append(line)
    if opening or any(_opens(block, opening) for block in blocks):
        return blocks
    return _paragraphs(lines)


def _paragraphs(lines: list[str]) -> list[list[str]]:
    text = prose.join(lines)
    return [[part] for part in text.split("\n\n") if part.strip()]


def _words_of(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _parts(count: int) -> str:
    return f"{count} part" if count == 1 else f"{count} parts"
