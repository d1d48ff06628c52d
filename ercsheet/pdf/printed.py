"""A sheet as it is printed: its content plus what the store knows about its record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ercsheet.domain.sheet import SheetContent


@dataclass(frozen=True)
class PrintedSheet:
    """One sheet as it is printed: its content plus what the store knows about its record.

    `record_code` is the full SHA-256 hex of a signed sheet (None while unsigned);
    `superseded` is a note such as "Superseded version 1 — reopened 20/11/2026: wrong date"
    for a kept signed version, printed plainly on every page; empty for the current sheet.
    `key_fingerprint` is the assessor's signing-key fingerprint as it should read
    (`3F2A-9C1B-77D0-11AB`, or a phrase such as "none (sealed before signing keys)"),
    printed as `Key …` beside the record code; None prints nothing.
    `addenda` are short lines about what was added after sealing ("Addendum 1: IV initials,
    J. Smith, 12/11/2026 — added after sealing, bound to record code 3F2A-9C1B-77D0"),
    printed under the signature lines of every page.
    """

    content: SheetContent
    record_code: str | None = None
    superseded: str = ""
    key_fingerprint: str | None = None
    addenda: tuple[str, ...] = ()

    @classmethod
    def current(cls, content: SheetContent, record: RecordFacts) -> PrintedSheet:
        """The sheet as it stands, with what the store says of its record."""
        return cls(
            content, record.code, key_fingerprint=record.key_fingerprint, addenda=record.addenda
        )


class RecordFacts(Protocol):
    """What the store says of a sheet's record (its `print_record`): printing reads no store."""

    @property
    def code(self) -> str | None: ...

    @property
    def key_fingerprint(self) -> str | None: ...

    @property
    def addenda(self) -> tuple[str, ...]: ...
