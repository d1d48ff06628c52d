"""How a candidate's sheets are named in their progress and reports: by their unit, with the
sheet's number only where two of them would read alike."""

from __future__ import annotations

from ercsheet.domain.progress_words import sheet_names


def test_a_sheet_is_named_by_its_unit_and_numbered_only_beside_a_twin() -> None:
    names = sheet_names({1: "Unit 40 (F17)", 2: "Unit 44 (D.05)", 7: "Unit 40 (F17)"})
    assert names == {
        1: "Unit 40 (F17) (sheet 1)",
        2: "Unit 44 (D.05)",
        7: "Unit 40 (F17) (sheet 7)",
    }


def test_no_sheets_no_names() -> None:
    assert sheet_names({}) == {}
