"""Draw ercsheet's icon files from `ercsheet.svg`: a PNG of each size, the Windows `.ico` and the
macOS `.icns`.

    .venv/bin/python resources/icons/make_icons.py

Run it after changing the SVG, and commit what it writes. It needs only what `./dev.sh test`
installs: Qt's SVG renderer (PySide6) draws each size from the SVG itself — a 16 px icon drawn at
16 px stays sharper than one shrunk from 512 — and Pillow (installed with pdfplumber) packs those
drawings into the `.ico` and `.icns`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
SVG = HERE / "ercsheet.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Windows draws from these (256 is the largest an .ico holds); macOS's .icns takes the rest.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# A Retina 512 px icon is drawn at 1024: in the .icns only, not as a PNG of its own.
ICNS_LARGEST = 1024


def png_path(size: int) -> Path:
    return HERE / f"ercsheet-{size}.png"


def draw(sizes: list[int]) -> dict[int, Image.Image]:
    """The SVG drawn at each size by Qt, as Pillow images."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: Qt cannot read this SVG")
    drawn: dict[int, Image.Image] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        # RGBA8888 is laid out as Pillow's "RGBA", rows of exactly 4 * size bytes.
        rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
        drawn[size] = Image.frombytes("RGBA", (size, size), bytes(rgba.constBits()))
    return drawn


def main() -> None:
    drawn = draw([*SIZES, ICNS_LARGEST])
    for size in SIZES:
        drawn[size].save(png_path(size))
    drawn[max(ICO_SIZES)].save(
        HERE / "ercsheet.ico",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=[drawn[size] for size in ICO_SIZES],
    )
    # Pillow's .icns takes the largest as the image and each other size from append_images.
    drawn[ICNS_LARGEST].save(HERE / "ercsheet.icns", append_images=[drawn[size] for size in SIZES])
    print(f"wrote {len(SIZES)} PNGs, ercsheet.ico and ercsheet.icns in {HERE}")


if __name__ == "__main__":
    main()
