"""What every page of a candidate report carries: the title block and `(Page N of M)`.

The title block reuses the ERS's identity line (candidate name, number, centre), so a report
filed beside the sheets reads as theirs.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from ercsheet.domain.dates import uk
from ercsheet.pdf import wording
from ercsheet.pdf.fields import Field, draw_fields, text_fill
from ercsheet.pdf.fonts import fonts
from ercsheet.pdf.report_input import ReportHead
from ercsheet.pdf.style import INK, LABEL_SIZE, MARGIN_BOTTOM, TITLE_SIZE

# From the top margin to the title block's lower edge.
HEAD_HEIGHT = 46.0
PRINTED = "Printed"


def describe(canvas: Canvas, title: str, head: ReportHead) -> None:
    """The PDF's own title and subject, as a file manager or a reader shows them."""
    candidate = f"{head.candidate_name} ({head.candidate_number})".replace(" ()", "")
    canvas.setTitle(f"{title}: {candidate}")
    canvas.setSubject(f"Candidate: {candidate}")
    canvas.setCreator("ercsheet")
    canvas.setProducer("ercsheet")


def draw_head(
    canvas: Canvas, title: str, head: ReportHead, left: float, right: float, top: float
) -> float:
    """The report's title, the day printed and the candidate's identity; returns the bottom."""
    canvas.setFillColor(INK)
    canvas.setFont(fonts().bold, TITLE_SIZE)
    canvas.drawString(left, top - TITLE_SIZE, title)
    canvas.setFont(fonts().regular, LABEL_SIZE)
    canvas.drawRightString(right, top - TITLE_SIZE, f"{PRINTED} {uk(head.printed_on)}")
    draw_fields(
        canvas,
        left,
        right,
        top - HEAD_HEIGHT + 10,
        [
            Field(wording.CANDIDATE_NAME, text_fill(head.candidate_name, bold=True), weight=2),
            Field(wording.CANDIDATE_NUMBER, text_fill(head.candidate_number, bold=True)),
            Field(wording.CENTRE_NUMBER, text_fill(head.centre_number, bold=True)),
        ],
    )
    return top - HEAD_HEIGHT


def draw_page_number(canvas: Canvas, page_width: float, number: int, count: int) -> None:
    canvas.setFont(fonts().regular, LABEL_SIZE)
    canvas.setFillColor(INK)
    canvas.drawCentredString(page_width / 2, MARGIN_BOTTOM, wording.page_label(number, count))
