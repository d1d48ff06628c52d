"""Dates as assessors read them (UK form) and as files store them (ISO)."""

from __future__ import annotations

import datetime as dt

# No evidence, signature or unit date is earlier: a date before it is a typing mistake (or a file
# written to confuse), and years before 1000 do not even print in four digits everywhere.
EARLIEST = dt.date(1900, 1, 1)


def uk(date: dt.date | None) -> str:
    """`07/10/2026`, or an empty string for no date. Always four digits of year (strftime's %Y
    gives `1` for the year 1 on some systems)."""
    return f"{date.day:02}/{date.month:02}/{date.year:04}" if date is not None else ""


def parse_iso(text: str) -> dt.date:
    """Parse `2026-11-02`; raise ValueError with a plain message for impossible dates."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date in the form YYYY-MM-DD") from None
