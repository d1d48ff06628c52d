"""Qt's QtCore, as the window imports it: `from ercsheet.gui.qt.core import …`.

The names the window uses, each set up by PySide6 when first imported (see `ercsheet.gui.qt`);
a name the window needs is added to both lists.
"""

from typing import TYPE_CHECKING

from PySide6 import QtCore

from ercsheet.gui.qt import lazy_names

if TYPE_CHECKING:
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
        QMessageLogContext,
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
        QStandardPaths,
        Qt,
        QTimer,
        QtMsgType,
        QUrl,
        Signal,
        qInstallMessageHandler,
    )
else:
    __getattr__ = lazy_names(QtCore, globals())

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
    "QMessageLogContext",
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
    "QStandardPaths",
    "QTimer",
    "QUrl",
    "Qt",
    "QtMsgType",
    "Signal",
    "qInstallMessageHandler",
]
