"""The official Evidence Record Sheet as PDF (ReportLab, no Qt)."""

from ercsheet.pdf.printed import PrintedSheet
from ercsheet.pdf.render import render_pdf

__all__ = ["PrintedSheet", "render_pdf"]
