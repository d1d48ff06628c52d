"""Undoable edits of a sheet: the only way the sheet view changes rows and ticks.

A command makes its change itself: pushing it onto the undo stack runs redo(), its first write.
A refused first write marks it obsolete, so Qt drops it and it never enters the undo history;
the view reads `done` and `refusal` after the push. Undo writes the reverse, redo the change
again; all of them go through operation.attempt.

Undoing a deletion puts the item back as a new row of the store, with a new id: `RowIds` maps
the id a command was made with to the row's current id, so older commands still find it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ercsheet.domain.library import Holding
from ercsheet.domain.sheet import EvidenceRow
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.gui import QUndoCommand
from ercsheet.store.store import Store

if TYPE_CHECKING:
    from ercsheet.store.evidence_operations import RemovedRow

Changed = Callable[[int], None]  # told the id of the sheet an undo or redo changed
Failed = Callable[[str], None]  # told why an undo or redo could not be done
Told = Callable[[str], None]  # told what an undo or redo did: "Undone: Tick 2.1 on E03"


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
    told: Told


class SheetCommand(QUndoCommand):
    """An edit of a sheet: redo() writes it (the first time when it is pushed), undo() reverts."""

    def __init__(self, text: str, where: Where) -> None:
        super().__init__(text)
        self.store, self.sheet_id, self.ids = where.store, where.sheet_id, where.ids
        self._changed, self._failed, self._told = where.changed, where.failed, where.told
        self.done = False
        self.refusal: Refusal | None = None

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        first = not self.done and self.refusal is None
        self._run(self.apply, first, "Redone")

    def undo(self) -> None:
        self._run(self.revert, False, "Undone")

    def _run(self, action: Callable[[], None], first: bool, said: str) -> None:
        result = attempt(action)
        if isinstance(result, Refusal):
            # Refused: the first time, the edit is never made; later (for example the sheet
            # was signed since), it stays as it is and says why.
            self.setObsolete(True)
            self.refusal = result
            if not first:
                # The sheet is shown as it stands first, then why: said the other way round,
                # showing it again would take the refusal away.
                self._changed(self.sheet_id)
                self._failed(f"Cannot undo or redo “{self.text()}”: {result.text}")
            return
        self.done = True
        if not first:
            self._changed(self.sheet_id)  # the view updates itself after a first write
            self._told(f"{said}: {self.text()}")  # what Ctrl+Z did, where the assessor looks


class ToggleTick(SheetCommand):
    def __init__(
        self, evidence_id: int, ref: str, criterion: str, covered: bool, where: Where
    ) -> None:
        verb = "Tick" if covered else "Untick"
        super().__init__(f"{verb} {criterion} on {ref}", where)
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


class EditNotes(EditRow):
    """Notes are written as typing pauses: one burst of typing after another in the same
    item's notes is one step of undo, not one per pause."""

    MERGE_ID = 1

    def __init__(
        self, evidence_id: int, before: EvidenceRow, after: EvidenceRow, where: Where
    ) -> None:
        super().__init__(evidence_id, before, after, where)
        self.setText(f"Edit the notes of {after.ref}")

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        mergeable = (
            isinstance(other, EditNotes)
            and other.evidence_id == self.evidence_id
            and other.done
            and self.done
            and not self.isObsolete()
        )
        if mergeable:
            assert isinstance(other, EditNotes)
            self.after = other.after
        return mergeable


class AddRow(SheetCommand):
    def __init__(self, row: EvidenceRow, position: int, where: Where) -> None:
        super().__init__(f"Add {row.ref}", where)
        self.evidence_id: int | None = None
        self.row, self.position = row, position
        # The library item the row was of, once undone: redo brings the same item back.
        self.item_uuid: str | None = None
        self.holding: Holding | None = None

    def apply(self) -> None:
        new = self.store.add_evidence(
            self.sheet_id, self.row, self.position, None, self.item_uuid, self.holding
        )
        if self.evidence_id is None:
            self.evidence_id = new
        else:
            self.ids.replaced(self.ids.current(self.evidence_id), new)

    def revert(self) -> None:
        assert self.evidence_id is not None
        current = self.ids.current(self.evidence_id)
        self.row = self.store.evidence(current)  # with any edits made to it since
        removed = self.store.delete_evidence(current)
        self.item_uuid, self.holding = removed.item_uuid, removed.holding


class DeleteRow(SheetCommand):
    def __init__(self, evidence_id: int, row: EvidenceRow, position: int, where: Where) -> None:
        super().__init__(f"Delete {row.ref}", where)
        # `row` and `position` as the store gives them back when the delete is written, with
        # the library item the row was of (`removed`): undo puts the row back on that item.
        self.evidence_id, self.row, self.position = evidence_id, row, position
        self.removed: RemovedRow

    def apply(self) -> None:
        self.removed = self.store.delete_evidence(self.ids.current(self.evidence_id))
        self.position, self.row = self.removed.position, self.removed.row

    def revert(self) -> None:
        removed = self.removed
        new = self.store.add_evidence(
            self.sheet_id, removed.row, removed.position, None, removed.item_uuid, removed.holding
        )
        self.ids.replaced(self.ids.current(self.evidence_id), new)


class AddExistingRow(SheetCommand):
    """An item of the candidate's library added to this sheet; undo takes it off the sheet
    and leaves it in the library, as it was."""

    def __init__(self, item_id: int, ref: str, position: int, where: Where) -> None:
        super().__init__(f"Add {ref} from the candidate's evidence", where)
        self.item_id, self.position = item_id, position
        self.evidence_id: int | None = None

    def apply(self) -> None:
        new = self.store.add_existing_evidence(self.sheet_id, self.item_id, self.position)
        if self.evidence_id is None:
            self.evidence_id = new
        else:
            self.ids.replaced(self.ids.current(self.evidence_id), new)

    def revert(self) -> None:
        assert self.evidence_id is not None
        self.store.delete_evidence(self.ids.current(self.evidence_id), keep_item=True)


class MoveRow(SheetCommand):
    def __init__(self, evidence_id: int, ref: str, old: int, new: int, where: Where) -> None:
        super().__init__(f"Move {ref}", where)
        self.evidence_id, self.old, self.new = evidence_id, old, new

    def apply(self) -> None:
        self.store.move_evidence(self.ids.current(self.evidence_id), self.new)

    def revert(self) -> None:
        self.store.move_evidence(self.ids.current(self.evidence_id), self.old)
