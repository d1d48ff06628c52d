"""Unit format version 2: numbering of any depth and style, LO text, incomplete transcriptions,
the unit's own method key; every problem said where the specification would say it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ercsheet import paths
from ercsheet.catalogue.listing import unit_listing
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.methods import Method
from ercsheet.catalogue.model import Unit, criterion_order
from ercsheet.catalogue.snapshot import unit_data, unit_from_json, unit_to_json
from tests.catalogue.test_loader import GOOD, write

TEST_UNITS = Path(__file__).resolve().parents[1] / "units"


def sample_unit(name: str) -> Unit:
    """A unit of tests/units/."""
    unit = load_catalogue([TEST_UNITS]).get(name)
    assert unit is not None
    return unit


def problems_of(tmp_path: Path, text: str) -> list[str]:
    """Each problem of a unit file, as `field: message`."""
    write(tmp_path / "u", "unit.toml", text)
    catalogue = load_catalogue([tmp_path / "u"])
    assert catalogue.units == {}
    return [f"{e.field}: {e.message}" for e in catalogue.errors]


def test_the_test_units_load() -> None:
    catalogue = load_catalogue([TEST_UNITS])
    assert catalogue.errors == []
    assert catalogue.warnings == []


def test_a_three_level_unit_keeps_each_ac_in_the_lo_it_is_written_under() -> None:
    unit = sample_unit("three-level-kitchen")
    assert [[c.number for c in lo.criteria] for lo in unit.learning_outcomes] == [
        ["301.1.1", "301.1.2"],
        ["301.2.1", "301.2.2", "301.2.3"],
        ["301.3.2", "301.3.1"],  # as listed, not as sorted
    ]
    outcome = unit.outcome_of("301.3.1")
    assert outcome is not None and outcome.number == "3"
    assert unit.in_order({"301.3.1", "301.1.2", "301.3.2"}) == ["301.1.2", "301.3.2", "301.3.1"]


@pytest.mark.parametrize(
    "numbers",
    [
        ["1.1", "1.2"],
        ["1.1.1", "1.1.2"],
        ["101.1.1", "101.1.2"],
        ["P1", "M1", "D1"],
        ["1a", "1b"],
        ["a", "b"],
        ["1.1(a)", "1.1(b)"],
        ["2.1", "7"],  # an AC need not start with its LO's number
    ],
)
def test_any_numbering_style_loads(tmp_path: Path, numbers: list[str]) -> None:
    criteria = "".join(
        f'\n[[learning_outcomes.criteria]]\nnumber = "{n}"\ntext = "Do {n}"\n' for n in numbers
    )
    head = GOOD[: GOOD.index("[[learning_outcomes.criteria]]")]
    write(tmp_path / "u", "styles.toml", head + criteria)
    unit = load_catalogue([tmp_path / "u"]).get("styles")
    assert unit is not None
    assert unit.criterion_numbers == tuple(numbers)
    assert unit_from_json(unit_to_json(unit)) == unit


def test_a_number_twice_is_reported_with_both_los(tmp_path: Path) -> None:
    text = (
        GOOD.replace('number = "1.1"', 'number = "a"')
        + '\n[[learning_outcomes]]\nnumber = "2"\ntitle = "Know the bees"\n'
        + '\n[[learning_outcomes.criteria]]\nnumber = "a"\ntext = "Name the castes"\n'
    )
    assert problems_of(tmp_path, text) == [
        "LO 2, AC a: appears also under LO 1: numbers are unique in a unit; "
        "write it with its LO's number (2a, not a)"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('number = "1.1"', 'number = "1 1"'),
            "LO 1, AC 1 1, number: '1 1' is not a number like 1.1, 1.1.1, P1 or 1a",
        ),
        (('number = "1"', 'number = "1/2"'), "LO 1/2, number: '1/2' is not a number like"),
        (("level = 2", 'expires = "28/02/2015"'), "expires: write dates as 2015-02-28"),
        (("level = 2", 'expires = "2.3.2015"'), "expires: write dates as 2015-03-02"),
        (("level = 2", 'expires = "31/02/2015"'), "expires: '31/02/2015' is not a real date"),
        (('title = "Know the hive"', 'titel = "Know the hive"'), "LO 1, titel: unknown key"),
        (('text = "Name the parts of a hive"', "txt = 'x'"), "LO 1, AC 1.1, text: this key"),
    ],
)
def test_messages_say_where_the_specification_would(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    problems = problems_of(tmp_path, GOOD.replace(*change))
    assert any(p.startswith(expected) for p in problems), problems


def test_a_missing_criteria_key_says_which_lo_lacks_criteria(tmp_path: Path) -> None:
    text = GOOD + '\n[[learning_outcomes]]\nnumber = "2"\ntitle = "Know the bees"\n'
    [problem] = problems_of(tmp_path, text)
    assert problem.startswith("LO 2: has no criteria: list them under it")
    assert "complete = false" in problem


def test_an_incomplete_unit_may_have_an_lo_without_criteria() -> None:
    unit = sample_unit("incomplete-letters")
    assert unit.complete is False
    assert [len(lo.criteria) for lo in unit.learning_outcomes] == [2, 0]
    assert unit.criterion_numbers == ("1a", "1b")
    assert unit_data(unit)["complete"] is False
    assert unit_from_json(unit_to_json(unit)) == unit


def test_lo_text_is_kept_and_shown_only_where_given() -> None:
    unit = sample_unit("three-level-kitchen")
    first, second, third = unit.learning_outcomes
    assert first.knowledge.startswith("• Types of hazard") and first.range == ""
    assert second.range.startswith("Work areas:") and second.knowledge == ""
    outcomes = unit_data(unit)["learning_outcomes"]
    assert "knowledge" in outcomes[0] and "range" not in outcomes[0]
    assert "knowledge" not in outcomes[2] and "range" not in outcomes[2]
    assert third.label == "LO3"


def test_the_units_method_key_names_methods_its_own_way() -> None:
    unit = sample_unit("three-level-kitchen")
    assert unit.method_abbreviation(Method.PRODUCT) == "EP"
    assert unit.method_label(Method.PRODUCT) == "Examination of products"
    assert unit.method_abbreviation(Method.OBSERVATION) == "O"  # the standard stays
    assert unit_listing(unit)["methods"][0] == {
        "method": "product",
        "abbreviation": "EP",
        "label": "Examination of products",
    }


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ('method = "examination"\nabbreviation = "EP"\nlabel = "x"', "methods[0].method: Input"),
        ('method = "product"\nabbreviation = "O"\nlabel = "Outcome"', "methods: O would stand"),
        ('method = "product"\nabbreviation = ""\nlabel = "x"', "methods[0].abbreviation: must"),
        ('method = "product"\nabbreviation = "LONGERTHAN8"\nlabel = "x"', "at most 8"),
    ],
)
def test_a_method_key_that_cannot_be_read_one_way_is_refused(
    tmp_path: Path, key: str, expected: str
) -> None:
    problems = problems_of(tmp_path, GOOD.replace("level = 2", f"level = 2\n[[methods]]\n{key}"))
    assert any(expected in p for p in problems), problems


def test_a_method_named_twice_is_refused(tmp_path: Path) -> None:
    line = '\n[[methods]]\nmethod = "product"\nabbreviation = "EP"\nlabel = "Products"\n'
    head, rest = GOOD.split("[[learning_outcomes]]", 1)
    problems = problems_of(tmp_path, head + line + line + "[[learning_outcomes]]" + rest)
    assert "methods[1]: the method product is named twice" in problems


def test_a_first_format_unit_lists_the_new_keys_at_their_defaults() -> None:
    catalogue = load_catalogue([paths.builtin_units_dir()])
    for unit in catalogue.units.values():
        listed = unit_listing(unit)
        assert (listed["complete"], listed["methods"]) == (True, [])
        assert "complete" not in unit_data(unit) and "methods" not in unit_data(unit)


def test_numbers_without_a_unit_sort_by_their_digits_then_letters() -> None:
    numbers = ["1.10", "1.2", "1.1.1", "1.1", "P2", "M1", "P10", "1b", "1a", "a"]
    assert sorted(numbers, key=criterion_order) == [
        "1.1",
        "1.1.1",
        "1.2",
        "1.10",
        "1a",
        "1b",
        "a",
        "M1",
        "P2",
        "P10",
    ]


def test_a_unit_without_a_title_is_named_by_its_urn_else_its_descriptor() -> None:
    knowledge = load_catalogue([paths.builtin_units_dir()]).get("cs-environment-knowledge")
    assert knowledge is not None and knowledge.title == "" and knowledge.urn == ""
    assert knowledge.unit_line(None) == "working effectively in a customer service environment"
    unit = sample_unit("three-level-kitchen")
    assert replace(unit, title="").unit_line(None) == "URN Z/999/0301"
    context = unit.qualifications[0]
    assert replace(unit, title="").unit_line(context) == "Unit 301 URN Z/999/0301"
    assert unit.unit_line(context) == "Unit 301 Keep a commercial kitchen safe and clean"


def test_in_a_graded_unit_every_criterion_has_a_grade(tmp_path: Path) -> None:
    text = (TEST_UNITS / "graded-events.toml").read_text(encoding="utf-8")
    without = text.replace(
        'text = "Compare two events and how each was planned"\ngrade = "merit"',
        'text = "Compare two events and how each was planned"',
    )
    assert without != text
    assert problems_of(tmp_path, without) == [
        "LO 1, AC M1, grade: has no grade: in a graded unit every criterion has one "
        '(grade = "pass", "merit" or "distinction")'
    ]
    wrong = text.replace('grade = "distinction"', 'grade = "excellent"')
    assert any(
        p.startswith("LO 2, AC D1, grade: Input should be") for p in problems_of(tmp_path, wrong)
    )


def test_a_graded_unit_round_trips_and_an_ungraded_one_has_no_grade_key() -> None:
    unit = sample_unit("graded-events")
    assert unit_from_json(unit_to_json(unit)) == unit
    assert unit_data(unit)["learning_outcomes"][0]["criteria"][0]["grade"] == "pass"
    kitchen = unit_data(sample_unit("three-level-kitchen"))
    assert all("grade" not in c for lo in kitchen["learning_outcomes"] for c in lo["criteria"])
