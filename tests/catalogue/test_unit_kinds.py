"""Unit format version 2: what a unit assesses (competence, knowledge, or each outcome its own)
and the awarding body's own wording of the declarations."""

from __future__ import annotations

from pathlib import Path

from ercsheet import paths
from ercsheet.catalogue.listing import unit_listing
from ercsheet.catalogue.loader import load_catalogue
from ercsheet.catalogue.methods import Method
from ercsheet.catalogue.model import Kind
from ercsheet.catalogue.snapshot import unit_data, unit_from_json, unit_to_json
from tests.catalogue.test_format_v2 import TEST_UNITS, problems_of, sample_unit
from tests.catalogue.test_loader import GOOD, write
from tests.factories import make_unit


def test_a_unit_assesses_competence_unless_it_says_otherwise() -> None:
    assert make_unit().kind is Kind.COMPETENCE
    assert make_unit().assesses == {Kind.COMPETENCE}
    # The field is left out of the snapshot at its default: codes of such units stand.
    assert "kind" not in unit_data(make_unit())
    assert "declarations" not in unit_data(make_unit())


def test_a_mixed_unit_assesses_what_its_outcomes_say() -> None:
    unit = sample_unit("mixed-care")
    assert unit.kind is Kind.MIXED
    assert [lo.kind for lo in unit.learning_outcomes] == [Kind.KNOWLEDGE, Kind.COMPETENCE]
    assert unit.assesses == {Kind.KNOWLEDGE, Kind.COMPETENCE}
    assert unit_from_json(unit_to_json(unit)) == unit
    assert unit_data(unit)["kind"] == "mixed"


def test_the_built_in_knowledge_unit_says_it_is_one() -> None:
    unit = load_catalogue([paths.builtin_units_dir()]).get("cs-environment-knowledge")
    assert unit is not None and unit.assesses == {Kind.KNOWLEDGE}


def test_in_a_mixed_unit_every_outcome_says_its_kind(tmp_path: Path) -> None:
    text = (TEST_UNITS / "mixed-care.toml").read_text(encoding="utf-8")
    without = text.replace('kind = "competence"\n', "")
    assert problems_of(tmp_path, without) == [
        'LO 2, kind: this key is required in a mixed unit: write kind = "competence" or '
        'kind = "knowledge" under the outcome'
    ]
    mixed_outcome = text.replace('kind = "competence"\n', 'kind = "mixed"\n')
    assert problems_of(tmp_path, mixed_outcome) == [
        'LO 2, kind: an outcome is "competence" or "knowledge", not "mixed"'
    ]


def test_an_outcome_may_not_contradict_its_unit(tmp_path: Path) -> None:
    contradicting = GOOD.replace(
        'title = "Know the hive"', 'title = "Know the hive"\nkind = "knowledge"'
    )
    assert problems_of(tmp_path, contradicting) == [
        "LO 1, kind: the unit is a competence unit: where its outcomes differ, "
        'write kind = "mixed" at the top of the file'
    ]
    # Saying the unit's own kind again is allowed.
    write(tmp_path / "ok", "unit.toml", 'kind = "knowledge"\n' + contradicting)
    assert load_catalogue([tmp_path / "ok"]).errors == []
    unknown = 'kind = "skills"\n' + GOOD
    assert any(p.startswith("kind: Input should be") for p in problems_of(tmp_path, unknown))


def test_a_unit_may_give_its_own_declarations(tmp_path: Path) -> None:
    own = GOOD + '\n[declarations]\nassessor = "I confirm the learner met every criterion."\n'
    write(tmp_path / "u", "unit.toml", own)
    [unit] = load_catalogue([tmp_path / "u"]).units.values()
    assert unit.declarations.assessor == "I confirm the learner met every criterion."
    assert unit.declarations.candidate == ""
    assert unit_from_json(unit_to_json(unit)) == unit
    assert unit_data(unit)["declarations"] == {
        "candidate": "",
        "assessor": "I confirm the learner met every criterion.",
    }
    unknown_role = GOOD + '\n[declarations]\nverifier = "I sampled it."\n'
    assert problems_of(tmp_path, unknown_role) == [
        "declarations.verifier: unknown key (check its spelling in docs/units-format.md)"
    ]
    too_long = GOOD + f'\n[declarations]\ncandidate = "{"x" * 91}"\n'
    assert problems_of(tmp_path, too_long) == [
        "declarations.candidate: must be at most 90 characters, to print on one line of the form"
    ]


def test_the_listing_says_what_a_unit_assesses_and_its_own_lines() -> None:
    care = unit_listing(sample_unit("mixed-care"))
    assert care["kind"] == "mixed"
    assert [line["role"] for line in care["sign_off"]] == ["employer", "expert_witness"]
    plain = unit_listing(make_unit())
    assert (plain["kind"], plain["sign_off"]) == ("competence", [])


def test_a_units_own_sign_off_lines_load_in_order() -> None:
    unit = sample_unit("mixed-care")
    assert [(line.role, line.label, line.required) for line in unit.sign_off] == [
        ("employer", "Employer", True),
        ("expert_witness", "Expert witness", False),
    ]
    assert unit.sign_off_line("employer") is unit.sign_off[0]
    assert unit.sign_off_line("plumber") is None
    assert unit_data(unit)["sign_off"][1]["required"] is False
    assert "sign_off" not in unit_data(make_unit())


def test_sign_off_lines_that_cannot_be_read_one_way_are_refused(tmp_path: Path) -> None:
    line = '\n[[sign_off]]\nrole = "{role}"\nlabel = "{label}"\nline = "{line}"\n'
    employer = line.format(role="employer", label="Employer", line="Signature of employer:")
    assert problems_of(tmp_path, GOOD + employer + employer) == [
        "sign_off[1].role: the line employer is given twice"
    ]
    bad = line.format(role="Line Manager", label="", line="x" * 151)
    assert problems_of(tmp_path, GOOD + bad) == [
        "sign_off[0].role: must be lower-case letters, digits and '_', starting with a letter "
        '(role = "employer")',
        "sign_off[0].label: must not be empty",
        "sign_off[0].line: must be at most 150 characters, to fit on the form",
    ]


def test_rules_per_criterion_load_and_are_left_out_of_the_snapshot_where_absent() -> None:
    unit = sample_unit("moving-people")
    real, listed, required = (unit.criterion(n) for n in ("1.2", "2.1", "2.2"))
    assert real is not None and real.real_work
    assert listed is not None and listed.methods == (Method.OBSERVATION, Method.EXPERT_WITNESS)
    assert required is not None and required.required_methods == (Method.OBSERVATION,)
    assert unit_from_json(unit_to_json(unit)) == unit
    [first, second] = unit_data(unit)["learning_outcomes"]
    assert first["criteria"][0] == {"number": "1.1", "text": unit.criteria[0].text, "guidance": ""}
    assert second["criteria"][0]["methods"] == ["observation", "expert_witness"]


def test_rules_per_criterion_that_leave_no_way_or_contradict_are_refused(tmp_path: Path) -> None:
    text = (TEST_UNITS / "moving-people.toml").read_text(encoding="utf-8")
    contradicting = text.replace(
        'methods = ["observation", "expert_witness"]',
        'methods = ["observation", "simulation", "observation"]\nreal_work = true',
    )
    assert problems_of(tmp_path, contradicting) == [
        "LO 2, AC 2.1, methods: names observation twice",
        "LO 2, AC 2.1, methods: names simulation, but real_work = true rules it out: leave one "
        "of them out",
    ]
    no_way = text.replace(
        'methods = ["observation", "expert_witness"]', 'methods = ["simulation"]\nreal_work = true'
    )
    assert problems_of(tmp_path, no_way) == [
        "LO 2, AC 2.1, methods: leaves no method to evidence it: simulation is not allowed here "
        "(real_work = true, or the unit's simulation_allowed = false)"
    ]
    outside = text.replace(
        'methods = ["observation", "expert_witness"]',
        'methods = ["observation"]\nrequired_methods = ["product"]',
    )
    assert problems_of(tmp_path, outside) == [
        "LO 2, AC 2.1, required_methods: product must also be in methods (the methods allowed)"
    ]
    simulated = text.replace(
        'required_methods = ["observation"]', 'required_methods = ["simulation"]\nreal_work = true'
    )
    assert problems_of(tmp_path, simulated) == [
        "LO 2, AC 2.2, required_methods: requires simulation, which is not allowed here "
        "(real_work = true, or the unit's simulation_allowed = false)"
    ]
    unknown = text.replace('required_methods = ["observation"]', 'required_methods = ["juggling"]')
    assert any(
        p.startswith("LO 2, AC 2.2, required_methods[0]: Input should be 'observation'")
        for p in problems_of(tmp_path, unknown)
    )
