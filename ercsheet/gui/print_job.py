"""Sending a PDF to the printer the assessor chose: the route, its progress, and what it says.

The PDF itself goes wherever it can, so the paper gets the same vectors as an exported file:

- "Print to file" (a PDF) gets the sheet's own PDF, written whole or not at all;
- a printer, where CUPS's `lp` is found (Linux, macOS), gets the PDF on `lp`'s standard input
  (`spooler.py`: CUPS prints PDF at the printer's own resolution);
- elsewhere (Windows), and for some pages only of a document printed to a file, pages are painted
  as pictures of at most 300 dpi, page by page on a worker thread (`raster_print.py`).
"""

from __future__ import annotations

from pathlib import Path

from ercsheet.gui import saved_notice, spooler
from ercsheet.gui.progress import in_background, progress_dialog
from ercsheet.gui.qt.gui import QPageLayout, QPageSize
from ercsheet.gui.qt.printsupport import QPrintDialog, QPrinter
from ercsheet.gui.qt.widgets import QDialog, QMessageBox, QWidget
from ercsheet.gui.raster_print import PrinterNotStarted, RasterJob, load_document
from ercsheet.gui.saved_notice import in_status_bar, save_and_tell

TITLE = "Print"


def choose_printer(parent: QWidget, pages: int) -> QPrinter | None:
    """The system's print dialog, set for the sheet's A4 landscape and a document of `pages`
    pages; None if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, pages)  # "Pages from … to …" runs to the last page
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_pdf(parent: QWidget, pdf: bytes, printer: QPrinter | None = None) -> bool:
    """Print through the system's print dialog (or onto `printer` as given). True once sent."""
    if printer is None:
        printer = choose_printer(parent, load_document(pdf).pageCount())
        if printer is None:
            return False
    some_pages = printer.printRange() == QPrinter.PrintRange.PageRange
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    if to_file and printer.outputFileName() and not some_pages:
        return save_and_tell(parent, TITLE, Path(printer.outputFileName()), pdf)
    lp = spooler.find_lp()
    if not to_file and lp is not None and printer.printerName():
        return _spool(parent, pdf, lp, job_of(printer))
    return _paint(parent, pdf, printer)


def job_of(printer: QPrinter) -> spooler.PrintJob:
    """The dialog's choices as CUPS options."""
    sides = {
        QPrinter.DuplexMode.DuplexLongSide: spooler.Sides.LONG_EDGE,
        QPrinter.DuplexMode.DuplexShortSide: spooler.Sides.SHORT_EDGE,
        # As Qt's own CUPS printing: "either side" turns landscape pages on the paper's short edge.
        QPrinter.DuplexMode.DuplexAuto: spooler.Sides.SHORT_EDGE,
    }.get(printer.duplex(), spooler.Sides.ONE_SIDED)
    some_pages = printer.printRange() == QPrinter.PrintRange.PageRange
    return spooler.PrintJob(
        printer=printer.printerName(),
        copies=max(1, printer.copyCount()),
        collate=printer.collateCopies(),
        sides=sides,
        pages=printer.pageRanges().toString() if some_pages else "",
        grayscale=printer.colorMode() == QPrinter.ColorMode.GrayScale,
    )


def _spool(parent: QWidget, pdf: bytes, lp: str, job: spooler.PrintJob) -> bool:
    submission = spooler.Submission(lp, job, pdf)
    progress = progress_dialog(parent, TITLE, f"Sending to {job.printer}…", 0)
    try:
        request = in_background(progress, submission.run, "print-spool", stop=submission.stop)
    except spooler.SpoolFailed as error:
        QMessageBox.warning(
            parent,
            TITLE,
            f"Nothing was printed: the printer “{job.printer}” did not take the sheet.\n\n"
            f"The print system said: {error}\n\n"
            "Check the printer is on and set up, or print to a PDF file and print that.",
        )
        return False
    finally:
        progress.close()
        progress.deleteLater()
    if request is None:
        in_status_bar(parent, "Printing cancelled.")
        return False
    in_status_bar(parent, f"Sent to {job.printer}" + (f" (job {request})." if request else "."))
    return True


def _paint(parent: QWidget, pdf: bytes, printer: QPrinter) -> bool:
    count = load_document(pdf).pageCount()
    pages = _chosen_pages(printer, count)
    if not pages:
        QMessageBox.warning(
            parent, TITLE, f"None of the pages chosen is in the document: it has {count} page(s)."
        )
        return False
    raster = RasterJob(pdf, printer, pages)
    progress = progress_dialog(parent, TITLE, "Sending the pages to the printer…", len(pages))
    try:
        done = in_background(
            progress, raster.run, "print-pages", stop=raster.stop, step=lambda: raster.done
        )
    except PrinterNotStarted:
        QMessageBox.warning(parent, TITLE, "The printer could not be started.")
        return False
    finally:
        progress.close()
        progress.deleteLater()
    if not done:
        in_status_bar(parent, "Printing cancelled.")
        return False
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        saved_notice.tell_saved(parent, TITLE, Path(printer.outputFileName()))
    else:
        in_status_bar(parent, f"Sent {len(pages)} page(s) to the printer.")
    return True


def _chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """0-based pages of a document of `count` pages the dialog asked for (all, or a range)."""
    if printer.printRange() != QPrinter.PrintRange.PageRange:
        return list(range(count))
    ranges = printer.pageRanges()
    return [page for page in range(count) if ranges.contains(page + 1)]
