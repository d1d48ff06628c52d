"""A PDF's outcomes table without a heading row naming its columns: read by columns where its
numbered items plainly stand in two or three columns, by the running-text rules otherwise.
The pages are drawn word by word where a table's cells would put them (invented wording)."""

from __future__ import annotations

from pathlib import Path

from ercsheet.catalogue.importer.parse import parse_lines
from ercsheet.catalogue.importer.read_pdf import pdf_to_lines
from ercsheet.catalogue.importer.result import ParsedUnit

# (x, text) per line, from the top of the page down, 14 points apart; None: a blank line.
Page = list[tuple[float, str] | None]
LO_X, AC_X, GUIDANCE_X = 60.0, 200.0, 400.0
HEAD: Page = [(LO_X, "Unit title: Look after a pond"), (LO_X, "Level: 2"), None]
TAIL: Page = [None, (LO_X, "Assessment"), (LO_X, "Assessed in the workplace by the centre.")]


def pdf(path: Path, lines: Page, beside: dict[int, list[tuple[float, str]]] | None = None) -> Path:
    """A page of `lines`; `beside[i]`: more cells on the line of lines[i]."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 9)
    for index, line in enumerate(lines):
        y = A4[1] - 100 - 14 * index
        for x, text in ([line] if line else []) + (beside or {}).get(index, []):
            canvas.drawString(x, y, text)
    canvas.save()
    return path


def read(path: Path) -> tuple[ParsedUnit, set[int | None]]:
    lines = pdf_to_lines(path.read_bytes())
    return parse_lines(lines), {line.column for line in lines}


def criteria(unit: ParsedUnit) -> list[tuple[str, str, str]]:
    return [(lo.number, c.number, c.text) for lo in unit.learning_outcomes for c in lo.criteria]


def test_two_columns_of_numbered_items_are_read_as_the_table(tmp_path: Path) -> None:
    table: Page = [
        (LO_X, "1 Understand how a pond"),
        (LO_X, "stays healthy"),
        None,
        (LO_X, "2 Be able to clear a pond"),
        None,
        None,
    ]
    cells = {
        0: [(AC_X, "1.1 Describe the plants that keep")],
        1: [(AC_X, "the water clear")],
        2: [(AC_X, "1.2 Explain why fish need shade")],
        3: [(AC_X, "2.1 Remove fallen leaves")],
        4: [(AC_X, "2.2 Thin the oxygenating plants")],
        5: [(AC_X, "2.3 Return wildlife to the water")],
    }
    unit, columns = read(pdf(tmp_path / "two.pdf", HEAD + table + TAIL, _shift(cells, len(HEAD))))
    assert columns == {None, 0, 1}
    assert [(lo.number, lo.title) for lo in unit.learning_outcomes] == [
        ("1", "Understand how a pond stays healthy"),
        ("2", "Be able to clear a pond"),
    ]
    assert criteria(unit) == [
        ("1", "1.1", "Describe the plants that keep the water clear"),
        ("1", "1.2", "Explain why fish need shade"),
        ("2", "2.1", "Remove fallen leaves"),
        ("2", "2.2", "Thin the oxygenating plants"),
        ("2", "2.3", "Return wildlife to the water"),
    ]
    assert unit.level == 2 and unit.assessment == "Assessed in the workplace by the centre."


def test_lettered_criteria_and_a_third_column_of_guidance(tmp_path: Path) -> None:
    table: Page = [(LO_X, "1 Be able to plant a pond"), None, None, (LO_X, "2 Know pond pests")]
    cells = {
        0: [(AC_X, "a) Choose the plants"), (GUIDANCE_X, "Plants may include:")],
        1: [(GUIDANCE_X, "• water lilies")],
        2: [(AC_X, "b) Set the baskets")],
        3: [(AC_X, "a) Name two pests"), (GUIDANCE_X, "Herons count as pests.")],
    }
    unit, columns = read(pdf(tmp_path / "three.pdf", HEAD + table + TAIL, _shift(cells, 3)))
    assert columns == {None, 0, 1, 2}
    assert [(c.number, c.text, c.guidance) for c in unit.criteria] == [
        ("1a", "Choose the plants", "Plants may include:\n• water lilies"),
        ("1b", "Set the baskets", ""),
        ("2a", "Name two pests", "Herons count as pests."),
    ]


def test_running_text_with_indented_criteria_stays_running_text(tmp_path: Path) -> None:
    # The guidance paragraph runs across where the criteria start: no columns.
    lines: Page = [
        (LO_X, "1 Be able to clear a pond"),
        (AC_X, "1.1 Remove fallen leaves"),
        (AC_X, "1.2 Thin the plants"),
        (AC_X, "1.3 Return wildlife to the water"),
        (LO_X, "Clearing is best done in autumn, when the wildlife is least disturbed by it."),
        (LO_X, "Leave the cleared plants by the side of the pond overnight so that creatures"),
        (LO_X, "living in them can find their way back into the water before they are removed."),
    ]
    unit, columns = read(pdf(tmp_path / "running.pdf", HEAD + lines + TAIL))
    assert columns == {None}
    # No table heading either: as before, "no table of them was found".
    assert {m.field for m in unit.unsure} == {"learning_outcomes"}


def test_criteria_without_outcome_numbers_beside_them_are_no_table(tmp_path: Path) -> None:
    lines: Page = [
        (LO_X, "Outcome: Be able to clear a pond"),
        (AC_X, "1.1 Remove fallen leaves"),
        (AC_X, "1.2 Thin the plants"),
        (AC_X, "1.3 Return wildlife to the water"),
    ]
    _, columns = read(pdf(tmp_path / "no-outcomes.pdf", HEAD + lines + TAIL))
    assert columns == {None}


def test_two_aligned_numbers_are_too_few_to_call_columns(tmp_path: Path) -> None:
    lines: Page = [(LO_X, "1 Be able to clear a pond"), None]
    cells = {0: [(AC_X, "1.1 Remove fallen leaves")], 1: [(AC_X, "1.2 Thin the plants")]}
    _, columns = read(pdf(tmp_path / "few.pdf", HEAD + lines + TAIL, _shift(cells, 3)))
    assert columns == {None}


def _shift(
    cells: dict[int, list[tuple[float, str]]], by: int
) -> dict[int, list[tuple[float, str]]]:
    return {index + by: texts for index, texts in cells.items()}
