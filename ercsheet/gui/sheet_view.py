"""One sheet open for work: its header, the criteria grid, the AC side panel and the signing
panel. This module lays them out and shows the sheet; editing its rows and ticks is the
SheetEditor's (sheet_editing.py), through undo commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from ercsheet.catalogue.model import Unit
from ercsheet.domain import rules
from ercsheet.domain.sheet import SheetContent
from ercsheet.gui.dialog_parts import BANNER_STYLE
from ercsheet.gui.evidence_panel import EvidencePanel
from ercsheet.gui.grid_model import FIRST_CRITERION, GridModel
from ercsheet.gui.grid_view import CriteriaGrid
from ercsheet.gui.qt.core import QModelIndex, Qt, QTimer, Signal
from ercsheet.gui.qt.widgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from ercsheet.gui.sheet_editing import SheetEditor
from ercsheet.gui.sheet_undo import SheetUndo
from ercsheet.gui.unit_details import UnitDetails
from ercsheet.gui.unit_notice import UnitNotice
from ercsheet.store.store import NotFound, Store

if TYPE_CHECKING:
    from ercsheet.gui.signing import SigningPanel

T = TypeVar("T")
# The grid's header, three rows and the coverage row: what the signing panel leaves it.
MIN_GRID_HEIGHT = 180


class SheetView(QWidget):
    sheet_changed = Signal(int)  # the store holds a change of this sheet
    message = Signal(str)  # news for the status bar ("Deleted E03 …"), shown for a while
    refused = Signal(str)  # an edit refused: shown until the next edit or another sheet
    coverage = Signal(str)  # the sheet's coverage, e.g. "8 of 10 criteria (80 %)"
    update_unit_requested = Signal()  # the notice's Update…: the unit's file has changed

    def __init__(
        self,
        store: Store,
        undo: SheetUndo,
        today: dt.date,
        parent: QWidget | None = None,
        current_unit: Callable[[str], Unit | None] = lambda _id: None,
    ) -> None:
        """`current_unit` gives the catalogue's version of a unit (None: not there), which the
        open sheet's copy of its unit is compared with."""
        super().__init__(parent)
        self._store, self._today = store, today
        self._current_unit = current_unit
        self.sheet_id: int | None = None
        self.content: SheetContent | None = None
        self.signing_panel: SigningPanel | None = None
        # Edits come in bursts (a row of ticks): the signing panel catches up once they pause,
        # so a tick never waits for it.
        self._panel_catch_up = QTimer(self)
        self._panel_catch_up.setSingleShot(True)
        self._panel_catch_up.setInterval(150)
        self._panel_catch_up.timeout.connect(self._reload_panel)

        self.title = QLabel(self)
        self.title.setObjectName("sheetHeader")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.subtitle = QLabel(self)
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.banner = QLabel(self)
        self.banner.setObjectName("problemBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        self.unit_notice = UnitNotice(self)
        self.unit_notice.update_requested.connect(self.update_unit_requested)

        # The behaviour: every edit of the rows and ticks, through undo commands.
        self.editor = SheetEditor(self, store, undo)
        editor = self.editor
        self.add_button = self._button("&Add evidence", "addEvidenceButton", editor.add_row)
        self.add_existing_button = self._button(
            "Add e&xisting evidence…", "addExistingEvidenceButton", editor.add_existing_row
        )
        self.delete_button = self._button("Delete row", "deleteRowButton", editor.delete_row)
        self.up_button = self._button("Move up", "moveUpButton", lambda: editor.move_row(-1))
        self.down_button = self._button("Move down", "moveDownButton", lambda: editor.move_row(1))
        buttons = QHBoxLayout()
        for button in self._edit_buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.model = GridModel(editor.edit)
        self.grid = CriteriaGrid(self)
        self.grid.setModel(self.model)
        self.grid.toggle_requested.connect(editor.toggle)
        self.grid.selectionModel().currentChanged.connect(self._current_changed)
        self.details = UnitDetails(self)
        self.evidence_panel = EvidencePanel(today, self)
        self.evidence_panel.date_entered.connect(editor.set_date)
        self.evidence_panel.notes_entered.connect(editor.set_notes)
        self.side = QWidget(self)
        self.side.setObjectName("sidePanel")
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.evidence_panel)
        side.addWidget(self.details, 1)

        self.signing_area = QScrollArea(self)
        self.signing_area.setObjectName("signingArea")
        self.signing_area.setWidgetResizable(True)
        self.signing_area.setAccessibleName("Signatures")

        self.grid_and_signing = QSplitter(Qt.Orientation.Vertical, self)
        self.grid_and_signing.setObjectName("gridSigningSplitter")
        self.grid_and_signing.addWidget(self.grid)
        self.grid_and_signing.addWidget(self.signing_area)
        self.grid_and_signing.setStretchFactor(0, 3)
        self.grid_and_signing.setStretchFactor(1, 2)
        self.grid_and_signing.setSizes([380, 220])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("sheetSplitter")
        self.splitter.addWidget(self.grid_and_signing)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([880, 200])

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.banner)
        layout.addWidget(self.unit_notice)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)
        self._enable_editing(False)

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(slot)
        return button

    # --- showing a sheet -------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.content is not None and rules.is_locked(self.content)

    def open_sheet(self, sheet_id: int) -> None:
        content, ids = self._store.sheet_and_ids(sheet_id)
        self.sheet_id = sheet_id
        self.editor.undo.show(sheet_id)  # Undo acts on this sheet's edits alone
        self._show(content, ids)
        self._replace_signing_panel()
        self.grid.setFocus()
        if self.model.rowCount() > 0:
            self.grid.setCurrentIndex(self.model.index(0, FIRST_CRITERION))

    def reload(self) -> None:
        """Show the sheet as the store holds it now (after an undo, a signature, an import)."""
        if self.sheet_id is None:
            return
        current = self.grid.currentIndex()
        try:
            content, ids = self._store.sheet_and_ids(self.sheet_id)
        except NotFound:
            self.close_sheet()
            return
        self._show(content, ids)
        if self.signing_panel is not None:
            self.signing_panel.reload()
        if current.isValid():
            row = min(current.row(), self.model.rowCount() - 1)
            self.grid.setCurrentIndex(self.model.index(row, current.column()))

    def stop_pending(self) -> None:
        """The window is closing: write what is typed in the evidence panel and not yet
        written, then drop the signing panel's pending catch-up."""
        self.evidence_panel.flush()
        self.evidence_panel.show_item(None, None, editable=False)  # nothing left to write
        self._panel_catch_up.stop()

    def close_sheet(self) -> None:
        """Show no sheet (a restore replaced the data, or the sheet is gone): nothing of it stays
        on screen, and nothing left there can write to the store."""
        self.sheet_id, self.content = None, None
        self.editor.undo.show(None)
        self._panel_catch_up.stop()
        self.model.clear()
        self.grid.clear_spans()
        panel = self.signing_area.takeWidget()
        if panel is not None:
            panel.deleteLater()
        self.signing_panel = None
        self.details.clear()
        self.evidence_panel.show_item(None, None, editable=False)
        self.banner.hide()
        self.unit_notice.hide()
        self.title.setText("")
        self.subtitle.setText("")
        self._enable_editing(False)

    def _show(self, content: SheetContent, ids: list[int]) -> None:
        # A refusal shown was about the sheet as it stood: another sheet, or this one changed
        # (reopened, signed, an undo), makes it untrue ("signed, read-only" over a draft).
        self.banner.hide()
        self.content = content
        self.model.show_sheet(content, ids, rules.is_locked(content))
        self.grid.set_summary_span(len(content.evidence))
        candidate = content.candidate
        self.title.setText(content.unit_line or content.unit.display_title)
        parts = [content.qualification, f"{candidate.name} ({candidate.candidate_number})"]
        if candidate.centre_number:
            parts.append(f"centre {candidate.centre_number}")
        if self.locked:
            parts.append("signed — read-only")
        self.subtitle.setText(" · ".join(p for p in parts if p))
        self.details.show_unit(content)
        self.unit_notice.show_for(content, self._current_unit(content.unit.id), self.locked)
        self._enable_editing(not self.locked)
        self._coverage_changed()

    def _replace_signing_panel(self) -> None:
        # Imported with the first sheet opened: the signing panel and its dialogs are not
        # needed to show the window.
        from ercsheet.gui.signing import SigningPanel

        assert self.sheet_id is not None
        panel = SigningPanel(self._store, self.sheet_id, self._today)
        panel.sheet_changed.connect(self._signatures_changed)
        panel.jump_to_criterion.connect(self.show_criterion)
        self.signing_area.setWidget(panel)  # deletes the previous panel
        self.signing_panel = panel
        QTimer.singleShot(0, self, self.fit_signing)  # once its lines are laid out

    def fit_signing(self) -> None:
        """Give the signing panel the height it needs (it grows as signatures are added), as
        long as the grid keeps room for a few rows: no control hides behind a scroll bar, and
        the grid has every pixel the panel does not need."""
        panel = self.signing_panel
        grid_height, signing_height = self.grid_and_signing.sizes()
        total = grid_height + signing_height
        if panel is None or total <= 0:
            return
        layout = panel.layout()
        width = self.signing_area.viewport().width()
        # Its labels wrap: the height it needs at the width it has.
        wraps = layout is not None and layout.hasHeightForWidth()
        needed = layout.totalHeightForWidth(width) if layout is not None and wraps else -1
        wanted = max(needed, panel.sizeHint().height()) + 2 * self.signing_area.frameWidth()
        height = min(wanted, total - MIN_GRID_HEIGHT)
        if height != signing_height:
            self.grid_and_signing.setSizes([total - height, height])

    def _signatures_changed(self) -> None:
        self.reload()
        QTimer.singleShot(0, self, self.fit_signing)  # once its new lines are laid out
        if self.sheet_id is not None:
            self.sheet_changed.emit(self.sheet_id)

    def _edit_buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.add_button,
            self.add_existing_button,
            self.delete_button,
            self.up_button,
            self.down_button,
        )

    def _enable_editing(self, enabled: bool) -> None:
        for button in self._edit_buttons():
            button.setEnabled(enabled)

    def _coverage_changed(self) -> None:
        self.coverage.emit(f"Covered {self.model.sheet_coverage}")

    def show_criterion(self, number: str) -> None:
        """Take the assessor to an AC's column (from a refusal's link)."""
        column = self.model.column_of(number)
        if column is None:
            return
        index = self.model.index(0, column)
        self.grid.setCurrentIndex(index)
        self.grid.scrollTo(index)
        self.grid.setFocus()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.content is None:
            return
        row = current.row()
        if current.isValid() and not self.model.is_coverage_row(row):
            evidence_id, evidence = self.model.evidence_ids[row], self.model.rows[row]
            moved = evidence_id != self.evidence_panel.evidence_id
            self.evidence_panel.show_item(evidence_id, evidence, editable=not self.locked)
            if moved:
                self.evidence_panel.show_elsewhere(self._elsewhere(evidence_id))
        else:
            self.evidence_panel.show_item(None, None, editable=False)
            self.evidence_panel.show_elsewhere("")
        criterion = self.model.criterion_at(current.column())
        if criterion is None:
            self.details.show_unit(self.content)
        else:
            self.details.show_criterion(criterion, self.content.unit)

    def _elsewhere(self, evidence_id: int) -> str:
        from ercsheet.gui.evidence_picker import uses_text

        try:
            entry = self._store.library_entry_of_row(evidence_id)
        except NotFound:
            return ""
        others = entry.uses_beside(self.sheet_id) if self.sheet_id is not None else ()
        return f"Also counts on {uses_text(others)}." if others else ""

    # --- edits ---------------------------------------------------------------------------------

    def edited(self) -> None:
        """An edit was stored: the refusal shown before goes, coverage and panel catch up."""
        self.banner.hide()
        self._panel_catch_up.start()  # coverage changes what the assessor's line says
        self._coverage_changed()
        if self.sheet_id is not None:
            self.sheet_changed.emit(self.sheet_id)

    def refuse(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()
        self.refused.emit(text)

    def _reload_panel(self) -> None:
        if self.signing_panel is not None:
            self.signing_panel.reload()
