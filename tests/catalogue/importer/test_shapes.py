"""The invented unit, written out in each shape a specification comes in, imports as the unit
it was written from: every AC, LO and identifier; guidance wherever the shape places it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ercsheet.catalogue.importer.parse import parse_lines
from ercsheet.catalogue.importer.reading import read_spec
from ercsheet.catalogue.importer.result import ParsedUnit
from ercsheet.catalogue.importer.scoring import score
from tests.catalogue.importer.specs.invented import expected_unit

# Shapes whose table keeps its columns, so each AC's guidance can be placed (plain.pdf: the
# table without its heading row, its columns found from where its numbers stand).
COLUMNS = ["table.pdf", "table.docx", "plain.pdf"]
# Shapes whose guidance comes after all the ACs of an LO (or a row), with nothing to tell whose.
FLATTENED = ["flat.txt", "tabbed.txt"]


def imported(specs: Path, name: str) -> ParsedUnit:
    return parse_lines(read_spec(specs / name))


@pytest.mark.parametrize("name", COLUMNS + FLATTENED)
def test_each_shape_imports_every_ac_lo_and_identifier(specs: Path, name: str) -> None:
    unit = imported(specs, name)
    figures = score(unit, expected_unit())
    assert (figures.numbers_found, figures.same_outcome, figures.criteria) == (10, 10, 10)
    assert (figures.word_errors, figures.title_errors, figures.invented) == (0, 0, 0)
    assert figures.identifier_errors == []
    assert unit.nos == list(expected_unit().nos)


@pytest.mark.parametrize("name", COLUMNS)
def test_table_columns_place_every_acs_guidance(specs: Path, name: str) -> None:
    unit = imported(specs, name)
    assert score(unit, expected_unit()).guidance_errors == 0
    assert [c.guidance for c in unit.criteria] == [c.guidance for c in expected_unit().criteria]


@pytest.mark.parametrize("name", FLATTENED)
def test_flattened_guidance_is_kept_for_the_reviewer_never_guessed(specs: Path, name: str) -> None:
    unit = imported(specs, name)
    assert all(not c.guidance for c in unit.criteria)
    assert all(lo.unplaced_guidance for lo in unit.learning_outcomes)
    assert {m.field for m in unit.unsure} >= {"LO 1", "LO 2", "LO 3"}


def test_the_pdfs_furniture_and_centred_lo_titles_do_not_get_in(specs: Path) -> None:
    """Each LO's title is centred down its rows, below its first AC; the unit's header and a
    "© … 1" footer stand on every page."""
    unit = imported(specs, "table.pdf")
    assert [lo.title for lo in unit.learning_outcomes] == [
        lo.title for lo in expected_unit().learning_outcomes
    ]
    everything = " ".join(c.text + c.guidance for c in unit.criteria)
    assert "©" not in everything and "Unit 12" not in everything


def test_a_ten_page_pdf_imports_whole(specs: Path) -> None:
    import pdfplumber

    with pdfplumber.open(specs / "long.pdf") as pdf:
        assert len(pdf.pages) >= 10
    figures = score(imported(specs, "long.pdf"), expected_unit(45))
    assert figures.numbers_found == figures.same_outcome == figures.criteria == 150
    assert (figures.word_errors, figures.guidance_errors, figures.invented) == (0, 0, 0)


def test_the_flattened_text_marks_what_it_paired_by_guess(specs: Path) -> None:
    unit = imported(specs, "flat.txt")
    assert {"urn", "level", "credit", "glh", "nos"} <= {m.field for m in unit.unsure}
    assert [(r.criteria, r.rule) for r in unit.criterion_rules] == [
        (("2.2", "2.3"), "no simulation")
    ]
