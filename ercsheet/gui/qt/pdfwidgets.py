"""Qt's QtPdfWidgets, as the window imports it: `from ercsheet.gui.qt.pdfwidgets import …`.

The names the window uses, each set up by PySide6 when first imported (see `ercsheet.gui.qt`);
a name the window needs is added to both lists.
"""

from typing import TYPE_CHECKING

from PySide6 import QtPdfWidgets

from ercsheet.gui.qt import lazy_names

if TYPE_CHECKING:
    from PySide6.QtPdfWidgets import (
        QPdfView,
    )
else:
    __getattr__ = lazy_names(QtPdfWidgets, globals())

__all__ = [
    "QPdfView",
]
