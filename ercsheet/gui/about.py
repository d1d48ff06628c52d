"""Help → About: which ercsheet this is, its licence, and where it keeps what it keeps."""

from __future__ import annotations

from pathlib import Path

from ercsheet import __version__, paths
from ercsheet.gui.qt.core import Qt
from ercsheet.gui.qt.widgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget
from ercsheet.store import backup


def about_text(database: Path) -> str:
    """What the About box says (plain text, one fact a line)."""
    return "\n".join(
        [
            f"ercsheet {__version__}",
            "Offline Evidence Record Sheets for assessors of UK vocational units.",
            "",
            "Licence: proprietary. Fonts: DejaVu, under their own licence "
            f"({paths.fonts_dir() / 'LICENSE-DejaVu.txt'}).",
            "",
            f"Data folder: {paths.data_dir()}",
            f"Database: {database}",
            f"Backups: {backup.backups_dir(database)}",
            "Logs: none are kept; what goes wrong is said where it happens.",
            "",
            "ercsheet never opens a network connection: everything stays on this computer.",
        ]
    )


class AboutDialog(QDialog):
    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About ercsheet")
        self.text = QLabel(about_text(database), self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(close)
        self.setMinimumWidth(520)
