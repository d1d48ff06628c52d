"""One undo history per sheet: Undo and Redo act on the sheet shown, never on another one.

A single history for the window had Ctrl+Z on one sheet undo a change made on another, which
the window then showed without a word of what was undone. Each sheet's edits go on its own
stack; the stack of the sheet shown is the group's active one, which the Edit menu's Undo and
Redo (made from the group) follow, and with no sheet shown there is nothing to undo. Going back
to a sheet finds its history as it was left.
"""

from __future__ import annotations

from ercsheet.gui.qt.core import QObject
from ercsheet.gui.qt.gui import QUndoGroup, QUndoStack


class SheetUndo(QUndoGroup):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stacks: dict[int, QUndoStack] = {}
        # Active while no sheet is shown: always empty, so Undo and Redo are greyed out.
        self._nothing = QUndoStack(self)
        self.addStack(self._nothing)
        self.setActiveStack(self._nothing)

    def stack(self, sheet_id: int) -> QUndoStack:
        """The sheet's history, begun when it is first needed."""
        stack = self._stacks.get(sheet_id)
        if stack is None:
            stack = self._stacks[sheet_id] = QUndoStack(self)
            self.addStack(stack)
        return stack

    def show(self, sheet_id: int | None) -> None:
        """Undo and Redo act on this sheet's history from now on (None: no sheet, nothing)."""
        self.setActiveStack(self.stack(sheet_id) if sheet_id is not None else self._nothing)

    def forget(self, sheet_id: int) -> None:
        """The sheet's edits can no longer be undone (its unit was replaced under them)."""
        stack = self._stacks.pop(sheet_id, None)
        if stack is None:
            return
        shown = self.activeStack() is stack
        self.removeStack(stack)
        stack.deleteLater()
        if shown:
            self.show(sheet_id)  # still shown: its edits from now on are undone as ever

    def forget_all(self) -> None:
        """No edit can be undone any more (what they were made on was deleted or replaced)."""
        for sheet_id in list(self._stacks):
            self.forget(sheet_id)
