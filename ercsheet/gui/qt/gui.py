"""Qt's QtGui, as the window imports it: `from ercsheet.gui.qt.gui import …`.

The names the window uses, each set up by PySide6 when first imported (see `ercsheet.gui.qt`);
a name the window needs is added to both lists.
"""

from typing import TYPE_CHECKING

from PySide6 import QtGui

from ercsheet.gui.qt import lazy_names

if TYPE_CHECKING:
    from PySide6.QtGui import (
        QAction,
        QBrush,
        QCloseEvent,
        QColor,
        QCursor,
        QDesktopServices,
        QFileOpenEvent,
        QFocusEvent,
        QFont,
        QFontMetrics,
        QGuiApplication,
        QIcon,
        QImage,
        QKeyEvent,
        QKeySequence,
        QMouseEvent,
        QPageLayout,
        QPageSize,
        QPainter,
        QPainterPath,
        QPaintEvent,
        QPen,
        QResizeEvent,
        QStandardItemModel,
        QTabletEvent,
        QTouchEvent,
        QUndoCommand,
        QUndoGroup,
        QUndoStack,
    )
else:
    __getattr__ = lazy_names(QtGui, globals())

__all__ = [
    "QAction",
    "QBrush",
    "QCloseEvent",
    "QColor",
    "QCursor",
    "QDesktopServices",
    "QFileOpenEvent",
    "QFocusEvent",
    "QFont",
    "QFontMetrics",
    "QGuiApplication",
    "QIcon",
    "QImage",
    "QKeyEvent",
    "QKeySequence",
    "QMouseEvent",
    "QPageLayout",
    "QPageSize",
    "QPaintEvent",
    "QPainter",
    "QPainterPath",
    "QPen",
    "QResizeEvent",
    "QStandardItemModel",
    "QTabletEvent",
    "QTouchEvent",
    "QUndoCommand",
    "QUndoGroup",
    "QUndoStack",
]
