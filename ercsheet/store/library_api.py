"""The store's operations on a candidate's evidence library (part of the one Store API)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ercsheet.domain.library import Holding, ItemFields
from ercsheet.store import library_reading
from ercsheet.store.connection import Connection
from ercsheet.store.library_reading import LibraryEntry
from ercsheet.store.values import NotFound

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from ercsheet.store import candidate_import_operations, library_operations
    from ercsheet.store.candidate_import_operations import IncomingCandidate, StoredCandidate


class LibraryApi(Connection):
    def _orm_sessions(self, quick_check: bool = False) -> sessionmaker[Session]:
        # The library's operations, imported with the SQLAlchemy half (as in store.py).
        global candidate_import_operations, library_operations
        from ercsheet.store import candidate_import_operations, library_operations

        return super()._orm_sessions(quick_check)

    def library(self, candidate_id: int, search: str = "") -> list[LibraryEntry]:
        """The candidate's evidence items (matching `search`), each with where it counts."""
        return self._read(library_reading.library, candidate_id, search)

    def library_entry_of_row(self, evidence_id: int) -> LibraryEntry:
        """The library item a sheet's row is of, with every sheet using it."""
        found = self._read(library_reading.item_of_row, evidence_id)
        if found is None:
            raise NotFound(f"There is no evidence item {evidence_id}.")
        candidate_id, item_id = found
        return self._read(library_reading.library, candidate_id, "", item_id)[0]

    def add_library_item(
        self, candidate_id: int, fields: ItemFields, holding: Holding | None = None
    ) -> int:
        """An item of the candidate's evidence not yet on any sheet."""
        return self._change(
            lambda tx: library_operations.add_item(tx, candidate_id, fields, holding or Holding())
        )

    def update_library_item(self, item_id: int, fields: ItemFields, holding: Holding) -> None:
        """Edit an item: every draft sheet using it follows, signed sheets keep it as signed."""
        self._change(lambda tx: library_operations.update_item(tx, item_id, fields, holding))

    def delete_library_item(self, item_id: int) -> None:
        """Delete an item no sheet uses."""
        self._change(lambda tx: library_operations.delete_item(tx, item_id))

    def candidate_uuid(self, candidate_id: int) -> str:
        found = self._read(library_reading.candidate_uuid, candidate_id)
        if found is None:
            raise NotFound(f"There is no candidate {candidate_id}.")
        return found

    def sheet_uuids(self, sheet_id: int) -> tuple[str, list[str]]:
        """The sheet's uuid and the uuid of each row's library item, in the rows' order."""
        found = self._read(library_reading.sheet_uuids, sheet_id)
        if found is None:
            raise NotFound(f"There is no sheet {sheet_id}.")
        return found

    def import_candidate(
        self, incoming: IncomingCandidate, source: str, digest: str
    ) -> StoredCandidate:
        """A candidate's exchange file (version 2) written whole, in one transaction: the
        candidate, their library's items and the sheets the store lacks."""
        return self._change(
            lambda tx: candidate_import_operations.import_candidate(tx, incoming, source, digest)
        )
