"""Which problems of a choice block a registration (an excess, or a unit the catalogue lacks),
and the registration's number and date."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ercsheet.domain.combination import choice_problems, progress
from ercsheet.domain.progress_words import NOT_TRANSCRIBED, rule_lines, status
from ercsheet.domain.registration import choice_blocks, details_problems
from tests.domain.test_combination import KITCHEN, LEADERSHIP, UNITS, VALID

TODAY = dt.date(2026, 11, 22)


def test_a_choice_short_of_a_minimum_is_no_block_but_an_excess_is() -> None:
    assert choice_problems(LEADERSHIP, [], UNITS) != []
    assert choice_blocks(LEADERSHIP, [], UNITS) == []
    three = ["kitchen-rota-l3", "kitchen-stock-l3", "kitchen-training-l3"]
    assert [p.message for p in choice_blocks(LEADERSHIP, three, UNITS)] == [
        "Optional group B: supervision allows at most 2 units, and 3 are chosen: leave out 1 unit."
    ]


def test_a_unit_outside_the_qualification_or_the_catalogue_blocks() -> None:
    [outside] = choice_blocks(LEADERSHIP, ["mgmt-l3-u40-f17"], UNITS)
    assert "is not in Invented Level 3 Diploma" in outside.message
    without = {k: v for k, v in KITCHEN.units.items() if k != "kitchen-team-l3"}
    [missing] = choice_blocks(LEADERSHIP, VALID, without)
    assert "kitchen-team-l3" in missing.message and "not in the catalogue" in missing.message


def test_the_number_and_date_are_checked() -> None:
    assert details_problems("ABC/123", TODAY, TODAY) == []
    assert details_problems("", None, TODAY) == []
    future, unsafe, long = (
        details_problems("", TODAY + dt.timedelta(days=1), TODAY),
        details_problems("A\x1b[2J", None, TODAY),
        details_problems("9" * 41, None, TODAY),
    )
    assert "in the future" in future[0].message
    assert "display as something other" in unsafe[0].message
    assert "at most 40" in long[0].message
    assert "before 1900" in details_problems("", dt.date(1899, 1, 1), TODAY)[0].message


def test_progress_in_words() -> None:
    started = progress(LEADERSHIP, VALID, ["kitchen-safety-l3"], UNITS)
    assert status(started) == "Not complete yet: the units chosen complete it once achieved."
    assert rule_lines(started)[:2] == [
        "Mandatory units: 1 of 2 achieved; still to achieve: Unit 302.",
        "Optional group B: supervision (at least 1 unit, at most 2 units): 0 of 2 chosen "
        "achieved (0 credits); needs 1 unit more.",
    ]
    done = progress(LEADERSHIP, VALID, ["kitchen-safety-l3", "kitchen-team-l3", *VALID], UNITS)
    assert status(done) == "Complete: every rule of combination is met."
    untranscribed = replace(LEADERSHIP, complete=False)
    assert status(progress(untranscribed, VALID, [*done.mandatory_achieved, *VALID], UNITS)) == (
        NOT_TRANSCRIBED
    )
