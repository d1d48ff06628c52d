"""Word's automatic lists in a python-docx document, as Word writes them: a list definition
(`w:abstractNum`, its levels' start, format and label) in numbering.xml, a list (`w:num`) using
it, maybe starting a level again (`w:startOverride`), and paragraphs numbered by it (`w:numPr`).
python-docx has no API for these, so the XML is written here."""

from __future__ import annotations

from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

# (format, label, start) per level: ("decimal", "%1.%2", 1), ("lowerLetter", "%2)", 1).
Level = tuple[str, str, int]


def define(
    document: Any, list_id: int, levels: list[Level], restart: dict[int, int] | None = None
) -> int:
    """A list definition with `levels` and a list `list_id` using it, each level in `restart`
    starting again at its value; returns `list_id`."""
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{index}"><w:start w:val="{start}"/><w:numFmt w:val="{form}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for index, (form, text, start) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{list_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
    )
    # The schema puts every definition before the lists.
    first_list = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    if first_list is not None:
        first_list.addprevious(abstract)
    else:
        numbering.append(abstract)
    return again(document, list_id, list_id, restart or {})


def again(document: Any, list_id: int, of: int, restart: dict[int, int]) -> int:
    """Another list `list_id` on the definition of list `of`, starting levels again."""
    numbering = document.part.numbering_part.element
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{index}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for index, start in restart.items()
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{list_id}"><w:abstractNumId w:val="{of}"/>'
            f"{overrides}</w:num>"
        )
    )
    return list_id


def number(paragraph: Any, list_id: int, level: int = 0) -> Any:
    """The paragraph made an item of list `list_id` at `level` (its text stays without it)."""
    numbered = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbered.get_or_add_ilvl().val = level
    numbered.get_or_add_numId().val = list_id
    return paragraph
