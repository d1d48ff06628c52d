"""A qualification's rules of combination: a candidate's choice of units checked, and how far the
units achieved go; by example on the invented kitchen qualification, and as properties of any."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ercsheet import paths
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.qualification import (
    CreditAtLevel,
    OptionalGroup,
    Qualification,
    QualificationUnit,
)
from ercsheet.domain.combination import Credited, choice_problems, progress
from ercsheet.domain.problems import Rule

KITCHEN = load_catalogue([Path(__file__).resolve().parents[1] / "qualifications"])
LEADERSHIP = KITCHEN.qualifications["kitchen-leadership-l3"]
UNITS: Mapping[str, Credited] = KITCHEN.units
MANDATORY = ["kitchen-safety-l3", "kitchen-team-l3"]
# Two of group B (7 credits at level 3) and two of group C (6 credits): 9 + 7 + 6 = 22 credits,
# 16 of them at level 3.
VALID = ["kitchen-rota-l3", "kitchen-stock-l3", "kitchen-pastry-l2", "kitchen-allergens-l2"]


@dataclass(frozen=True)
class Facts:
    """A unit's credit and level, all the rules need of it."""

    credit: int | None
    level: int | None


def messages(chosen: list[str], qualification: Qualification = LEADERSHIP) -> list[str]:
    return [p.message for p in choice_problems(qualification, chosen, UNITS)]


def test_a_valid_choice_has_no_problems_and_completes_once_achieved() -> None:
    assert messages(VALID) == []
    started = progress(LEADERSHIP, VALID, ["kitchen-safety-l3", "kitchen-rota-l3"], UNITS)
    assert started.can_complete and not started.complete
    assert started.mandatory_achieved == ("kitchen-safety-l3",)
    assert started.mandatory_missing == ("kitchen-team-l3",)
    supervision, skills = started.groups
    assert (supervision.name, supervision.chosen, supervision.achieved) == (
        "Optional group B: supervision",
        ("kitchen-rota-l3", "kitchen-stock-l3"),
        ("kitchen-rota-l3",),
    )
    assert supervision.met and (supervision.units_needed, supervision.credit_needed) == (0, 0)
    assert (skills.achieved, skills.credit_needed, skills.met) == ((), 4, False)
    assert (started.achieved_credit, started.credit_needed) == (8, 12)
    assert (started.level_credit, started.level_credit_needed) == (8, 7)
    done = progress(LEADERSHIP, VALID, [*MANDATORY, *VALID], UNITS)
    assert done.complete
    assert (done.achieved_credit, done.credit_needed, done.level_credit) == (22, 0, 16)


def test_too_few_is_said_group_by_group_and_for_the_credit() -> None:
    title = "Invented Level 3 Diploma in Kitchen Leadership"
    assert messages([]) == [
        "Optional group B: supervision needs at least 1 unit, and none is chosen: choose 1 unit "
        "more from it.",
        "Optional group C: skills needs at least 4 credits, and the units chosen from it carry "
        "0: choose units worth 4 credits more from it.",
        f"The units chosen, with the mandatory ones, carry 9 credits, and {title} needs at "
        "least 20: choose units worth 11 credits more.",
        f"The units chosen at level 3 or above carry 9 credits, and {title} needs at least 15: "
        "choose units of level 3 or above worth 6 credits more.",
    ]


def test_too_many_and_units_from_elsewhere_are_said() -> None:
    chosen = [*VALID, "kitchen-training-l3", "kitchen-knives-l2", "mgmt-l3-u40-f17"]
    assert messages(chosen) == [
        "The unit mgmt-l3-u40-f17 is not in Invented Level 3 Diploma in Kitchen Leadership: "
        "choose from its mandatory units and optional groups.",
        "Optional group B: supervision allows at most 2 units, and 3 are chosen: leave out 1 unit.",
    ]
    supervision, skills = LEADERSHIP.groups
    narrower = replace(LEADERSHIP, groups=(supervision, replace(skills, max_credit=5)))
    assert messages(VALID, narrower) == [
        "Optional group C: skills allows at most 5 credits, and the units chosen from it carry "
        "6: leave out units worth 1 credit."
    ]
    # A mandatory unit chosen again is no problem: it is in the selection anyway.
    assert messages([*VALID, "kitchen-safety-l3"]) == []


def test_a_unit_whose_credit_is_not_known_stops_the_credit_rules() -> None:
    units = {**UNITS, "kitchen-pastry-l2": Facts(None, 2)}
    # Enough credit without it: counted as none, it would pass unseen.
    chosen = [*VALID, "kitchen-knives-l2"]
    assert messages(chosen) == []
    [problem] = choice_problems(LEADERSHIP, chosen, units)
    assert problem.message == (
        "The credit of kitchen-pastry-l2 is not known (its unit file gives none, or it is not in "
        "the catalogue): the choice cannot be checked against the qualification's credit rules "
        "until it is."
    )
    assert problem.rule is Rule.RULES_OF_COMBINATION and problem.blocking
    assert not progress(LEADERSHIP, chosen, [*MANDATORY, *chosen], units).complete


def test_a_qualification_whose_rules_are_not_transcribed_is_never_complete() -> None:
    built_in = load_catalogue([paths.builtin_units_dir()])
    for qualification in built_in.qualifications.values():
        [entry] = qualification.unplaced
        [note] = choice_problems(qualification, [entry.unit], built_in.units)
        assert not note.blocking and "rules of combination are not transcribed" in note.message
        achieved = progress(qualification, [entry.unit], [entry.unit], built_in.units)
        assert achieved.achieved_credit == 4  # the seeds' credit value of F17
        assert not achieved.can_complete and not achieved.complete


# Properties, over invented qualifications of a pool of units.

POOL = [f"u{i}" for i in range(9)]


facts = st.fixed_dictionaries(
    {
        unit: st.builds(Facts, st.integers(0, 8) | st.none(), st.integers(1, 4) | st.none())
        for unit in POOL
    }
)
known_facts = st.fixed_dictionaries(
    {unit: st.builds(Facts, st.integers(0, 8), st.integers(1, 4)) for unit in POOL}
)
bound = st.integers(0, 6) | st.none()


@st.composite
def qualifications(draw: st.DrawFn) -> Qualification:
    """A qualification of some of POOL: a few mandatory, the rest in up to three groups (or in
    none), with bounds a qualification file may give (a minimum of units its group can meet,
    each maximum at least its minimum)."""
    order = draw(st.permutations(POOL))
    places = [draw(st.integers(-1, 3)) for _ in order]  # -1: mandatory, 3: not in it
    groups = []
    for g in range(3):
        listed = tuple(QualificationUnit(u, str(i)) for i, u in enumerate(order) if places[i] == g)
        if listed:
            least_units, least_credit = draw(bound), draw(bound)
            groups.append(
                OptionalGroup(
                    title=f"Group {g}",
                    units=listed,
                    min_units=None if least_units is None else min(least_units, len(listed)),
                    max_units=_at_least(draw(bound), least_units, 1),
                    min_credit=least_credit,
                    max_credit=_at_least(draw(st.integers(0, 20) | st.none()), least_credit, 1),
                )
            )
    total = draw(st.integers(0, 40) | st.none())
    at_level = draw(st.none() | st.builds(CreditAtLevel, st.integers(1, 4), st.integers(0, 20)))
    return Qualification(
        id="invented",
        title="Invented qualification",
        awarding_body="Invented",
        level=3,
        min_credit=total,
        mandatory=tuple(QualificationUnit(u) for i, u in enumerate(order) if places[i] == -1),
        groups=tuple(groups),
        credit_at_level=at_level,
    )


def _at_least(value: int | None, least: int | None, floor: int) -> int | None:
    return None if value is None else max(value, least or 0, floor)


choices = st.lists(st.sampled_from(POOL), unique=True)


@given(qualifications(), facts, choices, choices, st.sampled_from(POOL))
def test_achieving_another_unit_never_undoes_completion(
    qualification: Qualification,
    units: dict[str, Facts],
    chosen: list[str],
    achieved: list[str],
    more: str,
) -> None:
    before = progress(qualification, chosen, achieved, units)
    after = progress(qualification, chosen, [*achieved, more], units)
    assert after.achieved_credit >= before.achieved_credit
    if before.complete:
        assert after.complete


@given(qualifications(), facts, choices)
def test_a_valid_choice_is_complete_once_all_of_it_is_achieved(
    qualification: Qualification, units: dict[str, Facts], chosen: list[str]
) -> None:
    everything = [*qualification.mandatory_ids, *chosen]
    done = progress(qualification, chosen, everything, units)
    assert done.complete == done.can_complete
    assert done.can_complete == (not choice_problems(qualification, chosen, units))


@given(qualifications(), known_facts, choices, st.data())
def test_a_choice_within_every_bound_is_valid_and_one_beyond_a_minimum_is_not(
    qualification: Qualification, units: dict[str, Facts], chosen: list[str], data: st.DataObject
) -> None:
    """Bounds drawn around what the choice carries (each minimum at most, each maximum at least
    what it has) make it valid; a group's minimum of one unit more makes it not."""
    picked = [u for u in chosen if u in qualification.unit_ids]
    selection = {*qualification.mandatory_ids, *picked}
    groups = []
    for group in qualification.groups:
        mine = [e.unit for e in group.units if e.unit in picked]
        credit = sum(units[u].credit or 0 for u in mine)
        groups.append(
            replace(
                group,
                min_units=data.draw(st.integers(0, len(mine)) | st.none()),
                max_units=data.draw(st.integers(max(1, len(mine)), 9) | st.none()),
                min_credit=data.draw(st.integers(0, credit) | st.none()),
                max_credit=data.draw(st.integers(max(1, credit), 80) | st.none()),
            )
        )
    total = sum(units[u].credit or 0 for u in selection)
    level = data.draw(st.integers(1, 4))
    high = sum(units[u].credit or 0 for u in selection if (units[u].level or 0) >= level)
    within = replace(
        qualification,
        groups=tuple(groups),
        min_credit=data.draw(st.integers(0, total) | st.none()),
        credit_at_level=data.draw(st.none() | st.just(CreditAtLevel(level, high))),
    )
    assert choice_problems(within, picked, units) == []
    outside = sorted(set(chosen) - qualification.unit_ids)
    assert [p.message.split()[2] for p in choice_problems(within, chosen, units)] == outside
    for g, group in enumerate(within.groups):
        mine = [e.unit for e in group.units if e.unit in picked]
        if len(mine) < len(group.units):
            beyond = replace(group, min_units=len(mine) + 1, max_units=None)
            wanting = replace(within, groups=(*within.groups[:g], beyond, *within.groups[g + 1 :]))
            assert choice_problems(wanting, picked, units) != []


@given(qualifications(), facts, choices, choices)
def test_units_outside_the_selection_change_nothing(
    qualification: Qualification, units: dict[str, Facts], chosen: list[str], achieved: list[str]
) -> None:
    selection = {*qualification.mandatory_ids, *chosen}
    counted = [u for u in achieved if u in selection]
    assert progress(qualification, chosen, achieved, units) == progress(
        qualification, chosen, counted, units
    )
    assert progress(qualification, list(reversed(chosen)) * 2, achieved, units) == progress(
        qualification, chosen, achieved, units
    )


@given(qualifications(), facts, choices, choices)
def test_what_remains_is_what_each_minimum_still_needs(
    qualification: Qualification, units: dict[str, Facts], chosen: list[str], achieved: list[str]
) -> None:
    found = progress(qualification, chosen, achieved, units)
    for group in found.groups:
        assert set(group.achieved) <= set(group.chosen)
        assert group.met == (group.units_needed == 0 and group.credit_needed == 0)
        least = group.group.min_units or 0
        assert group.units_needed == max(0, least - len(group.achieved))
    assert found.credit_needed == max(0, (qualification.min_credit or 0) - found.achieved_credit)
    assert set(found.mandatory_achieved) | set(found.mandatory_missing) == set(
        qualification.mandatory_ids
    )


@given(qualifications(), facts, choices)
def test_a_qualification_whose_rules_are_not_transcribed_never_says_complete(
    qualification: Qualification, units: dict[str, Facts], chosen: list[str]
) -> None:
    untranscribed = replace(qualification, complete=False)
    everything = [*qualification.mandatory_ids, *POOL]
    found = progress(untranscribed, chosen, everything, units)
    assert not found.complete and not found.can_complete
    [note] = found.choice_problems
    assert not note.blocking
