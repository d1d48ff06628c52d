"""The window's one Qt import point (as qutebrowser's `qutebrowser/qt/` and Anki's `aqt/qt`).

Every module of the window imports Qt's names from here — `from ercsheet.gui.qt.widgets import
QDialog` — never from PySide6 directly (a ruff rule keeps it so). One place to change if Qt's
binding or version changes, and one place where Qt's modules are loaded: each submodule loads one
Qt module, so printing (QtPrintSupport, QtPdf) still loads only when first used.

Each submodule lists the names the window uses (`__all__`; for the type checker, imported under
TYPE_CHECKING) and gives each when it is first imported (`lazy_names`): PySide6 sets a class up
the first time its name is looked up (`Qt` alone takes 14 ms, `QStyle` 5 ms), so a name only a
dialog or printing uses costs nothing until the dialog opens, and the window starts sooner.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any


def lazy_names(qt_module: ModuleType, namespace: dict[str, Any]) -> Callable[[str], object]:
    """A module `__getattr__` giving the names in the module's `__all__` from `qt_module`, each
    looked up once, when first imported."""

    def get(name: str) -> object:
        if name not in namespace["__all__"]:
            raise AttributeError(f"{namespace['__name__']} lists no {name!r}: add it there")
        value = getattr(qt_module, name)
        namespace[name] = value  # looked up once: the next import finds it in the module
        return value

    return get
