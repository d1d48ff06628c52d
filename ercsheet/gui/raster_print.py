"""Painting the sheet's pages onto a QPrinter, where no spooler takes the PDF itself (Windows).

QtPdf renders pages to images only, so pages go to such a printer as pictures. They are rendered
at the printer's resolution up to MAX_DPI (300 dpi keeps 8-point text and the QR code crisp; a
1200 dpi printer would otherwise get 13,551 × 9,582 pixels a page, 5 MB after compression and
seconds each), in grey when the printer was set to grey, one page at a time on a worker thread
(QPainter may paint on a QPrinter outside the window's thread), so a page's picture is the most
held at once and Cancel takes effect between pages.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from ercsheet.gui.qt.core import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from ercsheet.gui.qt.gui import QImage, QPainter
from ercsheet.gui.qt.pdf import QPdfDocument
from ercsheet.gui.qt.printsupport import QPrinter

MAX_DPI = 300


class PrinterNotStarted(Exception):
    """The printer could not begin the job (Qt gives no reason)."""


def load_document(pdf: bytes, parent: QObject | None = None) -> QPdfDocument:
    """The PDF for QtPdf, in memory (the buffer belongs to the document)."""
    document = QPdfDocument() if parent is None else QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def fitted(page: QSizeF, area: QSizeF) -> QSizeF:
    """The page's size scaled to fit `area`, its proportions kept."""
    scale = min(area.width() / page.width(), area.height() / page.height())
    return QSizeF(page.width() * scale, page.height() * scale)


def image_size(page: QSizeF, target: QSizeF, dpi: int) -> QSize:
    """Pixels to render a page (in points) filling `target` (device pixels at `dpi`): the
    device's own pixels, or fewer where the device has more than MAX_DPI."""
    pixels_per_point = target.width() / page.width() * min(1.0, MAX_DPI / dpi)
    return QSize(round(page.width() * pixels_per_point), round(page.height() * pixels_per_point))


def page_image(document: QPdfDocument, page: int, size: QSize, grey: bool) -> QImage:
    """The page on white paper: QtPdf leaves what the page does not draw transparent, which
    becomes black once the alpha channel is dropped. A printer (or a PDF printer's file) is sent
    no alpha channel, which it would take as a mask beside each page."""
    paper = QImage(size, QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, document.render(page, size))
    painter.end()
    return paper.convertToFormat(
        QImage.Format.Format_Grayscale8 if grey else QImage.Format.Format_RGB888
    )


class RasterJob:
    """Paints `pages` (0-based) of the PDF onto `printer`; `run` on a worker thread, `stop` and
    `done` from the window's."""

    def __init__(self, pdf: bytes, printer: QPrinter, pages: Sequence[int]) -> None:
        self.pdf, self.printer, self.pages = pdf, printer, list(pages)
        self.done = 0
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> bool:
        """True once every page is painted; False if stopped (the printer's job aborted)."""
        document = load_document(self.pdf)
        grey = self.printer.colorMode() == QPrinter.ColorMode.GrayScale
        dpi = self.printer.resolution()
        area = self.printer.pageLayout().paintRectPixels(dpi)
        painter = QPainter()
        if not painter.begin(self.printer):
            raise PrinterNotStarted
        try:
            for index, page in enumerate(self.pages):
                if self._stop.is_set():
                    self.printer.abort()
                    return False
                if index:
                    self.printer.newPage()
                points = document.pagePointSize(page)
                target = fitted(points, QSizeF(area.size()))
                size = image_size(points, target, dpi)
                image = page_image(document, page, size, grey)
                painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
                self.done = index + 1
        finally:
            painter.end()
        return True
