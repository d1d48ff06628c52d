"""What the frozen app holds beyond what PyInstaller finds by following imports, and what it leaves
out: read by `packaging/ercsheet.spec`, and by tests/test_packaging.py, which checks that every
file named here exists, that the Qt modules kept are those the window imports and that nothing the
app imports is left out. Plain Python (no PyInstaller), so the test needs no build.

One folder, not one file: Qt stays as its own shared libraries beside the program (the LGPL lets
a user replace them), and nothing is unpacked into a temporary folder at every start.
"""

from __future__ import annotations

import importlib.util
import pkgutil
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent

# Files read at run time, each at the same place relative to the `ercsheet` package as in the
# source tree, so ercsheet/paths.py finds them frozen as it does in a checkout (`units_data/` and
# `resources/` beside the package, inside the app's `_internal/`).
DATA_FOLDERS = (
    "units_data",  # the built-in units and qualifications
    "resources",  # the fonts the PDF embeds, with their licence
    # Alembic reads its migrations as files (env.py, versions/*.py), not as imported modules.
    "ercsheet/store/migrations",
)

# Modules of the app loaded by name rather than by an import PyInstaller can see: none but these.
# The whole package is frozen too (hidden_imports), so a new lazily imported module needs no entry.
HIDDEN_IMPORTS = (
    # SQLAlchemy's SQLCipher dialect imports its DB-API by name when an encrypted store opens.
    "sqlcipher3.dbapi2",
    "sqlalchemy.dialects.sqlite.pysqlcipher",
)

# The Qt modules the window uses (ercsheet/gui/qt/: core, gui, widgets, pdf, pdfwidgets,
# printsupport); every other PySide6 module, and the libraries and plugins only they need, stays
# out. Listed so that an import of one of them by a dependency cannot bring it in unnoticed.
QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport")

EXCLUDED_MODULES = (
    # Tests and tools, installed in the venv beside the app's dependencies.
    "pytest",
    "_pytest",
    "pytestqt",
    "pytest_timeout",
    "hypothesis",
    "mypy",
    "mypyc",
    "pypdf",
    "jsonschema",
    "pygments",  # pytest's, imported optionally by others: a dev venv's build took it, 5 MB
    "PyInstaller",
    "pip",
    # The build tools the venv holds (setuptools's hack is imported by a .pth file), and the
    # YAML the recipes' tests read: nothing the app imports.
    "setuptools",
    "pkg_resources",
    "_distutils_hack",
    "yaml",
    # No Tk, and no Qt binding but PySide6's modules above.
    "tkinter",
    "_tkinter",
    "PyQt5",
    "PyQt6",
    "PySide2",
    # (SQLAlchemy's other dialects stay, though the store is SQLite alone: Alembic imports them.)
)

# Qt's plugins, by folder under Qt/plugins: those kept, by file-name stem (without `lib` and the
# suffix). A folder not named here is left out whole (QML, multimedia, sensors, SQL drivers,
# eglfs and evdev input for kiosks…); Qt's translations are left out, the app being in English.
QT_PLUGINS_KEPT: dict[str, tuple[str, ...]] = {
    # X11 and Wayland desktops, and offscreen for a run with no display (the self-test, CI).
    # Windows and macOS have their own (qwindows, qcocoa).
    "platforms": ("qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows", "qcocoa"),
    "wayland-shell-integration": ("xdg-shell", "wl-shell-plugin", "ivi-shell", "qt-shell"),
    "wayland-decoration-client": ("bradient", "adwaita"),
    "wayland-graphics-integration-client": ("qt-plugin-wayland-egl", "shm-emulation-server"),
    "xcbglintegrations": ("qxcb-egl-integration", "qxcb-glx-integration"),
    # Native file dialogs through the desktop portal (no GTK is shipped: the gtk3 theme needs it).
    "platformthemes": ("qxdgdesktopportal",),
    # Typing accents with a compose key or an input method (Łukasz Żółć, Siân).
    "platforminputcontexts": (
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    ),
    # The desktop's icon theme is SVG (the grid's warning icon is the style's); the app reads
    # no other picture (PNG, which Qt reads without a plugin, aside).
    "iconengines": ("qsvgicon",),
    "imageformats": ("qsvg",),
    # The print dialog's printers (CUPS).
    "printsupport": ("cupsprintersupport",),
    # Windows' and macOS's native looks.
    "styles": ("qwindowsvistastyle", "qmodernwindowsstyle", "qmacstyle"),
}

# ReportLab's QR encoder, which ercsheet/pdf/qr.py loads from its source file (faster than through
# ReportLab's barcode package): shipped as that file, where reportlab.__file__ says ReportLab is.
REPORTLAB_SOURCES = ("graphics/barcode/qrencoder.py",)


def excluded_modules() -> list[str]:
    """EXCLUDED_MODULES and every PySide6 module the window does not use (found among the
    installed PySide6's files, without importing it)."""
    spec = importlib.util.find_spec("PySide6")
    assert spec is not None and spec.submodule_search_locations, "PySide6 is not installed"
    qt = {
        module.name
        for module in pkgutil.iter_modules(spec.submodule_search_locations)
        if module.name.startswith("Qt")
    }
    unused = sorted(qt - set(QT_MODULES_USED))
    return [*EXCLUDED_MODULES, *(f"PySide6.{name}" for name in unused)]


def data_files() -> list[tuple[str, str]]:
    """(source file, destination folder in the app) for every data file: the DATA_FOLDERS'
    files less bytecode caches, and ReportLab's sources read as files."""
    pairs = []
    for folder in DATA_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                destination = PurePosixPath(path.parent.relative_to(ROOT).as_posix())
                pairs.append((str(path), str(destination)))
    spec = importlib.util.find_spec("reportlab")
    assert spec is not None and spec.origin is not None, "ReportLab is not installed"
    reportlab = Path(spec.origin).parent
    for name in REPORTLAB_SOURCES:
        source = reportlab / name
        pairs.append((str(source), str(PurePosixPath("reportlab", name).parent)))
    return pairs


def kept(destination: str) -> bool:
    """Whether a file PyInstaller would put at `destination` (a path in the app) is kept: every
    file but Qt's translations and plugins, and of these the plugins QT_PLUGINS_KEPT names."""
    parts = PurePosixPath(destination.replace("\\", "/")).parts
    if parts[:1] != ("PySide6",):
        return True
    # Qt's folders are in PySide6/Qt on Linux and macOS, in PySide6 itself on Windows.
    qt = parts[2:] if parts[1:2] == ("Qt",) else parts[1:]
    if qt[:1] == ("translations",):
        return False
    if qt[:1] != ("plugins",) or len(qt) < 3:
        return True
    folder = "/".join(qt[1:-1])
    stem = qt[-1].split(".")[0].removeprefix("lib")
    return stem in QT_PLUGINS_KEPT.get(folder, ())
