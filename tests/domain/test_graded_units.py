"""Graded units: the assessor signs once every pass criterion is covered (merit and distinction
criteria never hold a pass candidate back); the grid bands criteria by grade."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.model import Grade, Unit
from ercsheet.domain import rules
from ercsheet.domain.coverage import achieved_grade, needed_for
from ercsheet.domain.record import canonical_content, record_code
from ercsheet.domain.rules import Rule
from ercsheet.domain.sheet import SheetContent
from ercsheet.domain.vocabulary import Role
from tests.conftest import TODAY
from tests.factories import covering_all, make_unit, row, sheet, sign

TEST_UNITS = Path(__file__).resolve().parents[1] / "units"


def graded() -> Unit:
    unit = load_catalogue([TEST_UNITS]).get("graded-events")
    assert unit is not None
    return unit


def test_each_grade_needs_its_criteria_and_those_below() -> None:
    unit = graded()
    assert needed_for(unit) == needed_for(unit, Grade.PASS) == ("P1", "P2", "P3")
    assert needed_for(unit, Grade.MERIT) == ("P1", "M1", "P2", "P3", "M2")
    assert len(needed_for(unit, Grade.DISTINCTION)) == 6
    ungraded = make_unit()
    assert needed_for(ungraded, Grade.PASS) == ungraded.criterion_numbers


def test_the_grade_evidenced_is_the_highest_whose_criteria_are_all_covered() -> None:
    unit = graded()
    assert achieved_grade(unit, [row("E1", ["P1", "P2"])]) is None
    assert achieved_grade(unit, [row("E1", ["P1", "P2", "P3", "D1"])]) is Grade.PASS
    assert achieved_grade(unit, [row("E1", ["P1", "P2", "P3", "M1", "M2"])]) is Grade.MERIT
    assert achieved_grade(unit, [row("E1", list(unit.criterion_numbers))]) is Grade.DISTINCTION
    assert achieved_grade(make_unit(), [row("E1", ["1.1"])]) is None


def graded_sheet(ticked: list[str], grade: Grade | None) -> SheetContent:
    content = sheet(graded(), [row("E1", ticked)], [sign(Role.CANDIDATE, TODAY)])
    return dataclasses.replace(content, grade=grade)


def assessor_problems(content: SheetContent) -> list[tuple[Rule, str]]:
    problems = rules.check_signature(content, sign(Role.ASSESSOR, TODAY), TODAY)
    return [(p.rule, p.message) for p in problems]


def test_a_pass_candidate_is_never_blocked_by_merit_criteria() -> None:
    assert assessor_problems(graded_sheet(["P1", "P2", "P3"], Grade.PASS)) == []


def test_the_assessor_chooses_the_grade_before_signing() -> None:
    assert assessor_problems(graded_sheet(["P1", "P2", "P3"], None)) == [
        (
            Rule.GRADE,
            "This unit is graded: choose the grade awarded (pass, merit or distinction) "
            "before the assessor signs.",
        )
    ]
    ungraded = make_unit()
    content = dataclasses.replace(
        sheet(ungraded, covering_all(ungraded), [sign(Role.CANDIDATE, TODAY)]), grade=Grade.PASS
    )
    assert assessor_problems(content) == [
        (Rule.GRADE, "This unit is not graded: no grade is awarded on its sheet.")
    ]


@pytest.mark.parametrize(
    ("ticked", "grade", "message"),
    [
        (
            ["P1", "M1", "M2", "D1"],
            Grade.PASS,
            "The assessor can sign at pass only when every pass criterion is covered; 1 of 3 "
            "are. Add or tick evidence for P2, P3.",
        ),
        (
            ["P1", "P2", "P3", "M1"],
            Grade.MERIT,
            "The assessor can sign at merit only when every pass and merit criterion is "
            "covered; 4 of 5 are. Add or tick evidence for M2.",
        ),
        (
            ["P1", "P2", "P3", "M1", "M2"],
            Grade.DISTINCTION,
            "The assessor can sign at distinction only when every pass, merit and distinction "
            "criterion is covered; 5 of 6 are. Add or tick evidence for D1.",
        ),
    ],
)
def test_a_grade_not_evidenced_is_refused_with_what_it_still_needs(
    ticked: list[str], grade: Grade, message: str
) -> None:
    assert assessor_problems(graded_sheet(ticked, grade)) == [(Rule.FULL_COVERAGE, message)]


def test_merit_is_signed_once_its_criteria_and_the_pass_ones_are_covered() -> None:
    assert assessor_problems(graded_sheet(["P1", "P2", "P3", "M1", "M2"], Grade.MERIT)) == []


def test_the_grade_is_in_the_record_code_only_where_one_is_awarded() -> None:
    content = graded_sheet(["P1", "P2", "P3", "M1", "M2"], Grade.MERIT)
    assert canonical_content(content)["grade"] == "merit"
    assert record_code(content) != record_code(dataclasses.replace(content, grade=Grade.PASS))
    assert "grade" not in canonical_content(dataclasses.replace(content, grade=None))


def test_the_grid_bands_a_graded_units_criteria_by_grade() -> None:
    bands = [(band, [c.number for c in criteria]) for band, criteria in graded().grid_groups]
    assert bands == [("Pass", ["P1", "P2", "P3"]), ("Merit", ["M1", "M2"]), ("Distinction", ["D1"])]
    outcome = graded().outcome_of("M2")
    assert outcome is not None and outcome.number == "2"  # still listed under its LO
