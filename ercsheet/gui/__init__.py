"""The window (PySide6). Imported only when the window is wanted."""

from ercsheet.gui.app import create_main_window

__all__ = ["create_main_window"]
