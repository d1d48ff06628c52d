"""Dates as assessors read them (UK form) and as files store them (ISO)."""

from __future__ import annotations

import datetime as dt
import re

# No evidence, signature or unit date is earlier: a date before it is a typing mistake (or a file
# written to confuse), and years before 1000 do not even print in four digits everywhere.
EARLIEST = dt.date(1900, 1, 1)


def uk(date: dt.date | None) -> str:
    """`07/10/2026`, or an empty string for no date. Always four digits of year (strftime's %Y
    gives `1` for the year 1 on some systems)."""
    return f"{date.day:02}/{date.month:02}/{date.year:04}" if date is not None else ""


MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# "5th Oct": the ordinal endings people add to a day.
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
TYPED_FORMS = "day first, e.g. 5/10/2026, 05/10/26 or 5 Oct"


def parse_typed(text: str, today: dt.date) -> dt.date:
    """A date as a UK assessor types it: day first, then month (a number or its name), then
    an optional year (two digits are this century; none is `today`'s year). `5/10/2026`,
    `05/10/26`, `5.10`, `5 Oct`, `5th October 2026`, `051026`; `2026-10-05` (ISO) too.

    Raises ValueError with a message an assessor understands. Whether the date may be in the
    future is not for the parser to say: the rules refuse a future date, with their reason.
    """
    words = text.strip().lower().replace(",", " ")
    if not words:
        raise ValueError(f"Type a date {TYPED_FORMS}.")
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", words):
        iso_year, iso_month, iso_day = (int(part) for part in words.split("-"))
        return _real(iso_day, iso_month, iso_year, text)
    parts = [part for part in re.split(r"[\s/.\-]+", words) if part]
    if len(parts) == 1 and parts[0].isdigit() and len(parts[0]) in (4, 6, 8):
        digits = parts[0]  # ddmm, ddmmyy, ddmmyyyy: typed without separators
        parts = [digits[:2], digits[2:4]] + ([digits[4:]] if len(digits) > 4 else [])
    if len(parts) not in (2, 3):
        raise ValueError(f"{text.strip()!r} is not a date: type it {TYPED_FORMS}.")
    ordinal = _ORDINAL.match(parts[0])
    day_text = ordinal.group(1) if ordinal else parts[0]
    month_text = parts[1]
    year_text = parts[2] if len(parts) == 3 else None
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text)
    valid_year = year_text is None or (year_text.isdigit() and len(year_text) in (2, 4))
    if not day_text.isdigit() or month is None or not valid_year:
        raise ValueError(f"{text.strip()!r} is not a date: type it {TYPED_FORMS}.")
    if year_text is None:
        year = today.year
    elif len(year_text) == 2:
        year = 2000 + int(year_text)  # an assessment of this century
    else:
        year = int(year_text)
    return _real(int(day_text), month, year, text)


def _real(day: int, month: int, year: int, text: str) -> dt.date:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise ValueError(
            f"{text.strip()!r} is not a real date (check the day and the month: day first)."
        ) from None
    return date  # one before EARLIEST is the rules' to refuse, with theirs
