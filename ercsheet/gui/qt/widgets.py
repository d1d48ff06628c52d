"""Qt's QtWidgets, as the window imports it: `from ercsheet.gui.qt.widgets import …`.

The names the window uses, each set up by PySide6 when first imported (see `ercsheet.gui.qt`);
a name the window needs is added to both lists.
"""

from typing import TYPE_CHECKING

from PySide6 import QtWidgets

from ercsheet.gui.qt import lazy_names

if TYPE_CHECKING:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemDelegate,
        QAbstractItemView,
        QApplication,
        QButtonGroup,
        QCalendarWidget,
        QComboBox,
        QDialog,
        QDialogButtonBox,
        QFileDialog,
        QFormLayout,
        QGridLayout,
        QGroupBox,
        QHBoxLayout,
        QHeaderView,
        QLabel,
        QLayout,
        QLineEdit,
        QListView,
        QMainWindow,
        QMenu,
        QMessageBox,
        QPlainTextEdit,
        QProgressDialog,
        QPushButton,
        QRadioButton,
        QScrollArea,
        QSplitter,
        QStackedWidget,
        QStyle,
        QStyledItemDelegate,
        QStyleOptionHeader,
        QStyleOptionViewItem,
        QTableView,
        QTableWidget,
        QTableWidgetItem,
        QTabWidget,
        QTextBrowser,
        QToolButton,
        QVBoxLayout,
        QWidget,
        QWidgetAction,
    )
else:
    __getattr__ = lazy_names(QtWidgets, globals())

__all__ = [
    "QAbstractButton",
    "QAbstractItemDelegate",
    "QAbstractItemView",
    "QApplication",
    "QButtonGroup",
    "QCalendarWidget",
    "QComboBox",
    "QDialog",
    "QDialogButtonBox",
    "QFileDialog",
    "QFormLayout",
    "QGridLayout",
    "QGroupBox",
    "QHBoxLayout",
    "QHeaderView",
    "QLabel",
    "QLayout",
    "QLineEdit",
    "QListView",
    "QMainWindow",
    "QMenu",
    "QMessageBox",
    "QPlainTextEdit",
    "QProgressDialog",
    "QPushButton",
    "QRadioButton",
    "QScrollArea",
    "QSplitter",
    "QStackedWidget",
    "QStyle",
    "QStyleOptionHeader",
    "QStyleOptionViewItem",
    "QStyledItemDelegate",
    "QTabWidget",
    "QTableView",
    "QTableWidget",
    "QTableWidgetItem",
    "QTextBrowser",
    "QToolButton",
    "QVBoxLayout",
    "QWidget",
    "QWidgetAction",
]
