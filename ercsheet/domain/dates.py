"""Dates as assessors read them (UK form) and as files store them (ISO)."""

from __future__ import annotations

import datetime as dt


def uk(date: dt.date | None) -> str:
    """`07/10/2026`, or an empty string for no date."""
    return date.strftime("%d/%m/%Y") if date is not None else ""


def parse_iso(text: str) -> dt.date:
    """Parse `2026-11-02`; raise ValueError with a plain message for impossible dates."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date in the form YYYY-MM-DD") from None
