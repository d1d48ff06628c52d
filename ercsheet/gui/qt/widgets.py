"""Qt's QtWidgets, as the window imports it: `from ercsheet.gui.qt.widgets import …`."""

from PySide6.QtWidgets import *  # noqa: F403
