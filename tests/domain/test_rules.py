"""Each rule of PRODUCT.md refuses a bad sheet with a message an assessor understands."""

from __future__ import annotations

import datetime as dt

from ercsheet.catalogue.model import Unit
from ercsheet.domain import rules
from ercsheet.domain.coverage import coverage
from ercsheet.domain.rules import Rule
from ercsheet.domain.sheet import Person, SheetContent
from ercsheet.domain.vocabulary import Method, Role
from tests.conftest import TODAY
from tests.factories import covering_all, make_unit, row, sheet, sign

DAY = dt.timedelta(days=1)


def blocking_rules(content: SheetContent, today: dt.date = TODAY) -> set[Rule]:
    return {p.rule for p in rules.check_sheet(content, today) if p.blocking}


def test_a_complete_signed_sheet_passes() -> None:
    unit = make_unit()
    good = sheet(
        unit,
        covering_all(unit),
        [sign(Role.CANDIDATE, TODAY - DAY, "Siân Ní Bhriain"), sign(Role.ASSESSOR, TODAY)],
    )
    assert rules.check_sheet(good, TODAY) == []
    assert rules.missing_roles(good) == []


def test_assessor_cannot_sign_until_every_criterion_is_covered() -> None:
    unit = make_unit()
    partial = covering_all(unit)[:-1]
    content = sheet(unit, partial, [sign(Role.CANDIDATE, TODAY)])
    problems = rules.check_signature(content, sign(Role.ASSESSOR, TODAY), TODAY)
    [problem] = [p for p in problems if p.rule is Rule.FULL_COVERAGE]
    assert "every criterion is covered; 8 of 10 are" in problem.message
    assert "3.3, 3.4" in problem.message


def test_simulation_is_refused_where_the_unit_forbids_it() -> None:
    unit = make_unit(simulation_allowed=False)
    content = sheet(unit, [row("E01", ["1.1"], Method.SIMULATION)])
    [problem] = rules.check_sheet(content, TODAY)
    assert problem.rule is Rule.SIMULATION_FORBIDDEN
    assert "Simulation is not allowed for this unit" in problem.message
    assert problem.path == "evidence[0]"


def test_the_assessor_cannot_sign_over_simulated_evidence_the_unit_forbids() -> None:
    unit = make_unit((2,), simulation_allowed=False)
    rows = [row("E01", ["1.1", "1.2"]), row("S1", ["1.1"], Method.SIMULATION)]
    content = sheet(unit, rows, [sign(Role.CANDIDATE, TODAY)])
    problems = rules.check_signature(content, sign(Role.ASSESSOR, TODAY), TODAY)
    assert [(p.rule, p.message) for p in problems] == [
        (
            Rule.SIMULATION_FORBIDDEN,
            "Evidence S1 is simulation, which this unit does not allow: replace it with "
            "naturally occurring evidence before signing.",
        )
    ]


def test_simulation_is_accepted_where_the_unit_allows_it() -> None:
    unit = make_unit(simulation_allowed=True)
    assert rules.check_sheet(sheet(unit, [row("E01", ["1.1"], Method.SIMULATION)]), TODAY) == []


def test_line_manager_must_sign_before_the_assessor_where_the_unit_says_so() -> None:
    unit = make_unit(line_manager=True)
    content = sheet(unit, covering_all(unit), [sign(Role.CANDIDATE, TODAY)])
    problems = rules.check_signature(content, sign(Role.ASSESSOR, TODAY), TODAY)
    assert [p.rule for p in problems] == [Rule.LINE_MANAGER]
    assert "line manager or owner/manager" in problems[0].message
    assert Role.LINE_MANAGER in rules.required_roles(content)


def test_line_manager_date_after_the_assessors_is_refused() -> None:
    unit = make_unit(line_manager=True)
    content = sheet(
        unit,
        covering_all(unit),
        [
            sign(Role.CANDIDATE, TODAY - 3 * DAY),
            sign(Role.ASSESSOR, TODAY - 2 * DAY),
            sign(Role.LINE_MANAGER, TODAY - DAY, "Morgan Lee"),
        ],
    )
    assert blocking_rules(content) == {Rule.LINE_MANAGER}


def test_unqualified_assessor_needs_a_countersignature_before_the_iv() -> None:
    unit = make_unit()
    content = sheet(
        unit,
        covering_all(unit),
        [sign(Role.CANDIDATE, TODAY), sign(Role.ASSESSOR, TODAY), sign(Role.IV, TODAY, "Ivy Vere")],
        assessor_qualified=False,
        iv=Person("Ivy Vere"),
    )
    assert blocking_rules(content) == {Rule.COUNTERSIGNATURE}
    assert Role.ASSESSOR_COUNTERSIGN in rules.missing_roles(content)


def test_unqualified_iv_needs_a_countersignature_qualified_ones_do_not() -> None:
    unit = make_unit()
    signed = [sign(Role.CANDIDATE, TODAY), sign(Role.ASSESSOR, TODAY), sign(Role.IV, TODAY, "I V")]
    trainee = sheet(unit, covering_all(unit), signed, iv=Person("I V", qualified=False))
    assert rules.missing_roles(trainee) == [Role.IV_COUNTERSIGN]
    qualified = sheet(unit, covering_all(unit), signed, iv=Person("I V", qualified=True))
    assert rules.missing_roles(qualified) == []
    problems = rules.check_signature(qualified, sign(Role.IV_COUNTERSIGN, TODAY), TODAY)
    assert Rule.COUNTERSIGNATURE in {p.rule for p in problems}


def test_qualified_assessor_is_not_countersigned() -> None:
    unit = make_unit()
    content = sheet(
        unit, covering_all(unit), [sign(Role.CANDIDATE, TODAY), sign(Role.ASSESSOR, TODAY)]
    )
    problems = rules.check_signature(content, sign(Role.ASSESSOR_COUNTERSIGN, TODAY), TODAY)
    assert {p.rule for p in problems} == {Rule.COUNTERSIGNATURE}


def test_assessor_date_before_the_candidates_is_refused() -> None:
    unit = make_unit()
    content = sheet(
        unit, covering_all(unit), [sign(Role.CANDIDATE, TODAY), sign(Role.ASSESSOR, TODAY - DAY)]
    )
    [problem] = rules.check_sheet(content, TODAY)
    assert problem.rule is Rule.DATE_ORDER
    assert "before the candidate's 22/11/2026" in problem.message


def test_countersignature_and_iv_dates_not_before_the_assessors() -> None:
    unit = make_unit()
    content = sheet(
        unit,
        covering_all(unit),
        [
            sign(Role.CANDIDATE, TODAY - 2 * DAY),
            sign(Role.ASSESSOR, TODAY - DAY),
            sign(Role.ASSESSOR_COUNTERSIGN, TODAY - 2 * DAY),
            sign(Role.IV, TODAY - 2 * DAY),
        ],
        assessor_qualified=False,
        iv=Person("Ivy Vere"),
    )
    problems = [p for p in rules.check_sheet(content, TODAY) if p.rule is Rule.DATE_ORDER]
    assert len(problems) == 2


def test_no_date_in_the_future() -> None:
    unit = make_unit()
    content = sheet(
        unit, [row("E01", ["1.1"], date=TODAY + DAY)], [sign(Role.CANDIDATE, TODAY + DAY)]
    )
    assert blocking_rules(content) == {Rule.FUTURE_DATE}
    [evidence_problem, signature_problem] = rules.check_sheet(content, TODAY)
    assert "in the future" in evidence_problem.message
    assert signature_problem.path == "signatures[0]"


def test_evidence_references_are_unique_within_a_sheet_ignoring_case_and_spaces() -> None:
    unit = make_unit()
    content = sheet(unit, [row("E01", ["1.1"]), row(" e01", ["1.2"])])
    [problem] = rules.check_sheet(content, TODAY)
    assert problem.rule is Rule.UNIQUE_REFERENCE
    assert problem.path == "evidence[1]"
    assert "already used on this sheet" in problem.message


def test_expired_unit_warns_before_a_new_sheet() -> None:
    unit = make_unit(expires=dt.date(2015, 2, 28))
    [warning] = rules.check_new_sheet(unit, TODAY)
    assert warning.rule is Rule.EXPIRED_UNIT and not warning.blocking
    assert "expired on 28/02/2015" in warning.message
    assert rules.check_new_sheet(make_unit(expires=TODAY), TODAY) == []


def test_over_mapping_is_a_warning_not_a_block() -> None:
    unit = make_unit()
    content = sheet(unit, [row("E01", unit.criterion_numbers[:8])])
    [warning] = rules.check_sheet(content, TODAY)
    assert warning.rule is Rule.OVER_MAPPING and not warning.blocking
    assert "8 of the unit's 10 criteria" in warning.message
    assert rules.check_sheet(sheet(unit, [row("E01", unit.criterion_numbers[:7])]), TODAY) == []


def test_ticks_against_criteria_the_unit_does_not_have_are_refused() -> None:
    unit = make_unit()
    assert blocking_rules(sheet(unit, [row("E01", ["9.9"])])) == {Rule.UNKNOWN_CRITERION}


def test_signatures_follow_the_order_of_the_declarations() -> None:
    unit = make_unit()
    content = sheet(unit, covering_all(unit), [sign(Role.ASSESSOR, TODAY)])
    assert blocking_rules(content) == {Rule.SIGNATURE_ORDER}


def test_coverage_counts_items_per_criterion() -> None:
    unit = make_unit((2,))
    cov = coverage(unit, [row("E01", ["1.1"]), row("E02", ["1.1"])])
    assert cov.per_criterion == {"1.1": 2, "1.2": 0}
    assert str(cov) == "1/2" and cov.uncovered == ["1.2"]


def test_a_signed_sheet_is_locked() -> None:
    unit = make_unit()
    assert not rules.is_locked(sheet(unit))
    signed = sheet(
        unit, covering_all(unit), [sign(Role.CANDIDATE, TODAY), sign(Role.ASSESSOR, TODAY)]
    )
    assert rules.is_locked(signed)


def test_the_simulation_refusal_names_a_unit_with_a_code_cleanly(f17: Unit) -> None:
    # F17's title ends "(F17)": the message must not read "(… (F17))".
    content = sheet(f17, [row("E01", ["1.1"], Method.SIMULATION)])
    [problem] = [
        p for p in rules.check_sheet(content, TODAY) if p.rule is Rule.SIMULATION_FORBIDDEN
    ]
    assert "))" not in problem.message
    assert f"this unit, {f17.display_title}: use naturally occurring" in problem.message
