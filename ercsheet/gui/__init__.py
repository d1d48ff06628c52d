"""The window (PySide6). Imported only when the window is wanted."""
