"""What each signer declares: one wording per role, read by the printout and the dialogs."""

from __future__ import annotations

from dataclasses import replace

from ercsheet.catalogue.model import Kind, Unit, UnitDeclarations
from ercsheet.domain.declarations import (
    ASSESSOR_DECLARATION,
    CANDIDATE_DECLARATION,
    GRADED_ASSESSOR_DECLARATION,
    OCR,
    declaration,
    declarations,
)
from ercsheet.domain.vocabulary import Role
from tests.catalogue.test_format_v2 import sample_unit


def test_every_role_has_a_line_and_says_what_signing_it_means(f17: Unit) -> None:
    said = declarations(f17)
    assert set(said) == set(Role) - {Role.EXTRA}  # a unit's own lines: sign_off_declarations
    for role, declared in said.items():
        assert declared.role is role and declared.line
        # The form's own declaration, or the line itself saying it (the line manager's), or
        # our plain words: never nothing.
        assert declared.statement or declared.records or "confirming" in declared.line, role
        assert not (declared.statement and declared.records), role  # ours never beside OCR's


def test_only_the_assessor_s_name_has_a_field_of_its_own_in_capitals(f17: Unit) -> None:
    assessor = declaration(f17, Role.ASSESSOR)
    assert assessor.name_label == "Name (in block capitals):"
    assert assessor.printed_name("Siân Ní Bhriain") == "SIÂN NÍ BHRIAIN"
    candidate = declaration(f17, Role.CANDIDATE)
    assert candidate.name_label == "" and candidate.printed_name("Siân") == "Siân"


def test_the_assessor_declares_what_the_unit_assesses(f17: Unit) -> None:
    assert declaration(f17, Role.ASSESSOR).statement == ASSESSOR_DECLARATION
    assert declarations(f17) is OCR  # OCR's form, as it always printed
    knowledge = replace(f17, kind=Kind.KNOWLEDGE)
    assert declaration(knowledge, Role.ASSESSOR).statement == (
        "I confirm that the candidate has demonstrated the required knowledge and understanding "
        "by satisfying all of the criteria for this unit."
    )
    mixed = sample_unit("mixed-care")
    assert declaration(mixed, Role.ASSESSOR).statement == (
        "I confirm that the candidate has demonstrated competence and the required knowledge and "
        "understanding by satisfying all of the criteria for this unit."
    )
    # The candidate declares their own work whatever the unit assesses.
    assert declaration(knowledge, Role.CANDIDATE).statement == CANDIDATE_DECLARATION
    assert declaration(mixed, Role.CANDIDATE).statement == CANDIDATE_DECLARATION


def test_a_graded_unit_s_assessor_declares_the_grade_awarded() -> None:
    graded = sample_unit("graded-events")
    assert declaration(graded, Role.ASSESSOR).statement == GRADED_ASSESSOR_DECLARATION
    knowledge = replace(graded, kind=Kind.KNOWLEDGE)
    assert declaration(knowledge, Role.ASSESSOR).statement.endswith(
        "the required knowledge and understanding by satisfying all of the criteria for the "
        "grade awarded in this unit."
    )


def test_the_unit_s_own_wording_wins(f17: Unit) -> None:
    own = UnitDeclarations(candidate="This is all my own work.", assessor="I judged it met.")
    for unit in (f17, replace(sample_unit("graded-events"), kind=Kind.KNOWLEDGE)):
        said = declarations(replace(unit, declarations=own))
        assert said[Role.CANDIDATE].statement == "This is all my own work."
        assert said[Role.ASSESSOR].statement == "I judged it met."
        # Only the statements change: the lines and the assessor's name field stay the form's.
        assert said[Role.ASSESSOR].line == OCR[Role.ASSESSOR].line
        assert said[Role.ASSESSOR].name_label == OCR[Role.ASSESSOR].name_label
        assert said[Role.IV] == OCR[Role.IV]
    only_assessor = declarations(replace(f17, declarations=UnitDeclarations(assessor="Met.")))
    assert only_assessor[Role.CANDIDATE].statement == CANDIDATE_DECLARATION
