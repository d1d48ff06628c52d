"""Numbering of any depth and style: `1.1.1`, City & Guilds' `101.1.1`, Pearson's graded
`A.P1`/`P1`/`M1`/`D1` under learning aims. The parsed unit holds them (unit format version 2
will hold them in files); an AC goes to the LO it names, else to the LO it is written under."""

from __future__ import annotations

from ercsheet.catalogue.importer import numbering
from ercsheet.catalogue.importer.parse import parse_text
from ercsheet.catalogue.importer.result import ParsedUnit

TABLE = "Learning Outcomes Assessment Criteria Guidance\n"


def outline(unit: ParsedUnit) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    return [
        (lo.number, lo.title, [(c.number, c.grade, c.text) for c in lo.criteria])
        for lo in unit.learning_outcomes
    ]


def test_graded_criteria_under_learning_aims() -> None:
    unit = parse_text(
        "Unit 4: Running an event\n\n"
        + TABLE
        + "Learning aim A: Explore the role of an organiser\n"
        "A.P1 Explain the roles of an\norganiser\n"
        "A.M1 Analyse how the roles\ndepend on each other\n"
        "Learning aim B: Plan an event\nB.D1 Evaluate the plan\nB.P2 Produce a plan\n"
    )
    assert outline(unit) == [
        (
            "A",
            "Explore the role of an organiser",
            [
                ("A.P1", "pass", "Explain the roles of an organiser"),
                ("A.M1", "merit", "Analyse how the roles depend on each other"),
            ],
        ),
        (
            "B",
            "Plan an event",
            [("B.P2", "pass", "Produce a plan"), ("B.D1", "distinction", "Evaluate the plan")],
        ),
    ]


def test_criteria_that_name_no_lo_go_to_the_one_they_are_written_under() -> None:
    unit = parse_text(
        TABLE + "Learning aim A: Know the venues\nP1 Describe two venues\nM1 Compare them\n"
        "Learning aim B: Book a venue\nP2 Book a venue\nD1 Justify the choice\n"
    )
    assert [(lo.number, [c.number for c in lo.criteria]) for lo in unit.learning_outcomes] == [
        ("A", ["P1", "M1"]),
        ("B", ["P2", "D1"]),
    ]


def test_three_levels_and_unit_outcome_item_numbers() -> None:
    unit = parse_text(
        TABLE + "1 Know the tools\n1.1 Name the tools\n1.1.1 hand tools\n1.1.2 power tools\n"
        "2 Use the tools\n101.2.1 Use a drill safely\n"
    )
    assert [(lo.number, [c.number for c in lo.criteria]) for lo in unit.learning_outcomes] == [
        ("1", ["1.1", "1.1.1", "1.1.2"]),
        ("2", ["101.2.1"]),
    ]


def test_numbers_sort_as_read() -> None:
    numbers = ["1.10", "1.2", "D1", "M1", "P2", "P1", "1.1.2", "1.1"]
    assert sorted(numbers, key=numbering.sort_key) == [
        "1.1",
        "1.1.2",
        "1.2",
        "1.10",
        "P1",
        "P2",
        "M1",
        "D1",
    ]
