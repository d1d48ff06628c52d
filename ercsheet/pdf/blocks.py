"""The form around the grid, printed on every page: header, declarations, signature lines, footer.

`measure_form` works out once per sheet what the blocks say and how tall they are, so the grid
knows its room; `draw_top` and `draw_bottom` print them on each page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ercsheet.domain.declarations import (
    GRADE_AWARDED,
    Declaration,
    dated_lines,
    declarations,
)
from ercsheet.domain.sheet import SheetContent
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.pdf import wording
from ercsheet.pdf.fields import (
    DATE_WIDTH,
    Field,
    draw_fields,
    signature_fill,
    signed_date_fill,
    text_fill,
)
from ercsheet.pdf.fonts import fonts
from ercsheet.pdf.notes import (
    IndentedLine,
    addenda_lines,
    addenda_room,
    banner,
    banner_room,
    draw_addenda,
    draw_banner,
    draw_record_line,
)
from ercsheet.pdf.printed import PrintedSheet
from ercsheet.pdf.qr import draw_record_qr
from ercsheet.pdf.style import (
    CONTENT_WIDTH,
    HEADING_SIZE,
    INK,
    LABEL_SIZE,
    LEFT,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    QR_SIZE,
    RIGHT,
    SIGNATURE_INK,
    SIGNATURE_LINE_HEIGHT,
    TITLE_SIZE,
)
from ercsheet.pdf.text import at_most, ellipsis, fit_size, wrap

# The header's left part (titles) and right part (candidate declaration), as on OCR's form.
TITLES_WIDTH = 390.0
DECLARATION_LEFT = LEFT + TITLES_WIDTH + 16
DECLARATION_RIGHT = RIGHT - QR_SIZE - 8
HEADING_LEADING = 12.0
IDENTITY_HEIGHT = 20.0
KEY_SIZE = 7.5
KEY_LEADING = 9.5
DECLARATION_SIZE = 8.5
FOOTER_HEIGHT = 12.0
# Real unit lines take one or two; a runaway one must not push the grid off the page.
MAX_UNIT_LINES = 4


@dataclass(frozen=True)
class Form:
    """What one sheet's form blocks say, and the room they take."""

    content: SheetContent
    qualification: str
    unit_lines: tuple[str, ...]
    # Under the unit line: what the paper must say of the unit itself (not all transcribed).
    unit_note: str
    key_lines: tuple[str, ...]
    record_code: str | None
    key_fingerprint: str | None
    banner_lines: tuple[str, ...]
    addenda_lines: tuple[IndentedLine, ...]
    header_height: float
    bottom_height: float

    @property
    def grid_top(self) -> float:
        return PAGE_HEIGHT - MARGIN_TOP - self.header_height

    @property
    def banner_room(self) -> float:
        return banner_room(self.banner_lines)

    @property
    def grid_bottom(self) -> float:
        return MARGIN_BOTTOM + self.bottom_height


def measure_form(sheet: PrintedSheet) -> Form:
    content = sheet.content
    bold = fonts().bold
    qualification = content.qualification or _only_qualification(content)
    unit_lines = at_most(
        wrap(content.unit_line, bold, HEADING_SIZE, TITLES_WIDTH),
        MAX_UNIT_LINES,
        bold,
        HEADING_SIZE,
        TITLES_WIDTH,
    )
    unit_note = "" if content.unit.complete else wording.INCOMPLETE_UNIT
    banner_lines = banner(sheet.superseded)
    key_lines = tuple(wrap(methods_key(content), fonts().regular, KEY_SIZE, CONTENT_WIDTH))
    titles = (
        (HEADING_LEADING if qualification else 0)
        + 20
        + HEADING_LEADING * (len(unit_lines) + bool(unit_note))
    )
    # The banner takes its own room above the titles: the grid, not the header, gives it up.
    header = banner_room(banner_lines) + max(titles, QR_SIZE + 2) + IDENTITY_HEIGHT + 4
    signature_lines = 3 + len(dated_lines(content.unit))
    addenda = addenda_lines(sheet.addenda)
    # The addenda take their room under the signature lines: the grid gives it up.
    bottom = (
        4
        + KEY_LEADING * len(key_lines)
        + 14
        + SIGNATURE_LINE_HEIGHT * signature_lines
        + addenda_room(addenda)
        + FOOTER_HEIGHT
    )
    return Form(
        content,
        qualification,
        unit_lines,
        unit_note,
        key_lines,
        sheet.record_code,
        sheet.key_fingerprint,
        banner_lines,
        addenda,
        header,
        bottom,
    )


def methods_key(content: SheetContent) -> str:
    """`PD = professional discussion`, … for the methods used (on a blank form: all allowed)."""
    used = {row.method for row in content.evidence} or {
        m for m in Method if m is not Method.SIMULATION or content.unit.rules.simulation_allowed
    }
    unit = content.unit
    return key_text(
        (unit.method_abbreviation(m), unit.method_label(m)) for m in Method if m in used
    )


def key_text(methods: Iterable[tuple[str, str]]) -> str:
    """`Assessment methods: PD = professional discussion; …` of (abbreviation, label) pairs."""
    entries = [f"{abbreviation} = {_lower_first(label)}" for abbreviation, label in methods]
    return f"{wording.METHODS_KEY} " + "; ".join(entries)


def _lower_first(label: str) -> str:
    """`professional discussion` in the key; an abbreviation-like word (`NVQ`) stays."""
    first = label.split(" ", 1)[0]
    return label if first.isupper() and len(first) > 1 else label[:1].lower() + label[1:]


def draw_top(canvas: Canvas, form: Form) -> None:
    top = PAGE_HEIGHT - MARGIN_TOP
    if form.banner_lines:
        draw_banner(canvas, top, form.banner_lines)
        top -= form.banner_room
    y = top
    # Set here, not only with the qualification: without one, the title and unit line used to
    # inherit the banner's white ink and vanish.
    canvas.setFillColor(INK)
    if form.qualification:
        y -= HEADING_LEADING - 2
        canvas.setFont(fonts().bold, HEADING_SIZE)
        canvas.drawString(
            LEFT, y, ellipsis(form.qualification, fonts().bold, HEADING_SIZE, TITLES_WIDTH)
        )
    y -= 18
    canvas.setFont(fonts().bold, TITLE_SIZE)
    canvas.drawString(LEFT, y, wording.FORM_TITLE)
    y -= 4
    canvas.setFont(fonts().bold, HEADING_SIZE)
    for line in form.unit_lines:
        y -= HEADING_LEADING
        canvas.drawString(LEFT, y, line)
    if form.unit_note:
        y -= HEADING_LEADING
        canvas.setFont(fonts().regular, LABEL_SIZE + 1)
        canvas.drawString(LEFT, y, form.unit_note)
    _draw_candidate_declaration(canvas, form, top)
    if form.record_code:
        draw_record_qr(canvas, form.record_code, RIGHT - QR_SIZE, top - QR_SIZE)
    identity_baseline = PAGE_HEIGHT - MARGIN_TOP - form.header_height + 10
    candidate = form.content.candidate
    draw_fields(
        canvas,
        LEFT,
        RIGHT,
        identity_baseline,
        [
            Field(wording.CANDIDATE_NAME, text_fill(candidate.name, bold=True), weight=2),
            Field(wording.CANDIDATE_NUMBER, text_fill(candidate.candidate_number, bold=True)),
            Field(wording.CENTRE_NUMBER, text_fill(candidate.centre_number, bold=True)),
        ],
    )


def _draw_candidate_declaration(canvas: Canvas, form: Form, top: float) -> None:
    draw_record_line(
        canvas, form.record_code, form.key_fingerprint, DECLARATION_LEFT, DECLARATION_RIGHT, top - 8
    )
    canvas.setFillColor(INK)
    candidate = declarations(form.content.unit)[Role.CANDIDATE]
    _draw_statement(
        canvas, candidate.statement, fonts().regular, DECLARATION_LEFT, DECLARATION_RIGHT, top - 24
    )
    signature = form.content.signature(Role.CANDIDATE)
    draw_fields(
        canvas,
        DECLARATION_LEFT,
        DECLARATION_RIGHT,
        top - 50,
        [
            Field(candidate.line, signature_fill(signature)),
            Field(wording.DATE, signed_date_fill(signature), fixed=DATE_WIDTH),
        ],
    )


def draw_bottom(canvas: Canvas, form: Form, grid_bottom: float, page: int, pages: int) -> None:
    """The key right under the grid (`grid_bottom`), the signature blocks at the page's foot."""
    content = form.content
    declared = declarations(content.unit)
    y = grid_bottom - 4
    canvas.setFillColor(INK)
    canvas.setFont(fonts().regular, KEY_SIZE)
    for line in form.key_lines:
        y -= KEY_LEADING - 2
        canvas.drawString(LEFT, y, line)
        y -= 2
    y = form.grid_bottom - 4 - KEY_LEADING * len(form.key_lines) - 12
    assessing = declared[Role.ASSESSOR]
    _draw_statement(canvas, assessing.statement, fonts().bold, LEFT, RIGHT, y)
    assessor = content.signature(Role.ASSESSOR)
    capitals = (
        assessing.printed_name(assessor.name)
        if assessor and assessor.kind is not SignatureKind.PAPER
        else ""
    )
    y -= SIGNATURE_LINE_HEIGHT - 2
    draw_fields(
        canvas,
        LEFT,
        RIGHT,
        y,
        [
            # The assessor's name has its own field here, so none beside a drawn signature.
            Field(
                assessing.line,
                signature_fill(assessor, name_beside=False),
                weight=1.2,
            ),
            Field(assessing.name_label, text_fill(capitals, ink=SIGNATURE_INK)),
            *_grade_field(content),
            Field(wording.DATE, signed_date_fill(assessor), fixed=DATE_WIDTH),
        ],
    )
    y -= SIGNATURE_LINE_HEIGHT
    _draw_signed_line(canvas, y, [declared[Role.ASSESSOR_COUNTERSIGN]], content)
    y -= SIGNATURE_LINE_HEIGHT
    _draw_signed_line(canvas, y, [declared[Role.IV], declared[Role.IV_COUNTERSIGN]], content)
    for dated in dated_lines(content.unit):
        y -= SIGNATURE_LINE_HEIGHT
        signature = content.signature(dated.role, dated.key)
        draw_fields(
            canvas,
            LEFT,
            RIGHT,
            y,
            [
                Field(dated.line, signature_fill(signature)),
                Field(wording.DATE, signed_date_fill(signature), fixed=DATE_WIDTH),
            ],
        )
    draw_addenda(canvas, form.addenda_lines, y)
    canvas.setFont(fonts().regular, LABEL_SIZE)
    canvas.setFillColor(INK)
    canvas.drawCentredString(PAGE_WIDTH / 2, MARGIN_BOTTOM, wording.page_label(page, pages))


# A unit file's own declaration may be longer than OCR's: it prints smaller, never past the line
# (model.MAX_DECLARATION keeps it within what fits at this size).
SMALLEST_DECLARATION_SIZE = 6.0


def _draw_statement(
    canvas: Canvas, statement: str, font: str, left: float, right: float, baseline: float
) -> None:
    size = fit_size(statement, font, DECLARATION_SIZE, SMALLEST_DECLARATION_SIZE, right - left)
    canvas.setFont(font, size)
    canvas.drawString(left, baseline, statement)


# Room for "Distinction" in the signature's hand.
GRADE_WIDTH = 62.0


def _grade_field(content: SheetContent) -> list[Field]:
    """ "Grade awarded:" on a graded unit's sheet, filled once chosen (blank to write by hand
    otherwise); nothing on any other sheet, whose line stays as it was."""
    if not content.unit.graded:
        return []
    chosen = content.grade.label if content.grade else ""
    return [Field(GRADE_AWARDED, text_fill(chosen, ink=SIGNATURE_INK), fixed=GRADE_WIDTH)]


def _draw_signed_line(
    canvas: Canvas, baseline: float, parts: list[Declaration], content: SheetContent
) -> None:
    """`<label> and date:` lines: the signature's rule, then a short rule for its date."""
    fields: list[Field] = []
    for part in parts:
        signature = content.signature(part.role)
        fields.append(Field(part.line, signature_fill(signature)))
        fields.append(Field("", signed_date_fill(signature), fixed=DATE_WIDTH))
    draw_fields(canvas, LEFT, RIGHT, baseline, fields)


def _only_qualification(content: SheetContent) -> str:
    contexts = content.unit.qualifications
    return contexts[0].title if len(contexts) == 1 else ""
