"""The window's one Qt import point (as qutebrowser's `qutebrowser/qt/` and Anki's `aqt/qt`).

Every module of the window imports Qt's names from here — `from ercsheet.gui.qt.widgets import
QDialog` — never from PySide6 directly (a ruff rule keeps it so). One place to change if Qt's
binding or version changes, and one place where Qt's modules are loaded: each submodule loads one
Qt module, so printing (QtPrintSupport, QtPdf) still loads only when first used.
"""
