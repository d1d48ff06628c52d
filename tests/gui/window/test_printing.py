"""Printing from the window: to a PDF file, to a CUPS printer through `lp`, and page pictures
where no spooler takes the PDF (Windows).

This machine has no CUPS, so a CUPS printer chosen in the print dialog is played by `Office`
(a QPrinter naming a printer, as the dialog leaves it) and `lp` by a script the test puts on
PATH, which keeps what it was given and answers as CUPS's lp does.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize, QSizeF, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from ercsheet.gui import print_job, printing, raster_print, saved_notice, spooler
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.signing.printing import current_sheet, pdf_bytes
from ercsheet.store.example import create_example_candidate
from tests.conftest import TODAY
from tests.gui.window.modal import read_next_message, when_modal_opens

FAKE_LP = """#!{python}
import json, os, sys
folder = os.environ["FAKE_LP_FOLDER"]
data = sys.stdin.buffer.read()
with open(os.path.join(folder, "args.json"), "w") as out:
    json.dump(sys.argv[1:], out)
with open(os.path.join(folder, "stdin.pdf"), "wb") as out:
    out.write(data)
if os.environ.get("FAKE_LP_REFUSE"):
    sys.stderr.write("lp: The printer or class does not exist.\\n")
    sys.exit(1)
print("request id is Office-7 (0 file(s))")
"""


class Office(QPrinter):
    """A CUPS queue called Office, as the print dialog leaves the printer once it is chosen."""

    def printerName(self) -> str:  # noqa: N802 (Qt's name)
        return "Office"

    def outputFormat(self) -> QPrinter.OutputFormat:  # noqa: N802 (Qt's name)
        return QPrinter.OutputFormat.NativeFormat

    # Qt keeps the duplex setting only for a printer that can print on both sides.
    _duplex = QPrinter.DuplexMode.DuplexNone

    def setDuplex(self, duplex: QPrinter.DuplexMode) -> None:  # noqa: N802 (Qt's name)
        self._duplex = duplex

    def duplex(self) -> QPrinter.DuplexMode:
        return self._duplex


@pytest.fixture
def fake_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on PATH holding `lp`; what it was given lands in the folder too."""
    folder = tmp_path / "fake-lp"
    folder.mkdir()
    lp = folder / "lp"
    lp.write_text(FAKE_LP.format(python=sys.executable), encoding="utf-8")
    lp.chmod(lp.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_LP_FOLDER", str(folder))
    return folder


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # 1200 dpi
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return printer


def two_sheets(window: MainWindow, sheet_id: int) -> bytes:
    second = create_example_candidate(window.store, window.catalogue, TODAY)
    return pdf_bytes([current_sheet(window.store, i) for i in (sheet_id, second)])


def test_printing_to_a_pdf_file_writes_the_sheet_s_own_pdf_and_says_where(
    window: MainWindow, example_sheet: int, tmp_path: Path
) -> None:
    out = tmp_path / "printed" / "sheet.pdf"
    out.parent.mkdir()
    said: list[str] = []
    read_next_message(said)
    assert printing.print_sheets(window, window.store, [example_sheet], pdf_printer(out))
    assert out.read_bytes() == pdf_bytes([current_sheet(window.store, example_sheet)])
    assert "sheet.pdf" in said[0] and str(out.parent) in said[0]


def test_a_cups_printer_gets_the_pdf_itself_through_lp_with_the_dialog_s_choices(
    window: MainWindow, example_sheet: int, fake_lp: Path
) -> None:
    pdf = two_sheets(window, example_sheet)
    printer = Office(QPrinter.PrinterMode.HighResolution)
    printer.setCopyCount(2)
    printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    temporary = set(Path(tempfile.gettempdir()).iterdir())
    assert print_job.print_pdf(window, pdf, printer)
    arguments = json.loads((fake_lp / "args.json").read_text(encoding="utf-8"))
    assert arguments[:6] == ["-d", "Office", "-t", "Evidence Record Sheet", "-n", "2"]
    assert "sides=two-sided-long-edge" in arguments
    assert "print-color-mode=monochrome" in arguments
    assert arguments[arguments.index("-P") + 1] == "2"
    assert arguments[-2:] == ["--", "-"]  # the PDF came on standard input: no file of ours
    assert (fake_lp / "stdin.pdf").read_bytes() == pdf
    assert set(Path(tempfile.gettempdir()).iterdir()) == temporary
    assert window.statusBar().currentMessage() == "Sent to Office (job Office-7)."


def test_a_printer_lp_refuses_says_why_in_words(
    window: MainWindow,
    example_sheet: int,
    fake_lp: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FAKE_LP_REFUSE", "1")
    said: list[str] = []
    read_next_message(said)
    pdf = pdf_bytes([current_sheet(window.store, example_sheet)])
    assert not print_job.print_pdf(window, pdf, Office())
    assert "Nothing was printed" in said[0]
    assert "The print system said: The printer or class does not exist." in said[0]
    assert "lp:" not in said[0] and "Traceback" not in said[0]


def test_without_a_spooler_pages_are_painted_at_no_more_than_300_dpi(
    window: MainWindow, example_sheet: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Part of a document printed to a file takes the painted way too (the whole is written as is).
    monkeypatch.setattr(spooler, "find_lp", lambda: None)
    out = tmp_path / "page-2.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    read_next_message([])
    assert print_job.print_pdf(window, two_sheets(window, example_sheet), printer)
    pages = PdfReader(out).pages
    assert len(pages) == 1
    resources: Any = pages[0]["/Resources"]
    images = [image.get_object() for image in resources["/XObject"].values()]
    # The page fitted inside the printer's margins at 300 dpi: at most A4's 3,508 × 2,480 pixels
    # (at the printer's 1,200 dpi it would be 13,551 × 9,582).
    assert len(images) == 1
    assert 3300 < images[0]["/Width"] <= 3508 and 2300 < images[0]["/Height"] <= 2480


def test_cancelling_the_painted_pages_prints_nothing(
    window: MainWindow, example_sheet: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printer = pdf_printer(tmp_path / "never.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, 2)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda _self: True)
    assert not print_job.print_pdf(window, two_sheets(window, example_sheet), printer)
    assert window.statusBar().currentMessage() == "Printing cancelled."


def test_export_says_where_it_saved_and_opens_that_folder(
    window: MainWindow,
    example_sheet: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    out = tmp_path / "exports" / "sheet.pdf"
    out.parent.mkdir()
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    seen: list[str] = []

    def open_folder(box: QMessageBox) -> None:
        seen.append(f"{box.text()} {box.informativeText()}")
        button = next(b for b in box.buttons() if b.text() == saved_notice.OPEN_FOLDER)
        button.click()

    when_modal_opens(open_folder, kind=QMessageBox)
    assert printing.export_pdf(window, b"%PDF-1.4", "x.pdf", window.settings, out) == out
    assert seen == [f"Saved sheet.pdf in {out.parent}"]
    assert opened == [QUrl.fromLocalFile(str(out.parent))]
    assert window.statusBar().currentMessage() == f"Saved {out}"


@pytest.mark.parametrize(
    ("dpi", "pixels"), [(1200, (3508, 2480)), (300, (3508, 2480)), (150, (1754, 1240))]
)
def test_page_pictures_have_the_printer_s_pixels_up_to_300_dpi(
    dpi: int, pixels: tuple[int, int]
) -> None:
    a4 = QSizeF(841.89, 595.28)  # points, landscape
    target = raster_print.fitted(a4, QSizeF(11.69 * dpi, 8.27 * dpi))
    size = raster_print.image_size(a4, target, dpi)
    assert abs(size.width() - pixels[0]) <= 2 and abs(size.height() - pixels[1]) <= 2


def test_a_folder_that_cannot_be_shown_says_so(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)  # no file manager
    said: list[str] = []

    def open_folder(box: QMessageBox) -> None:
        read_next_message(said)
        next(b for b in box.buttons() if b.text() == saved_notice.OPEN_FOLDER).click()

    when_modal_opens(open_folder, kind=QMessageBox)
    printing.export_pdf(window, b"%PDF-1.4", "x.pdf", window.settings, tmp_path / "x.pdf")
    assert said == [f"No file manager could be started to show {tmp_path}.\n"]


@pytest.mark.parametrize("grey", [False, True])
def test_a_page_picture_is_on_white_paper(
    window: MainWindow, example_sheet: int, grey: bool
) -> None:
    document = raster_print.load_document(pdf_bytes([current_sheet(window.store, example_sheet)]))
    image = raster_print.page_image(document, 0, QSize(842, 595), grey)
    assert image.format() == (
        QImage.Format.Format_Grayscale8 if grey else QImage.Format.Format_RGB888
    )
    assert image.pixelColor(2, 2) == QColor("white")  # the margin: not drawn by the page
    assert image.pixelColor(421, 20) == QColor("white")
