"""Rules per criterion: an AC assessed in real work (never by simulation, though the unit allows
it elsewhere), an AC evidenced by some methods only, an AC whose evidence must include a method."""

from __future__ import annotations

import pytest

from ercsheet.catalogue.model import Unit
from ercsheet.domain import evidence_rules, rules
from ercsheet.domain.rules import Rule
from ercsheet.domain.vocabulary import Method, Role
from tests.catalogue.test_format_v2 import sample_unit
from tests.conftest import TODAY
from tests.factories import row, sheet, sign


@pytest.fixture
def moving() -> Unit:
    return sample_unit("moving-people")


def test_simulation_cannot_tick_an_ac_assessed_in_real_work(moving: Unit) -> None:
    drill = row("S1", ["1.1", "1.2"], Method.SIMULATION)
    problems = evidence_rules.check_evidence_row(moving, drill, [], TODAY, "evidence[0]")
    assert [(p.rule, p.message) for p in problems] == [
        (
            Rule.CRITERION_METHODS,
            "AC 1.2 must be assessed in real work: simulation cannot evidence it. Evidence 1.2 "
            "from the candidate's real work, or leave it unticked here.",
        )
    ]
    # The unit allows simulation: the same item evidences 1.1.
    assert (
        evidence_rules.check_evidence_row(moving, row("S1", ["1.1"], Method.SIMULATION), [], TODAY)
        == []
    )


def test_an_ac_that_lists_its_methods_takes_those_only(moving: Unit) -> None:
    discussed = row("PD1", ["2.1"], Method.PROFESSIONAL_DISCUSSION)
    [problem] = evidence_rules.check_evidence_row(moving, discussed, [], TODAY)
    assert problem.message == (
        "AC 2.1 is evidenced by observation or expert witness only, not by "
        "professional discussion: leave 2.1 unticked on this item."
    )
    for method in (Method.OBSERVATION, Method.EXPERT_WITNESS):
        assert evidence_rules.check_evidence_row(moving, row("E", ["2.1"], method), [], TODAY) == []


def test_the_methods_an_item_cannot_use_follow_the_acs_it_ticks(moving: Unit) -> None:
    assert evidence_rules.refused_methods(moving) == {}
    refused = evidence_rules.refused_methods(moving, {"1.2", "2.1"})
    assert refused[Method.SIMULATION].startswith("AC 1.2 must be assessed in real work")
    assert refused[Method.PRODUCT].startswith("AC 2.1 is evidenced by observation")
    assert Method.OBSERVATION not in refused and Method.EXPERT_WITNESS not in refused


def test_the_assessor_signs_off_only_once_required_methods_evidence_their_ac(
    moving: Unit,
) -> None:
    talk = [row("E1", ["1.1", "1.2", "2.1"]), row("E2", ["2.2"], Method.PROFESSIONAL_DISCUSSION)]
    content = sheet(moving, talk, [sign(Role.CANDIDATE, TODAY)])
    problems = rules.check_signature(content, sign(Role.ASSESSOR, TODAY), TODAY)
    assert [(p.rule, p.message) for p in problems] == [
        (
            Rule.REQUIRED_METHODS,
            "AC 2.2 must be evidenced by observation: add or tick an item of that method for "
            "2.2 before signing.",
        )
    ]
    seen = [*talk, row("E3", ["2.2"])]
    content = sheet(moving, seen, [sign(Role.CANDIDATE, TODAY)])
    assert rules.check_signature(content, sign(Role.ASSESSOR, TODAY), TODAY) == []


def test_an_import_replays_the_rules_per_criterion(moving: Unit) -> None:
    content = sheet(
        moving,
        [row("S1", ["1.2"], Method.SIMULATION), row("E2", ["1.1", "2.1", "2.2"], Method.PRODUCT)],
        [sign(Role.CANDIDATE, TODAY), sign(Role.ASSESSOR, TODAY)],
    )
    found = {(p.rule, p.path) for p in rules.check_sheet(content, TODAY) if p.blocking}
    assert found >= {
        (Rule.CRITERION_METHODS, "evidence[0]"),
        (Rule.CRITERION_METHODS, "evidence[1]"),
        (Rule.REQUIRED_METHODS, "signatures[1]"),
    }


def test_the_grid_says_an_acs_rules_in_plain_sentences(moving: Unit) -> None:
    assert evidence_rules.criterion_method_rules(moving, "1.1") == []
    assert evidence_rules.criterion_method_rules(moving, "1.2") == [
        "Must be assessed in real work: no simulation."
    ]
    assert evidence_rules.criterion_method_rules(moving, "2.1") == [
        "Evidenced by observation or expert witness only."
    ]
    assert evidence_rules.criterion_method_rules(moving, "2.2") == [
        "Needs evidence by observation."
    ]
