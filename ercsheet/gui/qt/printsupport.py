"""Qt's QtPrintSupport, as the window imports it: `from ercsheet.gui.qt.printsupport import …`.

The names the window uses, each set up by PySide6 when first imported (see `ercsheet.gui.qt`);
a name the window needs is added to both lists.
"""

from typing import TYPE_CHECKING

from PySide6 import QtPrintSupport

from ercsheet.gui.qt import lazy_names

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import (
        QPrintDialog,
        QPrinter,
    )
else:
    __getattr__ = lazy_names(QtPrintSupport, globals())

__all__ = [
    "QPrintDialog",
    "QPrinter",
]
