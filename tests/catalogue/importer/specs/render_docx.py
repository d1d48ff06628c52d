"""A unit written out as a Word specification (python-docx): a title-block table, headings, the
outcomes table with one row per AC, each LO's cell merged down its ACs, guidance bullets in the
List Bullet style; the criteria numbered as typed text or, as Word users number them, by an
automatic list (`automatic`: the outcomes' numbers and the criteria's letters or numbers drawn
by Word, not in the text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ercsheet.catalogue.model import Unit
from tests.catalogue.importer.specs import invented as u
from tests.catalogue.importer.specs import render, word_lists

# A criteria level as Word's list gives it: its format and label, ("lowerLetter", "%2)").
Automatic = tuple[str, str]


def write_docx(
    path: Path, unit: Unit | None = None, lettered: str = "", automatic: Automatic | None = None
) -> None:
    """`unit` (the invented one by default) as a Word document; its method key, if any, as a
    two-column table; its assessment sections under their headings."""
    import docx

    unit = unit or u.expected_unit()
    context = unit.qualifications[0] if unit.qualifications else None
    document = docx.Document()
    if context is not None:
        document.add_paragraph(f"{context.title} – Unit {context.unit_number}")
    block = document.add_table(rows=0, cols=2)
    for label, value in render.title_block(unit):
        cells = block.add_row().cells
        cells[0].text, cells[1].text = label.rstrip(":"), value
    document.add_heading("Unit purpose and aim", level=2)
    document.add_paragraph(unit.purpose)
    _outcomes(document, unit, lettered, automatic)
    if unit.methods:
        document.add_heading("Key to assessment methods", level=2)
        key = document.add_table(rows=0, cols=2)
        for named in unit.methods:
            cells = key.add_row().cells
            cells[0].text, cells[1].text = named.abbreviation, named.label
    _sections(document, unit)
    document.save(str(path))


def _outcomes(document: Any, unit: Unit, lettered: str, automatic: Automatic | None) -> None:
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(
        table.rows[0].cells, ("Learning Outcomes", "Assessment Criteria", "Guidance"), strict=True
    ):
        cell.text = text
    listed = automatic and word_lists.define(document, 90, [("decimal", "%1", 1), (*automatic, 1)])
    for lo in unit.learning_outcomes:
        first = None
        for criterion in lo.criteria:
            cells = table.add_row().cells
            first = first or cells[0]
            if listed:
                word_lists.number(cells[1].paragraphs[0], listed, 1).add_run(criterion.text)
            else:
                cells[
                    1
                ].text = f"{render.shown_number(criterion.number, lettered)} {criterion.text}"
            lines = [line for line in criterion.guidance.split("\n") if line]
            for index, line in enumerate(lines):
                paragraph = cells[2].paragraphs[0] if index == 0 else cells[2].add_paragraph()
                paragraph.text = line.removeprefix("• ")
                if line.startswith("• "):
                    paragraph.style = document.styles["List Bullet"]
        merged = first.merge(table.rows[-1].cells[0]) if first is not None else None
        if merged is not None:
            merged.text = lo.title if listed else f"{lo.number} {lo.title}"
            if listed:
                word_lists.number(merged.paragraphs[0], listed, 0)
            for line in render.outcome_text_lines(lo):
                merged.add_paragraph(line)


def _sections(document: Any, unit: Unit) -> None:
    """The invented unit's closing sections (assessment, NOS, its sheet's heading); another
    unit's assessment sections, as write_pdf prints them."""
    if unit.title == u.TITLE:
        for line in render.closing_sections()[1:]:
            if line in ("Assessment", "Evidence requirements") or line.startswith(
                "National Occupational"
            ):
                document.add_heading(line, level=2)
            elif line:
                document.add_paragraph(line)
        return
    for title, text in render.sections(unit):
        document.add_heading(title, level=2)
        for line in text.split("\n"):
            if line.strip():
                document.add_paragraph(line)
