"""The assessor's window: candidates on the left, the open sheet on the right, menus above."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet.domain.sheet import Person
from ercsheet.gui import background
from ercsheet.gui.candidates import CandidatePanel
from ercsheet.gui.empty_pane import EmptyPane
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.core import QObject, QRect, QSettings, Qt, Signal
from ercsheet.gui.qt.gui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QUndoStack
from ercsheet.gui.qt.widgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)
from ercsheet.gui.sheet_view import SheetView
from ercsheet.store.opening import quick_check_file
from ercsheet.store.store import NotFound, Store

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None
PREFERRED_SIZE = (1360, 800)
# The window manager's frame (title bar, borders) is not known until the window is shown: room
# kept for a usual one, so a first window never runs past the screen's edge.
FRAME = (16, 48)


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
    """Dialogs are imported where they are opened: the window shows before they are loaded."""

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
        self.undo_stack = QUndoStack(self)
        self._opened = 0  # sheets opened so far: whether selecting one opened it
        self.candidates = CandidatePanel(store, self)
        self.sheet_view = SheetView(store, self.undo_stack, today, self)
        # The right shows the sheet selected on the left, or, when none is, what to do next.
        self.empty_pane = EmptyPane(self)
        self.right = QStackedWidget(self)
        self.right.addWidget(self.empty_pane)
        self.right.addWidget(self.sheet_view)
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

        self.candidates.selection_changed.connect(self._selection_changed)
        self.candidates.sheet_chosen.connect(self.open_sheet)
        self.empty_pane.new_candidate.connect(self.new_candidate)
        self.empty_pane.new_sheet.connect(self._new_sheet_for_selected)
        self.candidates.new_candidate.connect(self.new_candidate)
        self.candidates.edit_candidate.connect(self.edit_candidate)
        self.candidates.new_sheet.connect(self.new_sheet)
        self.candidates.audit_trail.connect(self.show_candidate_audit)
        self.sheet_view.sheet_changed.connect(self._sheet_changed)
        self.sheet_view.undo_elsewhere.connect(self.open_sheet)
        self.sheet_view.message.connect(self._show_message)
        self.sheet_view.coverage.connect(self.coverage_label.setText)
        self._build_menus()
        self._restore_layout()
        self.candidates.announce(again=True)  # the right says what to do from the start
        self.integrity = IntegrityCheck(self)
        self.integrity.finished.connect(self._integrity_checked)
        self.integrity.start(store.path, store.passphrase)

    @functools.cached_property
    def catalogue(self) -> Catalogue:
        return self._units()

    # --- menus -------------------------------------------------------------------------------

    def _action(
        self, menu_name: str, text: str, slot: object, shortcut: Shortcut = None
    ) -> QAction:
        menu = self._menus.get(menu_name) or self.menuBar().addMenu(menu_name)
        self._menus[menu_name] = menu
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        self._menus: dict[str, QMenu] = {}
        file, edit, tools = "&File", "&Edit", "&Tools"
        self._action(file, "New &candidate…", self.new_candidate, "Ctrl+Shift+N")
        self._action(
            file, "&New sheet…", self._new_sheet_for_selected, QKeySequence.StandardKey.New
        )
        self._separator(file)
        self._action(file, "Print pre&view…", self.print_preview, "Ctrl+Shift+P")
        self._action(file, "&Print…", self.print_sheet, QKeySequence.StandardKey.Print)
        self._action(file, "&Export PDF…", self.export_pdf, "Ctrl+Shift+E")
        self._action(file, "Print a&ll sheets of the candidate…", self.print_candidate)
        self._action(file, "Export all sheets of the candidate as P&DF…", self.export_candidate_pdf)
        self._separator(file)
        self._action(file, "&Import exchange files…", self.import_files, "Ctrl+I")
        self._action(file, "Export exchange &file…", self.export_exchange, "Ctrl+E")
        self._action(file, "Export exchange file, encr&ypted…", self.export_exchange_encrypted)
        self._separator(file)
        self._action(file, "&Back up now", self.back_up)
        self._action(file, "&Restore a backup…", self.restore_backup)
        self._separator(file)
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu = self.menuBar().addMenu(edit)
        self._menus[edit] = edit_menu
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self._separator(edit)
        editor = self.sheet_view.editor
        self._action(edit, "&Add evidence row", editor.add_row, "Ctrl+Return")
        self._action(edit, "&Delete evidence row", editor.delete_row, "Ctrl+Delete")
        self._action(edit, "Move row &up", lambda: editor.move_row(-1), "Alt+Up")
        self._action(edit, "Move row do&wn", lambda: editor.move_row(1), "Alt+Down")
        self._separator(edit)
        self._action(edit, "&Find candidate", self._focus_search, QKeySequence.StandardKey.Find)
        self._action(tools, "Find sheet by &record code…", self.find_by_code, "Ctrl+K")
        self._action(tools, "&Check all signed records", self.check_records)
        self._action(tools, "Candidate's &audit trail…", self._candidate_audit_for_selected)
        self._separator(tools)
        # Where the store's refusals point ("Set your PIN first (Tools → Assessor PIN…)").
        self._action(tools, "Assessor &PIN…", self.edit_pin)
        self._action("&Assessor", "&Profile…", self.edit_profile)
        self._action("&Assessor", "&Database encryption…", self.edit_encryption)
        self._action("&Help", "&About ercsheet…", self.show_about)

    def show_about(self) -> None:
        from ercsheet.gui.about import AboutDialog

        AboutDialog(self.store.path, self).exec()

    def _separator(self, menu_name: str) -> None:
        self._menus[menu_name].addSeparator()

    # --- the seam tests and --open use ---------------------------------------------------------

    def open_sheet(self, sheet_id: int) -> None:
        """Select the sheet (and its candidate) on the left, and so open it on the right."""
        try:
            summary = self.store.sheet_summary(sheet_id)
        except NotFound as error:
            self._show_message(str(error))
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
        if sheet_id is not None:
            self._show_sheet(sheet_id)
        else:
            if self.sheet_view.sheet_id is not None:
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
            self._remember(candidate_id, sheet_id)

    def _show_sheet(self, sheet_id: int) -> None:
        self._opened += 1
        self.right.setCurrentWidget(self.sheet_view)
        try:
            self.sheet_view.open_sheet(sheet_id)
        except NotFound as error:  # gone since it was listed (another window erased it)
            self._show_message(str(error))
            self.candidates.refresh()

    # --- the last candidate and sheet, reopened at the next start ------------------------------

    def _remember(self, candidate_id: int | None, sheet_id: int | None) -> None:
        # Kept with the database they belong to: --db may open another, where these ids are
        # other people's.
        self.settings.setValue("last/database", str(self.store.path))
        self.settings.setValue("last/candidate", candidate_id if candidate_id is not None else "")
        self.settings.setValue("last/sheet", sheet_id if sheet_id is not None else "")

    def reopen_last(self) -> None:
        """Select the candidate and sheet selected when the window last closed on this database
        (those that still exist)."""
        if self.settings.value("last/database") != str(self.store.path):
            return
        candidate = _number(self.settings.value("last/candidate"))
        sheet = _number(self.settings.value("last/sheet"))
        if sheet is not None:
            try:
                self.store.sheet_summary(sheet)
            except NotFound:
                sheet = None
        if sheet is not None:
            self.open_sheet(sheet)
        elif candidate is not None:
            self.candidates.select_candidate(candidate)

    # --- reacting to changes -------------------------------------------------------------------

    def _sheet_changed(self, sheet_id: int) -> None:
        try:
            self.candidates.show_summary(self.store.sheet_summary(sheet_id))
        except NotFound:
            self.candidates.refresh_sheets(select_sheet=self.sheet_view.sheet_id)

    def _integrity_checked(self, problem: str) -> None:
        if problem:
            self.statusBar().showMessage("The database is damaged: see the message.")
            QMessageBox.critical(self, "The database is damaged", problem)

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _focus_search(self) -> None:
        self.candidates.search.setFocus()
        self.candidates.search.selectAll()

    # --- candidates and sheets -----------------------------------------------------------------

    def new_candidate(self) -> None:
        from ercsheet.gui.candidate_dialog import CandidateDialog

        dialog = CandidateDialog(self.store, parent=self)
        if dialog.exec():
            self.candidates.search.clear()
            self.candidates.refresh()
            self.candidates.select_candidate(dialog.candidate_id)

    def edit_candidate(self, candidate_id: int) -> None:
        from ercsheet.gui.candidate_dialog import CandidateDialog

        dialog = CandidateDialog(self.store, self.store.candidate(candidate_id), self)
        if dialog.exec():
            self.candidates.refresh()
            if self.sheet_view.sheet_id is not None:
                self.sheet_view.reload()

    def _new_sheet_for_selected(self) -> None:
        if self.candidates.candidate_id is None:
            self._show_message("Choose or add a candidate first.")
            return
        self.new_sheet(self.candidates.candidate_id)

    def new_sheet(self, candidate_id: int) -> None:
        from ercsheet.gui.unit_picker import UnitPicker

        picker = UnitPicker(self.catalogue, self.today, self)
        if not picker.exec() or picker.choice is None:
            return
        profile = self.store.profile()
        if profile is None:
            # A sheet names its assessor: who that is is asked first, never assumed.
            from ercsheet.gui.first_run import ProfileDialog

            ProfileDialog(self.store, self, welcome=True).exec()
            profile = self.store.profile()
            if profile is None:
                return
        assessor = Person(profile.name, profile.qualified)
        choice = picker.choice
        sheet_id = attempt(
            lambda: self.store.create_sheet(
                candidate_id, choice.unit, choice.qualification, assessor
            )
        )
        if isinstance(sheet_id, Refusal):
            QMessageBox.warning(self, "New sheet", sheet_id.text)
            return
        self.open_sheet(sheet_id)

    # --- printing and files --------------------------------------------------------------------

    # Printing (ReportLab, QtPdf) and the file actions (the exchange format, backups) are
    # imported in the methods that use them: they load when first used, not when the window
    # starts.

    def _current_sheet(self) -> int | None:
        if self.sheet_view.sheet_id is None:
            self._show_message("Open a sheet first.")
        return self.sheet_view.sheet_id

    def _candidate_sheets(self) -> list[int]:
        candidate_id = self.candidates.candidate_id
        sheets = [] if candidate_id is None else [s.id for s in self.store.sheets(candidate_id)]
        if not sheets:
            self._show_message("Choose a candidate who has sheets first.")
        return sheets

    def print_preview(self) -> None:
        from ercsheet.gui import printing

        sheet_id = self._current_sheet()
        if sheet_id is not None:
            printing.preview(self, self.store, [sheet_id], self.settings)

    def print_sheet(self) -> None:
        from ercsheet.gui import printing

        sheet_id = self._current_sheet()
        if sheet_id is not None:
            printing.print_sheets(self, self.store, [sheet_id])

    def export_pdf(self) -> None:
        from ercsheet.gui import printing

        sheet_id = self._current_sheet()
        if sheet_id is not None:
            printing.export_sheets(self, self.store, [sheet_id], self.settings)

    def print_candidate(self) -> None:
        from ercsheet.gui import printing

        sheets = self._candidate_sheets()
        if sheets:
            printing.print_sheets(self, self.store, sheets)

    def export_candidate_pdf(self) -> None:
        from ercsheet.gui import printing

        sheets = self._candidate_sheets()
        if sheets:
            printing.export_sheets(self, self.store, sheets, self.settings)

    def import_files(self) -> None:
        from ercsheet.gui import file_actions

        imported = file_actions.import_files(
            self, self.store, self.catalogue, self.today, self.settings
        )
        self.candidates.refresh()
        if imported:
            self.open_sheet(imported[-1])

    def export_exchange(self) -> None:
        self._export_exchange(encrypt=False)

    def export_exchange_encrypted(self) -> None:
        self._export_exchange(encrypt=True)

    def _export_exchange(self, encrypt: bool) -> None:
        from ercsheet.gui import file_actions

        sheet_id = self._current_sheet()
        if sheet_id is not None:
            file_actions.export_exchange(self, self.store, sheet_id, self.settings, None, encrypt)

    def back_up(self) -> None:
        from ercsheet.gui import file_actions

        file_actions.back_up(self, self.store)

    def restore_backup(self) -> None:
        from ercsheet.gui import file_actions

        if file_actions.restore_backup(self, self.store):
            self.undo_stack.clear()  # the edits it holds were made to the data replaced
            self.sheet_view.close_sheet()
            self.coverage_label.clear()
            self.candidates.refresh()
            # No sheet chosen now: the right says what to do, and the left agrees with it.
            self.candidates.refresh_sheets(keep=False)

    # --- tools and the assessor ----------------------------------------------------------------

    def find_by_code(self) -> None:
        from ercsheet.gui.signing import CodeLookupDialog

        dialog = CodeLookupDialog(self.store, self)
        dialog.open_sheet.connect(self.open_sheet)
        dialog.exec()

    def _candidate_audit_for_selected(self) -> None:
        if self.candidates.candidate_id is None:
            self._show_message("Choose a candidate first.")
            return
        self.show_candidate_audit(self.candidates.candidate_id)

    def show_candidate_audit(self, candidate_id: int) -> QDialog:
        """The candidate's audit trail: their details' events and all their sheets'."""
        from ercsheet.gui.signing import AuditTrailDialog

        dialog = AuditTrailDialog(self.store, candidate_id=candidate_id, parent=self)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def check_records(self) -> None:
        problems = self.store.check_records()
        if not problems:
            QMessageBox.information(
                self, "Signed records", "Every signed sheet matches its record code."
            )
            return
        lines = "\n".join(f"Sheet {p.sheet_id}: {p.problem}" for p in problems)
        QMessageBox.warning(self, "Signed records", f"These sheets do not verify:\n\n{lines}")

    def edit_profile(self) -> None:
        from ercsheet.gui.first_run import ProfileDialog

        ProfileDialog(self.store, self).exec()

    def edit_pin(self) -> None:
        from ercsheet.gui.signing import PinDialog

        PinDialog(self.store, self).exec()

    def edit_encryption(self) -> None:
        from ercsheet.gui.passphrase_dialog import PassphraseDialog

        if PassphraseDialog(self.store, first_run=False, parent=self).exec():
            state = "encrypted" if self.store.passphrase else "not encrypted"
            self._show_message(f"The database is now {state}.")

    # --- remembering the layout ----------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.fit_to_screen()
        for key, splitter in self._splitters().items():
            state = self.settings.value(f"window/{key}")
            if state is not None:
                splitter.restoreState(state)

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """The first window: the preferred size, or what the screen has room for (a 1366 x 768
        laptop with its taskbar), centred, its frame inside the screen. `available`: the
        screen's room (by default the window's screen's, less its taskbars and docks)."""
        if available is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            available = screen.availableGeometry()
        width = min(PREFERRED_SIZE[0], available.width() - FRAME[0])
        height = min(PREFERRED_SIZE[1], available.height() - FRAME[1])
        self.resize(width, height)
        # move() places the frame; resize() sizes what is inside it.
        self.move(
            available.x() + max(0, (available.width() - width - FRAME[0]) // 2),
            available.y() + max(0, (available.height() - height - FRAME[1]) // 2),
        )

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "main": self.splitter,
            "sheet": self.sheet_view.splitter,
            "grid": self.sheet_view.grid_and_signing,
        }

    def save_layout(self) -> None:
        self._remember(self.candidates.candidate_id, self.candidates.sheet_id)
        self.settings.setValue("window/geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            self.settings.setValue(f"window/{key}", splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.save_layout()
        # Nothing may read the store once the window is closed: the store is closed next.
        self.sheet_view.stop_pending()
        super().closeEvent(event)


def _number(value: object) -> int | None:
    """A number kept in the settings (an INI file keeps text)."""
    try:
        return int(str(value))
    except ValueError:
        return None
