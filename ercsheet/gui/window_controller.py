"""What the window's menus and buttons do: the window (main_window.py) lays itself out and
follows the selection; this is its behaviour.

Dialogs, printing (ReportLab, QtPdf) and the file actions (the exchange format, backups) are
imported in the methods that use them: they load when first used, not when the window starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet.domain.sheet import Person
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.widgets import QDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from ercsheet.gui.main_window import MainWindow


class WindowController:
    """The window's behaviour: it acts on the store through operations and tells the window
    what to show."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.store = window.store

    # --- candidates and sheets -----------------------------------------------------------------

    def new_candidate(self) -> None:
        from ercsheet.gui.candidate_dialog import CandidateDialog

        candidates = self.window.candidates
        dialog = CandidateDialog(self.store, parent=self.window)
        if dialog.exec():
            candidates.search.clear()
            candidates.refresh()
            candidates.select_candidate(dialog.candidate_id)

    def edit_candidate(self, candidate_id: int) -> None:
        from ercsheet.gui.candidate_dialog import CandidateDialog

        dialog = CandidateDialog(self.store, self.store.candidate(candidate_id), self.window)
        if dialog.exec():
            self.window.candidates.refresh()
            if self.window.open_sheet_id is not None:
                self.window.sheet_view.reload()

    def new_sheet_for_selected(self) -> None:
        candidate_id = self._selected_candidate()
        if candidate_id is not None:
            self.new_sheet(candidate_id)

    def new_sheet(self, candidate_id: int) -> None:
        from ercsheet.gui.unit_picker import UnitPicker

        window = self.window
        picker = UnitPicker(window.catalogue, window.today, window)
        if not picker.exec() or picker.choice is None:
            return
        assessor = self._assessor()
        if assessor is None:
            return
        choice = picker.choice
        sheet_id = attempt(
            lambda: self.store.create_sheet(
                candidate_id, choice.unit, choice.qualification, assessor
            )
        )
        if isinstance(sheet_id, Refusal):
            QMessageBox.warning(window, "New sheet", sheet_id.text)
            return
        window.open_sheet(sheet_id)

    def _assessor(self) -> Person | None:
        """The assessor a new sheet names: from the profile, asked for first if not set."""
        profile = self.store.profile()
        if profile is None:
            # A sheet names its assessor: who that is is asked first, never assumed.
            from ercsheet.gui.first_run import ProfileDialog

            ProfileDialog(self.store, self.window, welcome=True).exec()
            profile = self.store.profile()
            if profile is None:
                return None
        return Person(profile.name, profile.qualified)

    # --- qualifications ------------------------------------------------------------------------

    def register_selected(self) -> None:
        candidate_id = self._selected_candidate()
        if candidate_id is not None:
            self.register(candidate_id)

    def register(self, candidate_id: int) -> None:
        """Register the candidate on a qualification: a sheet for each unit, listed at once."""
        from ercsheet.gui.registration_dialog import RegisterDialog

        window = self.window
        assessor = self._assessor()
        if assessor is None:
            return
        dialog = RegisterDialog(
            self.store, candidate_id, window.catalogue, assessor, window.today, window
        )
        if dialog.exec():
            self._registered(candidate_id, dialog.sheet_ids, "Registered")

    def add_units(
        self, candidate_id: int, registration: int, qualification: str, parent: QWidget
    ) -> bool:
        """Add optional units to the candidate's registration; whether any were added."""
        from ercsheet.gui.registration_dialog import RegisterDialog

        window = self.window
        assessor = self._assessor()
        if assessor is None:
            return False
        progress = self.store.progress(candidate_id, window.catalogue)
        [shown] = [r for r in progress.registrations if r.id == registration]
        dialog = RegisterDialog(
            self.store,
            candidate_id,
            window.catalogue,
            assessor,
            window.today,
            parent,
            registration=registration,
            qualification_id=qualification,
            taken=[unit.unit_id for unit in shown.units],
        )
        if not dialog.exec():
            return False
        self._registered(candidate_id, dialog.sheet_ids, "Added")
        return True

    def _registered(self, candidate_id: int, sheet_ids: list[int], done: str) -> None:
        candidates = self.window.candidates
        if candidates.candidate_id != candidate_id:
            candidates.search.clear()
            candidates.select_candidate(candidate_id)
        candidates.refresh_sheets()
        if candidates.sheet_id is None:
            # The selection is unchanged (this candidate, no sheet), so it is not announced by
            # itself: told again, the empty pane counts the new sheets ("has no sheets yet" was
            # left on screen beside them).
            candidates.announce(again=True)
        count = len(sheet_ids)
        if not count:
            from ercsheet.domain.progress_words import NO_SHEETS

            self.window.show_message(f"{done}. {NO_SHEETS}")
            return
        self.window.show_message(
            f"{done}: {count} sheet{'' if count == 1 else 's'} in the candidate's list."
        )

    def progress_for_selected(self) -> None:
        candidate_id = self._selected_candidate()
        if candidate_id is not None:
            self.show_progress(candidate_id)

    def show_progress(self, candidate_id: int) -> None:
        """The candidate's progress; a unit double-clicked there opens its sheet."""
        from ercsheet.gui.progress_dialog import ProgressDialog

        window = self.window
        dialog = ProgressDialog(self.store, candidate_id, window.catalogue, window)

        def add_units(registration: int, qualification: str) -> None:
            if self.add_units(candidate_id, registration, qualification, dialog):
                dialog.reload()

        dialog.add_units.connect(add_units)
        if dialog.exec() and dialog.chosen_sheet is not None:
            window.open_sheet(dialog.chosen_sheet)

    def update_sheet_unit(self) -> None:
        """Bring the open draft to its unit's current file, once the assessor has read what
        changes (and confirmed the ticks it drops)."""
        from ercsheet.gui.unit_update_dialog import TITLE, UnitUpdateDialog

        window = self.window
        sheet_id = self._current_sheet()
        view = window.sheet_view_made
        if sheet_id is None or view is None or view.content is None:
            return
        content = view.content
        current = window.catalogue.get(content.unit.id)
        if current is None:
            QMessageBox.information(
                window,
                TITLE,
                f"The unit {content.unit.id} is not among the units loaded (its file was removed, "
                "renamed or cannot be read): the sheet keeps its copy of the unit.",
            )
        elif view.locked:
            QMessageBox.information(
                window,
                TITLE,
                "This sheet is signed off: it keeps the unit it was signed against. To update "
                "it, reopen it first (this voids the signatures).",
            )
        elif current == content.unit:
            QMessageBox.information(
                window, TITLE, "This sheet already has the unit's current version."
            )
        else:
            dialog = UnitUpdateDialog(self.store, sheet_id, content, current, window)
            if dialog.exec() and dialog.changes is not None:
                # Edits made before it would be undone against another version of the unit.
                window.undo.forget(sheet_id)
                view.open_sheet(sheet_id)  # its columns, lines and signatures are new
                view.sheet_changed.emit(sheet_id)
                window.show_message(
                    f"The sheet now has the unit's current version: {dialog.changes.summary()}."
                )

    def delete_sheet(self, sheet_id: int) -> None:
        """Delete the sheet, once the assessor has read what goes and said so."""
        from ercsheet.gui.deletion import ConfirmDeletion, sheet_deletion_text

        summary = self.store.sheet_summary(sheet_id)
        versions = len(self.store.versions(sheet_id))
        signed = summary.status == "signed" or versions > 0
        dialog = ConfirmDeletion(
            "Delete the sheet",
            sheet_deletion_text(summary, versions),
            "Delete sheet",
            lambda pin: attempt(lambda: self.store.delete_sheet(sheet_id, pin)),
            needs_pin=signed and self.store.has_pin(),
            parent=self.window,
        )
        if dialog.exec():
            self.window.deleted(
                f"Deleted {summary.candidate_name}'s sheet for {summary.unit_label}."
            )

    def delete_candidate(self, candidate_id: int) -> None:
        """Erase the candidate and their sheets, from the database and every backup (as
        `ercsheet erase-candidate`), once the assessor has read what goes and said so."""
        from ercsheet.gui.deletion import ConfirmDeletion, candidate_erasure_text

        candidate = self.store.candidate(candidate_id)
        sheets = self.store.sheets(candidate_id)
        dialog = ConfirmDeletion(
            "Delete the candidate",
            candidate_erasure_text(candidate, sheets),
            "Delete candidate",
            lambda pin: attempt(lambda: self.store.erase_candidate(candidate_id, pin)),
            needs_pin=self.store.has_pin(),
            confirm_number=candidate.candidate_number,
            parent=self.window,
        )
        if not dialog.exec():
            return
        self.window.deleted(f"Deleted {candidate.name} and their sheets, backups included.")
        if self.store.notes:  # backups it could not open (another passphrase)
            QMessageBox.warning(self.window, "Backups not erased", "\n".join(self.store.notes))
            self.store.notes.clear()

    def delete_selected_sheet(self) -> None:
        sheet_id = self.window.candidates.sheet_id
        if sheet_id is None:
            self.window.show_message("Choose a sheet first.")
            return
        self.delete_sheet(sheet_id)

    def delete_selected_candidate(self) -> None:
        candidate_id = self._selected_candidate()
        if candidate_id is not None:
            self.delete_candidate(candidate_id)

    def _selected_candidate(self) -> int | None:
        candidate_id = self.window.candidates.candidate_id
        if candidate_id is None:
            self.window.show_message("Choose or add a candidate first.")
        return candidate_id

    def _current_sheet(self) -> int | None:
        sheet_id = self.window.open_sheet_id
        if sheet_id is None:
            self.window.show_message("Open a sheet first.")
        return sheet_id

    def _candidate_sheets(self) -> list[int]:
        candidate_id = self.window.candidates.candidate_id
        sheets = [] if candidate_id is None else [s.id for s in self.store.sheets(candidate_id)]
        if not sheets:
            self.window.show_message("Choose a candidate who has sheets first.")
        return sheets

    # --- printing ------------------------------------------------------------------------------

    def print_preview(self) -> None:
        from ercsheet.gui import printing

        sheet_id = self._current_sheet()
        if sheet_id is not None:
            printing.preview(self.window, self.store, [sheet_id], self.window.settings)

    def print_sheet(self) -> None:
        from ercsheet.gui import printing

        sheet_id = self._current_sheet()
        if sheet_id is not None:
            printing.print_sheets(self.window, self.store, [sheet_id])

    def export_pdf(self) -> None:
        from ercsheet.gui import printing

        sheet_id = self._current_sheet()
        if sheet_id is not None:
            printing.export_sheets(self.window, self.store, [sheet_id], self.window.settings)

    def print_candidate(self) -> None:
        from ercsheet.gui import printing

        sheets = self._candidate_sheets()
        if sheets:
            printing.print_sheets(self.window, self.store, sheets)

    def export_candidate_pdf(self) -> None:
        from ercsheet.gui import printing

        sheets = self._candidate_sheets()
        if sheets:
            printing.export_sheets(self.window, self.store, sheets, self.window.settings)

    # --- units ---------------------------------------------------------------------------------

    def add_unit_from_specification(self) -> None:
        from ercsheet.gui.unit_adding import add_unit_from_specification

        saved = add_unit_from_specification(
            self.window, self.window.catalogue, self.window.settings
        )
        if saved is not None:
            self.window.reload_catalogue()

    # --- exchange files and backups ------------------------------------------------------------

    def import_files(self) -> None:
        """File → Import: the files chosen in a file dialog."""
        self.import_paths(None)

    def import_paths(self, paths: Sequence[Path] | None) -> None:
        """`paths` imported as File → Import does (None: asked for), with its summary: how the
        file ercsheet was started with is taken in (`ercsheet FILE`, a file manager opening an
        exchange file)."""
        from ercsheet.gui import file_actions

        window = self.window
        imported = file_actions.import_files(
            window, self.store, window.catalogue, window.today, window.settings, paths
        )
        window.candidates.refresh()
        if imported:
            window.open_sheet(imported[-1])

    def export_exchange(self) -> None:
        self._export_exchange(encrypt=False)

    def export_exchange_encrypted(self) -> None:
        self._export_exchange(encrypt=True)

    def _export_exchange(self, encrypt: bool) -> None:
        from ercsheet.gui import file_actions

        sheet_id = self._current_sheet()
        if sheet_id is not None:
            file_actions.export_exchange(
                self.window, self.store, sheet_id, self.window.settings, None, encrypt
            )

    def export_candidate_file(self) -> None:
        """The selected candidate's evidence and sheets in one exchange file (version 2)."""
        from ercsheet.gui import file_actions

        candidate_id = self._selected_candidate()
        if candidate_id is not None:
            file_actions.export_candidate_file(
                self.window, self.store, candidate_id, self.window.settings
            )

    def back_up(self) -> None:
        from ercsheet.gui import file_actions

        file_actions.back_up(self.window, self.store)

    def restore_backup(self) -> None:
        from ercsheet.gui import file_actions

        if file_actions.restore_backup(self.window, self.store):
            self.window.data_replaced()

    # --- tools and the assessor ----------------------------------------------------------------

    def find_by_code(self) -> None:
        from ercsheet.gui.signing import CodeLookupDialog

        dialog = CodeLookupDialog(self.store, self.window)
        dialog.open_sheet.connect(self.window.open_sheet)
        dialog.exec()

    def candidate_audit_for_selected(self) -> None:
        candidate_id = self._selected_candidate()
        if candidate_id is not None:
            self.show_candidate_audit(candidate_id)

    def library_for_selected(self) -> None:
        """The selected candidate's evidence: where each item counts and is held."""
        from ercsheet.gui.library_dialog import LibraryDialog

        candidate_id = self._selected_candidate()
        if candidate_id is None:
            return
        LibraryDialog(self.store, candidate_id, self.window).exec()
        if self.window.sheet_view_made:
            self.window.sheet_view.reload()

    def show_candidate_audit(self, candidate_id: int) -> QDialog:
        """The candidate's audit trail: their details' events and all their sheets'."""
        from ercsheet.gui.signing import AuditTrailDialog

        dialog = AuditTrailDialog(self.store, candidate_id=candidate_id, parent=self.window)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def check_records(self) -> None:
        problems = self.store.check_records()
        if not problems:
            QMessageBox.information(
                self.window, "Signed records", "Every signed sheet matches its record code."
            )
            return
        lines = "\n".join(f"Sheet {p.sheet_id}: {p.problem}" for p in problems)
        QMessageBox.warning(
            self.window, "Signed records", f"These sheets do not verify:\n\n{lines}"
        )

    def edit_profile(self) -> None:
        from ercsheet.gui.first_run import ProfileDialog

        if ProfileDialog(self.store, self.window).exec() and self.window.open_sheet_id is not None:
            self.window.sheet_view.reload()  # a draft follows the profile (its assessor's line)

    def edit_pin(self) -> None:
        from ercsheet.gui.signing import PinDialog

        PinDialog(self.store, self.window).exec()

    def edit_encryption(self) -> None:
        from ercsheet.gui.passphrase_dialog import PassphraseDialog

        if PassphraseDialog(self.store, first_run=False, parent=self.window).exec():
            state = "encrypted" if self.store.passphrase else "not encrypted"
            self.window.show_message(f"The database is now {state}.")

    def show_about(self) -> None:
        from ercsheet.gui.about import AboutDialog

        AboutDialog(self.store.path, self.window).exec()

    def focus_search(self) -> None:
        search = self.window.candidates.search
        search.setFocus()
        search.selectAll()
