"""Qt's QtGui, as the window imports it: `from ercsheet.gui.qt.gui import …`."""

from PySide6.QtGui import *  # noqa: F403
