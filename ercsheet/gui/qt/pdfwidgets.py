"""Qt's QtPdfWidgets, as the window imports it: `from ercsheet.gui.qt.pdfwidgets import …`."""

from PySide6.QtPdfWidgets import *  # noqa: F403
