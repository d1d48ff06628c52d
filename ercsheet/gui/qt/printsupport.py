"""Qt's QtPrintSupport, as the window imports it: `from ercsheet.gui.qt.printsupport import …`.

Names are listed one by one rather than with `*`: a star import makes PySide6 set up every class
of the module (about 70 ms of the window's start); a name the window needs is added here.
"""

from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
)

__all__ = [
    "QPrintDialog",
    "QPrinter",
]
