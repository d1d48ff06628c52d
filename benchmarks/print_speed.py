"""How long Print takes, from the command to the spooler, beside the floor and the code it replaced.

    python benchmarks/print_speed.py [--repeat 5]

A typical sheet (15 rows, 10 ACs, signed) in a store, printed as the window prints it
(`printing.print_sheets`, the print dialog answered): read, laid out by ReportLab and handed over.
The cases, all in one run:

- before: the code this replaced — every page rendered by QtPdf at the printer's resolution
  (1200 dpi, a 13,551 × 9,582 picture) and painted onto a QPrinter writing a PDF file;
- a PDF file ("Print to file"): the sheet's own PDF written;
- a CUPS printer: the PDF given to `lp`, here a stand-in on PATH that copies what it reads;
- page pictures (Windows, or part of a document printed to a file): at most 300 dpi, onto a
  QPrinter writing a PDF file;
- the floor: the sheet read, laid out and its bytes written to a file, no Qt.

Target: ≤ 2 s to the spooler on the 2-core reference machine. The "saved in…" message that
follows a file waits for the assessor, so it is answered at once here.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pdf_speed import typical_store  # noqa: E402
from timing import median_ms  # noqa: E402

from ercsheet import paths  # noqa: E402
from ercsheet.catalogue.loader import load_catalogue  # noqa: E402
from ercsheet.gui import printing, saved_notice, spooler  # noqa: E402
from ercsheet.gui.qt.core import QSize  # noqa: E402
from ercsheet.gui.qt.gui import QPageLayout, QPageSize, QPainter  # noqa: E402
from ercsheet.gui.qt.printsupport import QPrinter  # noqa: E402
from ercsheet.gui.qt.widgets import QApplication, QMainWindow  # noqa: E402
from ercsheet.gui.raster_print import load_document  # noqa: E402
from ercsheet.gui.signing.printing import current_sheet, pdf_bytes  # noqa: E402
from ercsheet.store.store import Store  # noqa: E402

FAKE_LP = "#!/bin/sh\ncat > \"$FAKE_LP_OUT\"\necho 'request id is Office-1 (0 file(s))'\n"


class Office(QPrinter):
    """A CUPS queue chosen in the print dialog (this machine has no CUPS)."""

    def printerName(self) -> str:  # noqa: N802 (Qt's name)
        return "Office"

    def outputFormat(self) -> QPrinter.OutputFormat:  # noqa: N802 (Qt's name)
        return QPrinter.OutputFormat.NativeFormat


def pdf_printer(path: Path, *, pages: int = 0) -> QPrinter:
    """Print to a PDF file at 1200 dpi, as QPrinter's high resolution gives; `pages` > 0 asks
    for pages 1 to `pages` (part of a document is painted)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    if pages:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(1, pages)
    return printer


def before(window: QMainWindow, store: Store, sheet_id: int, printer: QPrinter) -> None:
    """The print of commit f5e4e94 (ercsheet/gui/printing.py, print_pdf), kept here to time it."""
    pdf = printing.sheets_pdf(window, store, [sheet_id])
    assert pdf is not None
    document = load_document(pdf, window)
    painter = QPainter()
    assert painter.begin(printer)
    target = printer.pageLayout().paintRectPixels(printer.resolution())
    for page in range(document.pageCount()):
        if page:
            printer.newPage()
        size = document.pagePointSize(page)
        scale = min(target.width() / size.width(), target.height() / size.height())
        pixels = QSize(int(size.width() * scale), int(size.height() * scale))
        painter.drawImage(0, 0, document.render(page, pixels))
    painter.end()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    app = QApplication.instance() or QApplication([])
    assert app is not None
    saved_notice.tell_saved = lambda *_args: None  # see the docstring
    f17 = load_catalogue([paths.builtin_units_dir()]).get("mgmt-l3-u40-f17")
    assert f17 is not None
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        lp = folder / "bin" / "lp"
        lp.parent.mkdir()
        lp.write_text(FAKE_LP, encoding="utf-8")
        lp.chmod(lp.stat().st_mode | stat.S_IXUSR)
        os.environ["PATH"] = f"{lp.parent}{os.pathsep}{os.environ['PATH']}"
        os.environ["FAKE_LP_OUT"] = str(folder / "spooled.pdf")
        window = QMainWindow()
        with Store(typical_store(folder, f17)) as store:
            out = folder / "out.pdf"
            cases: list[tuple[str, Callable[[], object], Path]] = [
                (
                    "before: 1200 dpi pictures to a PDF file",
                    lambda: before(window, store, 1, pdf_printer(out)),
                    out,
                ),
                (
                    "PDF file (Print to file)",
                    lambda: printing.print_sheets(window, store, [1], pdf_printer(out)),
                    out,
                ),
                (
                    "CUPS printer (lp, stand-in)",
                    lambda: printing.print_sheets(window, store, [1], Office()),
                    folder / "spooled.pdf",
                ),
                (
                    "page pictures, ≤ 300 dpi, to a PDF file",
                    lambda: printing.print_sheets(window, store, [1], pdf_printer(out, pages=1)),
                    out,
                ),
                (
                    "floor: read, lay out, write the bytes",
                    lambda: out.write_bytes(pdf_bytes([current_sheet(store, 1)])),
                    out,
                ),
            ]
            assert spooler.find_lp() == str(lp)
            print(f"{'case':44} {'median':>10} {'file':>10}")
            for name, action, result in cases:
                action()  # once untimed: QtPdf, the fonts and the store warmed up
                ms = median_ms(action, repeat)
                print(f"{name:44} {ms:8.0f}ms {result.stat().st_size / 1e6:8.2f}MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
