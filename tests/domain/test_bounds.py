"""The rules that keep a sheet displayable and bounded: safe text, dates from 1900, the size of
a drawn signature and of a sheet; and the evidence checks take time linear in the rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ercsheet.catalogue.model import Unit
from ercsheet.domain import evidence_rules, rules
from ercsheet.domain.dates import uk
from ercsheet.domain.rules import Rule
from ercsheet.domain.sheet import (
    MAX_EVIDENCE_ROWS,
    MAX_SIGNATURE_POINTS,
    MAX_SIGNATURE_STROKES,
    MAX_STROKE_POINTS,
    SheetContent,
    Signature,
    Stroke,
)
from ercsheet.domain.text import unsafe_text_problem
from ercsheet.domain.vocabulary import Role, SignatureKind
from tests.conftest import TODAY
from tests.factories import make_unit, row, sheet, sign

UNSAFE = [
    "\x1b[31mred",  # ESC: a terminal colour sequence
    "\x1b]0;title\x07",  # OSC: retitles the terminal window
    "nul\x00",
    "bell\x07",
    "\x9bcsi",  # C1 control sequence introducer
    "del\x7f",
    "over\rwrite",
    "\u202eevil",  # right-to-left override
    "\u202aembed",
    "\u2066isolate\u2069",
    "lone\udc00",  # half of a surrogate pair: not a character
]
SAFE = [
    "Siân Ní Bhriain",
    "Łukasz Żółć",
    "Dafydd ap Gruffŵdd",
    "Zoë Ødegård",
    "שלום",
    "مرحبا",
    "👩🏽‍🏫",
]


@pytest.mark.parametrize("value", UNSAFE)
def test_control_and_direction_characters_are_refused_in_any_field(value: str) -> None:
    for multiline in (False, True):
        problem = unsafe_text_problem("candidate.name", value, multiline=multiline)
        assert problem is not None and problem.rule is Rule.SAFE_TEXT
        assert problem.path == "candidate.name"
        assert "U+" in problem.message and "Remove it" in problem.message


@pytest.mark.parametrize("value", SAFE)
def test_names_in_any_script_are_safe(value: str) -> None:
    assert unsafe_text_problem("candidate.name", value) is None


def test_tabs_and_line_breaks_only_in_multi_line_text() -> None:
    for value in ("two\nlines", "a\ttab", "windows\r\nline"):
        assert unsafe_text_problem("evidence[0].notes", value, multiline=True) is None
        assert unsafe_text_problem("evidence[0].ref", value) is not None


def test_every_text_field_of_a_sheet_is_checked() -> None:
    unit = make_unit()
    bad = "E\x1b[2J"
    rows = [
        row("E01", ["1.1"]),
        row(bad, ["1.2"]),
        row("E03", ["1.3"], title="ok\u202etitle"),
    ]
    content = sheet(unit, rows, [sign(Role.CANDIDATE, TODAY, name="Pat\x07")])
    content = replace(content, candidate=replace(content.candidate, centre_number="1\x00"))
    found = {(p.path, p.rule) for p in rules.check_sheet(content, TODAY)}
    assert ("evidence[1].ref", Rule.SAFE_TEXT) in found
    assert ("evidence[2].title", Rule.SAFE_TEXT) in found
    assert ("candidate.centre_number", Rule.SAFE_TEXT) in found
    assert ("signatures[0]", Rule.SAFE_TEXT) in found


def test_dates_before_1900_are_refused_and_print_with_four_digit_years() -> None:
    unit = make_unit()
    early = dt.date(1, 1, 1)
    assert uk(early) == "01/01/0001"
    [problem] = rules.check_sheet(sheet(unit, [row("E01", ["1.1"], date=early)]), TODAY)
    assert problem.rule is Rule.EARLY_DATE and problem.path == "evidence[0]"
    assert "01/01/0001 is before 1900" in problem.message
    problems = rules.check_signature(with_evidence(unit), sign(Role.CANDIDATE, early), TODAY)
    assert [p.rule for p in problems] == [Rule.EARLY_DATE]
    assert (
        rules.check_signature(with_evidence(unit), sign(Role.CANDIDATE, dt.date(1900, 1, 1)), TODAY)
        == []
    )


def with_evidence(unit: Unit) -> SheetContent:
    """A sheet with one item: a signature is for evidence (an empty sheet is refused)."""
    return sheet(unit, [row("E01", ["1.1"])])


def drawn(strokes: list[Stroke]) -> Signature:
    return Signature(Role.CANDIDATE, "Siân", TODAY, SignatureKind.DRAWN, tuple(strokes))


def line(points: int) -> Stroke:
    return tuple((i / max(points, 1), 0.5) for i in range(points))


@pytest.mark.parametrize(
    ("strokes", "says"),
    [
        ([], "needs at least one stroke"),
        ([line(3), ()], "Stroke 2 of the signature has no points"),
        ([line(MAX_STROKE_POINTS + 1)], f"{MAX_STROKE_POINTS + 1:,} points; a stroke has at most"),
        ([line(1)] * (MAX_SIGNATURE_STROKES + 1), "strokes; a signature has at most"),
        (
            [line(MAX_STROKE_POINTS)] * (MAX_SIGNATURE_POINTS // MAX_STROKE_POINTS + 1),
            "points; a signature has at most",
        ),
    ],
)
def test_a_drawn_signature_is_not_empty_and_within_the_limits(
    strokes: list[Stroke], says: str
) -> None:
    [problem] = rules.check_signature(with_evidence(make_unit()), drawn(strokes), TODAY)
    assert problem.rule is Rule.SIGNATURE_SIZE
    assert says in problem.message


def test_a_drawn_signature_at_the_limits_is_accepted() -> None:
    strokes = [line(MAX_STROKE_POINTS)] * (MAX_SIGNATURE_POINTS // MAX_STROKE_POINTS)
    assert rules.check_signature(with_evidence(make_unit()), drawn(strokes), TODAY) == []


def test_a_sheet_holds_at_most_the_row_limit() -> None:
    unit = make_unit()
    rows = [row(f"E{i}", ["1.1"]) for i in range(MAX_EVIDENCE_ROWS)]
    assert evidence_rules.check_evidence(sheet(unit, rows), TODAY) == []
    more = evidence_rules.check_evidence(sheet(unit, [*rows, row("one more", ["1.1"])]), TODAY)
    assert [(p.rule, p.path) for p in more] == [(Rule.SHEET_SIZE, "evidence")]
    [added] = evidence_rules.check_evidence_row(unit, row("one more"), rows, TODAY)
    assert added.rule is Rule.SHEET_SIZE


@given(refs=st.lists(st.sampled_from(["E01", "e01 ", "E02", " e02", "E03", "", " "]), max_size=8))
def test_the_one_pass_check_agrees_with_checking_each_row_against_the_rows_before(
    refs: list[str],
) -> None:
    unit = make_unit()
    content = sheet(unit, [row(ref, ["1.1"]) for ref in refs])
    one_pass = evidence_rules.check_evidence(content, TODAY)
    row_by_row = [
        problem
        for index, item in enumerate(content.evidence)
        for problem in evidence_rules.check_evidence_row(
            unit, item, content.evidence[:index], TODAY, f"evidence[{index}]"
        )
    ]
    assert one_pass == row_by_row


def test_checking_rows_compares_each_reference_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check was quadratic (each row compared with every earlier one: 20,000 rows took
    minutes); now each reference is normalised once and looked up in a set."""
    unit = make_unit()
    calls = 0
    normalise = evidence_rules.reference_key

    def counted(ref: str) -> str:
        nonlocal calls
        calls += 1
        return normalise(ref)

    monkeypatch.setattr(evidence_rules, "reference_key", counted)
    rows = [row(f"E{i:05}", ["1.1"]) for i in range(MAX_EVIDENCE_ROWS)]
    rules.check_sheet(sheet(unit, rows, [sign(Role.CANDIDATE, TODAY)]), TODAY)
    assert calls == MAX_EVIDENCE_ROWS


def test_nobody_signs_for_evidence_that_is_not_there() -> None:
    """The candidate declares "the evidence provided is a result of my own work": on a sheet with
    no evidence that says nothing, and the first item added would void it."""
    [problem] = rules.check_signature(sheet(make_unit()), sign(Role.CANDIDATE, TODAY), TODAY)
    assert problem.rule is Rule.NO_EVIDENCE
    assert problem.message == (
        "The sheet has no evidence yet: add the evidence items before the candidate signs."
    )
