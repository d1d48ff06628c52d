"""Qt's QtCore, as the window imports it: `from ercsheet.gui.qt.core import …`."""

from PySide6.QtCore import *  # noqa: F403
