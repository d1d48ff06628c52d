"""Undoable edits of a sheet: each is written to the store when made, and undo writes the
reverse. A command is pushed after its first write succeeded, so a refused edit never
enters the undo history.

Undoing a deletion puts the item back as a new row of the store, with a new id: `RowIds` maps
the id a command was made with to the row's current id, so older commands still find it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from ercsheet.domain.sheet import EvidenceRow
from ercsheet.store.store import NotFound, RuleViolation, Store

Changed = Callable[[int], None]  # told the id of the sheet an undo or redo changed
Failed = Callable[[str], None]  # told why an undo or redo could not be done


class RowIds:
    def __init__(self) -> None:
        self._moved: dict[int, int] = {}

    def current(self, evidence_id: int) -> int:
        while evidence_id in self._moved:
            evidence_id = self._moved[evidence_id]
        return evidence_id

    def replaced(self, old: int, new: int) -> None:
        if old != new:
            self._moved[old] = new


@dataclass(frozen=True)
class Where:
    """What a command needs besides its edit: the store, the sheet, and whom to tell."""

    store: Store
    sheet_id: int
    ids: RowIds
    changed: Changed
    failed: Failed


class SheetCommand(QUndoCommand):
    """An edit already written once; redo() after undo() writes it again."""

    def __init__(self, text: str, where: Where) -> None:
        super().__init__(text)
        self.store, self.sheet_id, self.ids = where.store, where.sheet_id, where.ids
        self._changed, self._failed = where.changed, where.failed
        self._written = True

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._written:
            self._written = False  # the first redo() is the push of an edit already written
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except (RuleViolation, NotFound) as error:
            # For example the sheet was signed since: the edit stays as it is, and says why.
            self.setObsolete(True)
            self._failed(f"Cannot undo or redo “{self.text()}”: {error}")
        self._changed(self.sheet_id)


class ToggleTick(SheetCommand):
    def __init__(self, evidence_id: int, criterion: str, covered: bool, where: Where) -> None:
        verb = "Tick" if covered else "Untick"
        super().__init__(f"{verb} {criterion}", where)
        self.evidence_id, self.criterion, self.covered = evidence_id, criterion, covered

    def apply(self) -> None:
        self.store.set_tick(self.ids.current(self.evidence_id), self.criterion, self.covered)

    def revert(self) -> None:
        self.store.set_tick(self.ids.current(self.evidence_id), self.criterion, not self.covered)


class EditRow(SheetCommand):
    def __init__(
        self, evidence_id: int, before: EvidenceRow, after: EvidenceRow, where: Where
    ) -> None:
        super().__init__(f"Edit {after.ref}", where)
        self.evidence_id, self.before, self.after = evidence_id, before, after

    def apply(self) -> None:
        self.store.update_evidence(self.ids.current(self.evidence_id), self.after)

    def revert(self) -> None:
        self.store.update_evidence(self.ids.current(self.evidence_id), self.before)


class AddRow(SheetCommand):
    def __init__(self, evidence_id: int, row: EvidenceRow, position: int, where: Where) -> None:
        super().__init__(f"Add {row.ref}", where)
        self.evidence_id, self.row, self.position = evidence_id, row, position

    def apply(self) -> None:
        new = self.store.add_evidence(self.sheet_id, self.row, self.position)
        self.ids.replaced(self.ids.current(self.evidence_id), new)

    def revert(self) -> None:
        current = self.ids.current(self.evidence_id)
        self.row = self.store.evidence(current)  # with any edits made to it since
        self.store.delete_evidence(current)


class DeleteRow(SheetCommand):
    def __init__(self, evidence_id: int, row: EvidenceRow, position: int, where: Where) -> None:
        super().__init__(f"Delete {row.ref}", where)
        self.evidence_id, self.row, self.position = evidence_id, row, position

    def apply(self) -> None:
        self.position, self.row = self.store.delete_evidence(self.ids.current(self.evidence_id))

    def revert(self) -> None:
        new = self.store.add_evidence(self.sheet_id, self.row, self.position)
        self.ids.replaced(self.ids.current(self.evidence_id), new)


class MoveRow(SheetCommand):
    def __init__(self, evidence_id: int, ref: str, old: int, new: int, where: Where) -> None:
        super().__init__(f"Move {ref}", where)
        self.evidence_id, self.old, self.new = evidence_id, old, new

    def apply(self) -> None:
        self.store.move_evidence(self.ids.current(self.evidence_id), self.new)

    def revert(self) -> None:
        self.store.move_evidence(self.ids.current(self.evidence_id), self.old)
