"""The invented unit (`invented.py`) written out as specifications of several shapes: running
text with every trap of a flattened table, tab-separated text, a PDF made with ReportLab in a
specification's three-column table layout, and a Word document made with python-docx.

    python tests/catalogue/importer/specs/render.py OUT_DIR   # writes one file of each shape
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[4]))

from ercsheet.catalogue.model import LearningOutcome, Unit
from tests.catalogue.importer.specs import invented as u

BULLET_GLYPH = "\uf0b7"  # the Symbol font's bullet, as PDF text extraction gives it
HEADER = "Unit 12 Prepare and maintain a safe grounds-care work area"


def _footer(page: int) -> list[str]:
    return ["", f"© Example Awarding Body 2026 {page}", str(page)]


def flat_text() -> str:
    """Running text as extracted from a PDF: columns interleaved, pages broken by form feeds
    with the unit's header and a footer on each, the second page printed twice."""
    page1 = [
        HEADER,
        f"{u.QUALIFICATION} – Unit 12",
        f"Unit Title:  {u.TITLE}",
        "",
        # Labels and values in separate blocks, as a two-column block extracts.
        "Unit reference number:",
        "Level:",
        "Credit value:",
        "Guided learning hours:",
        "",
        "K/615/0042",
        "2",
        "3",
        "20",
        "Unit expiry date: 31/07/2027",
        "",
        "Unit purpose and aim",
        "",
        "This unit is about getting a grounds-care work area ready and keeping it safe while the",
        "work goes on. Learners will show they can spot haz-",
        "ards, protect themselves and others, and know the duties the law places on them.",
        "",
        "Learning Outcomes Assessment Criteria Exemplification",
        "1 Be able to prepare a work area for",
        "grounds-care tasks",
        "1.1 Identify the hazards present in",
        "the work area before starting a task",
        "1.2 Select personal protective equip-",
        "ment suited to the task and the conditions",
        "1.3 Explain how to set up barriers and",
        "signs to keep others away from the work",
        "Hazards may include:",
        f"{BULLET_GLYPH} uneven ground",
        f"{BULLET_GLYPH} overhead cables",
        f"{BULLET_GLYPH} members of the public",
        "Explain the purpose of each sign to the assessor.",
        *_footer(1),
    ]
    page2 = [
        HEADER,
        "Learning Outcomes Assessment Criteria Exemplification",
        # AC text continued after the next AC's number; the LO's title after its ACs.
        "2.1 Keep tools and materials stored so that",
        "2.2 Respond to changes in weather or ground conditions that affect safety",
        "they do not create new hazards",
        "2 Be able to maintain the work area while",
        "a task is carried out",
        "2.3 Report incidents and near misses to the",
        "responsible person without delay",
        "Changes may include heavy rain, frost or high winds.",
        # A page number that looks like the next LO's number.
        *_footer(2)[:2],
        "3",
    ]
    page3 = [
        HEADER,
        "3 Understand the legal duties that apply to",
        "grounds-care work",
        # ACs out of order.
        "3.2 Describe the records that must be kept after an",
        "accident at work",
        "3.1 Outline the duties of employers and employees",
        "under health and safety law",
        "3.3 Explain why risk assessments are reviewed after",
        "any change of method",
        "3.4 State where the organisa",
        "tion's safety procedures can be found",
        "Records include the accident book and any report to the enforcing authority.",
        "",
        "Assessment",
        "",
        "This unit is assessed in the workplace by the centre and checked by an external",
        "verifier. Simulation is not allowed for AC 2.2 and 2.3.",
        "",
        "Evidence requirements",
        "",
        "Learners must show all the assessment criteria in real work. The learner's line manager",
        "must sign and date the evidence record sheet to confirm the work was the learner's own.",
        "",
        "National Occupational Standards (NOS) mapping/signposting",
        "",
        "This unit is based on the NOS produced by Lantra",
        "LANGC12 Prepare work areas for grounds care",
        "LANGC13 Maintain safe working practices",
        "LAMGC14 Report incidents at work",  # a scanning error: LANGC14
        *_footer(3),
    ]
    return "\f".join("\n".join(page) for page in (page1, page2, page2, page3)) + "\n"


def tabbed_text() -> str:
    """The table copied from a word processor: one row per LO, cells separated by tabs, each
    cell's paragraphs as HTML (as seed 001 has it)."""
    unit = u.expected_unit()
    lines = [
        f"Unit Title:\t{u.TITLE}",
        "Unit Number\t12",
        "Level:\t2",
        "Credit value:\t3",
        "Guided learning hours:\t20",
        "Unit reference number:\tK/615/0042",
        "Unit expiry date:\t31/07/2027",
        "",
        "Unit purpose and aim",
        "",
        u.PURPOSE,
        "",
        "Learning Outcomes\tAssessment Criteria\tExemplification",
    ]
    for lo in unit.learning_outcomes:
        criteria = " ".join(f"<p>{c.number} {c.text}</p>" for c in lo.criteria)
        guidance = " ".join(
            f"<p>{c.guidance}</p>".replace("\n", " ") for c in lo.criteria if c.guidance
        )
        lines.append(f"{lo.number} {lo.title}\t{criteria}\t{guidance}")
    lines += closing_sections()
    return "\n".join(lines) + "\n"


def closing_sections() -> list[str]:
    return [
        "",
        "Assessment",
        "",
        u.ASSESSMENT,
        "",
        "Evidence requirements",
        "",
        u.EVIDENCE,
        "",
        "National Occupational Standards (NOS) mapping/signposting",
        "",
        *(f"{code} {title}" for code, title in zip(u.NOS, u.NOS_TITLES, strict=True)),
        "",
        f"{u.QUALIFICATION}",
        "Evidence Record Sheet",
        "Unit 12 Prepare and maintain a safe grounds-care work area",
    ]


def shown_number(number: str, lettered: str) -> str:
    """How a criterion's number is printed: as it is, or, for a unit lettered afresh under each
    outcome (`1a`), its letter alone in the form `lettered` gives ("{}" bare, "({})", "{})")."""
    return lettered.format(number[-1]) if lettered else number


def write_pdf(
    path: Path,
    outcomes: int = 0,
    unit: Unit | None = None,
    lettered: str = "",
    heading_row: bool = True,
) -> None:
    """A PDF in a specification's layout, of the invented unit (`outcomes` > 3: a long one) or
    of `unit`: a title block, the three-column outcomes table (its heading row repeated on every
    page, or none without `heading_row`; each LO's title centred down the rows of its ACs, so it
    stands below its first AC), the unit's sections, the unit's header and a footer on every
    page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body, heading = styles["BodyText"], styles["Heading3"]
    unit = unit or u.expected_unit(outcomes)
    context = unit.qualifications[0] if unit.qualifications else None
    header = " ".join(p for p in ("Unit", context.unit_number if context else "", unit.title) if p)

    def paragraphs(text: str) -> list[object]:
        return [Paragraph(escape(line), body) for line in text.split("\n") if line.strip()]

    def furniture(canvas: object, doc: object) -> None:
        canvas.setFont("Helvetica", 8)  # type: ignore[attr-defined]
        canvas.drawString(20 * mm, A4[1] - 12 * mm, header)  # type: ignore[attr-defined]
        page = canvas.getPageNumber()  # type: ignore[attr-defined]
        canvas.drawString(20 * mm, 10 * mm, f"© Example Awarding Body 2026 {page}")  # type: ignore[attr-defined]

    story: list[object] = []
    if context is not None and context.title:
        story.append(Paragraph(escape(f"{context.title} – Unit {context.unit_number}"), heading))
    block = [[label, Paragraph(escape(value), body)] for label, value in title_block(unit)]
    if block:  # seed 004 has no title block
        story.append(Table(block, colWidths=[55 * mm, 110 * mm], hAlign="LEFT"))
    story += [Paragraph("Unit purpose and aim", heading), *paragraphs(unit.purpose)]
    story.append(Spacer(1, 4 * mm))
    # The heading's cells differ in height (the first has two lines): their words stand on
    # different lines, as in real tables.
    titles = [
        Paragraph("<b>Learning Outcomes</b><br/>The learner will:", body),
        Paragraph("<b>Assessment Criteria</b>", body),
        Paragraph("<b>Exemplification</b>", body),
    ]
    rows: list[list[object]] = [titles] if heading_row else []
    spans = []
    for lo in unit.learning_outcomes:
        first = len(rows)
        for criterion in lo.criteria:
            number = shown_number(criterion.number, lettered)
            text = Paragraph(escape(f"{number} {criterion.text}"), body)
            rows.append(["", text, paragraphs(criterion.guidance)])
        rows[first][0] = [
            Paragraph(escape(f"{lo.number} {lo.title}"), body),
            *(paragraphs(line) for line in outcome_text_lines(lo)),
        ]
        spans.append(("SPAN", (0, first), (0, len(rows) - 1)))
    table = Table(rows, colWidths=[50 * mm, 65 * mm, 55 * mm], repeatRows=int(heading_row))
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("VALIGN", (0, int(heading_row)), (0, -1), "MIDDLE"),
                ("VALIGN", (1, int(heading_row)), (-1, -1), "TOP"),
                *spans,
            ]
        )
    )
    story.append(table)
    for title, text in sections(unit):
        story += [Paragraph(title, heading), *paragraphs(text)]
    story.append(Paragraph("National Occupational Standards (NOS) mapping/signposting", heading))
    story += [Paragraph(escape(reference), body) for reference in unit.nos]
    if unit.methods:
        story.append(Paragraph("Key to assessment methods", heading))
        story += [Paragraph(escape(line), body) for line in method_key_lines(unit)]
    if context is not None and context.sheet_unit_line:
        story += [
            Paragraph(escape(context.title), heading),
            Paragraph("Evidence Record Sheet", heading),
        ]
        story.append(Paragraph(escape(context.sheet_unit_line), body))
    document = SimpleDocTemplate(str(path), pagesize=A4, topMargin=22 * mm, bottomMargin=22 * mm)
    document.build(story, onFirstPage=furniture, onLaterPages=furniture)


def sections(unit: Unit) -> list[tuple[str, str]]:
    """The unit's assessment sections a specification prints, under their headings."""
    return [
        (title, text)
        for title, text in (
            ("Assessment", unit.assessment),
            ("Evidence requirements", unit.evidence_requirements),
            ("Guidance on assessment and evidence requirements", unit.assessment_guidance),
        )
        if text
    ]


def outcome_text_lines(lo: LearningOutcome) -> list[str]:
    """An LO's own texts as a specification prints them in the LO's cell, under headings."""
    lines: list[str] = []
    for heading, text in (
        ("Knowledge, understanding and skills:", lo.knowledge),
        ("Range:", lo.range),
    ):
        if text:
            lines += [heading, *(line for line in text.split("\n") if line.strip())]
    return lines


def method_key_lines(unit: Unit) -> list[str]:
    return [f"{named.abbreviation} = {named.label}" for named in unit.methods]


def own_texts_text(unit: Unit) -> str:
    """`unit` as running text, as a PDF's table extracts when its columns are flattened: each
    LO's title, its ACs, then its own texts under their headings; the method key on one line."""
    context = unit.qualifications[0] if unit.qualifications else None
    lines = [f"Unit {context.unit_number if context else ''} {unit.title}", ""]
    lines += [f"{label}  {value}" for label, value in title_block(unit)]
    lines += ["", "Learning Outcomes Assessment Criteria Guidance"]
    for lo in unit.learning_outcomes:
        lines.append(f"{lo.number} {lo.title}")
        lines += [f"{c.number} {c.text}" for c in lo.criteria]
        lines += outcome_text_lines(lo)
    lines += ["", "Assessment", "", "Assessed in the workplace.", ""]
    lines.append("Key to assessment methods: " + ", ".join(method_key_lines(unit)))
    return "\n".join(lines) + "\n"


def title_block(unit: Unit) -> list[tuple[str, str]]:
    context = unit.qualifications[0] if unit.qualifications else None
    rows = [
        ("Unit Title:", unit.title),
        ("Unit number:", context.unit_number if context else ""),
        ("Unit reference number:", unit.urn),
        ("Sector unit number:", unit.sector_unit_number),
        ("Level:", str(unit.level or "")),
        ("Credit value:", str(unit.credit or "")),
        ("Guided learning hours:", str(unit.glh or "")),
        ("Unit expiry date:", f"{unit.expires:%d/%m/%Y}" if unit.expires else ""),
    ]
    # A fact the unit does not have is not printed (an empty label would be marked unsure).
    return [(label, value) for label, value in rows if value]


def main(out: Path) -> None:
    from tests.catalogue.importer.specs.render_docx import write_docx

    out.mkdir(parents=True, exist_ok=True)
    (out / "flat.txt").write_text(flat_text(), encoding="utf-8")
    (out / "tabbed.txt").write_text(tabbed_text(), encoding="utf-8")
    write_pdf(out / "table.pdf")
    write_pdf(out / "long.pdf", outcomes=45)
    write_pdf(out / "plain.pdf", heading_row=False)
    write_docx(out / "table.docx")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
