"""File → Add a unit from its specification…: choose the file, read it, review what was found.

The specification is read in a process of its own (importer/bounded.py), waited for on a worker
thread while the window keeps answering: a progress dialog with Cancel shows after 400 ms (a
10-page PDF takes under a second), and Cancel kills the reading process; a file that takes longer
than the deadline, or more memory than a specification does, is given up on.
What cannot be read is said in a message, with the reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet import paths
from ercsheet.gui.qt.core import QSettings
from ercsheet.gui.qt.widgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from ercsheet.catalogue.importer.lines import Line
    from ercsheet.catalogue.importer.result import ParsedUnit
    from ercsheet.catalogue.loader import Catalogue

TITLE = "Add a unit from its specification"


def units_folder() -> Path:
    """The user's own unit files, loaded at every start beside the built-in units."""
    return paths.user_units_dir()


def add_unit_from_specification(
    parent: QWidget, catalogue: Catalogue, settings: QSettings, path: Path | None = None
) -> Path | None:
    """Ask for a specification, read it, open the review; the unit file saved, if any."""
    from ercsheet.catalogue.importer.cleaning import shown_source
    from ercsheet.catalogue.importer.reading import SpecUnreadable
    from ercsheet.gui.unit_review import UnitReviewDialog

    if path is None:
        folder = str(settings.value("folders/specifications", str(Path.home())))
        name, _filter = QFileDialog.getOpenFileName(
            parent,
            TITLE,
            folder,
            "Unit specifications (*.pdf *.docx *.txt);;All files (*)",
        )
        if not name:
            return None
        path = Path(name)
    settings.setValue("folders/specifications", str(path.parent))
    try:
        read = read_on_a_worker(parent, path)
    except SpecUnreadable as error:
        QMessageBox.warning(parent, TITLE, f"{path.name} cannot be read: {error}.")
        return None
    if read is None:
        return None  # cancelled
    lines, unit = read
    dialog = UnitReviewDialog(
        shown_source(lines), unit, path.name, units_folder(), catalogue, parent
    )
    if dialog.exec() and dialog.saved is not None:
        QMessageBox.information(
            parent, TITLE, f"Saved to {dialog.saved}. New sheet… offers it from now on."
        )
        return dialog.saved
    return None


def read_on_a_worker(parent: QWidget, path: Path) -> tuple[list[Line], ParsedUnit] | None:
    """The specification read in its own process, waited for on a worker thread; None when the
    assessor cancelled (the reading process is killed, not left to run on)."""
    import threading

    from ercsheet.catalogue.importer.bounded import Stopped, read_and_parse
    from ercsheet.gui.progress import in_background, progress_dialog

    cancelled = threading.Event()

    def work() -> tuple[list[Line], ParsedUnit] | None:
        try:
            return read_and_parse(path, stopped=cancelled.is_set)
        except Stopped:
            return None

    progress = progress_dialog(parent, TITLE, f"Reading {path.name}…", 0)
    try:
        return in_background(progress, work, "read specification", stop=cancelled.set)
    finally:
        progress.close()
