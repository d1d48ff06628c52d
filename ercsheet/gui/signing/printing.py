"""What the signing parts print: a kept version as a PrintedSheet, and PDFs in memory."""

from __future__ import annotations

import io
from collections.abc import Sequence

from ercsheet.domain.dates import uk
from ercsheet.pdf import PrintedSheet, render_pdf
from ercsheet.store.store import NotFound, Store


def superseded_version(store: Store, sheet_id: int, number: int) -> PrintedSheet:
    """A kept signed version, printed with its own record code and marked as superseded."""
    version = next((v for v in store.versions(sheet_id) if v.number == number), None)
    if version is None:
        raise NotFound(f"Sheet {sheet_id} has no superseded version {number}.")
    note = (
        f"Superseded version {number} — reopened {uk(version.superseded_at.date())} by "
        f"{version.superseded_by}: {version.reason}"
    )
    return PrintedSheet(store.version_content(sheet_id, number), version.record_code, note)


def current_sheet(store: Store, sheet_id: int) -> PrintedSheet:
    return PrintedSheet.current(store.sheet(sheet_id), store.print_record(sheet_id))


def pdf_bytes(sheets: Sequence[PrintedSheet]) -> bytes:
    out = io.BytesIO()
    render_pdf(sheets, out)
    return out.getvalue()
