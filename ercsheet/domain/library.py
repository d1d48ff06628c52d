"""The rules of a candidate's evidence library: one piece of evidence recorded once, ticked on the
sheets of any of the candidate's units.

A sheet's row is the item as that sheet uses it: its reference, title, method, date and notes are
the item's, and its ticks are the sheet's own. Editing the item changes every row of it on a draft
sheet; a sheet the assessor signed keeps the row as it was signed (its seal), until it is reopened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ercsheet.domain.evidence_rules import reference_key, text_problems
from ercsheet.domain.problems import Problem, Rule
from ercsheet.domain.sheet import EvidenceRow
from ercsheet.domain.text import unsafe_text_problem
from ercsheet.domain.vocabulary import Method

# Where an item is held, as the assessor writes it ("portfolio p.12", "candidate's work email of
# 3 March"): a line, not an essay.
MAX_HELD_AT = 500


@dataclass(frozen=True)
class ItemFields:
    """What an item is, whichever sheet shows it: a row without its ticks."""

    ref: str
    title: str
    method: Method
    date: dt.date | None
    notes: str

    @classmethod
    def of(cls, row: EvidenceRow) -> ItemFields:
        return cls(row.ref.strip(), row.title, row.method, row.date, row.notes)

    def key(self) -> tuple[str, str, str, str, str]:
        """Two rows with the same key are the same piece of evidence (an older store's rows,
        or a version 1 exchange file's, typed again on each sheet): the reference as
        references compare, and every other field exactly."""
        return (
            reference_key(self.ref),
            self.title,
            self.method.value,
            self.date.isoformat() if self.date else "",
            self.notes,
        )

    def row(self, criteria: Iterable[str] = ()) -> EvidenceRow:
        return EvidenceRow(
            self.ref, self.title, self.method, self.date, frozenset(criteria), self.notes
        )


@dataclass(frozen=True)
class Holding:
    """Where the evidence itself is: a description, and a file on this laptop if it is one
    (its path and SHA-256 as they were when recorded; ercsheet never copies or sends it)."""

    held_at: str = ""
    file_path: str | None = None
    file_sha256: str | None = None


def reference_problem(ref: str, old_ref: str | None, library_refs: Iterable[str]) -> Problem | None:
    """A reference another item of the candidate already has. `old_ref` is the item's own
    reference before the edit (None for a new item): an item keeps a reference it shares
    with another (two items an older store or file gave the same reference keep it until the
    assessor renames one), but no item takes a reference in use."""
    key = reference_key(ref)
    if old_ref is not None and reference_key(old_ref) == key:
        return None
    if any(reference_key(other) == key for other in library_refs):
        return Problem(
            Rule.UNIQUE_REFERENCE,
            f"Evidence reference {ref.strip()!r} is already used for another item of this "
            "candidate: give this item its own reference, or add that item to this sheet "
            "with Add existing evidence.",
        )
    return None


def holding_problems(holding: Holding, path: str = "") -> list[Problem]:
    """`path`: where the holding is in a file (`library[3]`), for the problems' places."""
    within = f"{path}." if path else ""
    problems: list[Problem] = []
    if len(holding.held_at) > MAX_HELD_AT:
        problems.append(
            Problem(
                Rule.SAFE_TEXT,
                f"Where the evidence is held is {len(holding.held_at):,} characters long; "
                f"write it in at most {MAX_HELD_AT}.",
                f"{within}held_at",
            )
        )
    unsafe = unsafe_text_problem(f"{within}held_at", holding.held_at, subject="Where it is held")
    if unsafe is not None:
        problems.append(unsafe)
    if holding.file_path is not None and holding.file_sha256 is None:
        problems.append(
            Problem(
                Rule.REQUIRED_FIELD, "A file's SHA-256 is recorded with its path.", f"{within}file"
            )
        )
    return problems


def item_problems(fields: ItemFields, holding: Holding, path: str = "") -> list[Problem]:
    """An item that comes from a file: its text and holding, checked as a sheet's row and the
    library check them, and its file's name (a name another laptop gave: it is shown here)."""
    problems = text_problems(fields.ref, fields.title, fields.notes, path)
    problems += holding_problems(holding, path)
    within = f"{path}." if path else ""
    name = unsafe_text_problem(f"{within}file", holding.file_path or "", subject="The file's name")
    return problems + ([name] if name else [])
