"""Where the window was left: its size and panes, and the candidate and sheet it showed, kept in
the settings and given back at the next start. A first window fits the screen it opens on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ercsheet.gui.qt.core import QRect
from ercsheet.gui.qt.gui import QGuiApplication
from ercsheet.store.store import NotFound

if TYPE_CHECKING:
    from ercsheet.gui.main_window import MainWindow
    from ercsheet.gui.qt.widgets import QSplitter
    from ercsheet.gui.sheet_view import SheetView

PREFERRED_SIZE = (1360, 800)
# The window manager's frame (title bar, borders) is not known until the window is shown: room
# kept for a usual one, so a first window never runs past the screen's edge.
FRAME = (16, 48)


def fit_to_screen(window: MainWindow, available: QRect | None = None) -> None:
    """The first window: the preferred size, or what the screen has room for (a 1366 x 768
    laptop with its taskbar), centred, its frame inside the screen. `available`: the screen's
    room (by default the window's screen's, less its taskbars and docks)."""
    if available is None:
        screen = window.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
    width = min(PREFERRED_SIZE[0], available.width() - FRAME[0])
    height = min(PREFERRED_SIZE[1], available.height() - FRAME[1])
    window.resize(width, height)
    # move() places the frame; resize() sizes what is inside it.
    window.move(
        available.x() + max(0, (available.width() - width - FRAME[0]) // 2),
        available.y() + max(0, (available.height() - height - FRAME[1]) // 2),
    )


def restore(window: MainWindow) -> None:
    geometry = window.settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        fit_to_screen(window)
    _restore_panes(window, {"main": window.splitter})


def restore_sheet_panes(window: MainWindow, view: SheetView) -> None:
    """The sheet's panes as they were left (the sheet's view is made when the first sheet
    opens)."""
    _restore_panes(window, _sheet_splitters(view))


def save(window: MainWindow) -> None:
    remember(window, window.candidates.candidate_id, window.candidates.sheet_id)
    window.settings.setValue("window/geometry", window.saveGeometry())
    splitters = {"main": window.splitter}
    view = window.sheet_view_made  # no sheet opened: its panes are as they were
    if view is not None:
        splitters |= _sheet_splitters(view)
    for key, splitter in splitters.items():
        window.settings.setValue(f"window/{key}", splitter.saveState())
    window.settings.sync()


def _restore_panes(window: MainWindow, splitters: dict[str, QSplitter]) -> None:
    for key, splitter in splitters.items():
        state = window.settings.value(f"window/{key}")
        if state is not None:
            splitter.restoreState(state)


def remember(window: MainWindow, candidate_id: int | None, sheet_id: int | None) -> None:
    # Kept with the database they belong to: --db may open another, where these ids are other
    # people's.
    settings = window.settings
    settings.setValue("last/database", str(window.store.path))
    settings.setValue("last/candidate", candidate_id if candidate_id is not None else "")
    settings.setValue("last/sheet", sheet_id if sheet_id is not None else "")


def reopen_last(window: MainWindow) -> None:
    """Select the candidate and sheet selected when the window last closed on this database
    (those that still exist)."""
    settings = window.settings
    if settings.value("last/database") != str(window.store.path):
        return
    candidate = _number(settings.value("last/candidate"))
    sheet = _number(settings.value("last/sheet"))
    if sheet is not None:
        try:
            window.store.sheet_summary(sheet)
        except NotFound:
            sheet = None
    if sheet is not None:
        window.open_sheet(sheet)
    elif candidate is not None:
        window.candidates.select_candidate(candidate)


def _sheet_splitters(view: SheetView) -> dict[str, QSplitter]:
    return {"sheet": view.splitter, "grid": view.grid_and_signing}


def _number(value: object) -> int | None:
    """A number kept in the settings (an INI file keeps text)."""
    try:
        return int(str(value))
    except ValueError:
        return None
