"""The window's menus: each entry, its shortcut and what it does (the window controller, the sheet's
editor, the undo stack)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ercsheet.gui.qt.gui import QAction, QKeySequence

if TYPE_CHECKING:
    from ercsheet.gui.main_window import MainWindow
    from ercsheet.gui.qt.widgets import QMenu
    from ercsheet.gui.sheet_editing import SheetEditor

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None
Key = QKeySequence.StandardKey


def build_menus(window: MainWindow) -> None:
    controller = window.controller

    def editor() -> SheetEditor:  # the sheet's view is made when first needed
        return window.sheet_view.editor

    file = Menu(window, "&File")
    file.add("New &candidate…", controller.new_candidate, "Ctrl+Shift+N")
    file.add("&New sheet…", controller.new_sheet_for_selected, Key.New)
    file.separator()
    file.add("Print pre&view…", controller.print_preview, "Ctrl+Shift+P")
    file.add("&Print…", controller.print_sheet, Key.Print)
    file.add("&Export PDF…", controller.export_pdf, "Ctrl+Shift+E")
    file.add("Print a&ll sheets of the candidate…", controller.print_candidate)
    file.add("Export all sheets of the candidate as P&DF…", controller.export_candidate_pdf)
    file.separator()
    file.add("Add a &unit from its specification…", controller.add_unit_from_specification)
    file.separator()
    file.add("&Import exchange files…", controller.import_files, "Ctrl+I")
    file.add("Export exchange &file…", controller.export_exchange, "Ctrl+E")
    file.add("Export exchange file, encr&ypted…", controller.export_exchange_encrypted)
    file.add("Export the candidate's &whole file…", controller.export_candidate_file)
    file.separator()
    file.add("&Back up now", controller.back_up)
    file.add("&Restore a backup…", controller.restore_backup)
    file.separator()
    file.add("&Quit", window.close, Key.Quit)

    edit = Menu(window, "&Edit")
    undo = window.undo.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence(Key.Undo))
    redo = window.undo.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit.menu.addAction(undo)
    edit.menu.addAction(redo)
    edit.separator()
    edit.add("&Add evidence row", lambda: editor().add_row(), "Ctrl+Return")
    edit.add("Add e&xisting evidence…", lambda: editor().add_existing_row(), "Ctrl+Shift+Return")
    edit.add("&Delete evidence row", lambda: editor().delete_row(), "Ctrl+Delete")
    edit.add("Move row &up", lambda: editor().move_row(-1), "Alt+Up")
    edit.add("Move row do&wn", lambda: editor().move_row(1), "Alt+Down")
    edit.separator()
    edit.add("Update sheet to the unit's current &version…", controller.update_sheet_unit)
    edit.add("Delete &sheet…", controller.delete_selected_sheet)
    edit.add("Delete ca&ndidate…", controller.delete_selected_candidate)
    edit.separator()
    edit.add("&Find candidate", controller.focus_search, Key.Find)

    tools = Menu(window, "&Tools")
    tools.add("Find sheet by &record code…", controller.find_by_code, "Ctrl+K")
    tools.add("&Check all signed records", controller.check_records)
    tools.add("Candidate's &audit trail…", controller.candidate_audit_for_selected)
    tools.add("Candidate's evidence &library…", controller.library_for_selected)
    tools.separator()
    tools.add("Re&gister the candidate on a qualification…", controller.register_selected)
    tools.add("Candidate's &progress…", controller.progress_for_selected, "Ctrl+G")

    # Alt+S: Alt+A is the grid's "Add evidence" (a clash opened this menu and typed into Profile…).
    assessor = Menu(window, "A&ssessor")
    assessor.add("&Profile…", controller.edit_profile)
    # Where the store's refusals point ("Set your PIN first (Assessor → PIN…)").
    assessor.add("P&IN…", controller.edit_pin)
    assessor.add("&Database encryption…", controller.edit_encryption)

    Menu(window, "&Help").add("&About ercsheet…", controller.show_about)


class Menu:
    """One menu of the window's menu bar, filled in the order its entries are added."""

    def __init__(self, window: MainWindow, title: str) -> None:
        self.window = window
        self.menu: QMenu = window.menuBar().addMenu(title)

    def add(self, text: str, slot: Callable[[], object], shortcut: Shortcut = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def separator(self) -> None:
        self.menu.addSeparator()
