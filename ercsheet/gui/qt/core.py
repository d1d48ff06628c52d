"""Qt's QtCore, as the window imports it: `from ercsheet.gui.qt.core import …`.

Names are listed one by one rather than with `*`: a star import makes PySide6 set up every class
of the module (about 70 ms of the window's start); a name the window needs is added here.
"""

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QBuffer,
    QByteArray,
    QDate,
    QEvent,
    QEventLoop,
    QIODevice,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSettings,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    QUrl,
    Signal,
)

__all__ = [
    "QAbstractItemModel",
    "QAbstractListModel",
    "QAbstractTableModel",
    "QBuffer",
    "QByteArray",
    "QDate",
    "QEvent",
    "QEventLoop",
    "QIODevice",
    "QItemSelectionModel",
    "QModelIndex",
    "QObject",
    "QPersistentModelIndex",
    "QPoint",
    "QPointF",
    "QRect",
    "QRectF",
    "QSettings",
    "QSize",
    "QSizeF",
    "QTimer",
    "QUrl",
    "Qt",
    "Signal",
]
