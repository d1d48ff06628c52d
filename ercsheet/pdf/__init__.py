"""The official Evidence Record Sheet as PDF (ReportLab, no Qt)."""

from ercsheet.pdf.render import PrintedSheet, render_pdf

__all__ = ["PrintedSheet", "render_pdf"]
