"""An LO's own texts ("Knowledge, understanding and skills", range statements) and the
specification's own key of assessment methods: read where the specification gives them, in each
shape, never invented where it does not. The specifications are made from an invented unit
(tests/units/three-level-kitchen.toml) in the shapes of specs/render.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from ercsheet.catalogue.importer.parse import parse_lines, parse_text
from ercsheet.catalogue.importer.reading import read_spec
from ercsheet.catalogue.importer.result import ParsedMethod, ParsedUnit
from ercsheet.catalogue.importer.writing import to_toml
from ercsheet.catalogue.loader import load_unit_file
from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.validation import parse_unit
from tests.catalogue.importer.specs import render, render_docx

ROOT = Path(__file__).resolve().parents[3]
KITCHEN = ROOT / "tests" / "units" / "three-level-kitchen.toml"


def kitchen() -> Unit:
    unit = load_unit_file(KITCHEN)
    assert isinstance(unit, Unit)
    return unit


@pytest.fixture(scope="module")
def kitchen_specs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kitchen")
    render.write_pdf(folder / "kitchen.pdf", unit=kitchen())
    render_docx.write_docx(folder / "kitchen.docx", unit=kitchen())
    (folder / "kitchen.txt").write_text(render.own_texts_text(kitchen()), encoding="utf-8")
    return folder


def words(text: str) -> list[str]:
    return text.replace("•", " ").split()


@pytest.mark.parametrize("name", ["kitchen.pdf", "kitchen.docx", "kitchen.txt"])
def test_each_outcome_s_own_texts_are_read_in_every_shape(kitchen_specs: Path, name: str) -> None:
    unit = parse_lines(read_spec(kitchen_specs / name))
    expected = kitchen()
    assert [lo.number for lo in unit.learning_outcomes] == ["1", "2", "3"]
    for found, written in zip(unit.learning_outcomes, expected.learning_outcomes, strict=True):
        assert words(found.knowledge) == words(written.knowledge), found.number
        assert words(found.range) == words(written.range), found.number
    # The headings' lines are not taken for an LO's title or an AC's text.
    assert [lo.title for lo in unit.learning_outcomes] == [
        lo.title for lo in expected.learning_outcomes
    ]
    assert [c.text for c in unit.criteria] == [
        c.text for c in sorted(expected.criteria, key=lambda c: c.number)
    ]


@pytest.mark.parametrize("name", ["kitchen.pdf", "kitchen.docx", "kitchen.txt"])
def test_the_method_key_is_read_in_every_shape(kitchen_specs: Path, name: str) -> None:
    unit = parse_lines(read_spec(kitchen_specs / name))
    assert unit.methods == [
        ParsedMethod(named.method.value, named.abbreviation, named.label)
        for named in kitchen().methods
    ]
    assert [m for m in unit.unsure if m.field == "methods"] == []


def test_what_was_read_is_written_and_loads_back_as_the_unit(kitchen_specs: Path) -> None:
    unit = parse_lines(read_spec(kitchen_specs / "kitchen.pdf"))
    import tomllib

    loaded = parse_unit({**tomllib.loads(to_toml(unit, "kitchen.pdf")), "id": "kitchen"})
    assert loaded.methods == kitchen().methods
    assert words(loaded.learning_outcomes[1].range) == words(kitchen().learning_outcomes[1].range)


def test_in_running_text_the_end_of_an_outcome_s_text_is_marked(kitchen_specs: Path) -> None:
    flat = parse_lines(read_spec(kitchen_specs / "kitchen.txt"))
    said = [str(m) for m in flat.unsure if m.field in ("LO 1", "LO 2")]
    assert said == [
        "LO 1: its text under “Knowledge, understanding and skills” was read from running text "
        "up to the next number; check where it ends.",
        "LO 2: its text under “Range” was read from running text up to the next number; check "
        "where it ends.",
    ]
    table = parse_lines(read_spec(kitchen_specs / "kitchen.pdf"))
    assert [m for m in table.unsure if m.field.startswith("LO ")] == []


def nothing_invented(unit: ParsedUnit) -> bool:
    return unit.methods == [] and all(
        not lo.knowledge and not lo.range for lo in unit.learning_outcomes
    )


@pytest.mark.parametrize("name", ["flat.txt", "tabbed.txt", "table.pdf", "table.docx"])
def test_a_specification_without_them_gets_none(specs: Path, name: str) -> None:
    assert nothing_invented(parse_lines(read_spec(specs / name)))


TABLE = "Learning Outcomes Assessment Criteria Guidance\n"


def test_a_sentence_that_starts_with_range_is_guidance_not_a_range_statement() -> None:
    unit = parse_text(
        f"Unit Title: Fell a tree\n\n{TABLE}1 Be able to fell\n1.1 Plan the fall\n"
        "Range should cover both hand and powered tools.\n"
    )
    assert nothing_invented(unit)
    assert "Range should cover" in unit.criteria[0].guidance


def test_abbreviations_outside_a_key_are_not_a_key() -> None:
    unit = parse_text(
        f"Unit Title: Fell a tree\n\n{TABLE}1 Be able to fell\n1.1 Plan the fall\n\n"
        "Assessment\n\nPPE = personal protective equipment\nO - observation is preferred\n"
    )
    assert unit.methods == []


@pytest.mark.parametrize(
    ("key", "methods", "said"),
    [
        (
            "Key to assessment methods\nDO\nDirect observation\nWT\nWitness testimony\n",
            [
                ("observation", "DO", "Direct observation"),
                ("witness_testimony", "WT", "Witness testimony"),
            ],
            [],
        ),
        (
            "Assessment method key: EP = Examination of products; A = Assignment\n",
            [("product", "EP", "Examination of products")],
            ["Assessment methods: A = “Assignment” is none of ercsheet's methods."],
        ),
        (
            "Key to assessment methods: P = Professional discussion\n",
            [],
            [
                "Assessment methods: P would stand for both professional discussion and "
                "product (work product); professional discussion keeps its standard name."
            ],
        ),
        (
            "Key to assessment methods: OQ = Oral questioning, WQ = Written questions\n",
            [("question_answer", "OQ", "Oral questioning")],
            [
                "Assessment methods: WQ = “Written questions” names questions and answers "
                "again; only OQ was kept."
            ],
        ),
    ],
)
def test_a_key_is_kept_only_where_it_names_each_method_once_and_plainly(
    key: str, methods: list[tuple[str, str, str]], said: list[str]
) -> None:
    unit = parse_text(f"Unit Title: Fell a tree\n\n{TABLE}1 Be able to fell\n1.1 Plan it\n\n{key}")
    assert [(m.method, m.abbreviation, m.label) for m in unit.methods] == methods
    assert [str(m) for m in unit.unsure if m.field == "methods"] == said


def test_a_range_before_any_outcome_is_left_out_and_said() -> None:
    unit = parse_text(
        f"Unit Title: Fell a tree\n\n{TABLE}Range: hand tools\n1 Be able to fell\n1.1 Plan it\n"
    )
    assert nothing_invented(unit)
    assert [str(m) for m in unit.unsure] == [
        "Learning outcomes and criteria: text under “Range” stands before any learning outcome, "
        "so it was left out (“hand tools”)."
    ]
