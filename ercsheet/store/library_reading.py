"""Reading a candidate's evidence library with plain SQL (like reading.py): the items, and where
each one counts — which sheets use it and which of their criteria it covers."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from ercsheet.catalogue.model import criterion_order
from ercsheet.catalogue.snapshot import unit_from_json
from ercsheet.domain.folding import fold, search_words
from ercsheet.domain.library import Holding, ItemFields
from ercsheet.domain.vocabulary import Method, Role


@dataclass(frozen=True)
class ItemUse:
    """An item as one sheet uses it: the row, the unit as the sheet names it, its ticks."""

    sheet_id: int
    evidence_id: int
    unit_label: str
    criteria: tuple[str, ...]
    signed: bool
    # The row as this sheet holds it: the item's fields, except on a sheet signed before the
    # item was edited, which keeps what was signed (its sealed record).
    fields: ItemFields | None = None


@dataclass(frozen=True)
class LibraryEntry:
    id: int
    uuid: str
    fields: ItemFields
    holding: Holding
    uses: tuple[ItemUse, ...]

    def uses_beside(self, sheet_id: int) -> tuple[ItemUse, ...]:
        return tuple(use for use in self.uses if use.sheet_id != sheet_id)

    def kept_otherwise(self) -> tuple[ItemUse, ...]:
        """The sheets (signed before the item was edited) that keep it as it was then."""
        return tuple(use for use in self.uses if use.fields not in (None, self.fields))


ITEMS = """
    SELECT id, uuid, ref, title, method, date, notes, held_at, file_path, file_sha256
    FROM library_item WHERE candidate_id = :candidate AND (:only IS NULL OR id = :only)
    ORDER BY ref_key, id"""
USES = """
    SELECT evidence_item.library_item_id, evidence_item.sheet_id, evidence_item.id,
           evidence_item.ref, evidence_item.title, evidence_item.method, evidence_item.date,
           evidence_item.notes, sheet.unit_snapshot, sheet.qualification,
           EXISTS (SELECT 1 FROM signature WHERE signature.sheet_id = sheet.id
                   AND signature.role = :assessor)
    FROM evidence_item JOIN sheet ON sheet.id = evidence_item.sheet_id
    WHERE sheet.candidate_id = :candidate
      AND (:only IS NULL OR evidence_item.library_item_id = :only)
    ORDER BY sheet.id"""
TICKS = """
    SELECT tick.evidence_id, tick.criterion FROM tick
    JOIN evidence_item ON evidence_item.id = tick.evidence_id
    JOIN sheet ON sheet.id = evidence_item.sheet_id WHERE sheet.candidate_id = :candidate
      AND (:only IS NULL OR evidence_item.library_item_id = :only)"""


def library(
    connection: sqlite3.Connection, candidate_id: int, search: str = "", only: int | None = None
) -> list[LibraryEntry]:
    """The candidate's items whose reference, title or notes hold every word of `search`
    (case and accents aside), by reference, each with the sheets using it (`only`: that item)."""
    words = search_words(search)
    ticks: dict[int, list[str]] = defaultdict(list)
    chosen = {"candidate": candidate_id, "only": only, "assessor": Role.ASSESSOR.value}
    for evidence_id, criterion in connection.execute(TICKS, chosen):
        ticks[evidence_id].append(criterion)
    labels: dict[int, str] = {}
    uses: dict[int, list[ItemUse]] = defaultdict(list)
    for item_id, sheet_id, evidence_id, *row, snapshot, qualification, signed in connection.execute(
        USES, chosen
    ):
        if sheet_id not in labels:
            unit = unit_from_json(snapshot)
            labels[sheet_id] = unit.unit_label(unit.context(qualification)) or unit.display_title
        uses[item_id].append(
            ItemUse(
                sheet_id,
                evidence_id,
                labels[sheet_id],
                tuple(sorted(ticks.get(evidence_id, ()), key=criterion_order)),
                bool(signed),
                _fields(*row),
            )
        )
    found = []
    for item_id, uuid, ref, title, method, date, notes, held_at, path, digest in connection.execute(
        ITEMS, chosen
    ):
        if words and not all(w in fold(f"{ref} {title} {notes}") for w in words):
            continue
        found.append(
            LibraryEntry(
                item_id,
                uuid,
                _fields(ref, title, method, date, notes),
                Holding(held_at, path, digest),
                tuple(uses.get(item_id, ())),
            )
        )
    return found


def _fields(ref: str, title: str, method: str, date: str | None, notes: str) -> ItemFields:
    return ItemFields(
        ref, title, Method(method), dt.date.fromisoformat(date) if date else None, notes
    )


def item_of_row(connection: sqlite3.Connection, evidence_id: int) -> tuple[int, int] | None:
    """(candidate, library item) of a sheet's row."""
    row = connection.execute(
        "SELECT sheet.candidate_id, evidence_item.library_item_id FROM evidence_item"
        " JOIN sheet ON sheet.id = evidence_item.sheet_id WHERE evidence_item.id = ?",
        (evidence_id,),
    ).fetchone()
    return (row[0], row[1]) if row else None


def candidate_uuid(connection: sqlite3.Connection, candidate_id: int) -> str | None:
    row = connection.execute("SELECT uuid FROM candidate WHERE id = ?", (candidate_id,)).fetchone()
    return str(row[0]) if row else None


def sheet_uuids(connection: sqlite3.Connection, sheet_id: int) -> tuple[str, list[str]] | None:
    """The sheet's uuid and, row by row in order, the uuid of the item each row is of."""
    row = connection.execute("SELECT uuid FROM sheet WHERE id = ?", (sheet_id,)).fetchone()
    if row is None:
        return None
    items = connection.execute(
        "SELECT library_item.uuid FROM evidence_item JOIN library_item"
        " ON library_item.id = evidence_item.library_item_id"
        " WHERE evidence_item.sheet_id = ? ORDER BY evidence_item.position",
        (sheet_id,),
    )
    return str(row[0]), [str(item) for (item,) in items]
