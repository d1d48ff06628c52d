"""Writing a file the assessor asked for, and telling them where it went (with a way to open its
folder); short news in the window's status bar."""

from __future__ import annotations

from pathlib import Path

from ercsheet.atomic import write_bytes_atomic
from ercsheet.gui.qt.core import Qt, QUrl
from ercsheet.gui.qt.gui import QDesktopServices
from ercsheet.gui.qt.widgets import QMainWindow, QMessageBox, QWidget

OPEN_FOLDER = "Open folder"


def save_and_tell(parent: QWidget, title: str, path: Path, data: bytes) -> bool:
    """Write `data` to `path` whole or not at all, and say where, or why not. True once written."""
    try:
        write_bytes_atomic(path, data)
    except OSError as error:
        QMessageBox.warning(
            parent, title, f"{path} could not be written: {error.strerror or error}."
        )
        return False
    tell_saved(parent, title, path)
    return True


def tell_saved(parent: QWidget, title: str, path: Path) -> None:
    """Say the file's name and folder; "Open folder" shows the folder in the file manager."""
    box = QMessageBox(QMessageBox.Icon.Information, title, f"Saved {path.name}", parent=parent)
    box.setInformativeText(f"in {path.parent}")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy it
    opener = box.addButton(OPEN_FOLDER, QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Ok))
    box.exec()
    # A local file URL: the desktop's file manager opens it; nothing goes on the network.
    folder = QUrl.fromLocalFile(str(path.parent))
    if box.clickedButton() is opener and not QDesktopServices.openUrl(folder):
        QMessageBox.information(
            parent, title, f"No file manager could be started to show {path.parent}."
        )
    in_status_bar(parent, f"Saved {path}")


def in_status_bar(parent: QWidget, text: str) -> None:
    """`text` in the status bar of the window `parent` is in (or opened from), for 8 s."""
    widget: QWidget | None = parent
    while widget is not None and not isinstance(widget, QMainWindow):
        widget = widget.parentWidget()
    if widget is not None:
        widget.statusBar().showMessage(text, 8000)
