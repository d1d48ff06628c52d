"""A printout's canvas and where its bytes go: shared by the ERS and the candidate reports.

The canvas is deterministic (the same content gives the same bytes) and starts in the embedded
font, so no page names an unembedded base font; a path is written atomically.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from ercsheet.atomic import write_bytes_atomic
from ercsheet.pdf.fonts import fonts
from ercsheet.pdf.style import LABEL_SIZE


def new_canvas(buffer: io.BytesIO, page_size: tuple[float, float]) -> Canvas:
    return Canvas(
        buffer,
        pagesize=page_size,
        invariant=1,
        pageCompression=1,
        # Otherwise every page names Helvetica (unembedded) as its starting font.
        initialFontName=fonts().regular,
        initialFontSize=LABEL_SIZE,
    )


def deliver(data: bytes, out: Path | BinaryIO) -> None:
    """The PDF's bytes to `out`: a path, written atomically, or a binary file."""
    if isinstance(out, (str, Path)):
        write_bytes_atomic(Path(out), data)
    else:
        out.write(data)
