"""The record code as a QR code, so a verifier's phone reads the full code off the paper.

ReportLab's own encoder makes the symbol; we draw its dark modules straight onto the canvas (one
path, a rectangle per run of dark modules) because the barcode widget's drawing machinery costs
more than the rest of a sheet.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

import reportlab
from reportlab.pdfgen.canvas import Canvas

from ercsheet.pdf.style import INK, QR_SIZE

# Dark runs per row of the symbol: (row, first column, length).
Runs = tuple[tuple[int, int, int], ...]
FIXED_MASK = 0


def draw_record_qr(canvas: Canvas, code: str, x: float, y: float) -> None:
    """Draw the QR of `code` with its bottom-left corner at (x, y), QR_SIZE square.

    The symbol is drawn once per document as a form XObject and reused on every page.
    """
    # A PDF name of fixed, safe characters whatever the code holds.
    name = "ers-qr-" + hashlib.sha256(code.encode()).hexdigest()[:16]
    if not canvas.hasForm(name):
        count, runs = symbol(code)
        canvas.beginForm(name, lowerx=0, lowery=0, upperx=QR_SIZE, uppery=QR_SIZE)
        canvas.setFillColor(INK)
        canvas.scale(QR_SIZE / count, QR_SIZE / count)
        # In module units every rectangle is whole numbers: written directly as PDF operators
        # (`x y w h re`), one fill for all. Rows count down from the top; the form's y runs up.
        canvas.addLiteral(
            " ".join(f"{column} {count - row - 1} {length} 1 re" for row, column, length in runs)
            + " f"
        )
        canvas.endForm()
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm(name)
    canvas.restoreState()


def symbol(code: str) -> tuple[int, Runs]:
    """The symbol's size in modules and its dark runs (error correction M: scuffs still scan)."""
    encoder = _encoder()
    qr = encoder.QRCode(None, encoder.QRErrorCorrectLevel.M)
    qr.addData(code)
    # A fixed mask: readers decode any of the eight, and scoring all eight for the "best" one
    # (what `make()` does) costs more than printing the rest of the sheet.
    qr.version = qr.calculate_version()
    qr.makeImpl(False, FIXED_MASK)
    count: int = qr.getModuleCount()
    runs: list[tuple[int, int, int]] = []
    for row in range(count):
        column = 0
        while column < count:
            if not qr.isDark(row, column):
                column += 1
                continue
            start = column
            while column < count and qr.isDark(row, column):
                column += 1
            runs.append((row, start, column - start))
    return count, tuple(runs)


@cache
def _encoder() -> ModuleType:
    """ReportLab's QR encoder module (plain Python, importing only `re` and `itertools`).

    Loaded from its file on its own: importing it through `reportlab.graphics.barcode` first
    builds every barcode widget and most of ReportLab's graphics, 0.2 s of every `ercsheet pdf`.
    """
    path = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
    spec = importlib.util.spec_from_file_location("ercsheet_pdf_qrencoder", path)
    if spec is None or spec.loader is None:  # a ReportLab laid out differently: the slow way
        from reportlab.graphics.barcode import qrencoder

        slow: ModuleType = qrencoder
        return slow
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
