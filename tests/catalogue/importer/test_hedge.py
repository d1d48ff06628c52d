"""The invented unit of every rule (specs/hedge.py) imports as the unit it was written from, in
each shape: as text; as a PDF whose table has no heading row; as Word, its outcomes' numbers and
criteria's letters drawn by Word's lists. Lettered criteria named by letter, range and outcome
in its rule sentences, the methods they allow and require, its sign-off lines, its mixed kind
and its own declaration all come back, the file written loads, and what was read from "may"
and from rule sentences is marked."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from ercsheet.catalogue.importer.parse import parse_lines
from ercsheet.catalogue.importer.reading import read_spec
from ercsheet.catalogue.importer.scoring import score
from ercsheet.catalogue.importer.writing import to_toml
from ercsheet.catalogue.model import LearningOutcome, Unit
from ercsheet.catalogue.validation import parse_unit
from tests.catalogue.importer.specs import hedge

SHAPES = ["hedge.txt", "hedge.pdf", "hedge.docx"]


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hedge")
    hedge.main(folder)
    return folder


def imported(specs: Path, name: str) -> Unit:
    unit = parse_lines(read_spec(specs / name))
    return parse_unit({**tomllib.loads(to_toml(unit, name)), "id": hedge.expected_unit().id})


def without_guidance(outcomes: tuple[LearningOutcome, ...]) -> list[LearningOutcome]:
    return [
        dataclasses.replace(
            lo, criteria=tuple(dataclasses.replace(c, guidance="") for c in lo.criteria)
        )
        for lo in outcomes
    ]


@pytest.mark.parametrize("name", SHAPES)
def test_every_rule_of_the_unit_comes_back_in_each_shape(specs: Path, name: str) -> None:
    unit, expected = imported(specs, name), hedge.expected_unit()
    if name == "hedge.txt":  # a flattened table's guidance is its LO's, never placed by guess
        assert without_guidance(unit.learning_outcomes) == without_guidance(
            expected.learning_outcomes
        )
    else:
        assert unit.learning_outcomes == expected.learning_outcomes
    assert (unit.kind, unit.sign_off, unit.declarations) == (
        expected.kind,
        expected.sign_off,
        expected.declarations,
    )
    assert (unit.title, unit.urn, unit.level, unit.credit, unit.glh, unit.qualifications) == (
        expected.title,
        expected.urn,
        expected.level,
        expected.credit,
        expected.glh,
        expected.qualifications,
    )


@pytest.mark.parametrize("name", SHAPES)
def test_what_rule_sentences_wrote_is_marked_and_nothing_else(specs: Path, name: str) -> None:
    unit = parse_lines(read_spec(specs / name))
    figures = score(unit, hedge.expected_unit())
    assert (figures.numbers_found, figures.same_outcome, figures.invented) == (11, 11, 0)
    assert [mark.field for mark in unit.unsure] == [
        "criterion_methods",  # 1a, 1b: "may"
        "criterion_methods",  # 2a–2c
        "criterion_methods",  # 3a to 3d: "may"
        "criterion_methods",  # LO 4
        "rules.simulation_allowed",  # 3(b)
    ]
    assert "“may” may leave others allowed too" in unit.unsure[0].reason
