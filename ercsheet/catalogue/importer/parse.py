"""A specification's lines to a ParsedUnit: cleaned, cut into sections, each section read."""

from __future__ import annotations

from ercsheet.catalogue.importer import (
    cleaning,
    criterion_rules,
    fields,
    kinds,
    method_key,
    nos,
    outcome_text,
    outcomes,
    own_declarations,
    prose,
    rules,
    sections,
)
from ercsheet.catalogue.importer.lines import Line
from ercsheet.catalogue.importer.read_text import text_to_lines
from ercsheet.catalogue.importer.result import ParsedUnit

_FIELD_OF_SECTION = {
    "purpose": "purpose",
    "assessment": "assessment",
    "evidence": "evidence_requirements",
    "guidance": "assessment_guidance",
}


def parse_text(text: str) -> ParsedUnit:
    return parse_lines(text_to_lines(text))


def parse_lines(lines: list[Line]) -> ParsedUnit:
    unit = ParsedUnit()
    cleaned = cleaning.clean(lines)
    parts = sections.split(cleaned)
    head = [line.text for line in parts.head]
    context = fields.read_head(head, unit)
    for section, key in _FIELD_OF_SECTION.items():
        texts = [line.text for line in parts.parts.get(section, [])]
        setattr(unit, key, prose.join(texts))
    if not unit.purpose:
        _purpose_from_head(head, unit)
    fields.read_sheet_context([line.text for line in cleaned], context, unit.title)
    if context.title or context.unit_number:
        unit.qualifications = [context]
    nos.read_nos([line.text for line in parts.parts.get("nos", [])], unit)
    rules.read_rules(
        "\n".join(getattr(unit, key) for key in _FIELD_OF_SECTION.values() if key != "purpose"),
        unit,
    )
    table, own_texts = outcome_text.take(parts.table)
    outcomes.read_outcomes(table, unit)
    outcome_text.place(own_texts, unit)
    criterion_rules.apply(unit)
    texts = [line.text for line in cleaned]
    kinds.read_kind(texts, unit)
    method_key.read_key(texts, unit)
    own_declarations.read(texts, unit)
    if not parts.table_found:
        unit.mark("learning_outcomes", "no table of them was found.")
    if not unit.title:
        unit.mark("title", "none was found.")
    return unit


def _purpose_from_head(head: list[str], unit: ParsedUnit) -> None:
    """Running text before the table with no heading, when it reads as a unit's aim ("This unit
    aims to …"): taken as the purpose, marked, since no heading says so."""
    texts = [text for text in head if text.strip() and fields.label_of(text.strip()) is None]
    purpose = prose.join(texts)
    if purpose.casefold().startswith(
        ("this unit", "the aim of this unit", "the purpose of this unit")
    ):
        unit.purpose = purpose
        unit.mark(
            "purpose",
            "no heading names it; the text before the table was taken as the purpose.",
        )
