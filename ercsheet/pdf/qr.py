"""The record code as a QR code, so a verifier's phone reads the full code off the paper."""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas

from ercsheet.pdf.style import QR_SIZE


def draw_record_qr(canvas: Canvas, code: str, x: float, y: float) -> None:
    """Draw the QR of `code` with its bottom-left corner at (x, y), QR_SIZE square.

    The symbol is drawn once per document as a form XObject and reused on every page.
    """
    name = f"ers-qr-{code}"
    if not canvas.hasForm(name):
        # Forms are defined in their own coordinate space; draw it at the origin.
        canvas.beginForm(name, lowerx=0, lowery=0, upperx=QR_SIZE, uppery=QR_SIZE)
        renderPDF.draw(_symbol(code), canvas, 0, 0)
        canvas.endForm()
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(name)
    canvas.restoreState()


def _symbol(code: str) -> Drawing:
    # Error-correction level M: a folded or scuffed sheet still scans.
    widget = QrCodeWidget(code, barLevel="M", barBorder=0, barWidth=QR_SIZE, barHeight=QR_SIZE)
    drawing = Drawing(QR_SIZE, QR_SIZE)
    drawing.add(widget)
    return drawing
