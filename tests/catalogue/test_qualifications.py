"""Qualification files: loaded from each units folder's qualifications/ subfolder, every problem
named in the words of the rules of combination, a unit the catalogue lacks reported, not fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from ercsheet import paths
from ercsheet.catalogue.loaded import Catalogue, Placement
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.qualification import CreditAtLevel, Place, QualificationUnit

TESTS = Path(__file__).resolve().parents[1]
# Invented units and, in its qualifications/, an invented qualification of them.
KITCHEN = TESTS / "qualifications"

BAKING = """
title = "Invented Level 2 Certificate in Baking"
awarding_body = "Invented Awarding Body"
level = 2
min_credit = 6

[[mandatory]]
unit = "kitchen-pastry-l2"
number = "202"

[[groups]]
title = "Group B"
min_units = 1

[[groups.units]]
unit = "kitchen-knives-l2"
number = "201"

[[groups.units]]
unit = "kitchen-allergens-l2"
number = "203"
"""


def with_file(folder: Path, text: str, name: str = "baking-l2.toml") -> Catalogue:
    """The catalogue of the kitchen units and `folder`, whose qualifications/ holds `text`."""
    (folder / "qualifications").mkdir(parents=True, exist_ok=True)
    (folder / "qualifications" / name).write_text(text, encoding="utf-8")
    return load_catalogue([KITCHEN, folder])


def reported(catalogue: Catalogue) -> list[tuple[str, str]]:
    return [(e.field, e.message) for e in catalogue.errors]


def test_the_invented_qualification_loads_with_its_structure() -> None:
    catalogue = load_catalogue([KITCHEN])
    assert catalogue.errors == [] and catalogue.warnings == []
    kitchen = catalogue.qualifications["kitchen-leadership-l3"]
    assert (kitchen.title, kitchen.awarding_body, kitchen.level) == (
        "Invented Level 3 Diploma in Kitchen Leadership",
        "Invented Awarding Body",
        3,
    )
    assert (kitchen.qualification_number, kitchen.min_credit, kitchen.glh, kitchen.tqt) == (
        "999/9999/9",
        20,
        120,
        200,
    )
    assert kitchen.complete and kitchen.unplaced == ()
    assert kitchen.mandatory == (
        QualificationUnit("kitchen-safety-l3", "301"),
        QualificationUnit("kitchen-team-l3", "302"),
    )
    supervision, skills = kitchen.groups
    assert (supervision.min_units, supervision.max_units, supervision.min_credit) == (1, 2, None)
    assert supervision.rule_text == "at least 1 unit, at most 2 units"
    assert skills.rule_text == "at least 4 credits, at most 8 credits"
    # Written as an inline array of tables: TOML's other spelling of [[groups.units]].
    assert [e.unit for e in skills.units] == [
        "kitchen-knives-l2",
        "kitchen-pastry-l2",
        "kitchen-allergens-l2",
    ]
    assert kitchen.credit_at_level == CreditAtLevel(level=3, min_credit=15)
    assert catalogue.placements("kitchen-stock-l3") == [
        Placement("kitchen-leadership-l3", "311", Place.GROUP, "Optional group B: supervision")
    ]


def test_the_built_in_qualifications_hold_only_what_the_seeds_say() -> None:
    catalogue = load_catalogue([paths.builtin_units_dir()])
    assert catalogue.errors == [] and catalogue.warnings == []
    management = catalogue.qualifications["mgmt-l3-cert"]
    team_leading = catalogue.qualifications["teamlead-l3"]
    assert management.title == "OCR Level 3 NVQ Certificate in Management"
    assert team_leading.title == "OCR Level 3 NVQ in Team Leading"
    for qualification in (management, team_leading):
        assert (qualification.awarding_body, qualification.level) == ("OCR", 3)
        # Not in the seeds: left empty, and the rules of combination not claimed.
        assert qualification.qualification_number == ""
        assert (qualification.min_credit, qualification.glh, qualification.tqt) == (None,) * 3
        assert not qualification.complete
        assert qualification.mandatory == () and qualification.groups == ()
        assert qualification.credit_at_level is None
        text = catalogue.qualification_paths[qualification.id].read_text(encoding="utf-8")
        assert "rules of combination" in text and "does not say" in text
    assert management.unplaced == (QualificationUnit("mgmt-l3-u40-f17", "40"),)
    assert team_leading.unplaced == (QualificationUnit("teamlead-l3-u29-f17", "29"),)
    # Each numbers its unit as the unit's own file does for that qualification.
    for qualification in (management, team_leading):
        [entry] = qualification.unplaced
        unit = catalogue.units[entry.unit]
        context = unit.context(qualification.title)
        assert context is not None and context.unit_number == entry.number
    assert catalogue.placements("teamlead-l3-u29-f17") == [
        Placement("teamlead-l3", "29", Place.UNPLACED)
    ]


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("level = 2", "level = 9", "level", "must be from 1 to 8"),
        ("level = 2", 'level = "2"', "level", "must be a whole number, not '2'"),
        ("min_credit = 6", "min_credit = -3", "min_credit", "must be from 0 to 9999"),
        ("min_credit = 6", "credits = 6", "credits", "unknown key"),
        ('title = "Invented Level 2 Certificate in Baking"', 'title = ""', "title", "must not"),
        ('awarding_body = "Invented Awarding Body"', "", "awarding_body", "this key is required"),
        ("level = 2", "level = 2\ncomplete = 'no'", "complete", "must be true or false, not"),
        ("min_units = 1", "min_units = 3", "Group B, min_units", "is 3, but the group lists 2"),
        ("min_units = 1", "max_units = 0", "Group B, max_units", "must be from 1 to 999"),
        ("min_units = 1", "min_credit = -1", "Group B, min_credit", "must be from 0 to 9999"),
        (
            "min_units = 1",
            "min_credit = 5\nmax_credit = 4",
            "Group B, max_credit",
            "is 4, less than min_credit (5)",
        ),
        (
            "min_units = 1",
            "min_units = 2\nmax_units = 1",
            "Group B, max_units",
            "is 1, less than min_units (2)",
        ),
        (
            'title = "Group B"\nmin_units = 1',
            'title = "Skills"\nmin_units = 3',
            'group "Skills", min_units',
            "is 3, but the group lists 2 units",
        ),
        ('title = "Group B"\n', "", "the 1st group, title", "this key is required"),
        (
            'unit = "kitchen-knives-l2"',
            'unit = "kitchen-pastry-l2"',
            "Group B, unit kitchen-pastry-l2",
            "is listed also as a mandatory unit: a unit has one place in a qualification",
        ),
        (
            'unit = "kitchen-pastry-l2"',
            'unit = "Kitchen Pastry"',
            "mandatory unit Kitchen Pastry, unit",
            "must be a unit's id: its file name without .toml",
        ),
        ('number = "202"', "number = 202", "mandatory unit kitchen-pastry-l2, number", "str"),
        (
            BAKING[BAKING.index("\n[[groups.units]]") :],
            "units = []\n",
            "Group B, units",
            "lists no",
        ),
        (
            'number = "203"',
            'number = "203"\n[[unplaced]]\nunit = "kitchen-bread-l2"\n',
            "unplaced",
            "lists units whose place is not transcribed, which only a qualification with "
            "complete = false may",
        ),
        (
            'number = "203"',
            'number = "203"\n[credit_at_level]\nlevel = 2\nmin_credit = 8\n',
            "credit_at_level.min_credit",
            "is 8, more than the qualification's min_credit (6)",
        ),
        (
            'number = "203"',
            'number = "203"\n[credit_at_level]\nlevel = 0\nmin_credit = 2\n',
            "credit_at_level.level",
            "must be from 1 to 8",
        ),
        ("level = 2", 'level = 2\nid = "baking"', "id", "the id is the file name"),
    ],
)
def test_each_problem_is_named_where_it_is(
    tmp_path: Path, old: str, new: str, field: str, message: str
) -> None:
    assert old in BAKING
    catalogue = with_file(tmp_path, BAKING.replace(old, new, 1))
    [(where, said)] = reported(catalogue)
    assert where == field
    assert message in said, said
    assert "baking-l2" not in catalogue.qualifications
    assert len(catalogue.units) == 8  # the units still load


def test_a_complete_qualification_must_list_units(tmp_path: Path) -> None:
    text = BAKING[: BAKING.index("[[mandatory]]")]
    [(where, said)] = reported(with_file(tmp_path, text))
    assert where == ""
    assert said.startswith("lists no units: list them under [[mandatory]] and [[groups]]")
    catalogue = with_file(tmp_path, text + "complete = false\n")
    assert catalogue.errors == [] and "baking-l2" in catalogue.qualifications


def test_the_file_name_is_the_qualifications_id(tmp_path: Path) -> None:
    catalogue = with_file(tmp_path, BAKING, "Baking L2.toml")
    assert reported(catalogue) == [
        (
            "id",
            "the file name must be lower-case letters, digits and '-' (it is the "
            "qualification's id)",
        )
    ]


def test_a_file_of_the_other_kind_is_told_where_it_belongs(tmp_path: Path) -> None:
    unit = (KITCHEN / "kitchen-pastry-l2.toml").read_text(encoding="utf-8")
    catalogue = with_file(tmp_path, unit, "pastry.toml")
    assert reported(catalogue) == [
        ("", "is a unit file: move it out of qualifications/, into the units folder itself")
    ]
    (tmp_path / "baking.toml").write_text(BAKING, encoding="utf-8")
    catalogue = load_catalogue([KITCHEN, tmp_path])
    assert (
        "",
        "is a qualification file: move it into the units folder's qualifications/ subfolder",
    ) in reported(catalogue)


def test_a_broken_file_says_it_is_not_a_qualification_file(tmp_path: Path) -> None:
    catalogue = with_file(tmp_path, BAKING + "a.b.c.d.e.f.g.h.i.j = 1\n")
    [(where, said)] = reported(catalogue)
    assert where == ""
    assert said.startswith("not a qualification file: line 22 has a key of more than 8")


def test_a_unit_not_in_the_catalogue_is_reported_and_the_rest_loads(tmp_path: Path) -> None:
    catalogue = with_file(tmp_path, BAKING.replace("kitchen-allergens-l2", "kitchen-bread-l2"))
    assert catalogue.errors == []
    [warning] = catalogue.warnings
    assert str(warning) == (
        f"{tmp_path / 'qualifications' / 'baking-l2.toml'}: Group B: unit 'kitchen-bread-l2' is "
        "not in the catalogue: add its unit file (kitchen-bread-l2.toml) to a units folder, or "
        "correct the id"
    )
    assert f"warning: {warning}" in catalogue.reports
    assert "baking-l2" in catalogue.qualifications and len(catalogue.units) == 8


def test_a_unit_numbered_otherwise_than_its_own_file_is_reported(tmp_path: Path) -> None:
    title = "Invented Level 2 Certificate in Baking"
    text = BAKING.replace(title, "Invented Level 3 Diploma in Kitchen Leadership")
    catalogue = with_file(tmp_path, text.replace('number = "202"', 'number = "22"'))
    [warning] = catalogue.warnings
    assert (warning.field, warning.message) == (
        "mandatory",
        "unit 'kitchen-pastry-l2' is numbered '22' here, but '202' in its own unit file's "
        "[[qualifications]]: correct one of them",
    )


def test_a_group_asking_more_credit_than_its_units_carry_is_reported(tmp_path: Path) -> None:
    catalogue = with_file(tmp_path, BAKING.replace("min_units = 1", "min_credit = 6"))
    [warning] = catalogue.warnings
    assert (warning.field, warning.message) == (
        "Group B",
        "min_credit is 6, but its units carry 5 credits together",
    )


def test_a_later_folders_qualification_replaces_one_of_its_id(tmp_path: Path) -> None:
    text = (KITCHEN / "qualifications" / "kitchen-leadership-l3.toml").read_text(encoding="utf-8")
    catalogue = with_file(
        tmp_path, text.replace("glh = 120", "glh = 121"), "kitchen-leadership-l3.toml"
    )
    assert catalogue.qualifications["kitchen-leadership-l3"].glh == 121
    assert catalogue.qualification_paths["kitchen-leadership-l3"].is_relative_to(tmp_path)


def test_a_qualifications_entry_that_is_no_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "qualifications").write_text("", encoding="utf-8")
    catalogue = load_catalogue([KITCHEN, tmp_path])
    assert reported(catalogue) == [("", "is not a folder")]
    assert catalogue.errors[0].path == tmp_path / "qualifications"
    assert len(catalogue.qualifications) == 1


def test_the_documentation_shows_the_invented_qualification_as_it_loads() -> None:
    documented = (TESTS.parent / "docs" / "units-format.md").read_text(encoding="utf-8")
    example = KITCHEN / "qualifications" / "kitchen-leadership-l3.toml"
    assert f"```toml\n{example.read_text(encoding='utf-8')}```" in documented
