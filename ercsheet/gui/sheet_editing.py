"""Editing the open sheet's rows and ticks: the sheet view's behaviour, apart from its layout.

Every edit is an undo command (commands.py) that writes itself to the store as it is pushed; a
refused one is shown in the view and never enters the undo history.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from ercsheet.domain.sheet import EvidenceRow
from ercsheet.domain.vocabulary import Method
from ercsheet.gui import commands
from ercsheet.gui.grid_model import METHOD, REF, TITLE
from ercsheet.gui.qt.core import QItemSelectionModel
from ercsheet.gui.sheet_undo import SheetUndo
from ercsheet.store.store import Store

if TYPE_CHECKING:
    from ercsheet.gui.sheet_view import SheetView


def next_reference(rows: list[EvidenceRow]) -> str:
    """E01, E02…: one past the highest E-number in use."""
    numbers = [int(r.ref[1:]) for r in rows if r.ref[:1] in "Ee" and r.ref[1:].isdigit()]
    return f"E{max(numbers, default=0) + 1:02}"


class SheetEditor:
    """Adds, edits, moves and deletes the view's rows and toggles its ticks."""

    def __init__(self, view: SheetView, store: Store, undo: SheetUndo) -> None:
        self._view, self._store, self.undo = view, store, undo
        self._ids = commands.RowIds()

    def _where(self) -> commands.Where:
        assert self._view.sheet_id is not None
        return commands.Where(
            self._store,
            self._view.sheet_id,
            self._ids,
            self._undone_or_redone,
            self._view.refuse,
            self._view.message.emit,
        )

    def _undone_or_redone(self, sheet_id: int) -> None:
        # Only the sheet shown has its history active (sheet_undo.py): it is this one.
        if sheet_id == self._view.sheet_id:
            self._view.reload()
        self._view.sheet_changed.emit(sheet_id)

    def _refused_while_locked(self) -> bool:
        if self._view.locked:
            self._view.refuse(
                "This sheet is signed by the assessor and read-only. Reopen it (in the signing "
                "panel) to change it; reopening voids the signatures and keeps the signed version."
            )
        return self._view.locked

    def _push(self, command: commands.SheetCommand) -> bool:
        """Make an edit: the command writes it as it is pushed. A refusal is shown and the
        edit is not made (nor kept for undo)."""
        assert self._view.sheet_id is not None
        self.undo.stack(self._view.sheet_id).push(command)
        if command.refusal is not None:
            self._view.refuse(command.refusal.text)
        return command.done

    def toggle(self, row: int, column: int) -> None:
        criterion = self._view.model.criterion_at(column)
        if (
            criterion is None
            or self._view.model.is_coverage_row(row)
            or self._refused_while_locked()
        ):
            return
        evidence_id, evidence = self._view.model.evidence_ids[row], self._view.model.rows[row]
        covered = criterion.number not in evidence.criteria
        tick = commands.ToggleTick(
            evidence_id, evidence.ref, criterion.number, covered, self._where()
        )
        if not self._push(tick):
            return
        criteria = evidence.criteria ^ {criterion.number}
        self._view.model.replace_row(row, dataclasses.replace(evidence, criteria=criteria))
        self._view.edited()
        warning = self._view.model.warning(row)
        if covered and warning:  # a warning, not a block: the tick stands
            self._view.message.emit(f"Warning: {warning}")

    def edit(self, row: int, column: int, value: Any) -> bool:
        if self._refused_while_locked():
            return False
        before = self._view.model.rows[row]
        if column == REF:
            after = dataclasses.replace(before, ref=str(value).strip())
        elif column == TITLE:
            after = dataclasses.replace(before, title=str(value))
        elif column == METHOD and isinstance(value, Method):
            after = dataclasses.replace(before, method=value)
        else:
            return False
        return after != before and self._replace(row, after) is None

    def set_date(self, evidence_id: int, date: dt.date | None) -> None:
        """The evidence panel's date for an item; a refusal (a future date) is said beside it."""
        row = self._row_of(evidence_id)
        if row is None or self._refused_while_locked():
            return
        refusal = self._replace(row, dataclasses.replace(self._view.model.rows[row], date=date))
        if refusal:
            self._view.evidence_panel.refuse(refusal)

    def set_notes(self, evidence_id: int, notes: str) -> None:
        row = self._row_of(evidence_id)
        if row is None or self._refused_while_locked():
            return
        after = dataclasses.replace(self._view.model.rows[row], notes=notes)
        self._replace(row, after, notes=True)

    def _row_of(self, evidence_id: int) -> int | None:
        ids = self._view.model.evidence_ids
        return ids.index(evidence_id) if evidence_id in ids else None

    def _replace(self, row: int, after: EvidenceRow, notes: bool = False) -> str | None:
        """Write an item's new fields through an undo command: None when written (or nothing
        changed), else the refusal's text (already shown above the grid)."""
        evidence_id, before = self._view.model.evidence_ids[row], self._view.model.rows[row]
        if after == before:
            return None
        kind = commands.EditNotes if notes else commands.EditRow
        command = kind(evidence_id, before, after, self._where())
        if not self._push(command):
            return command.refusal.text if command.refusal is not None else ""
        self._view.model.replace_row(row, self._store.evidence(evidence_id))
        self._view.edited()
        return None

    def _new_row_position(self) -> int:
        """Under the current row; at the end when none is current."""
        rows = self._view.model.rows
        current = self._view.grid.currentIndex()
        if current.isValid() and current.row() < len(rows):
            return current.row() + 1
        return len(rows)

    def add_row(self) -> None:
        if self._view.sheet_id is None or self._refused_while_locked():
            return
        position = self._new_row_position()
        row = EvidenceRow(next_reference(self._library_refs()), "", Method.OBSERVATION)
        if not self._push(commands.AddRow(row, position, self._where())):
            return
        self._show_added(position)
        self._view.grid.edit(self._view.model.index(position, TITLE))

    def _library_refs(self) -> list[EvidenceRow]:
        """The candidate's items as rows (for the next free reference: E-numbers are the
        candidate's, across every unit's sheet)."""
        assert self._view.sheet_id is not None
        candidate_id = self._store.sheet_summary(self._view.sheet_id).candidate_id
        return [e.fields.row() for e in self._store.library(candidate_id)] + list(
            self._view.model.rows
        )

    def add_existing_row(self) -> None:
        """Add an item of the candidate's library, chosen in a dialog, under the current row."""
        from ercsheet.gui.evidence_picker import EvidencePicker

        sheet_id = self._view.sheet_id
        if sheet_id is None or self._refused_while_locked():
            return
        candidate_id = self._store.sheet_summary(sheet_id).candidate_id
        picker = EvidencePicker(self._store, candidate_id, sheet_id, self._view)
        if not picker.exec() or picker.chosen is None:
            return
        position = self._new_row_position()
        chosen = picker.chosen
        command = commands.AddExistingRow(chosen.id, chosen.fields.ref, position, self._where())
        if not self._push(command):
            return
        self._show_added(position)
        self._view.message.emit(
            f"Added {chosen.fields.ref} from the candidate's evidence: tick what it covers here."
        )

    def _show_added(self, position: int) -> None:
        self._view.reload()
        self._view.edited()
        self._view.grid.setCurrentIndex(self._view.model.index(position, TITLE))
        self._view.grid.setFocus()

    def _current_row(self) -> int | None:
        index = self._view.grid.currentIndex()
        if not index.isValid() or self._view.model.is_coverage_row(index.row()):
            return None
        return index.row()

    def delete_row(self) -> None:
        row = self._current_row()
        if row is None or self._refused_while_locked():
            return
        evidence_id, evidence = self._view.model.evidence_ids[row], self._view.model.rows[row]
        if not self._push(commands.DeleteRow(evidence_id, evidence, row, self._where())):
            return
        self._view.reload()
        self._view.edited()
        self._view.message.emit(f"Deleted {evidence.ref} (Ctrl+Z puts it back).")

    def move_row(self, delta: int) -> None:
        row = self._current_row()
        if row is None or self._refused_while_locked():
            return
        new = row + delta
        if not 0 <= new < len(self._view.model.rows):
            return
        evidence_id, ref = self._view.model.evidence_ids[row], self._view.model.rows[row].ref
        if not self._push(commands.MoveRow(evidence_id, ref, row, new, self._where())):
            return
        column = self._view.grid.currentIndex().column()
        self._view.reload()
        self._view.edited()
        self._view.grid.selectionModel().setCurrentIndex(
            self._view.model.index(new, column), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
