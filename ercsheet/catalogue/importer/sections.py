"""A specification cut at its headings: the title block, purpose, the outcomes table,
assessment, evidence requirements, guidance, NOS, and the parts ercsheet has no field for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ercsheet.catalogue.importer.fields import QUALIFICATION
from ercsheet.catalogue.importer.lines import Line

# Each heading as specifications word it (OCR, City & Guilds, VTCT, Pearson and Gateway alike),
# the whole line, case aside, a colon allowed at its end.
HEADINGS: tuple[tuple[str, str], ...] = (
    (
        "purpose",
        r"(unit )?(purpose and aims?|aims? and purpose|purpose|aims?|summary|overview"
        r"|introduction)",
    ),
    ("assessment", r"assessment( requirements| information| method(s|ology)?)?"),
    ("evidence", r"evidence requirements?"),
    (
        "guidance",
        r"(guidance|additional guidance) (on|for) (the )?assessment( and evidence requirements)?"
        r"|assessment guidance|delivery and assessment guidance",
    ),
    (
        "nos",
        r"(details of (the )?)?(relationship|links?) (between|to) (the unit and )?"
        r"(the )?national occupational standards.*|national occupational standards.*"
        r"|nos (mapping|references?).*|relationship to nos",
    ),
    (
        "other",
        r"resources|additional information|functional skills( signposting)?|essential "
        r"resources|key skills.*|further information|support materials?|unit content",
    ),
    ("ers", r"evidence record sheet.*"),
)
_HEADING = [
    (name, re.compile(rf"^\s*(?:{pattern})\s*:?\s*$", re.IGNORECASE)) for name, pattern in HEADINGS
]
TABLE_START = re.compile(r"^\s*learning outcomes?\b", re.IGNORECASE)
TABLE_HEADER = re.compile(
    r"^\s*(learning outcomes?|assessment criteria|(additional )?guidance|exemplification|"
    r"the learner (will|can)( be able to)?)\s*:?\s*$",
    re.IGNORECASE,
)
_TABLE_HEADER_LINE = re.compile(
    r"^\s*learning outcomes?\b.*\bassessment criteria\b.*$", re.IGNORECASE
)


@dataclass
class Sections:
    head: list[Line] = field(default_factory=list)
    table: list[Line] = field(default_factory=list)
    parts: dict[str, list[Line]] = field(default_factory=dict)
    # Whether the table's start was seen (a heading row): without it the head is all there is.
    table_found: bool = False


def heading_of(text: str) -> str | None:
    if len(text) > 120:
        return None
    return next((name for name, pattern in _HEADING if pattern.match(text)), None)


def is_table_header(text: str) -> bool:
    return bool(_TABLE_HEADER_LINE.match(text) or TABLE_HEADER.match(text))


def split(lines: list[Line]) -> Sections:
    sections = Sections()
    current: list[Line] = sections.head
    in_table = False
    for index, line in enumerate(lines):
        text = line.text.strip()
        if line.column is not None:
            sections.table.append(line)
            sections.table_found = True
            continue
        if _starts_table(lines, index):
            current, in_table = sections.table, True
            sections.table_found = True
            continue
        name = heading_of(text)
        if name is not None and current is sections.parts.get(name) and name == "nos":
            # "National Occupational Standards:" inside the NOS section is a table's cell (the
            # suite's name), not the heading again.
            name = None
        if name == "ers":
            _give_qualification_to_sheet(current)
        if name is not None and not (in_table and name == "purpose"):
            in_table = False
            # A heading seen twice (a repeated page header) continues its first section.
            current = sections.parts.setdefault(name, [])
            continue
        if in_table and is_table_header(text):
            continue
        current.append(line)
    return sections


def _starts_table(lines: list[Line], index: int) -> bool:
    text = lines[index].text
    if _TABLE_HEADER_LINE.match(text):
        return True
    if not TABLE_START.match(text) or len(text.strip()) > 30:
        return False
    # "Learning Outcomes" alone, "Assessment Criteria" a line or a few later (seed 004).
    following = [line.text.strip() for line in lines[index + 1 : index + 6] if line.text.strip()]
    return any(re.match(r"assessment criteria\b", t, re.IGNORECASE) for t in following[:2])


def _give_qualification_to_sheet(lines: list[Line]) -> None:
    """The qualification's title printed above an Evidence Record Sheet's heading is the
    sheet's, not the end of the section before it (fields.read_sheet_context reads it there)."""
    filled = [index for index, line in enumerate(lines) if line.text.strip()]
    if filled and QUALIFICATION.match(lines[filled[-1]].text):
        del lines[filled[-1]]
