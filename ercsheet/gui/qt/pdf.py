"""Qt's QtPdf, as the window imports it: `from ercsheet.gui.qt.pdf import …`."""

from PySide6.QtPdf import *  # noqa: F403
