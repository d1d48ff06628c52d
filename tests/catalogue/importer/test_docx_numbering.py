"""Word's automatic list numbers and letters, which python-docx's text leaves out, come back as
Word draws them: levels, start values, lists started again, lists that count on, styles that
number, bullets; and criteria typed as such lists are read as criteria."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest

from ercsheet.catalogue.importer.docx_numbering import number_text
from ercsheet.catalogue.importer.parse import parse_lines
from ercsheet.catalogue.importer.read_docx import docx_to_lines
from tests.catalogue.importer.specs import word_lists


def texts(document: Any) -> list[str]:
    data = io.BytesIO()
    document.save(data)
    return [line.text for line in docx_to_lines(data.getvalue()) if line.text]


@pytest.mark.parametrize(
    ("value", "form", "shown"),
    [
        (3, "decimal", "3"),
        (3, "lowerLetter", "c"),
        (28, "lowerLetter", "bb"),
        (2, "upperLetter", "B"),
        (14, "lowerRoman", "xiv"),
        (9, "upperRoman", "IX"),
        (7, "decimalZero", "07"),
        (4, "ordinal", "4"),  # a format not known: its number in digits
    ],
)
def test_a_level_s_number_is_written_in_its_format(value: int, form: str, shown: str) -> None:
    assert number_text(value, form) == shown


def test_levels_starts_restarts_and_lists_that_count_on() -> None:
    document = docx.Document()
    two = word_lists.define(document, 90, [("decimal", "%1", 1), ("decimal", "%1.%2", 1)])
    for outcome in ("Plan", "Do"):
        word_lists.number(document.add_paragraph(f"Be able to {outcome.lower()}"), two, 0)
        for step in ("First", "Then"):
            word_lists.number(document.add_paragraph(f"{step} {outcome.lower()}"), two, 1)
    letters = word_lists.define(document, 91, [("lowerLetter", "%1)", 1)])
    for text in ("Rake", "Hoe"):
        word_lists.number(document.add_paragraph(text), letters, 0)
    word_lists.number(document.add_paragraph("Sow"), word_lists.again(document, 92, 91, {0: 1}))
    word_lists.number(document.add_paragraph("Water"), word_lists.again(document, 93, 91, {}))
    roman = word_lists.define(document, 94, [("upperLetter", "(%1)", 3), ("lowerRoman", "%2.", 1)])
    for _ in range(2):
        word_lists.number(document.add_paragraph("Part"), roman, 0)
        for _ in range(2):
            word_lists.number(document.add_paragraph("item"), roman, 1)
    document.add_paragraph("A bullet", style="List Bullet")
    document.add_paragraph("Counted by its style", style="List Number")
    assert texts(document) == [
        "1 Be able to plan",
        "1.1 First plan",
        "1.2 Then plan",
        "2 Be able to do",
        "2.1 First do",
        "2.2 Then do",
        "a) Rake",
        "b) Hoe",
        "a) Sow",  # a list started again
        "b) Water",  # a list of the same definition counts on
        "(C) Part",  # a level starting at 3
        "i. item",
        "ii. item",
        "(D) Part",
        "i. item",  # started again under the next part
        "ii. item",
        "• A bullet",
        "1. Counted by its style",
    ]


def test_a_numbered_heading_keeps_its_words_alone() -> None:
    document = docx.Document()
    headings = word_lists.define(document, 95, [("decimal", "%1", 1)])
    word_lists.number(document.add_paragraph("Assessment"), headings)
    word_lists.number(document.add_heading("Evidence requirements", level=2), headings)
    assert texts(document) == ["Assessment", "Evidence requirements"]


def lettered_table(form: str, label: str) -> Any:
    """An outcomes table whose outcome numbers and criteria letters are Word's: a two-level
    list, the outcome in the first cell (level 1), its criteria in the next (level 2)."""
    document = docx.Document()
    document.add_paragraph("Unit title: Keep bees")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = (
        "Learning outcomes",
        "Assessment criteria",
    )
    listed = word_lists.define(document, 96, [("decimal", "%1", 1), (form, label, 1)])
    for outcome, criteria in (
        ("Understand how a colony lives", ("Describe the castes", "Explain swarming")),
        ("Be able to inspect a hive", ("Light the smoker", "Open the hive", "Find the queen")),
    ):
        cells = table.add_row().cells
        word_lists.number(cells[0].paragraphs[0], listed, 0).add_run(outcome)
        for index, criterion in enumerate(criteria):
            paragraph = cells[1].paragraphs[0] if index == 0 else cells[1].add_paragraph()
            word_lists.number(paragraph, listed, 1).add_run(criterion)
    return document


@pytest.mark.parametrize(
    ("form", "label", "numbers"),
    [
        ("lowerLetter", "%2)", ["1a", "1b", "2a", "2b", "2c"]),
        ("decimal", "%1.%2", ["1.1", "1.2", "2.1", "2.2", "2.3"]),
    ],
)
def test_criteria_typed_as_a_word_list_are_read_with_their_numbers(
    form: str, label: str, numbers: list[str]
) -> None:
    data = io.BytesIO()
    lettered_table(form, label).save(data)
    unit = parse_lines(docx_to_lines(data.getvalue()))
    assert [(lo.number, lo.title) for lo in unit.learning_outcomes] == [
        ("1", "Understand how a colony lives"),
        ("2", "Be able to inspect a hive"),
    ]
    assert [c.number for c in unit.criteria] == numbers
    assert [c.text for c in unit.criteria][:2] == ["Describe the castes", "Explain swarming"]
    assert unit.unsure == []


def test_a_damaged_list_definition_gives_labels_within_bounds() -> None:
    document = docx.Document()
    huge = word_lists.define(document, 97, [("lowerLetter", "%1)", 1)])
    numbering = document.part.numbering_part.element
    start = numbering.xpath('.//w:abstractNum[@w:abstractNumId="97"]//w:start')[0]
    start.set(start.tag.replace("start", "val"), "9" * 5000)
    word_lists.number(document.add_paragraph("Big"), huge)
    level = numbering.xpath('.//w:abstractNum[@w:abstractNumId="97"]//w:lvl')[0]
    level.set(level.tag.replace("lvl", "ilvl"), "x")
    # A start of 5,000 digits and a level that is no number: read as the defaults.
    assert texts(document) == ["a) Big"]
    assert number_text(10**9, "lowerRoman") == str(10**9)
