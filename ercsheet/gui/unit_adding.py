"""File → Add a unit from its specification…: choose the file, read it, review what was found.

The specification is read on the window's thread with a wait cursor: a 10-page PDF takes about
half a second (docs/importer.md). What cannot be read is said in a message, with the reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet import paths
from ercsheet.gui.qt.core import QSettings, Qt
from ercsheet.gui.qt.gui import QCursor, QGuiApplication
from ercsheet.gui.qt.widgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
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
    from ercsheet.catalogue.importer.parse import parse_lines
    from ercsheet.catalogue.importer.reading import SpecUnreadable, read_spec
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
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        lines = read_spec(path)
        unit = parse_lines(lines)
    except SpecUnreadable as error:
        QMessageBox.warning(parent, TITLE, f"{path.name} cannot be read: {error}.")
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    dialog = UnitReviewDialog(
        shown_source(lines), unit, path.name, units_folder(), catalogue, parent
    )
    if dialog.exec() and dialog.saved is not None:
        QMessageBox.information(
            parent, TITLE, f"Saved to {dialog.saved}. New sheet… offers it from now on."
        )
        return dialog.saved
    return None
