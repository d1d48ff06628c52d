"""The floor for printing: bare ReportLab building one table of a sheet's size, nothing else.

    python benchmarks/pdf_floor.py ROWS AC_COLUMNS OUT.pdf [--copies N]

No ercsheet code: a platypus Table of ROWS rows by (3 + AC_COLUMNS) columns with a repeated
header, in the same embedded DejaVu font, on A4 landscape. `pdf_speed.py` times it in-process
and as a process beside ercsheet's own figures.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import LongTable, PageBreak, SimpleDocTemplate

FONT = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "DejaVuSans.ttf"


def register_font() -> None:
    if "Floor-Sans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Floor-Sans", str(FONT)))


def build(rows: int, ac_columns: int, out: Path | BinaryIO, copies: int = 1) -> None:
    """One table (times `copies`, each from a new page) of the given size into one PDF."""
    register_font()
    header = ["Evidence reference", "Evidence title", "Assessment method"] + [
        f"{1 + i // 5}.{1 + i % 5}" for i in range(ac_columns)
    ]
    data = [header] + [
        [f"E{r:03}", f"Observation of team briefing {r}", "O"]
        + ["✓" if (r + c) % 3 == 0 else "" for c in range(ac_columns)]
        for r in range(rows)
    ]
    width = (landscape(A4)[0] - 56 - 250) / max(ac_columns, 1)
    story = []
    for copy in range(copies):
        table = LongTable(data, colWidths=[54, 150, 46] + [width] * ac_columns, repeatRows=1)
        table.setStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Floor-Sans", 7.5),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ]
        )
        story.append(table)
        if copy < copies - 1:
            story.append(PageBreak())
    target = out if isinstance(out, io.IOBase) else str(out)
    SimpleDocTemplate(target, pagesize=landscape(A4), invariant=1).build(story)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("ac_columns", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    build(args.rows, args.ac_columns, args.out, args.copies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
