"""Qt's QtPrintSupport, as the window imports it: `from ercsheet.gui.qt.printsupport import …`."""

from PySide6.QtPrintSupport import *  # noqa: F403
