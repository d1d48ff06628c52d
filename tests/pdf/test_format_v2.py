"""Units of format version 2 on paper: a three-level unit's ACs under their own LOs, the unit's
method key, a unit named without a title, a unit whose criteria are not all transcribed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ercsheet.catalogue.loader import Catalogue, load_catalogue
from ercsheet.catalogue.model import Grade, Unit, UnitDeclarations
from ercsheet.domain.sheet import EvidenceRow, Signature
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.pdf import wording
from ercsheet.pdf.blocks import SMALLEST_DECLARATION_SIZE
from ercsheet.pdf.fonts import fonts, width
from ercsheet.pdf.style import RIGHT
from tests.pdf.reading import flat, page_texts, placed, read, render
from tests.pdf.samples import SIGNED_ON, rows_for, unsigned

TEST_UNITS = Path(__file__).resolve().parents[1] / "units"


def sample_unit(name: str) -> Unit:
    unit = load_catalogue([TEST_UNITS]).get(name)
    assert unit is not None
    return unit


def test_a_three_level_units_acs_print_under_the_lo_they_are_listed_under() -> None:
    unit = sample_unit("three-level-kitchen")
    page = read(render([unsigned(unit, rows_for(unit, 4))])).pages[0]
    positions = {p.text: p for p in placed(page)}
    labels = [positions[lo.label] for lo in unit.learning_outcomes]
    for lo, label in zip(unit.learning_outcomes, labels, strict=True):
        columns = [positions[c.number] for c in lo.criteria]
        # The label is centred over its own columns, above them, and over no other LO's.
        assert min(c.x for c in columns) - 5 <= label.x <= max(c.x for c in columns) + 5
        assert all(label.y > c.y for c in columns)
    assert [label.x for label in labels] == sorted(label.x for label in labels)
    # LO 3 lists 301.3.2 before 301.3.1, and the grid keeps the specification's order.
    assert positions["301.3.2"].x < positions["301.3.1"].x


def test_the_units_own_method_key_prints_in_the_grid_and_the_key() -> None:
    unit = sample_unit("three-level-kitchen")
    rows = [
        EvidenceRow("E1", "Cleaning schedule", Method.PRODUCT, SIGNED_ON, frozenset({"301.2.1"})),
        EvidenceRow("E2", "Hazards", Method.QUESTION_ANSWER, SIGNED_ON, frozenset({"301.1.1"})),
        EvidenceRow("E3", "Spill", Method.OBSERVATION, SIGNED_ON, frozenset({"301.3.1"})),
    ]
    data = render([unsigned(unit, rows)])
    [text] = page_texts(data)
    assert "O = observation; EP = examination of products; OQ = oral questioning" in text
    printed = {p.text for p in placed(read(data).pages[0])}
    assert {"EP", "OQ", "O"} <= printed
    assert "P" not in printed and "Q&A" not in printed


def test_a_unit_without_a_title_is_named_on_the_form(catalogue: Catalogue) -> None:
    knowledge = catalogue.get("cs-environment-knowledge")
    assert knowledge is not None
    [text] = page_texts(render([unsigned(knowledge, [])]))
    assert "Evidence Record Sheet working effectively in a customer service environment" in text
    untitled = dataclasses.replace(sample_unit("three-level-kitchen"), title="")
    [text] = page_texts(render([unsigned(untitled, [])]))
    assert "Unit 301 URN Z/999/0301" in text


def test_a_unit_not_fully_transcribed_prints_its_columns_so_far() -> None:
    unit = sample_unit("incomplete-letters")
    page = read(render([unsigned(unit, rows_for(unit, 2))])).pages[0]
    printed = {p.text for p in placed(page)}
    assert {"LO1", "1a", "1b"} <= printed
    assert "LO2" not in printed  # no column to stand over yet
    nothing_yet = dataclasses.replace(
        unit,
        learning_outcomes=tuple(
            dataclasses.replace(lo, criteria=()) for lo in unit.learning_outcomes
        ),
    )
    [text] = page_texts(render([unsigned(nothing_yet, [])]))
    assert "Evidence reference" in text


def test_a_sheet_of_a_unit_not_fully_transcribed_says_so_under_the_unit_line() -> None:
    unit = sample_unit("incomplete-letters")
    page = read(render([unsigned(unit, rows_for(unit, 2))])).pages[0]
    positions = {p.text: p for p in placed(page)}
    note = positions[wording.INCOMPLETE_UNIT]
    line = positions[unit.descriptor]
    assert note.x == line.x and note.y < line.y  # under the unit line, where it is read
    assert note.y > positions[wording.CANDIDATE_NAME].y  # above the candidate's details
    complete = dataclasses.replace(unit, complete=True)
    [text] = page_texts(render([unsigned(complete, rows_for(unit, 2))]))
    assert "transcribed" not in text


def test_a_graded_units_grid_bands_its_criteria_by_grade() -> None:
    unit = sample_unit("graded-events")
    page = read(render([unsigned(unit, rows_for(unit, 3))])).pages[0]
    positions = {p.text: p for p in placed(page)}
    for band, criteria in unit.grid_groups:
        # "Distinction" over its one column is cut to fit it ("Distinc…").
        [label] = [
            p
            for text, p in positions.items()
            if text.rstrip("…") and band.startswith(text.rstrip("…")) and len(text) > 2
        ]
        columns = [positions[c.number] for c in criteria]
        # Each text's x is where it starts: a label wider than a number starts a little left.
        assert min(c.x for c in columns) - 12 <= label.x <= max(c.x for c in columns) + 5
    # P1, P2, P3 side by side, though P2 and P3 are listed under LO 2 after M1 of LO 1.
    order = sorted(("P1", "P2", "P3", "M1", "M2", "D1"), key=lambda n: positions[n].x)
    assert order == ["P1", "P2", "P3", "M1", "M2", "D1"]


def test_a_graded_sheet_prints_the_grade_awarded_and_the_graded_declaration() -> None:
    unit = sample_unit("graded-events")
    rows = [EvidenceRow("E1", "Plan", Method.PRODUCT, SIGNED_ON, frozenset(unit.criterion_numbers))]
    [merit] = page_texts(render([dataclasses.replace(unsigned(unit, rows), grade=Grade.MERIT)]))
    assert "Grade awarded: Merit" in merit
    assert "satisfying all of the criteria for the grade awarded in this unit." in merit
    [blank] = page_texts(render([unsigned(unit, rows)]))
    assert "Grade awarded:" in blank and "Merit Date" not in blank


def test_an_ungraded_sheet_prints_no_grade(catalogue: Catalogue) -> None:
    unit = catalogue.get("mgmt-l3-u40-f17")
    assert unit is not None
    [text] = page_texts(render([unsigned(unit, rows_for(unit, 2))]))
    assert "Grade awarded" not in text
    assert "satisfying all of the criteria for this unit." in text


def test_the_declarations_printed_follow_the_units_kind(catalogue: Catalogue) -> None:
    knowledge = catalogue.get("cs-environment-knowledge")
    assert knowledge is not None
    [text] = page_texts(render([unsigned(knowledge, rows_for(knowledge, 2))]))
    assert (
        "I confirm that the candidate has demonstrated the required knowledge and understanding "
        "by satisfying all of the criteria for this unit."
    ) in text
    assert "demonstrated competence" not in text
    mixed = sample_unit("mixed-care")
    [text] = page_texts(render([unsigned(mixed, rows_for(mixed, 2))]))
    assert "demonstrated competence and the required knowledge and understanding by" in text


def test_a_units_own_declarations_print_in_place_of_the_forms_within_the_page() -> None:
    own = UnitDeclarations(
        candidate="I confirm that this evidence is my own work and that I agree to it being "
        "shared.",
        assessor="I confirm that the evidence is valid, authentic, current and sufficient, and "
        "that the learner has met every criterion of this unit in the workplace, as the "
        "awarding body's assessment strategy requires of it.",
    )
    unit = dataclasses.replace(sample_unit("three-level-kitchen"), declarations=own)
    page = read(render([unsigned(unit, rows_for(unit, 3))])).pages[0]
    text = flat(page.extract_text())
    assert own.candidate in text and own.assessor in text
    assert "I confirm that the evidence provided is a result of my own work." not in text
    # Longer than OCR's, so smaller, but never past the page's right margin.
    statements = [p for p in placed(page) if p.text.startswith("I confirm")]
    assert len(statements) == 2
    for statement in statements:
        assert statement.size >= SMALLEST_DECLARATION_SIZE
        font = fonts().bold if "Bold" in statement.font else fonts().regular
        assert statement.x + width(statement.text, font, statement.size) <= RIGHT + 0.5


def test_a_units_own_sign_off_lines_print_under_the_ivs_signed_or_blank() -> None:
    unit = sample_unit("mixed-care")
    employer = Signature(Role.EXTRA, "Jo Bloggs", SIGNED_ON, SignatureKind.TYPED, line="employer")
    content = dataclasses.replace(unsigned(unit, rows_for(unit, 3)), signatures=(employer,))
    page = read(render([content])).pages[0]
    text = flat(page.extract_text())
    assert (
        "Signature of employer (confirming the candidate's performance at work): Jo Bloggs"
    ) in text
    assert "Signature of expert witness (if used):" in text
    positions = {p.text: p for p in placed(page)}
    iv = positions["IV initials (if sampled) and date:"]
    own = [p for p in placed(page) if p.text.startswith("Signature of e")]
    assert [p.text.split(" (")[0] for p in own] == [
        "Signature of employer",
        "Signature of expert witness",
    ]
    # Under the IV's line, one line each, above the page number.
    assert iv.y > own[0].y > own[1].y > positions["(Page 1 of 1)"].y
