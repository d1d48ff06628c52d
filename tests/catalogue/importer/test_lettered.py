"""Criteria lettered afresh under each outcome (`a`, `b)`, `(a)`): read as criteria where a
table's criteria column or an outcome's list in running text makes them one, numbered with their
outcome (`1a`); never from a sentence that starts with "a", nor from a lettered list in the
guidance of a table whose criteria are numbered."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ercsheet.catalogue.importer.parse import parse_lines, parse_text
from ercsheet.catalogue.importer.reading import read_spec
from ercsheet.catalogue.importer.result import ParsedUnit
from ercsheet.catalogue.model import Unit
from tests.catalogue.importer.specs import render, render_docx
from tests.catalogue.importer.specs.invented import expected_unit

TABLE = "Learning Outcomes Assessment Criteria Guidance\n"


def lettered_unit() -> Unit:
    """The invented unit with each outcome's criteria lettered: 1a, 1b, 1c, 2a…"""
    unit = expected_unit()
    outcomes = tuple(
        dataclasses.replace(
            lo,
            criteria=tuple(
                dataclasses.replace(c, number=f"{lo.number}{'abcdef'[i]}")
                for i, c in enumerate(lo.criteria)
            ),
        )
        for lo in unit.learning_outcomes
    )
    return dataclasses.replace(unit, learning_outcomes=outcomes)


def outline(unit: ParsedUnit | Unit) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(lo.number, [(c.number, c.text) for c in lo.criteria]) for lo in unit.learning_outcomes]


@pytest.mark.parametrize(
    ("shape", "form"),
    [("pdf", "{}"), ("pdf", "({})"), ("docx", "{})"), ("docx", "{}")],
)
def test_lettered_criteria_in_a_table_s_column_are_read_and_numbered_by_outcome(
    tmp_path: Path, shape: str, form: str
) -> None:
    spec = tmp_path / f"lettered.{shape}"
    if shape == "pdf":
        render.write_pdf(spec, unit=lettered_unit(), lettered=form)
    else:
        render_docx.write_docx(spec, unit=lettered_unit(), lettered=form)
    unit = parse_lines(read_spec(spec))
    assert outline(unit) == outline(lettered_unit())
    assert [m for m in unit.unsure if m.field.startswith(("LO", "AC"))] == []


def test_an_outcome_s_lettered_list_in_running_text_is_its_criteria() -> None:
    unit = parse_text(
        f"Unit Title: Fell a tree\n\n{TABLE}"
        "1 Be able to plan the felling\n(a) Identify the hazards around\nthe tree\n"
        "(b) Choose the direction of fall\nConsider the lean of the tree.\n"
        "2 Be able to fell the tree\na) Make the sink cut\nb) Make the felling cut\n"
    )
    assert outline(unit) == [
        (
            "1",
            [
                ("1a", "Identify the hazards around the tree"),
                ("1b", "Choose the direction of fall"),
            ],
        ),
        ("2", [("2a", "Make the sink cut"), ("2b", "Make the felling cut")]),
    ]
    # The guidance is not taken for a criterion's text (where it goes is the flattened table's
    # rule: on the LO, marked, when its blocks do not match the ACs one to one).
    assert "Consider the lean of the tree." in unit.learning_outcomes[0].unplaced_guidance


def test_lettered_criteria_under_lettered_outcomes_keep_the_outcome_s_letter() -> None:
    unit = parse_text(
        f"Unit 4: Running an event\n\n{TABLE}Learning aim A: Plan an event\n"
        "a) Produce a plan\nb) Explain the plan\n"
    )
    assert outline(unit) == [("A", [("A.a", "Produce a plan"), ("A.b", "Explain the plan")])]


def test_a_lettered_list_in_the_guidance_of_numbered_criteria_stays_guidance() -> None:
    unit = parse_text(
        f"Unit Title: Fell a tree\n\n{TABLE}1 Be able to plan the felling\n"
        "1.1 Identify the hazards\nLearners should:\na) Walk round the tree\n"
        "b) Look up for dead wood\n"
    )
    assert [c.number for c in unit.criteria] == ["1.1"]
    assert "a) Walk round the tree" in unit.criteria[0].guidance


@pytest.mark.parametrize(
    "text",
    [
        # Sentences that start with "a": bare letters count only in a table's column.
        "1 Be able to plan the felling\na Level 2 learner plans the work\n",
        # Out of order: a "c)" with no "b)" before it is no criterion.
        "1 Be able to plan the felling\nc) Identify the hazards\n",
        # Lower case after the letter: "a) range of tools" is a phrase, not a criterion.
        "1 Be able to plan the felling\na) range of tools is used\n",
        # No outcome read yet: a lettered line is no outcome's list.
        "a) Identify the hazards\n",
    ],
)
def test_what_only_looks_lettered_is_no_criterion(text: str) -> None:
    unit = parse_text(f"Unit Title: Fell a tree\n\n{TABLE}{text}")
    assert unit.criteria == []
