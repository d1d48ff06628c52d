"""A sheet's copy of its unit against the unit's current file: criteria added, removed and
reworded, outcomes and other fields, in words; the ticks that would be dropped."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import fields

from hypothesis import given
from hypothesis import strategies as st

from ercsheet.catalogue.model import Criterion, LearningOutcome, Unit, UnitRules
from ercsheet.domain.problems import Rule
from ercsheet.domain.unit_update import (
    UNIT_WORDS,
    Difference,
    DroppedTick,
    dropped_ticks_problem,
    unit_changes,
)
from tests.factories import incomplete, make_unit, row, with_criterion, without_criterion


def test_the_same_unit_has_no_changes() -> None:
    unit = make_unit()
    changes = unit_changes(unit, unit, [row("E01", ["1.1"])])
    assert not changes.any and changes.summary() == "" and changes.differences == []


def test_an_incomplete_transcription_completed_adds_its_criteria_and_completes() -> None:
    current = make_unit()
    changes = unit_changes(incomplete(current), current)
    assert [c.number for c in changes.added] == ["3.1", "3.2", "3.3", "3.4"]
    assert changes.completes and not changes.incomplete
    assert changes.others == (Difference("Every criterion transcribed", "no", "yes"),)
    assert changes.summary() == "4 criteria added; other details changed"
    assert Difference("AC 3.1", "", "Criterion 3.1", item=True) in changes.differences
    assert changes.sections() == [
        (
            "Criteria added",
            [f"AC 3.{n} added: Criterion 3.{n}" for n in range(1, 5)],
        ),
        ("Other details of the unit", ["Every criterion transcribed: no → yes"]),
    ]


def test_a_reworded_criterion_says_its_old_and_new_text() -> None:
    kept = make_unit()
    current = with_criterion(kept, "1.2", text="Criterion 1.2, corrected")
    changes = unit_changes(kept, current)
    assert changes.reworded == (
        Difference("AC 1.2", "Criterion 1.2", "Criterion 1.2, corrected", item=True),
    )
    assert changes.sections() == [
        ("Criteria reworded", ["AC 1.2 reworded: “Criterion 1.2” → “Criterion 1.2, corrected”"])
    ]
    assert changes.summary() == "1 criterion reworded"
    assert not changes.added and not changes.removed and not changes.completes


def test_a_removed_criterion_names_the_ticks_it_would_drop() -> None:
    kept = make_unit()
    current = without_criterion(kept, "3.4")
    evidence = [row("E01", ["3.4", "1.1", "3.3"]), row("E02", ["1.2"]), row("E03", ["3.4"])]
    changes = unit_changes(kept, current, evidence)
    assert [c.number for c in changes.removed] == ["3.4"]
    assert changes.dropped == (DroppedTick("E01", "3.4"), DroppedTick("E03", "3.4"))
    problem = dropped_ticks_problem(changes.dropped)
    assert problem.rule is Rule.UNIT_UPDATE and problem.blocking
    assert "drops 2 ticks (E01 × 3.4, E03 × 3.4)" in problem.message


def test_learning_outcomes_added_removed_and_retitled() -> None:
    kept = make_unit()
    first, _second, third = kept.learning_outcomes
    fourth = LearningOutcome("4", "Outcome 4", (Criterion("4.1", "Criterion 4.1"),))
    current = dataclasses.replace(
        kept,
        learning_outcomes=(
            dataclasses.replace(first, title="Outcome 1, corrected", knowledge="• Hazards"),
            third,
            fourth,
        ),
    )
    changes = unit_changes(kept, current)
    assert changes.outcomes == (
        Difference("LO 1 title", "Outcome 1", "Outcome 1, corrected"),
        Difference("LO 1 knowledge, understanding and skills", "", "• Hazards"),
        Difference("LO 4", "", "Outcome 4", item=True),
        Difference("LO 2", "Outcome 2", "", item=True),
    )
    assert [str(d) for d in changes.outcomes] == [
        "LO 1 title: Outcome 1 → Outcome 1, corrected",
        "LO 1 knowledge, understanding and skills: (none) → • Hazards",
        "LO 4 added: Outcome 4",
        "LO 2 removed: Outcome 2",
    ]
    assert [c.number for c in changes.removed] == ["2.1", "2.2", "2.3"]
    assert [c.number for c in changes.added] == ["4.1"]


def test_a_criterion_s_own_details_and_its_outcome() -> None:
    kept = make_unit()
    last = kept.criterion("3.4")
    assert last is not None
    moved = dataclasses.replace(
        kept,
        learning_outcomes=(
            kept.learning_outcomes[0],
            dataclasses.replace(
                kept.learning_outcomes[1],
                criteria=(*kept.learning_outcomes[1].criteria, last),
            ),
            dataclasses.replace(
                kept.learning_outcomes[2], criteria=kept.learning_outcomes[2].criteria[:3]
            ),
        ),
    )
    current = with_criterion(moved, "1.1", guidance="This may include:", real_work=True)
    changes = unit_changes(kept, current)
    assert changes.criteria_details == (
        Difference("AC 1.1 guidance", "", "This may include:"),
        Difference("AC 1.1 must be assessed in real work", "no", "yes"),
        Difference("AC 3.4 listed under", "LO 3", "LO 2"),
    )
    assert not changes.added and not changes.removed
    assert changes.summary() == "details changed"


def test_the_unit_s_other_fields_in_words() -> None:
    kept = make_unit()
    current = dataclasses.replace(
        kept,
        credit=4,
        expires=dt.date(2027, 2, 28),
        rules=UnitRules(simulation_allowed=False),
        nos=("CFACSB13 Manage customer service operations",),
    )
    assert unit_changes(kept, current).others == (
        Difference("Credit value", "", "4"),
        Difference("Expiry date", "", "28/02/2027"),
        Difference(
            "National occupational standards", "", "CFACSB13 Manage customer service operations"
        ),
        Difference("Simulation allowed", "yes", "no"),
    )


def test_every_field_of_a_unit_has_words() -> None:
    named = {f.name for f in fields(Unit)} - {"id", "learning_outcomes", "rules", "declarations"}
    assert named <= set(UNIT_WORDS)


NUMBERS = ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1"]


@st.composite
def units(draw: st.DrawFn) -> Unit:
    """Units of a few outcomes, drawn from the same numbers and words, so that two drawn units
    differ in some ways and agree in others."""
    numbers = draw(st.lists(st.sampled_from(NUMBERS), unique=True))
    outcomes = draw(st.lists(st.sampled_from("123"), min_size=1, max_size=3, unique=True))
    texts = st.sampled_from(["Describe", "Explain"])
    placed: dict[str, list[Criterion]] = {lo: [] for lo in outcomes}
    for number in numbers:
        criterion = Criterion(number, draw(texts), draw(st.sampled_from(["", "Guidance"])))
        placed[draw(st.sampled_from(outcomes))].append(criterion)
    return Unit(
        id="u",
        complete=False,
        credit=draw(st.sampled_from([None, 4])),
        learning_outcomes=tuple(
            LearningOutcome(lo, draw(texts), tuple(placed[lo])) for lo in outcomes
        ),
    )


@given(kept=units(), current=units(), ticked=st.lists(st.sampled_from(NUMBERS), unique=True))
def test_every_difference_is_found_and_the_dropped_ticks_follow_the_numbers(
    kept: Unit, current: Unit, ticked: list[str]
) -> None:
    ticks = [n for n in ticked if n in kept.criterion_set]
    changes = unit_changes(kept, current, [row("E01", ticks)])
    assert changes.any == (kept != current)
    assert {c.number for c in changes.added} == current.criterion_set - kept.criterion_set
    assert {c.number for c in changes.removed} == kept.criterion_set - current.criterion_set
    assert {d.criterion for d in changes.dropped} == set(ticks) - current.criterion_set
    assert bool(changes.summary()) == changes.any
