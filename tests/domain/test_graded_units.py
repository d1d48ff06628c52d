"""Graded units: the assessor signs once every pass criterion is covered (merit and distinction
criteria never hold a pass candidate back); the grid bands criteria by grade."""

from __future__ import annotations

from pathlib import Path

from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.model import Grade, Unit
from ercsheet.domain import rules
from ercsheet.domain.coverage import achieved_grade, needed_for, sign_off_coverage
from ercsheet.domain.rules import Rule
from ercsheet.domain.vocabulary import Role
from tests.conftest import TODAY
from tests.factories import make_unit, row, sheet, sign

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


def test_a_pass_candidate_is_never_blocked_by_merit_criteria() -> None:
    unit = graded()
    content = sheet(unit, [row("E1", ["P1", "P2", "P3"])], [sign(Role.CANDIDATE, TODAY)])
    assert rules.check_signature(content, sign(Role.ASSESSOR, TODAY), TODAY) == []


def test_the_assessor_waits_for_every_pass_criterion() -> None:
    unit = graded()
    content = sheet(unit, [row("E1", ["P1", "M1", "M2", "D1"])], [sign(Role.CANDIDATE, TODAY)])
    [problem] = rules.check_signature(content, sign(Role.ASSESSOR, TODAY), TODAY)
    assert problem.rule is Rule.FULL_COVERAGE
    assert problem.message == (
        "The assessor can sign only when every pass criterion is covered; 1 of 3 are. "
        "Add or tick evidence for P2, P3."
    )
    assert sign_off_coverage(unit, content.evidence).uncovered == ["P2", "P3"]


def test_the_grid_bands_a_graded_units_criteria_by_grade() -> None:
    bands = [(band, [c.number for c in criteria]) for band, criteria in graded().grid_groups]
    assert bands == [("Pass", ["P1", "P2", "P3"]), ("Merit", ["M1", "M2"]), ("Distinction", ["D1"])]
    outcome = graded().outcome_of("M2")
    assert outcome is not None and outcome.number == "2"  # still listed under its LO
