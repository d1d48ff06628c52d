"""Each unit in units_data/ printed as a specification PDF (our own layout: a title block, the
three-column outcomes table with its LO titles centred down their ACs, page headers and footers)
imports back as itself: the PDF path on five real units' wording, bullets and long guidance."""

from __future__ import annotations

from pathlib import Path

import pytest

from ercsheet.catalogue.importer.parse import parse_lines
from ercsheet.catalogue.importer.reading import read_spec
from ercsheet.catalogue.importer.scoring import score
from ercsheet.catalogue.loader import load_unit_file
from ercsheet.catalogue.model import Unit
from tests.catalogue.importer.conftest import ROOT
from tests.catalogue.importer.specs import render

UNITS = sorted((ROOT / "units_data").glob("*.toml"))


@pytest.mark.parametrize("path", UNITS, ids=[p.stem for p in UNITS])
def test_a_unit_printed_as_a_specification_imports_as_itself(path: Path, tmp_path: Path) -> None:
    unit = load_unit_file(path)
    assert isinstance(unit, Unit)
    pdf = tmp_path / f"{unit.id}.pdf"
    render.write_pdf(pdf, unit=unit)
    found = parse_lines(read_spec(pdf))
    figures = score(found, unit)
    assert figures.numbers_found == figures.same_outcome == figures.criteria
    assert (figures.word_errors, figures.title_errors, figures.invented) == (0, 0, 0)
    assert figures.guidance_errors == 0
    assert figures.identifier_errors == []
    assert found.purpose.split() == unit.purpose.split()
