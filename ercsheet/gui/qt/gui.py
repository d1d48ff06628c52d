"""Qt's QtGui, as the window imports it: `from ercsheet.gui.qt.gui import …`.

Names are listed one by one rather than with `*`: a star import makes PySide6 set up every class
of the module (about 70 ms of the window's start); a name the window needs is added here.
"""

from PySide6.QtGui import (
    QAction,
    QBrush,
    QCloseEvent,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QStandardItemModel,
    QTabletEvent,
    QTouchEvent,
    QUndoCommand,
    QUndoStack,
)

__all__ = [
    "QAction",
    "QBrush",
    "QCloseEvent",
    "QColor",
    "QFocusEvent",
    "QFont",
    "QFontMetrics",
    "QGuiApplication",
    "QIcon",
    "QKeyEvent",
    "QKeySequence",
    "QMouseEvent",
    "QPageLayout",
    "QPageSize",
    "QPaintEvent",
    "QPainter",
    "QPainterPath",
    "QPen",
    "QStandardItemModel",
    "QTabletEvent",
    "QTouchEvent",
    "QUndoCommand",
    "QUndoStack",
]
