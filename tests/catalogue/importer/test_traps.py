"""Each trap of real specifications (issue 17), in a few lines of invented text: what the
importer must make of it, and that it invents nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from ercsheet.catalogue.importer.parse import parse_text
from ercsheet.catalogue.importer.result import ParsedUnit, to_unit_data

TABLE = "Learning Outcomes Assessment Criteria Exemplification\n"


def table(*lines: str) -> ParsedUnit:
    return parse_text(
        "Unit Title: A unit\n\n" + TABLE + "\n".join(lines) + "\n\nAssessment\n\nDone.\n"
    )


def criteria(unit: ParsedUnit) -> dict[str, tuple[str, str]]:
    return {c.number: (lo.number, c.text) for lo in unit.learning_outcomes for c in lo.criteria}


def test_a_flattened_three_column_table_is_told_apart_by_numbers_and_sentences() -> None:
    unit = table(
        "1 Be able to plan a",
        "planting scheme",
        "1.1 Choose plants for",
        "the site",
        "1.2 Draw the scheme to",
        "scale",
        "Choices may include:",
        "• native plants",
        "Scales may include:",
        "• 1:50",
    )
    assert unit.learning_outcomes[0].title == "Be able to plan a planting scheme"
    assert criteria(unit) == {
        "1.1": ("1", "Choose plants for the site"),
        "1.2": ("1", "Draw the scheme to scale"),
    }
    # Two blocks opened alike for two ACs: placed in order.
    assert [c.guidance for c in unit.criteria] == [
        "Choices may include:\n• native plants",
        "Scales may include:\n• 1:50",
    ]


def test_guidance_that_cannot_be_told_apart_is_kept_on_the_lo_and_marked() -> None:
    unit = table(
        "1 Know the soils",
        "1.1 Name soil types",
        "1.2 State how soils drain",
        "Clay holds water longer than sand.",
    )
    assert [c.guidance for c in unit.criteria] == ["", ""]
    assert unit.learning_outcomes[0].unplaced_guidance == "Clay holds water longer than sand."
    assert any(m.field == "LO 1" and "place it by hand" in m.reason for m in unit.unsure)


def test_an_ac_continued_after_the_next_acs_number_goes_back_to_it() -> None:
    unit = table(
        "1 Be able to store tools",
        "1.1 Keep tools stored so that",
        "1.2 Clean tools after use.",
        "they do not create hazards",
    )
    assert criteria(unit)["1.1"][1] == "Keep tools stored so that they do not create hazards"
    assert criteria(unit)["1.2"][1] == "Clean tools after use."


def test_an_lo_title_after_its_acs_is_its_title() -> None:
    unit = table(
        "1.1 Lay a path",
        "1.2 Edge a lawn",
        "1 Be able to carry out",
        "hard landscaping",
        "2.1 Name paving materials",
        "2 Know the materials",
    )
    assert [(lo.number, lo.title) for lo in unit.learning_outcomes] == [
        ("1", "Be able to carry out hard landscaping"),
        ("2", "Know the materials"),
    ]
    assert criteria(unit)["1.2"] == ("1", "Edge a lawn")


def test_acs_out_of_order_are_assigned_by_number_and_put_in_order() -> None:
    unit = table(
        "1 Know the tools",
        "1.2 Describe a spade",
        "2.1 Use a rake",
        "1.1 Describe a fork",
        "2 Be able to use tools",
    )
    assert [(lo.number, [c.number for c in lo.criteria]) for lo in unit.learning_outcomes] == [
        ("1", ["1.1", "1.2"]),
        ("2", ["2.1"]),
    ]


def test_footers_page_numbers_and_a_repeated_header_are_taken_out() -> None:
    header = "Unit 7 Plant a hedge"
    text = (
        f"{header}\nUnit Title: Plant a hedge\n\n{TABLE}1 Be able to plant a hedge\n"
        "1.1 Set out the line of\n© OCR 2010 1\n2\f"
        f"{header}\n{TABLE}the hedge\n1.2 Plant the whips\n© OCR 2010 2\n3\f"
        f"{header}\n2 Know hedge species\n2.1 Name three species\n© OCR 2010 3\n"
    )
    unit = parse_text(text)
    assert criteria(unit) == {
        "1.1": ("1", "Set out the line of the hedge"),
        "1.2": ("1", "Plant the whips"),
        "2.1": ("2", "Name three species"),
    }
    # "2" and "3" at the pages' feet were page numbers, not LOs with the next line as a title.
    assert [lo.title for lo in unit.learning_outcomes] == [
        "Be able to plant a hedge",
        "Know hedge species",
    ]
    assert unit.title == "Plant a hedge"


def test_a_page_printed_twice_is_read_once() -> None:
    page2 = f"{TABLE}2 Know the weather\n2.1 Read a forecast\n"
    text = f"Unit Title: Weather\n\n{TABLE}1 Plan work\n1.1 Make a plan\n\f{page2}\f{page2}"
    unit = parse_text(text)
    assert list(criteria(unit)) == ["1.1", "2.1"]
    assert unit.unsure == []


def test_an_ac_given_twice_differently_is_kept_once_and_marked() -> None:
    unit = table("1 Plan work", "1.1 Make a plan", "1.1 Make a different plan")
    assert criteria(unit)["1.1"][1] == "Make a plan"
    assert any(m.field == "AC 1.1" for m in unit.unsure)


def test_hyphenated_and_split_words_are_rejoined() -> None:
    unit = table(
        "1 Be able to prune",
        "1.1 Prune to the organisa-",
        "tion's standard",
        "1.2 Keep a record of the opera",
        "tion carried out",
    )
    assert criteria(unit)["1.1"][1] == "Prune to the organisation's standard"
    assert criteria(unit)["1.2"][1] == "Keep a record of the operation carried out"


def test_private_use_and_stray_bullets_become_bullets() -> None:
    unit = table(
        "1 Know pests",
        "1.1 Name common pests",
        "Pests may include:",
        "\uf0b7 aphids",
        "® slugs",
        "(cid:127) vine weevil",
    )
    assert unit.criteria[0].guidance == "Pests may include:\n• aphids\n• slugs\n• vine weevil"


def test_labels_and_values_in_separate_blocks_are_paired_in_order_and_marked() -> None:
    unit = parse_text(
        "Unit Title: Mow a lawn\nLevel:\nCredit value:\nGuided learning hours:\n\n2\n3\n20\n"
        "Unit expiry date:\n\n31/07/2027\n"
    )
    assert (unit.level, unit.credit, unit.glh) == (2, 3, 20)
    assert {m.field for m in unit.unsure} >= {"level", "credit", "glh"}
    # A value on the line after its own label, nothing between: sure.
    assert unit.expires == dt.date(2027, 7, 31)
    assert "expires" not in {m.field for m in unit.unsure}


def test_a_label_without_a_value_stays_empty_and_is_marked() -> None:
    unit = parse_text(
        "Unit Title: Mow a lawn\nLevel:\n\nUnit purpose and aim\n\nThis unit is about mowing.\n"
    )
    assert unit.level is None
    assert unit.purpose == "This unit is about mowing."
    assert any(m.field == "level" for m in unit.unsure)


def test_guidance_sentences_that_read_like_acs_are_guidance() -> None:
    unit = table(
        "1 Know the machines",
        "1.1 Describe how a mower works",
        "Explain the safety cut-out to the learner.",
        "Describe the blade guard.",
    )
    assert list(criteria(unit)) == ["1.1"]
    assert "Explain the safety cut-out" in unit.criteria[0].guidance


def test_rule_sentences_naming_acs_do_not_make_acs_or_whole_unit_rules() -> None:
    unit = parse_text(
        f"Unit Title: Fell a tree\n\n{TABLE}1 Be able to fell\n1.1 Plan the fall\n"
        "1.2 Make the cut\n\n"
        "Assessment\n\nSimulation is not allowed for AC 1.2. Criterion 1.1 may be simulated.\n\n"
        "Evidence requirements\n\nThe line manager must sign each sheet.\n"
    )
    assert list(criteria(unit)) == ["1.1", "1.2"]
    assert unit.simulation_allowed  # only 1.2 is ruled out: on 1.2, not on the unit
    assert [(c.number, c.real_work) for c in unit.criteria] == [("1.1", False), ("1.2", True)]
    assert [(r.criteria, r.rule) for r in unit.criterion_rules] == [(("1.2",), "no simulation")]
    assert [str(m) for m in unit.unsure if m.field == "rules.simulation_allowed"] == [
        "Simulation: ruled out for AC 1.2 only — written as “real work” on AC 1.2, so "
        "simulation cannot evidence it; the unit still allows it for the others; check. The "
        "specification says “Simulation is not allowed for AC 1.2”."
    ]
    assert unit.line_manager_signature


def test_a_real_work_sentence_naming_acs_is_written_on_them_and_only_them() -> None:
    unit = parse_text(
        f"Unit Title: Fell a tree\n\n{TABLE}1 Be able to fell\n1.1 Plan the fall\n"
        "1.2 Make the cut\n1.3 Clear the site\n\n"
        "Assessment\n\nLearners must show all the criteria in real work. ACs 1.1 and 1.3 must "
        "be assessed in the workplace. Simulation is not allowed for AC 1.7.\n"
    )
    # "all the criteria" names none: nothing is written for it, nor for an AC not there.
    assert [c.number for c in unit.criteria if c.real_work] == ["1.1", "1.3"]
    assert unit.simulation_allowed
    assert [m.reason for m in unit.unsure if m.field == "rules.simulation_allowed"] == [
        "real work asked for AC 1.1 and 1.3 only — written as “real work” on AC 1.1 and 1.3, so "
        "simulation cannot evidence them; the unit still allows it for the others; check. The "
        "specification says “ACs 1.1 and 1.3 must be assessed in the workplace”.",
        "ruled out for AC 1.7 only — nothing written; AC 1.7 was not found to write it on; "
        "check. The specification says “Simulation is not allowed for AC 1.7”.",
    ]
    data = to_unit_data(unit)
    assert [c.get("real_work") for c in data["learning_outcomes"][0]["criteria"]] == [
        True,
        None,
        True,
    ]


@pytest.mark.parametrize(
    "said",
    [
        "This is a knowledge unit.",
        "This unit is a knowledge-based unit.",
        "This unit is knowledge-based and is assessed by written questions.",
        "This unit assesses knowledge and understanding only.",
        "Unit type: Knowledge",
    ],
)
def test_a_unit_that_says_it_assesses_knowledge_is_a_knowledge_unit(said: str) -> None:
    unit = parse_text(
        f"Unit Title: Know the mower\n{said}\n\n{TABLE}1 Understand mowers\n"
        "1.1 Describe how a mower works\n"
    )
    assert unit.kind == "knowledge"
    assert [m for m in unit.unsure if m.field == "kind"] == []
    assert to_unit_data(unit)["kind"] == "knowledge"


def test_a_unit_s_kind_is_never_guessed_from_its_wording() -> None:
    unit = parse_text(
        f"Unit Title: Know the mower\nThis unit aims to develop knowledge and understanding of "
        f"mowers. Learners taking a knowledge-based unit may use notes.\n\n{TABLE}"
        "1 Understand mowers\n1.1 Describe how a mower works\n"
    )
    assert unit.kind == ""
    assert [m for m in unit.unsure if m.field == "kind"] == []
    assert "kind" not in to_unit_data(unit)


def test_a_heading_alone_or_two_kinds_said_are_marked() -> None:
    heading = parse_text(
        f"Knowledge unit\nUnit Title: Know the mower\n\n{TABLE}1 Understand mowers\n"
        "1.1 Describe how a mower works\n"
    )
    assert heading.kind == "knowledge"
    assert [str(m) for m in heading.unsure if m.field == "kind"] == [
        "What the unit assesses: knowledge, from the heading “Knowledge unit” alone; check it "
        "is this unit's."
    ]
    both = parse_text(
        f"Unit Title: Know the mower\nThis is a knowledge unit. This unit is competence-based."
        f"\n\n{TABLE}1 Understand mowers\n1.1 Describe how a mower works\n"
    )
    assert both.kind == ""
    assert [m.reason for m in both.unsure if m.field == "kind"] == [
        "the specification says both “This is a knowledge unit” and “This unit is "
        "competence-based”; left as competence, the default."
    ]


def test_a_value_in_a_mark_is_quoted_as_written_not_as_python_shows_it() -> None:
    unit = parse_text("Unit Title: Fell a tree\nLevel: Three's\n")
    assert "Level: “Three's” is not a whole number ercsheet can hold; left empty." in [
        str(m) for m in unit.unsure
    ]


def test_a_whole_unit_rule_sentence_sets_the_rule() -> None:
    unit = parse_text("Evidence requirements\n\nSimulation is not allowed for this unit.\n")
    assert not unit.simulation_allowed


def test_a_scanning_error_in_a_code_is_judged_by_the_shape_of_the_others() -> None:
    unit = parse_text(
        "National Occupational Standards (NOS) mapping/signposting\n\n"
        "LANGC12 Prepare work areas\nLAMGC14 Report incidents\nLANGC13 Work safely\n"
    )
    assert unit.nos == [
        "LANGC12 Prepare work areas",
        "LANGC14 Report incidents",
        "LANGC13 Work safely",
    ]
    assert [m.field for m in unit.unsure if m.field == "nos"] == ["nos"]


def test_a_urn_with_letters_for_digits_is_read_and_marked() -> None:
    unit = parse_text("Unit reference number: K/6l5/OO42\n")
    assert unit.urn == "K/615/0042"
    assert any(m.field == "urn" for m in unit.unsure)


def test_nothing_is_invented_from_text_that_says_nothing() -> None:
    unit = parse_text("Some notes about a garden.\nNothing here is a unit.\n")
    assert (unit.title, unit.urn, unit.level, unit.nos, unit.learning_outcomes) == (
        "",
        "",
        None,
        [],
        [],
    )
    assert {m.field for m in unit.unsure} == {"title", "learning_outcomes"}


def test_a_level_that_is_not_a_number_is_left_empty_and_marked() -> None:
    unit = parse_text("Level: Entry 3\n")
    assert unit.level is None
    assert any(m.field == "level" for m in unit.unsure)


def test_other_awarding_bodies_labels_are_read() -> None:
    """Pearson's "Unit code", City & Guilds' "UAN", VTCT's "Unit reference": the value's shape
    says whether it is a URN or the unit's number."""
    pearson = parse_text("Title: Lay a patio\nUnit code: T/615/1234\nUnit level: 2\nGLH: 30\n")
    assert (pearson.title, pearson.urn, pearson.level, pearson.glh) == (
        "Lay a patio",
        "T/615/1234",
        2,
        30,
    )
    guilds = parse_text("UAN: A/600/1234\nUnit number: 201\n")
    assert (guilds.urn, guilds.qualifications[0].unit_number) == ("A/600/1234", "201")
    vtct = parse_text(
        "Unit reference: F/601/0001\nUnit introduction\n\nThis unit is about skin care.\n"
    )
    assert (vtct.urn, vtct.purpose) == ("F/601/0001", "This unit is about skin care.")


def test_a_unit_heading_with_its_number_and_outcomes_named_so() -> None:
    unit = parse_text(
        "Unit 201: Work safely in a garden centre\nUAN: T/600/1234\n\n"
        f"{TABLE}Outcome 1 Know the hazards of a garden centre\n1.1 Name the hazards\n"
        "2 or more examples are expected.\n"
    )
    assert (unit.title, unit.qualifications[0].unit_number) == (
        "Work safely in a garden centre",
        "201",
    )
    assert [(lo.number, lo.title) for lo in unit.learning_outcomes] == [
        ("1", "Know the hazards of a garden centre")
    ]
    assert unit.criteria[0].text == "Name the hazards"
