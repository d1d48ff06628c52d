"""The printed ERS read back: page size, official wording on every page, headers, fonts, files."""

from __future__ import annotations

import dataclasses
import re
import stat
from pathlib import Path

import pytest

from ercsheet.catalogue.model import Unit
from ercsheet.domain.declarations import declarations
from ercsheet.domain.record import record_code, short_code
from ercsheet.domain.sheet import SheetContent
from ercsheet.domain.vocabulary import Role
from ercsheet.pdf import PrintedSheet, render_pdf
from tests.factories import make_unit
from tests.pdf.reading import BASE_14, flat, font_files, page_texts, placed, read, render
from tests.pdf.samples import rows_for, signed, unsigned

OFFICIAL_WORDING = [
    "Evidence Record Sheet",
    "I confirm that the evidence provided is a result of my own work.",
    "Signature of candidate:",
    "Date:",
    "Evidence reference",
    "Evidence title",
    "Assessment method",
    "I confirm that the candidate has demonstrated competence by satisfying all of the criteria "
    "for this unit.",
    "Signature of assessor:",
    "Name (in block capitals):",
    "Countersignature of qualified assessor (if required) and date:",
    "IV initials (if sampled) and date:",
    "Countersignature of qualified IV (if required) and date:",
]
LINE_MANAGER = "Signature of line manager or owner/manager"
A4_LANDSCAPE = (841.89, 595.28)


def sample_sheets(f17: Unit, operations: Unit, reliable: Unit) -> dict[str, SheetContent]:
    return {
        "signed F17": signed(unsigned(f17, rows_for(f17, 15))),
        "28 ACs, 300 rows": unsigned(operations, rows_for(operations, 300)),
        "blank line-manager unit": unsigned(reliable, []),
        "60 ACs": unsigned(make_unit((12, 12, 12, 12, 12)), rows_for(make_unit((12,) * 5), 40)),
    }


def test_every_page_is_an_a4_landscape_form_with_the_official_wording(
    f17: Unit, operations: Unit, reliable: Unit
) -> None:
    for name, content in sample_sheets(f17, operations, reliable).items():
        data = render([content])
        reader = read(data)
        texts = page_texts(data)
        for number, (page, text) in enumerate(zip(reader.pages, texts, strict=True), start=1):
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert size == pytest.approx(A4_LANDSCAPE, abs=0.01), name
            for words in OFFICIAL_WORDING:
                assert words in text, f"{name}, page {number}: {words!r} missing"
            assert f"(Page {number} of {len(texts)})" in text, name
            assert (LINE_MANAGER in text) == content.unit.rules.line_manager_signature, name
            assert content.candidate.name in text and "0042" in text and "12345" in text


def test_the_form_prints_each_role_s_declaration_as_the_signing_dialogs_show_it(
    f17: Unit, reliable: Unit
) -> None:
    # The dialogs read ercsheet.domain.declarations (tests/gui/window/test_declarations.py):
    # the printout reads the same words, so what a signer saw is what the paper says.
    for unit in (f17, reliable):
        text = flat(page_texts(render([signed(unsigned(unit, rows_for(unit, 4)))]))[0])
        for role, declared in declarations(unit).items():
            if role is Role.LINE_MANAGER and not unit.rules.line_manager_signature:
                assert flat(declared.line) not in text
                continue
            assert flat(declared.line) in text, role
            assert flat(declared.statement) in text, role
            assert not declared.records or flat(declared.records) not in text, role  # ours


def test_the_header_names_the_qualification_and_the_unit_as_it_numbers_it(
    f17: Unit, team_leading: Unit
) -> None:
    management = page_texts(render([unsigned(f17, rows_for(f17, 3))]))[0]
    assert management.startswith(
        "OCR Level 3 NVQ Certificate in Management Evidence Record Sheet "
        "Unit 40 Manage customer service in own area of responsibility (F17)"
    )
    leading = page_texts(render([unsigned(team_leading, rows_for(team_leading, 3))]))[0]
    assert leading.startswith(
        "OCR Level 3 NVQ in Team Leading Evidence Record Sheet "
        "Unit F17 Manage customer service in own area of responsibility"
    )


def test_every_ac_column_header_is_printed_under_its_lo(f17: Unit, operations: Unit) -> None:
    big = make_unit((12, 12, 12, 12, 12))
    for unit in (f17, operations, big):
        data = render([unsigned(unit, rows_for(unit, 5))])
        printed = {p.text for page in read(data).pages for p in placed(page)}
        assert set(unit.criterion_numbers) <= printed, unit.id
        assert {f"LO{lo.number}" for lo in unit.learning_outcomes} <= printed, unit.id


def test_lo_headers_sit_over_their_own_criteria(f17: Unit) -> None:
    page = read(render([unsigned(f17, [])])).pages[0]
    positions = {p.text: p for p in placed(page)}
    for lo in f17.learning_outcomes:
        label = positions[f"LO{lo.number}"]
        first, last = positions[lo.criteria[0].number], positions[lo.criteria[-1].number]
        assert first.x - 5 <= label.x <= last.x + 5
        assert label.y > first.y


def test_fonts_are_embedded_truetype_never_the_base_14(f17: Unit, operations: Unit) -> None:
    data = render([signed(unsigned(f17, rows_for(f17, 15))), unsigned(operations, [])])
    for page in read(data).pages:
        fonts = font_files(page)
        assert fonts, "no fonts on the page"
        for name, embedded in fonts.items():
            assert embedded, f"{name} is not embedded"
            assert name.split("+")[-1] not in BASE_14
            assert "DejaVu" in name


def test_the_same_sheets_print_the_same_bytes(f17: Unit) -> None:
    content = signed(unsigned(f17, rows_for(f17, 15)))
    printed = PrintedSheet(content, record_code(content))
    assert render([printed]) == render([printed])


def test_a_pdf_file_is_written_whole_and_readable_by_its_owner_alone(
    f17: Unit, tmp_path: Path
) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"an older print")
    render_pdf([unsigned(f17, rows_for(f17, 2))], target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


def test_nothing_to_print_is_refused() -> None:
    with pytest.raises(ValueError, match="no sheet"):
        render([])


def test_the_key_lists_the_methods_used_and_the_grid_shows_abbreviations(f17: Unit) -> None:
    rows = rows_for(f17, 2)  # methods: professional discussion, witness testimony
    text = page_texts(render([unsigned(f17, rows)]))[0]
    assert "Assessment methods: PD = professional discussion; WT = witness testimony" in text
    assert "observation" not in text.lower().split("assessment methods:")[1]
    page = read(render([unsigned(f17, rows)])).pages[0]
    assert {"PD", "WT"} <= {p.text for p in placed(page)}


def test_a_blank_form_keys_every_method_the_unit_allows(reliable: Unit, f17: Unit) -> None:
    text = page_texts(render([unsigned(reliable, [])]))[0]
    assert "O = observation" in text and "RPL = recognition of prior learning" in text
    assert "S = simulation" in text
    no_simulation = page_texts(render([unsigned(f17, [])]))[0]
    assert "O = observation" in no_simulation and "simulation" not in no_simulation


def test_a_signed_sheet_prints_its_record_code_on_every_page(operations: Unit) -> None:
    content = signed(unsigned(operations, rows_for(operations, 60)))
    code = record_code(content)
    texts = page_texts(render([PrintedSheet(content, code)]))
    assert len(texts) > 1
    for text in texts:
        assert f"Record code {short_code(code)}" in text


def test_a_superseded_version_says_so_on_every_page(operations: Unit) -> None:
    note = "Superseded version 1 — reopened 20/11/2026: wrong date"
    content = signed(unsigned(operations, rows_for(operations, 60)))
    texts = page_texts(render([PrintedSheet(content, record_code(content), note)]))
    for text in texts:
        assert text.startswith(f"SUPERSEDED: NOT THE CURRENT RECORD — {note}")
    current = page_texts(render([PrintedSheet(content, record_code(content))]))
    assert not any("SUPERSEDED" in text for text in current)


def test_several_sheets_in_one_pdf_number_their_pages_per_sheet(
    f17: Unit, operations: Unit
) -> None:
    first = unsigned(operations, rows_for(operations, 40))
    second = unsigned(f17, rows_for(f17, 3), candidate=dataclasses.replace(first.candidate))
    texts = page_texts(render([first, second, first]))
    labels = [re.findall(r"\(Page (\d+) of (\d+)\)", text) for text in texts]
    assert all(len(found) == 1 for found in labels)
    numbers = [(int(n), int(m)) for [(n, m)] in labels]
    per_sheet = numbers[0][1]
    assert per_sheet > 1
    expected = [(n, per_sheet) for n in range(1, per_sheet + 1)]
    assert numbers == [*expected, (1, 1), *expected]
    assert flat("".join(texts)).count("Evidence Record Sheet") == len(texts)


def test_line_breaks_typed_into_one_line_fields_print_as_spaces(f17: Unit) -> None:
    candidate = dataclasses.replace(unsigned(f17, []).candidate, name="Siân\nNí\tBhriain")
    content = unsigned(f17, rows_for(f17, 1), candidate=candidate)
    note = "Superseded version 1\nreopened 20/11/2026"
    page = read(render([PrintedSheet(content, None, note)])).pages[0]
    drawn = {p.text for p in placed(page)}
    assert "Siân Ní Bhriain" in drawn
    assert f"SUPERSEDED: NOT THE CURRENT RECORD — {flat(note)}" in drawn


def test_the_pdf_says_which_unit_assessor_and_candidate_it_is(f17: Unit) -> None:
    content = signed(unsigned(f17, rows_for(f17, 3)))
    info = read(render([content])).metadata
    assert info is not None
    assert info.title == f"Evidence Record Sheet: {content.unit_line}"
    assert info.author == content.assessor.name
    candidate = content.candidate
    assert info.subject == f"Candidate: {candidate.name} ({candidate.candidate_number})"
