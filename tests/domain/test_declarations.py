"""What each signer declares: one wording per role, read by the printout and the dialogs."""

from __future__ import annotations

from ercsheet.catalogue.model import Unit
from ercsheet.domain.declarations import declaration, declarations
from ercsheet.domain.vocabulary import Role


def test_every_role_has_a_line_and_says_what_signing_it_means(f17: Unit) -> None:
    said = declarations(f17)
    assert set(said) == set(Role)
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
