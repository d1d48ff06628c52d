"""Print preview (the real PDF, shown by QtPdf), printing and PDF export of one or many sheets.

Many sheets are read with a progress dialog that can be cancelled, and rendered on a worker
thread so the window keeps answering; a cancelled job writes nothing.

Printing itself is `print_job.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ercsheet.gui.print_job import print_pdf
from ercsheet.gui.progress import in_background, progress_dialog
from ercsheet.gui.qt.core import QSettings
from ercsheet.gui.qt.pdfwidgets import QPdfView
from ercsheet.gui.qt.printsupport import QPrinter
from ercsheet.gui.qt.widgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from ercsheet.gui.raster_print import load_document
from ercsheet.gui.saved_notice import save_and_tell
from ercsheet.gui.settings import save_folder
from ercsheet.gui.signing.printing import current_sheet, pdf_bytes
from ercsheet.pdf import PrintedSheet
from ercsheet.store.store import Store


def sheets_pdf(parent: QWidget, store: Store, sheet_ids: Sequence[int]) -> bytes | None:
    """One PDF of the sheets, or None when the assessor cancelled."""
    progress = progress_dialog(
        parent, "Preparing the PDF", "Reading the sheets…", len(sheet_ids) + 1
    )
    try:
        return _render_with_progress(progress, store, sheet_ids)
    finally:
        progress.close()
        progress.deleteLater()


def _render_with_progress(
    progress: QProgressDialog, store: Store, sheet_ids: Sequence[int]
) -> bytes | None:
    printed: list[PrintedSheet] = []
    for done, sheet_id in enumerate(sheet_ids):
        progress.setValue(done)
        if progress.wasCanceled():
            return None
        printed.append(current_sheet(store, sheet_id))
    progress.setLabelText(f"Laying out {len(printed)} sheet(s)…")
    # Cancelled, the worker's bytes are dropped: nothing is written.
    pdf = in_background(progress, lambda: pdf_bytes(printed), "pdf-layout")
    if pdf is not None:
        progress.setValue(len(sheet_ids) + 1)
    return pdf


def suggested_name(store: Store, sheet_ids: Sequence[int]) -> str:
    first = store.sheet(sheet_ids[0])
    who = first.candidate.candidate_number or first.candidate.name
    what = first.unit.id if len(sheet_ids) == 1 else "sheets"
    return re.sub(r"[^\w.-]+", "-", f"{who}-{what}").strip("-") + ".pdf"


def export_pdf(
    parent: QWidget, pdf: bytes, suggested: str, settings: QSettings, path: Path | None = None
) -> Path | None:
    """Write the PDF where the assessor chooses (whole or not at all), and say where."""
    if path is None:
        folder = save_folder(settings, "pdf")
        name, _filter = QFileDialog.getSaveFileName(
            parent, "Export PDF", str(folder / suggested), "PDF (*.pdf)"
        )
        if not name:
            return None
        path = Path(name)
    if not save_and_tell(parent, "Export PDF", path, pdf):
        return None
    settings.setValue("folders/pdf", str(path.parent))
    return path


class PrintPreviewDialog(QDialog):
    def __init__(
        self, pdf: bytes, title: str, suggested: str, settings: QSettings, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Print preview — {title}")
        self.setObjectName("printPreview")
        self.pdf, self._suggested, self._settings = pdf, suggested, settings
        self.document = load_document(pdf, self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Printed sheet")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pages = QLabel(f"{self.document.pageCount()} page(s)", self)
        buttons = QHBoxLayout()
        for text, slot in (
            ("Zoom &out", lambda: self._zoom(1 / 1.25)),
            ("Zoom &in", lambda: self._zoom(1.25)),
            ("Fit &width", lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addWidget(self.pages)
        buttons.addStretch(1)
        self.print_button = QPushButton("&Print…", self)
        self.print_button.clicked.connect(lambda: print_pdf(self, self.pdf))
        self.export_button = QPushButton("&Export PDF…", self)
        self.export_button.clicked.connect(
            lambda: export_pdf(self, self.pdf, self._suggested, self._settings)
        )
        close = QPushButton("Close", self)
        close.clicked.connect(self.reject)
        for button in (self.print_button, self.export_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.resize(1100, 720)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))


def preview(parent: QWidget, store: Store, sheet_ids: Sequence[int], settings: QSettings) -> None:
    pdf = sheets_pdf(parent, store, sheet_ids)
    if pdf is not None:
        title = store.sheet(sheet_ids[0]).unit.display_title
        suggested = suggested_name(store, sheet_ids)
        PrintPreviewDialog(pdf, title, suggested, settings, parent).exec()


def print_sheets(
    parent: QWidget, store: Store, sheet_ids: Sequence[int], printer: QPrinter | None = None
) -> bool:
    """Print the sheets through the print dialog (or onto `printer`). True once sent."""
    pdf = sheets_pdf(parent, store, sheet_ids)
    return pdf is not None and print_pdf(parent, pdf, printer)


def export_sheets(
    parent: QWidget, store: Store, sheet_ids: Sequence[int], settings: QSettings
) -> Path | None:
    pdf = sheets_pdf(parent, store, sheet_ids)
    if pdf is None:
        return None
    return export_pdf(parent, pdf, suggested_name(store, sheet_ids), settings)
