"""The assessor's window: candidates on the left, the sheet selected there on the right, menus
above. This module lays the window out and keeps the right following the left; what the menus
do is WindowController' (window_controller.py), where the window was left window_layout's."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ercsheet.gui import background, window_layout
from ercsheet.gui.candidates import CandidatePanel
from ercsheet.gui.empty_pane import EmptyPane
from ercsheet.gui.qt.core import QObject, QRect, QSettings, Qt, Signal
from ercsheet.gui.qt.gui import QCloseEvent
from ercsheet.gui.qt.widgets import QLabel, QMainWindow, QMessageBox, QSplitter, QStackedWidget
from ercsheet.gui.sheet_undo import SheetUndo
from ercsheet.gui.window_controller import WindowController
from ercsheet.gui.window_menus import build_menus
from ercsheet.store.opening import quick_check_file
from ercsheet.store.store import NotFound, Store

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue
    from ercsheet.gui.sheet_view import SheetView

NEWS_MS = 8000  # how long news stays in the status bar ("Deleted E03 (Ctrl+Z puts it back)")


class IntegrityCheck(QObject):
    """SQLite's quick_check of the whole file, on a thread of its own: a big store opens at
    once, and a damaged one is reported as soon as the check has read it."""

    finished = Signal(str)  # what is wrong, or "" when nothing is

    def start(self, path: Path, passphrase: str | None) -> None:
        def run() -> None:
            problem = quick_check_file(path, passphrase) or ""
            # RuntimeError: the window closed while the check read the file, and nobody is
            # left to tell (the next start checks again).
            with contextlib.suppress(RuntimeError):
                self.finished.emit(problem)

        self.worker = background.start(run, "quick_check")


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        units: Callable[[], Catalogue],
        today: dt.date,
        settings: QSettings,
    ) -> None:
        """`units` gives the unit catalogue when it is first needed (a new sheet, an import):
        loading it validates every unit file, which the window's start need not wait for."""
        super().__init__()
        self.store, self.today, self.settings = store, today, settings
        self._units = units
        # Qt adds the application's name ("… — ercsheet"): the title says what the window is.
        self.setWindowTitle("Evidence Record Sheets")
        self.undo = SheetUndo(self)  # a history per sheet: Undo acts on the one shown
        self._opened = 0  # sheets opened so far: whether selecting one opened it
        self._refusal_shown = False  # the status bar shows a refused edit
        self.candidates = CandidatePanel(store, self)
        # The right shows the sheet selected on the left, or, when none is, what to do next
        # (the sheet's view is made when the first sheet opens: sheet_view).
        self.empty_pane = EmptyPane(self)
        self.right = QStackedWidget(self)
        self.right.addWidget(self.empty_pane)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.candidates)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([240, 1120])
        self.setCentralWidget(self.splitter)
        self.coverage_label = QLabel(self)
        self.coverage_label.setObjectName("coverageLabel")
        self.statusBar().addPermanentWidget(self.coverage_label)

        self.controller = WindowController(self)
        self._connect()
        build_menus(self)
        window_layout.restore(self)
        self.candidates.announce(again=True)  # the right says what to do from the start
        self.integrity = IntegrityCheck(self)
        self.integrity.finished.connect(self._integrity_checked)
        self.integrity.start(store.path, store.passphrase)

    def _connect(self) -> None:
        controller, candidates = self.controller, self.candidates
        candidates.selection_changed.connect(self._selection_changed)
        candidates.sheet_chosen.connect(self.open_sheet)
        candidates.new_candidate.connect(controller.new_candidate)
        candidates.edit_candidate.connect(controller.edit_candidate)
        candidates.new_sheet.connect(controller.new_sheet)
        candidates.audit_trail.connect(controller.show_candidate_audit)
        candidates.register.connect(controller.register)
        candidates.progress.connect(controller.show_progress)
        candidates.delete_candidate.connect(controller.delete_candidate)
        candidates.delete_sheet.connect(controller.delete_sheet)
        self.empty_pane.new_candidate.connect(controller.new_candidate)
        self.empty_pane.new_sheet.connect(controller.new_sheet_for_selected)

    @functools.cached_property
    def catalogue(self) -> Catalogue:
        return self._units()

    def reload_catalogue(self) -> None:
        """Load the units again when next needed: a unit file was added to the user's units
        (Save to my units), and New sheet… offers it from now, not from the next start."""
        self.__dict__.pop("catalogue", None)
        if self.open_sheet_id is not None:
            self.sheet_view.reload()  # its unit's file may be the one saved

    @functools.cached_property
    def sheet_view(self) -> SheetView:
        """The open sheet's view, made when first needed: its modules and widgets (the grid,
        the side panels, the editor) are a sixth of the window's start, and the window shows
        the candidates without them."""
        from ercsheet.gui.sheet_view import SheetView

        view = SheetView(
            self.store,
            self.undo,
            self.today,
            self,
            lambda unit_id: self.catalogue.get(unit_id),
        )
        self.right.addWidget(view)
        view.update_unit_requested.connect(self.controller.update_sheet_unit)
        view.sheet_changed.connect(self._sheet_changed)
        view.message.connect(self.show_message)
        view.refused.connect(self.show_refusal)
        view.coverage.connect(self.coverage_label.setText)
        window_layout.restore_sheet_panes(self, view)
        return view

    @property
    def sheet_view_made(self) -> SheetView | None:
        """The sheet's view if a sheet has been opened (None: it is not made yet)."""
        # Where functools.cached_property keeps it once made.
        return cast("SheetView | None", self.__dict__.get("sheet_view"))

    @property
    def open_sheet_id(self) -> int | None:
        """The sheet open on the right, if any."""
        view = self.sheet_view_made
        return None if view is None else view.sheet_id

    # --- the right follows the left (open_sheet: the seam tests and --open use) ---------------

    def open_sheet(self, sheet_id: int) -> None:
        """Select the sheet (and its candidate) on the left, and so open it on the right."""
        try:
            summary = self.store.sheet_summary(sheet_id)
        except NotFound as error:
            self.show_message(str(error))
            return
        if self.candidates.candidate_id != summary.candidate_id:
            self.candidates.search.clear()
            self.candidates.select_candidate(summary.candidate_id)
        opened = self._opened
        self.candidates.refresh_sheets(select_sheet=sheet_id)
        if self._opened == opened:  # it was selected already: read it again all the same
            self._show_sheet(sheet_id)

    def _selection_changed(self, candidate_id: int | None, sheet_id: int | None) -> None:
        """The right follows the left: the sheet selected there, or what to do next."""
        self._clear_refusal()  # it was about what was selected before
        if sheet_id is not None:
            self._show_sheet(sheet_id)
        else:
            if self.open_sheet_id is not None:
                self.sheet_view.close_sheet()
            self.coverage_label.clear()
            candidate = self.candidates.candidate
            sheets = self.candidates.sheet_model.rowCount()
            # Someone is listed, or a search hides them: "no candidate yet" would be untrue.
            listed = self.candidates.candidate_model.rowCount() > 0
            listed = listed or bool(self.candidates.search.text().strip())
            self.empty_pane.show_for(candidate, sheets, listed)
            self.right.setCurrentWidget(self.empty_pane)
        if self.isVisible():  # chosen by the assessor, not the empty start before reopen_last
            window_layout.remember(self, candidate_id, sheet_id)

    def _show_sheet(self, sheet_id: int) -> None:
        self._opened += 1
        self.right.setCurrentWidget(self.sheet_view)
        try:
            self.sheet_view.open_sheet(sheet_id)
        except NotFound as error:  # gone since it was listed (another window erased it)
            self.show_message(str(error))
            self.candidates.refresh()

    def _sheet_changed(self, sheet_id: int) -> None:
        self._clear_refusal()  # an edit went through: what was refused before is past
        try:
            self.candidates.show_summary(self.store.sheet_summary(sheet_id))
        except NotFound:
            self.candidates.refresh_sheets(select_sheet=self.open_sheet_id)

    def deleted(self, news: str) -> None:
        """A sheet or a candidate was deleted: the lists are read again, nothing is selected in
        its place, and the edits of what was deleted can no longer be undone."""
        self.undo.forget_all()
        if self.open_sheet_id is not None:
            self.sheet_view.close_sheet()
        self.candidates.refresh()
        self.candidates.refresh_sheets(keep=False)
        self.show_message(news)

    def data_replaced(self) -> None:
        """A backup was restored: nothing shown or undoable belongs to the data any more."""
        self.undo.forget_all()
        if self.open_sheet_id is not None:
            self.sheet_view.close_sheet()
        self.coverage_label.clear()
        self.candidates.refresh()
        # No sheet chosen now: the right says what to do, and the left agrees with it.
        self.candidates.refresh_sheets(keep=False)

    def reopen_last(self) -> None:
        window_layout.reopen_last(self)

    def fit_to_screen(self, available: QRect | None = None) -> None:
        window_layout.fit_to_screen(self, available)

    # --- the status bar ------------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        """News: shown for a while, then gone."""
        self._refusal_shown = False
        self.statusBar().showMessage(text, NEWS_MS)

    def show_refusal(self, text: str) -> None:
        """An edit refused: shown until the next edit goes through or another sheet is chosen,
        so the status bar never tells of a refusal that no longer applies."""
        self._refusal_shown = True
        self.statusBar().showMessage(text)

    def _clear_refusal(self) -> None:
        if self._refusal_shown:
            self._refusal_shown = False
            self.statusBar().clearMessage()

    def _integrity_checked(self, problem: str) -> None:
        if problem:
            self._refusal_shown = False
            self.statusBar().showMessage("The database is damaged: see the message.")
            QMessageBox.critical(self, "The database is damaged", problem)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        window_layout.save(self)
        # Nothing may read the store once the window is closed: the store is closed next.
        if self.open_sheet_id is not None:
            self.sheet_view.stop_pending()
        super().closeEvent(event)
