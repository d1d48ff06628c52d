"""A sheet as it is printed: its content plus what the store knows about its record."""

from __future__ import annotations

from dataclasses import dataclass

from ercsheet.domain.sheet import SheetContent


@dataclass(frozen=True)
class PrintedSheet:
    """One sheet as it is printed: its content plus what the store knows about its record.

    `record_code` is the full SHA-256 hex of a signed sheet (None while unsigned);
    `superseded` is a note such as "Superseded version 1 — reopened 20/11/2026: wrong date"
    for a kept signed version, printed plainly on every page; empty for the current sheet.
    """

    content: SheetContent
    record_code: str | None = None
    superseded: str = ""
