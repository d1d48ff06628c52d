"""The official Evidence Record Sheet as PDF (ReportLab, no Qt)."""

from ercsheet.pdf.render import render_pdf

__all__ = ["render_pdf"]
