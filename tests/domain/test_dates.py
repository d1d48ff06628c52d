"""Dates typed as UK assessors type them: day first, the month as a number or a name, the year
optional (this year) or in two digits (this century)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ercsheet.domain import evidence_rules
from ercsheet.domain.dates import parse_typed, uk
from ercsheet.domain.rules import Rule
from tests.factories import make_unit, row

TODAY = dt.date(2026, 11, 23)
ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
dates = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("5/10/2026", dt.date(2026, 10, 5)),
        ("05/10/26", dt.date(2026, 10, 5)),
        ("5 Oct", dt.date(2026, 10, 5)),
        ("5 oct 2025", dt.date(2025, 10, 5)),
        ("5th October", dt.date(2026, 10, 5)),
        ("1st Sept 26", dt.date(2026, 9, 1)),
        ("5.10", dt.date(2026, 10, 5)),
        ("5-10-2026", dt.date(2026, 10, 5)),
        ("  5 / 10 / 2026 ", dt.date(2026, 10, 5)),
        ("051026", dt.date(2026, 10, 5)),
        ("05102026", dt.date(2026, 10, 5)),
        ("0510", dt.date(2026, 10, 5)),
        ("2026-10-05", dt.date(2026, 10, 5)),
        ("3/2", dt.date(2026, 2, 3)),  # day first: 3 February, never 2 March
    ],
)
def test_what_assessors_type(typed: str, meant: dt.date) -> None:
    assert parse_typed(typed, TODAY) == meant


@pytest.mark.parametrize(
    "typed",
    ["", "  ", "31/02/2026", "13/13/2026", "5 Foo", "yesterday", "5/10/202", "1/2/3/4", "x"],
)
def test_what_is_not_a_date_says_how_to_type_one(typed: str) -> None:
    with pytest.raises(ValueError, match="date") as refused:
        parse_typed(typed, TODAY)
    assert "day" in str(refused.value)


@given(dates)
def test_every_written_form_reads_back(date: dt.date) -> None:
    assert parse_typed(uk(date), TODAY) == date
    assert parse_typed(f"{date.day}/{date.month}/{date.year}", TODAY) == date
    assert parse_typed(date.isoformat(), TODAY) == date
    assert parse_typed(f"{date.day} {ABBREVIATIONS[date.month - 1]} {date.year}", TODAY) == date


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
def test_two_digits_of_year_are_this_century(date: dt.date) -> None:
    typed = f"{date.day:02}/{date.month:02}/{date.year % 100:02}"
    assert parse_typed(typed, TODAY) == date


@given(dates, dates)
def test_no_year_is_todays_year(date: dt.date, today: dt.date) -> None:
    if date.month == 2 and date.day == 29:
        return  # 29 February exists only in some years
    assert parse_typed(f"{date.day}/{date.month}", today) == date.replace(year=today.year)


@given(st.text(max_size=20))
def test_any_text_is_a_date_or_a_plain_refusal(text: str) -> None:
    try:
        parse_typed(text, TODAY)
    except ValueError as refused:
        assert str(refused)


def test_a_future_date_typed_is_the_rules_to_refuse() -> None:
    typed = parse_typed("5 Dec", TODAY)  # this year's 5 December: still to come
    problems = evidence_rules.check_evidence_row(make_unit(), row("E01", date=typed), [], TODAY)
    assert [p.rule for p in problems] == [Rule.FUTURE_DATE]
    assert "in the future" in problems[0].message
