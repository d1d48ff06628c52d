"""Rule sentences the importer reads into unit format version 2 (issue 17): the ACs and LOs a
sentence names (lettered, ranges, lists), the methods a criterion is evidenced by, the unit's own
sign-off lines, a mixed unit, and a declaration the specification words itself. Invented text;
what is not said plainly is marked, and nothing is invented."""

from __future__ import annotations

import tomllib

import pytest

from ercsheet.catalogue.importer.parse import parse_text
from ercsheet.catalogue.importer.references import named, resolve
from ercsheet.catalogue.importer.result import ParsedCriterion, ParsedOutcome, ParsedUnit
from ercsheet.catalogue.importer.writing import to_toml
from ercsheet.catalogue.model import Kind, SignOffLine, UnitDeclarations
from ercsheet.catalogue.validation import parse_unit

TABLE = "Learning Outcomes Assessment Criteria Guidance\n"
HEDGE = (
    f"Unit Title: Care for a hedge\n\n{TABLE}"
    "1 Understand hedge species\n1.1 Name common hedge species\n1.2 Describe how each is pruned\n"
    "2 Be able to cut a hedge\n2.1 Prepare the cutting tools\n2.2 Cut the hedge to shape\n"
    "2.3 Clear the cuttings away\n"
    "3 Be able to lay a hedge\n3.1 Select stems to lay\n3.2 Cut each pleacher\n"
    "3.3 Lay the pleachers\n3.4 Stake and bind the hedge\n"
    "4 Be able to report on the work\n4.1 Record the work done\n4.2 Report problems\n"
)


def hedge(assessment: str, head: str = "") -> ParsedUnit:
    return parse_text(f"{head}{HEDGE}\nAssessment\n\n{assessment}\n")


def loads(unit: ParsedUnit) -> object:
    """The unit file written for `unit`, as the catalogue loads it."""
    return parse_unit({**tomllib.loads(to_toml(unit, "spec.txt")), "id": "hedge"})


def marks(unit: ParsedUnit, field: str) -> list[str]:
    return [mark.reason for mark in unit.unsure if mark.field == field]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Simulation is not allowed for AC 2.2 and 2.3.", ("2.2", "2.3")),
        ("Criteria 3.1–3.4 may be evidenced by discussion.", ("3.1–3.4",)),
        ("criteria 3.1 to 3.4 and 4.2 must", ("3.1–3.4", "4.2")),
        ("ACs 1.1, 1.2, and 1.4 must", ("1.1", "1.2", "1.4")),
        ("criteria 1a and 1b must", ("1a", "1b")),
        ("AC 2(a) must", ("2a",)),
        ("criteria 2a–c must", ("2a–2c",)),
        ("criterion 1.1(a) must", ("1.1(a)",)),
        ("Learning outcome 4 must be observed.", ("LO 4",)),
        ("LOs 2 and 3 must", ("LO 2", "LO 3")),
        ("Outcome A must", ("LO A",)),
        # Numbers without a word saying what they are name nothing.
        ("Level 2.5 learners need 2 years.", ()),
        ("the outcome 2 weeks later", ()),
        ("all learning outcomes and assessment criteria", ()),
        ("criteria 3.1 to a standard", ("3.1",)),
    ],
)
def test_the_acs_and_los_a_sentence_names(sentence: str, names: tuple[str, ...]) -> None:
    assert named(sentence) == names


def test_references_resolve_to_the_criteria_the_unit_has_in_its_order() -> None:
    outcomes = [
        ParsedOutcome("1", "", [ParsedCriterion(n, "x") for n in ("1a", "1b", "1c")]),
        ParsedOutcome("2", "", [ParsedCriterion(n, "x") for n in ("2.1", "2.2", "2.3")]),
    ]
    assert resolve(("1a–1c",), outcomes) == (["1a", "1b", "1c"], [])
    assert resolve(("2.2–2.5",), outcomes) == (["2.2", "2.3"], ["2.4", "2.5"])
    assert resolve(("1c–2.2",), outcomes) == (["1c", "2.1", "2.2"], [])  # across outcomes
    assert resolve(("LO 2", "1b"), outcomes) == (["1b", "2.1", "2.2", "2.3"], [])
    assert resolve(("LO 3", "7.1"), outcomes) == ([], ["LO 3", "7.1"])


def test_a_lettered_ac_named_in_a_rule_is_written_on_it() -> None:
    unit = parse_text(
        f"Unit Title: Paint a fence\n\n{TABLE}1 Be able to prepare\na) Sand the fence\n"
        "b) Fill the cracks\n2 Be able to paint\na) Apply the primer\nb) Apply the top coat\n\n"
        "Assessment\n\nSimulation is not allowed for criteria 1a and 2(b). Criteria 2a–b must "
        "be evidenced by observation.\n"
    )
    assert [c.number for c in unit.criteria] == ["1a", "1b", "2a", "2b"]
    assert [c.number for c in unit.criteria if c.real_work] == ["1a", "2b"]
    assert [(c.number, c.required_methods) for c in unit.criteria if c.required_methods] == [
        ("2a", ["observation"]),
        ("2b", ["observation"]),
    ]


def test_methods_sentences_are_written_as_required_or_allowed_methods() -> None:
    unit = hedge(
        "AC 2.3 must be evidenced by observation. Criteria 3.1–3.4 may be evidenced by "
        "professional discussion or witness testimony. Learning outcome 4 must be assessed by "
        "direct observation. AC 2.1 must be evidenced by observation or expert witness only. "
        "AC 1.1 must be assessed by professional discussion and a product."
    )
    written = {c.number: (c.methods, c.required_methods) for c in unit.criteria}
    assert written == {
        "1.1": ([], ["professional_discussion", "product"]),
        "1.2": ([], []),
        "2.1": (["observation", "expert_witness"], []),
        "2.2": ([], []),
        "2.3": ([], ["observation"]),
        **{f"3.{n}": (["professional_discussion", "witness_testimony"], []) for n in range(1, 5)},
        "4.1": ([], ["observation"]),
        "4.2": ([], ["observation"]),
    }
    assert marks(unit, "criterion_methods") == [
        "observation required for AC 2.3 — written as a required method on AC 2.3; check. The "
        "specification says “AC 2.3 must be evidenced by observation”.",
        "professional discussion or witness testimony allowed for AC 3.1–3.4 — written as the "
        "only methods allowed on AC 3.1, 3.2, 3.3 and 3.4, though “may” may leave others "
        "allowed too; check. The specification says “Criteria 3.1–3.4 may be evidenced by "
        "professional discussion or witness testimony”.",
        "observation required for LO 4 — written as a required method on AC 4.1 and 4.2; "
        "check. The specification says “Learning outcome 4 must be assessed by direct "
        "observation”.",
        "only observation or expert witness for AC 2.1 — written as the only methods allowed on "
        "AC 2.1; check. The specification says “AC 2.1 must be evidenced by observation or "
        "expert witness only”.",
        "professional discussion and product (work product) required for AC 1.1 — written as "
        "required methods on AC 1.1; check. The specification says “AC 1.1 must be assessed by "
        "professional discussion and a product”.",
    ]
    loaded = loads(unit)
    assert loaded.criteria[2].methods == ("observation", "expert_witness")  # type: ignore[attr-defined]


def test_what_is_no_rule_is_marked_and_not_written() -> None:
    unit = hedge(
        "Criteria 1.1 and 1.2 should be assessed by questioning. AC 2.2 must not be evidenced "
        "by witness testimony. Evidence should come from observation where possible. AC 4.7 "
        "must be observed."
    )
    assert all(not c.methods and not c.required_methods for c in unit.criteria)
    assert marks(unit, "criterion_methods") == [
        "questions and answers recommended for AC 1.1 and 1.2 — “should” is no rule, so nothing "
        "was written; check. The specification says “Criteria 1.1 and 1.2 should be assessed "
        "by questioning”.",
        "witness testimony ruled out for AC 2.2 — ercsheet holds the methods allowed, not those "
        "ruled out, so nothing was written; check. The specification says “AC 2.2 must not be "
        "evidenced by witness testimony”.",
        "observation required for AC 4.7 — nothing written; AC 4.7 was not found to write it "
        "on; check. The specification says “AC 4.7 must be observed”.",
    ]


def test_sentences_that_disagree_are_made_to_load_and_each_change_is_marked() -> None:
    unit = hedge(
        "Simulation is not allowed for AC 2.1. AC 2.1 may be evidenced by simulation or "
        "observation. AC 2.1 must be evidenced by professional discussion. AC 2.1 may be "
        "evidenced by witness testimony."
    )
    criterion = unit.criteria[2]
    assert (criterion.real_work, criterion.methods, criterion.required_methods) == (
        True,
        ["observation", "professional_discussion"],
        ["professional_discussion"],
    )
    assert marks(unit, "AC 2.1") == [
        "two sentences give it different methods allowed; those of the first were kept; check. "
        "The second says “AC 2.1 may be evidenced by witness testimony”.",
        "simulation, among the methods allowed for it, is ruled out here (real work, or the "
        "unit's rule), so it was left out; check.",
        "professional discussion is required for it, so it was added to the methods allowed; "
        "check.",
    ]
    loads(unit)


@pytest.mark.parametrize(
    ("sentence", "line", "said"),
    [
        (
            "The candidate's employer must confirm that the hedge was cut to the workplace "
            "standard.",
            SignOffLine(
                "employer",
                "Employer",
                "Signature of employer (confirming that the hedge was cut to the workplace "
                "standard):",
            ),
            [],
        ),
        (
            "An expert witness, if used, must sign the evidence record sheet.",
            SignOffLine(
                "expert_witness", "Expert witness", "Signature of expert witness (if used):", False
            ),
            [],
        ),
        (
            "The workplace supervisor's signature is required on each record sheet.",
            SignOffLine(
                "workplace_supervisor", "Workplace supervisor", "Signature of workplace supervisor:"
            ),
            [],
        ),
        (
            "An employer witness statement must be signed and dated by the candidate's employer.",
            SignOffLine("employer", "Employer", "Signature of employer:"),
            [
                "“Signature of employer:”: the signature is asked on a witness statement, which "
                "may not be the record sheet; check. The specification says “An employer "
                "witness statement must be signed and dated by the candidate's employer”."
            ],
        ),
        (
            "The employer should sign the record sheet.",
            SignOffLine("employer", "Employer", "Signature of employer:", False),
            [
                "“Signature of employer:”: it is written as optional, since the sentence says "
                "“should”; check. The specification says “The employer should sign the record "
                "sheet”."
            ],
        ),
    ],
)
def test_a_signature_the_specification_asks_for_is_a_sign_off_line(
    sentence: str, line: SignOffLine, said: list[str]
) -> None:
    unit = hedge(sentence)
    assert [(s.role, s.label, s.line, s.required) for s in unit.sign_off] == [
        (line.role, line.label, line.line, line.required)
    ]
    assert marks(unit, "sign_off") == said
    assert loads(unit).sign_off == (line,)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "sentence",
    [
        "Employers may be asked to take part.",
        "Centres must confirm to the awarding body that the evidence is authentic.",
        "The assessor must sign the sheet.",
        "An expert witness may be used for AC 3.1.",
        "The line manager or employer must sign the record sheet.",  # the line manager's rule
    ],
)
def test_no_sign_off_line_is_made_where_none_is_asked_for(sentence: str) -> None:
    unit = hedge(sentence)
    assert unit.sign_off == []
    assert "sign_off" not in tomllib.loads(to_toml(unit, "spec.txt"))


def test_a_signature_asked_for_some_acs_only_is_reported_not_written() -> None:
    unit = hedge("The employer must confirm AC 2.1 and 2.2.")
    assert unit.sign_off == []
    assert marks(unit, "sign_off") == [
        "the employer's signature asked for AC 2.1 and 2.2 only — ercsheet holds sign-off lines "
        "for a whole unit, so none was written; check. The specification says “The employer "
        "must confirm AC 2.1 and 2.2”."
    ]
    assert "# RULE FOR 2.1, 2.2 ONLY: The employer must confirm AC 2.1 and 2.2." in to_toml(
        unit, "spec.txt"
    )


def test_a_unit_that_says_it_assesses_both_is_mixed_each_outcome_by_its_title() -> None:
    unit = hedge(
        "Assessed in the workplace.", "This unit assesses both knowledge and competence.\n"
    )
    assert unit.kind == "mixed"
    assert [lo.kind for lo in unit.learning_outcomes] == [
        "knowledge",
        "competence",
        "competence",
        "competence",
    ]
    assert marks(unit, "kind") == []
    loaded = loads(unit)
    assert loaded.kind is Kind.MIXED  # type: ignore[attr-defined]
    assert [lo.kind for lo in loaded.learning_outcomes] == [  # type: ignore[attr-defined]
        Kind.KNOWLEDGE,
        Kind.COMPETENCE,
        Kind.COMPETENCE,
        Kind.COMPETENCE,
    ]


def test_a_mixed_unit_is_never_guessed_from_its_titles_alone() -> None:
    unit = hedge("Assessed in the workplace.")
    assert unit.kind == "" and marks(unit, "kind") == []
    # Each title read, for the review to offer; written only in a mixed unit.
    assert unit.learning_outcomes[0].kind == "knowledge"
    assert "kind" not in tomllib.loads(to_toml(unit, "spec.txt"))["learning_outcomes"][0]


def test_a_mixed_unit_whose_outcome_tells_nothing_is_left_as_competence_and_marked() -> None:
    unit = parse_text(
        f"Unit Title: Care for a hedge\nUnit type: Mixed\n\n{TABLE}1 Understand hedges\n"
        "1.1 Name hedge species\n2 Hedge cutting\n2.1 Cut a hedge\n"
    )
    assert unit.kind == ""
    assert marks(unit, "kind") == [
        "the specification says “Unit type: Mixed”, but what LO 2 assesses could not be told "
        "from its title; left as competence — choose Mixed in the review and say what each "
        "outcome assesses."
    ]


def test_a_declaration_the_specification_words_itself_is_read() -> None:
    unit = hedge(
        "Assessed in the workplace.\n\nCandidate declaration:\nI confirm that the hedge work "
        "shown is my own.\nSignature: ______\n\nDeclaration by the assessor: I confirm that "
        "the evidence is valid, authentic and sufficient."
    )
    assert unit.declarations == {
        "candidate": "I confirm that the hedge work shown is my own.",
        "assessor": "I confirm that the evidence is valid, authentic and sufficient.",
    }
    assert loads(unit).declarations == UnitDeclarations(  # type: ignore[attr-defined]
        "I confirm that the hedge work shown is my own.",
        "I confirm that the evidence is valid, authentic and sufficient.",
    )


def test_a_declaration_is_read_only_under_its_label_and_only_if_it_fits() -> None:
    unlabelled = hedge("Assessed.\n\nI confirm that the evidence provided is my own work.")
    not_one = hedge("Assessed.\n\nCandidate declaration\nThe candidate signs below.")
    too_long = hedge("Assessed.\n\nCandidate's declaration: I confirm " + "that it is so " * 8)
    assert unlabelled.declarations == not_one.declarations == too_long.declarations == {}
    assert marks(too_long, "declarations")[0].endswith(
        "is longer than the form's line holds (90 characters), so it was left out; check."
    )
