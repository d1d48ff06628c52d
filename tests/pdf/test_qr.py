"""The record code's QR symbol: drawn exactly as ReportLab's encoder made it, and readable."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf.generic import ContentStream
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

from ercsheet.catalogue.model import Unit
from ercsheet.domain.record import record_code
from ercsheet.pdf import PrintedSheet, render_pdf
from tests.pdf.reading import dictionary, read, render
from tests.pdf.samples import rows_for, signed, unsigned


def expected_modules(code: str) -> set[tuple[int, int]]:
    """Dark modules as (column, row from the bottom), straight from ReportLab's encoder."""
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(code)
    qr.version = qr.calculate_version()
    qr.makeImpl(False, 0)
    count = qr.getModuleCount()
    return {
        (column, count - 1 - row)
        for row in range(count)
        for column in range(count)
        if qr.isDark(row, column)
    }


def test_the_qr_form_draws_exactly_the_encoders_modules(f17: Unit) -> None:
    content = signed(unsigned(f17, rows_for(f17, 3)))
    code = record_code(content)
    reader = read(render([PrintedSheet(content, code)]))
    xobjects = dictionary(dictionary(reader.pages[0]["/Resources"])["/XObject"]).values()
    forms = [form for form in map(dictionary, xobjects) if str(form["/Subtype"]) == "/Form"]
    assert len(forms) == 1
    drawn: set[tuple[int, int]] = set()
    for operands, operator in ContentStream(forms[0], reader).operations:
        if operator == b"re":
            x, y, width, height = (int(value) for value in operands)
            assert height == 1
            drawn |= {(x + i, y) for i in range(width)}
    assert drawn == expected_modules(code)


@pytest.mark.skipif(
    shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
    reason="needs zbarimg and pdftoppm (apt zbar-tools poppler-utils)",
)
def test_a_barcode_reader_reads_the_full_code_off_the_page(f17: Unit, tmp_path: Path) -> None:
    content = signed(unsigned(f17, rows_for(f17, 3)))
    code = record_code(content)
    render_pdf([PrintedSheet(content, code)], tmp_path / "sheet.pdf")
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", tmp_path / "sheet.pdf", tmp_path / "p"],
        check=True,
    )
    read_back = subprocess.run(
        ["zbarimg", "-q", "--raw", tmp_path / "p.png"], capture_output=True, text=True, check=True
    )
    assert read_back.stdout.strip() == code
