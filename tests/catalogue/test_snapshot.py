"""A unit's JSON form: the same as the validator's, read back whole, accepted by the validator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from ercsheet import paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.methods import Method
from ercsheet.catalogue.model import (
    Criterion,
    Grade,
    LearningOutcome,
    MethodName,
    QualificationContext,
    Unit,
    UnitRules,
)
from ercsheet.catalogue.snapshot import (
    SnapshotDamaged,
    unit_data,
    unit_from_json,
    unit_to_json,
)
from ercsheet.catalogue.validation import parse_unit

# Text as a unit file gives it once loaded: any characters, no surrounding spaces.
TEXT = st.text(max_size=40).map(str.strip)
WORDS = TEXT.filter(bool)


@st.composite
def units(draw: st.DrawFn) -> Unit:
    outcomes = []
    for lo in range(1, draw(st.integers(1, 4)) + 1):
        criteria = tuple(
            Criterion(f"{lo}.{ac}", draw(WORDS), draw(TEXT))
            for ac in range(1, draw(st.integers(1, 5)) + 1)
        )
        outcomes.append(LearningOutcome(str(lo), draw(WORDS), criteria))
    return Unit(
        id=draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)),
        title=draw(TEXT),
        descriptor=draw(TEXT),
        urn=draw(TEXT),
        level=draw(st.none() | st.integers(1, 8)),
        credit=draw(st.none() | st.integers(0, 999)),
        glh=draw(st.none() | st.integers(0, 9999)),
        expires=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))),
        purpose=draw(TEXT),
        nos=tuple(draw(st.lists(WORDS, max_size=3))),
        rules=UnitRules(draw(st.booleans()), draw(st.booleans())),
        qualifications=tuple(
            QualificationContext(draw(TEXT), draw(TEXT), draw(TEXT))
            for _ in range(draw(st.integers(0, 2)))
        ),
        learning_outcomes=tuple(outcomes),
    )


# The fields unit format version 2 added, left out of the JSON while they have their defaults.
ADDED_TO_UNITS = ("complete", "methods", "kind", "declarations", "sign_off")
ADDED_TO_OUTCOMES = ("knowledge", "range", "kind")
ADDED_TO_CRITERIA = ("grade", "real_work", "methods", "required_methods")


def first_format_dump(unit: Unit) -> dict[str, Any]:
    """Pydantic's JSON dump of the unit without the fields added since the first format."""
    dumped: dict[str, Any] = TypeAdapter(Unit).dump_python(unit, mode="json")
    for name in ADDED_TO_UNITS:
        del dumped[name]
    for outcome in dumped["learning_outcomes"]:
        for name in ADDED_TO_OUTCOMES:
            del outcome[name]
        for criterion in outcome["criteria"]:
            for name in ADDED_TO_CRITERIA:
                del criterion[name]
    return dumped


@given(units())
def test_the_canonical_form_of_a_first_format_unit_is_the_one_pydantic_dumped(unit: Unit) -> None:
    # Record codes were first computed over pydantic's JSON dump of the unit model, before the
    # version 2 fields existed: a unit that does not use them must give that JSON still.
    assert unit_data(unit) == first_format_dump(unit)


@given(units())
def test_a_snapshot_reads_back_as_the_unit_it_was(unit: Unit) -> None:
    assert unit_from_json(unit_to_json(unit)) == unit


@given(units())
def test_every_unit_a_snapshot_can_hold_passes_the_validator(unit: Unit) -> None:
    assert parse_unit(unit_data(unit)) == unit


def test_the_seed_units_round_trip() -> None:
    for unit in load_catalogue([paths.builtin_units_dir()]).units.values():
        assert unit_from_json(unit_to_json(unit)) == unit


@pytest.mark.parametrize(
    "text",
    ["not json", "[]", '{"id": "x"}', '{"id": "x", "learning_outcomes": [], "colour": "red"}'],
)
def test_a_damaged_snapshot_is_said_so(text: str) -> None:
    with pytest.raises(SnapshotDamaged, match="copy of its unit is damaged"):
        unit_from_json(text)


# Numbering styles of real specifications, each giving the n-th AC of LO `lo` (n from 1) a number
# unique in its unit: `1.1`, `1.1.1`, `101.1.1`, `P1`, `1a`, `a` (letters run on across LOs).
STYLES: dict[str, Callable[[int, int, int], str]] = {
    "decimal": lambda lo, n, k: f"{lo}.{n}",
    "three-level": lambda lo, n, k: f"{lo}.1.{n}",
    "unit-outcome-item": lambda lo, n, k: f"101.{lo}.{n}",
    "graded": lambda lo, n, k: f"{'PMD'[n % 3]}{k}",
    "lo-letter": lambda lo, n, k: f"{lo}{chr(96 + n)}",
    "letter": lambda lo, n, k: chr(96 + k) if k <= 26 else f"z{k}",
}
GRADES = {"P": Grade.PASS, "M": Grade.MERIT, "D": Grade.DISTINCTION}
OUTCOME_NUMBERS: list[Callable[[int], str]] = [str, lambda i: chr(64 + i), lambda i: f"101.{i}"]


@st.composite
def second_format_units(draw: st.DrawFn) -> Unit:
    """Units that use what format version 2 adds: any numbering, LO text, an incomplete
    transcription with LOs still empty, the unit's own names for methods."""
    base = draw(units())
    style = STYLES[draw(st.sampled_from(sorted(STYLES)))]
    outcome_number = draw(st.sampled_from(OUTCOME_NUMBERS))
    complete = draw(st.booleans())
    outcomes, k = [], 0
    for lo in range(1, draw(st.integers(1, 4)) + 1):
        criteria = []
        for n in range(1, draw(st.integers(0 if not complete else 1, 5)) + 1):
            k += 1
            number = style(lo, n, k)
            # A graded unit's criteria each have the grade their letter says; others none.
            grade = GRADES.get(number[0]) if style is STYLES["graded"] else None
            criteria.append(Criterion(number, draw(WORDS), draw(TEXT), grade))
        outcomes.append(
            LearningOutcome(
                outcome_number(lo), draw(WORDS), tuple(criteria), draw(TEXT), draw(TEXT)
            )
        )
    methods = draw(st.lists(st.sampled_from(list(Method)), unique=True, max_size=3))
    return replace(
        base,
        learning_outcomes=tuple(outcomes),
        complete=complete,
        methods=tuple(MethodName(method, f"Z{i}", draw(WORDS)) for i, method in enumerate(methods)),
    )


@given(second_format_units())
def test_any_numbering_style_round_trips_through_the_snapshot(unit: Unit) -> None:
    assert unit_from_json(unit_to_json(unit)) == unit
    assert parse_unit(unit_data(unit)) == unit


@given(second_format_units())
def test_a_version_2_field_is_in_the_json_exactly_when_it_is_used(unit: Unit) -> None:
    data = unit_data(unit)
    assert ("complete" in data) == (not unit.complete)
    assert ("methods" in data) == bool(unit.methods)
    for outcome, written in zip(unit.learning_outcomes, data["learning_outcomes"], strict=True):
        assert ("knowledge" in written) == bool(outcome.knowledge)
        assert ("range" in written) == bool(outcome.range)
        for criterion, dumped in zip(outcome.criteria, written["criteria"], strict=True):
            assert ("grade" in dumped) == (criterion.grade is not None)
