"""A specification file to lines: its kind told from its first bytes, not its name; read in
bounded memory; anything else refused with a reason, never a traceback."""

from __future__ import annotations

from pathlib import Path

from ercsheet import safe_read
from ercsheet.catalogue.importer.lines import Line
from ercsheet.catalogue.importer.read_text import text_to_lines

# A unit specification is tens to hundreds of KB (a scanned one a few MB).
MAX_SPEC_BYTES = 20 * safe_read.MB
KIND = "a unit specification"


class SpecUnreadable(Exception):
    """The file cannot be read as a specification; the message says why, without the path."""


def read_spec(path: Path) -> list[Line]:
    return lines_of(spec_bytes(path), path.suffix.casefold())


def spec_bytes(path: Path) -> bytes:
    try:
        return safe_read.read_bytes(path, MAX_SPEC_BYTES, KIND)
    except safe_read.NotReadable as error:
        raise SpecUnreadable(str(error)) from None


def lines_of(data: bytes, suffix: str = "") -> list[Line]:
    if not data.strip():
        raise SpecUnreadable("the file is empty")
    if data.startswith(b"%PDF-"):
        from ercsheet.catalogue.importer.read_pdf import PdfUnreadable, pdf_to_lines

        try:
            return pdf_to_lines(data)
        except PdfUnreadable as error:
            raise SpecUnreadable(str(error)) from None
    if data.startswith(b"PK\x03\x04"):
        from ercsheet.catalogue.importer.read_docx import DocxUnreadable, docx_to_lines

        try:
            return docx_to_lines(data)
        except DocxUnreadable as error:
            raise SpecUnreadable(str(error)) from None
    if suffix in (".pdf", ".docx", ".doc"):
        kind = {".pdf": "a PDF", ".docx": "a Word document", ".doc": "a Word document"}[suffix]
        raise SpecUnreadable(f"named {suffix} but not {kind} (its first bytes say otherwise)")
    return text_to_lines(_text(data))


def _text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise SpecUnreadable("not text, a PDF or a Word document (it holds binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Text saved by Windows programs: cp1252, which decodes almost any bytes, so only when the
    # result reads as text (few control characters).
    text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > len(text) // 100 or text.count("\ufffd") > len(text) // 100:
        raise SpecUnreadable("not text, a PDF or a Word document (it holds binary data)")
    return text
