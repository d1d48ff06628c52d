"""The candidate reports, printed from a real store and read back: the cross-reference matrix
and the progress report."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from ercsheet.catalogue.loaded import Catalogue
from ercsheet.catalogue.model import Unit
from ercsheet.cli.report_data import matrix_input, progress_input
from ercsheet.domain.sheet import EvidenceRow, Person
from ercsheet.domain.vocabulary import Method
from ercsheet.pdf.matrix import render_matrix
from ercsheet.pdf.matrix_grid import NOT_ON_SHEET_FILL
from ercsheet.pdf.progress_report import render_progress
from ercsheet.pdf.report_input import MatrixInput, ProgressInput
from ercsheet.store.store import Store
from tests.pdf.reading import BASE_14, Placed, flat, font_files, marks, page_texts, placed, read

PRINTED = dt.date(2026, 11, 23)
TICK = "✓"
CRITERION = re.compile(r"^\d+\.\d+$")


@pytest.fixture
def candidate(store: Store, f17: Unit, reliable: Unit) -> int:
    """Łukasz: E01 on both his F17 and Unit 44 sheets, E02 on F17 alone, E05 on Unit 44 alone."""
    who = store.add_candidate("Łukasz Żółć", "0043", "12345")
    f17_sheet = store.create_sheet(who, f17, "", Person("Pat Jones"))
    u44_sheet = store.create_sheet(who, reliable, "", Person("Pat Jones"))
    day = dt.date(2026, 11, 2)
    store.add_evidence(
        f17_sheet,
        EvidenceRow(
            "E01", "Observation of a briefing", Method.OBSERVATION, day, frozenset({"1.1", "1.2"})
        ),
    )
    store.add_evidence(
        f17_sheet,
        EvidenceRow(
            "E02", "Standards document", Method.PRODUCT, day, frozenset({"2.1", "2.2", "2.3"})
        ),
    )
    shared = {entry.fields.ref: entry.id for entry in store.library(who)}["E01"]
    row = store.add_existing_evidence(u44_sheet, shared)
    for criterion in ("2.1", "4.8"):
        store.set_tick(row, criterion, True)
    store.add_evidence(
        u44_sheet,
        EvidenceRow("E05", "Reliability log", Method.PRODUCT, day, frozenset({"1.1", "3.4"})),
    )
    return who


def matrix_pdf(data: MatrixInput) -> bytes:
    out = io.BytesIO()
    render_matrix(data, out)
    return out.getvalue()


def progress_pdf(data: ProgressInput) -> bytes:
    out = io.BytesIO()
    render_progress(data, out)
    return out.getvalue()


def ticks_of(page: list[Placed], ref: str) -> set[str]:
    """The criteria whose column holds a tick on the row of item `ref`, on one page."""
    numbers = [p for p in page if CRITERION.match(p.text)]
    header_y = max(p.y for p in numbers)
    header = [p for p in numbers if abs(p.y - header_y) < 0.5]
    row_y = next(p.y for p in page if p.text == ref)
    found = set()
    for tick in (p for p in page if p.text == TICK and abs(p.y - row_y) < 3):
        nearest = min(header, key=lambda p: abs(p.x - tick.x))
        assert abs(nearest.x - tick.x) < 6, (tick, nearest)
        found.add(nearest.text)
    return found


def test_an_item_on_two_units_sheets_is_ticked_under_both(store: Store, candidate: int) -> None:
    data = matrix_input(store, candidate, PRINTED)
    assert [unit.label for unit in data.units] == ["Unit 40 (F17)", "Unit 44 (D.05)"]
    reader = read(matrix_pdf(data))
    # 10 + 23 criteria are more than a page width holds: a page width per unit, each with the
    # item columns and every item's row.
    pages = [placed(page) for page in reader.pages]
    assert len(pages) == 2
    texts = page_texts(matrix_pdf(data))
    assert "Unit 40 (F17)" in texts[0] and "Unit 44" not in texts[0]
    assert "Unit 44 (D.05)" in texts[1] and "Unit 40" not in texts[1]
    for text in texts:
        assert all(ref in text for ref in ("E01", "E02", "E05"))
        assert "Evidence title" in text and "Observation of a briefing" in text
    assert ticks_of(pages[0], "E01") == {"1.1", "1.2"}
    assert ticks_of(pages[1], "E01") == {"2.1", "4.8"}
    assert ticks_of(pages[0], "E05") == set() and ticks_of(pages[1], "E05") == {"1.1", "3.4"}
    assert ticks_of(pages[1], "E02") == set()
    assert "(Page 1 of 2)" in texts[0] and "(Page 2 of 2)" in texts[1]
    assert "Criteria, part 2 of 2: Unit 44 (D.05) 1.1–4.8" in texts[1]


def test_an_item_not_on_a_units_sheet_is_shaded_there_and_one_on_it_unticked_is_not(
    store: Store, candidate: int
) -> None:
    """E02 put on the Unit 44 sheet without a tick: blank there, as on the sheet; E05, on Unit
    44's sheet alone, is shaded under Unit 40 (not on its sheet), and the key says which is
    which."""
    [_, u44_sheet] = [summary.id for summary in store.sheets(candidate)]
    e02 = {entry.fields.ref: entry.id for entry in store.library(candidate)}["E02"]
    store.add_existing_evidence(u44_sheet, e02)
    data = matrix_pdf(matrix_input(store, candidate, PRINTED))
    reader = read(data)
    shade = tuple(round(v, 3) for v in NOT_ON_SHEET_FILL.rgb())

    def shaded(page: int, ref: str) -> bool:
        row_y = next(p.y for p in placed(reader.pages[page]) if p.text == ref)
        return any(
            m.paint == "fill" and m.ink == shade and m.bottom < row_y < m.top
            for m in marks(reader.pages[page], reader)
        )

    assert [shaded(0, ref) for ref in ("E01", "E02", "E05")] == [False, False, True]
    assert [shaded(1, ref) for ref in ("E01", "E02", "E05")] == [False, False, False]
    assert ticks_of(placed(reader.pages[1]), "E02") == set()
    assert "shaded = not on that unit's sheet" in flat(" ".join(page_texts(data)))


def test_the_coverage_row_counts_the_items_per_criterion(store: Store, candidate: int) -> None:
    data = matrix_input(store, candidate, PRINTED)
    page = placed(read(matrix_pdf(data)).pages[1])
    label = next(p for p in page if p.text == "Items covering each criterion")
    counts = sorted(
        (p for p in page if abs(p.y - label.y) < 0.5 and p.text.isdigit()), key=lambda p: p.x
    )
    # Unit 44: 1.1 by E05, 2.1 by E01, 3.4 by E05, 4.8 by E01; the other 19 by none.
    assert [int(p.text) for p in counts].count(1) == 4
    assert [int(p.text) for p in counts].count(0) == 19


def test_many_items_continue_over_pages_with_the_header_repeated(store: Store, f17: Unit) -> None:
    who = store.add_candidate("Dafydd ap Gruffŵdd", "0044", "12345")
    sheet = store.create_sheet(who, f17, "", Person("Pat Jones"))
    for number in range(1, 61):
        criteria = frozenset({f17.criterion_numbers[number % 10]})
        row = EvidenceRow(f"E{number:02}", f"Item {number}", Method.PRODUCT, None, criteria)
        store.add_evidence(sheet, row)
    texts = page_texts(matrix_pdf(matrix_input(store, who, PRINTED)))
    assert len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert "Evidence reference" in text and "LO1" in text and "3.4" in text
        assert "Dafydd ap Gruffŵdd" in text and "Cross-reference matrix" in text
        assert f"(Page {number} of {len(texts)})" in text
    refs = [ref for text in texts for ref in re.findall(r"\bE\d\d\b", text)]
    assert refs == [f"E{n:02}" for n in range(1, 61)], "every item once, in order"


def test_fonts_are_embedded_and_names_print_as_typed(
    store: Store, candidate: int, catalogue: Catalogue
) -> None:
    for data in (
        matrix_pdf(matrix_input(store, candidate, PRINTED)),
        progress_pdf(progress_input(store, candidate, catalogue, PRINTED)),
    ):
        for page, text in zip(read(data).pages, page_texts(data), strict=True):
            assert "Łukasz Żółć" in text
            fonts = font_files(page)
            assert fonts
            for name, embedded in fonts.items():
                assert embedded, f"{name} is not embedded"
                assert name.split("+")[-1] not in BASE_14 and "DejaVu" in name


def test_the_progress_report_says_what_the_store_says(
    store: Store, candidate: int, catalogue: Catalogue
) -> None:
    text = " ".join(page_texts(progress_pdf(progress_input(store, candidate, catalogue, PRINTED))))
    assert "Units not registered on a qualification" in text
    for summary in store.sheets(candidate):
        content = store.sheet(summary.id)
        ticked = {n for row in content.evidence for n in row.criteria}
        assert f"{summary.unit_label} {summary.unit_title}" in text
        assert f"Status: draft Coverage: {summary.covered}/{summary.total} criteria" in text
        outcomes = " · ".join(
            f"{lo.label} {sum(c.number in ticked for c in lo.criteria)}/{len(lo.criteria)}"
            for lo in content.unit.learning_outcomes
        )
        uncovered = ", ".join(n for n in content.unit.criterion_numbers if n not in ticked)
        assert f"{outcomes} Not yet covered: {uncovered}" in text
    assert "Unit 40 (F17)" in text and "LO1 2/3 · LO2 3/3 · LO3 0/4" in text
    assert "Not yet covered: 1.3, 3.1, 3.2, 3.3, 3.4" in text
    # E01: 2 criteria on F17 and 2 on Unit 44; E02: 3 on F17; E05: 2 on Unit 44.
    top = text.split("Evidence covering most criteria", 1)[1]
    assert re.search(r"E01 Observation of a briefing 4 2 E02 Standards document 3 1 E05", top)


def test_the_progress_report_has_a_section_per_registration_with_its_rules(
    store: Store, f17: Unit, catalogue: Catalogue
) -> None:
    """Registered on the Management certificate with Unit 40 (its rules not transcribed: the
    seed gives none), the report says so under the qualification, and lists Unit 40 there."""
    who = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
    qualification = catalogue.qualifications["mgmt-l3-cert"]
    store.create_sheet(who, f17, qualification.title, Person("Pat Jones"))
    store.register(
        who,
        "mgmt-l3-cert",
        catalogue=catalogue,
        assessor=Person("Pat Jones"),
        number="R-1234",
        optional_units=["mgmt-l3-u40-f17"],
    )
    text = " ".join(page_texts(progress_pdf(progress_input(store, who, catalogue, PRINTED))))
    assert f"{qualification.title} (registration R-1234)" in text
    assert "Rules of combination not transcribed: never shown as complete." in text
    assert text.count("not transcribed") == 1  # the status says it: no rule line repeats it
    assert "Units not registered on a qualification" not in text
    assert "Unit 40 (F17) Manage customer service" in text


def test_two_sheets_of_one_unit_are_told_apart_by_their_numbers_in_both_reports(
    store: Store, candidate: int, f17: Unit, catalogue: Catalogue
) -> None:
    """A second Unit 40 sheet: the two of Unit 40 print with their numbers, Unit 44 without."""
    [first, u44] = [summary.id for summary in store.sheets(candidate)]
    again = store.create_sheet(candidate, f17, "", Person("Pat Jones"))
    text = " ".join(page_texts(progress_pdf(progress_input(store, candidate, catalogue, PRINTED))))
    assert f"Unit 40 (F17) (sheet {first}) Manage customer service" in text
    assert f"Unit 40 (F17) (sheet {again}) Manage customer service" in text
    assert "Unit 44 (D.05) Organise" in text and f"(sheet {u44})" not in text
    units = [unit.label for unit in matrix_input(store, candidate, PRINTED).units]
    assert units == [
        f"Unit 40 (F17) (sheet {first})",
        "Unit 44 (D.05)",
        f"Unit 40 (F17) (sheet {again})",
    ]
