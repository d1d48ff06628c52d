"""A unit's own sign-off lines (an employer's, a witness's…): signed like the line manager's,
by the same rule: a required one before the assessor, none dated after the assessor."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from ercsheet.catalogue.model import SignOffLine, Unit
from ercsheet.domain import rules
from ercsheet.domain.declarations import dated_lines, declaration
from ercsheet.domain.record import record_code
from ercsheet.domain.rules import Rule
from ercsheet.domain.sheet import SheetContent, Signature
from ercsheet.domain.vocabulary import Role, SignatureKind
from tests.catalogue.test_format_v2 import sample_unit
from tests.conftest import TODAY
from tests.factories import covering_all, make_unit, sheet, sign

DAY = dt.timedelta(days=1)


def on_line(line: str, date: dt.date = TODAY, name: str = "Jo Bloggs") -> Signature:
    return Signature(Role.EXTRA, name, date, SignatureKind.TYPED, line=line)


@pytest.fixture
def care() -> Unit:
    return sample_unit("mixed-care")


def ready(unit: Unit, *signatures: Signature) -> SheetContent:
    """Every criterion covered, the candidate signed, and `signatures`."""
    return sheet(unit, covering_all(unit), [sign(Role.CANDIDATE, TODAY - DAY), *signatures])


def test_a_required_line_blocks_the_assessor_until_signed(care: Unit) -> None:
    content = ready(care)
    problems = rules.check_signature(content, sign(Role.ASSESSOR, TODAY), TODAY)
    assert [(p.rule, p.message) for p in problems] == [
        (
            Rule.SIGN_OFF_LINE,
            "This unit needs the employer to sign and date the sheet on or before the assessor: "
            "ask them to sign first.",
        )
    ]
    # The optional expert witness's line never blocks.
    signed = ready(care, on_line("employer", TODAY - DAY))
    assert rules.check_signature(signed, sign(Role.ASSESSOR, TODAY), TODAY) == []
    assert rules.required_signers(content) == [
        (Role.CANDIDATE, ""),
        (Role.EXTRA, "employer"),
        (Role.ASSESSOR, ""),
    ]
    assert rules.missing_signers(signed) == [(Role.ASSESSOR, "")]


def test_no_line_is_dated_after_the_assessor(care: Unit) -> None:
    late = ready(care, on_line("employer", TODAY))
    [problem] = rules.check_signature(late, sign(Role.ASSESSOR, TODAY - DAY), TODAY)
    assert problem.rule is Rule.SIGN_OFF_LINE
    assert problem.message == (
        f"The employer's date {TODAY:%d/%m/%Y} must be on or before the assessor's "
        f"{TODAY - DAY:%d/%m/%Y}."
    )
    # Signed after the assessor (an addendum), a line is still dated on or before.
    sealed = ready(care, on_line("employer", TODAY - DAY), sign(Role.ASSESSOR, TODAY - DAY))
    [problem] = rules.check_signature(sealed, on_line("expert_witness", TODAY), TODAY)
    assert problem.message.startswith("The expert witness's date")
    assert rules.check_signature(sealed, on_line("expert_witness", TODAY - DAY), TODAY) == []


def test_a_line_the_unit_does_not_have_is_refused(care: Unit) -> None:
    [problem] = rules.check_signature(ready(care), on_line("plumber"), TODAY)
    assert (problem.rule, problem.message) == (
        Rule.SIGN_OFF_LINE,
        "This unit has no sign-off line 'plumber'.",
    )
    [twice] = rules.check_signature(ready(care, on_line("employer")), on_line("employer"), TODAY)
    assert twice.message == "The sheet already has the employer's signature."


def test_the_line_manager_and_a_units_lines_follow_one_rule() -> None:
    unit = dataclasses.replace(
        make_unit(line_manager=True),
        sign_off=(SignOffLine("employer", "Employer", "Signature of employer:"),),
    )
    content = ready(unit)
    problems = rules.check_signature(content, sign(Role.ASSESSOR, TODAY), TODAY)
    assert [p.rule for p in problems] == [Rule.LINE_MANAGER, Rule.SIGN_OFF_LINE]
    assert [d.line for d in dated_lines(unit)] == [
        declaration(unit, Role.LINE_MANAGER).line,
        "Signature of employer:",
    ]


def test_a_whole_sheet_replays_its_lines_in_signing_order(care: Unit) -> None:
    signatures = [
        sign(Role.ASSESSOR, TODAY),
        on_line("expert_witness", TODAY - DAY, "Dr Ann Lee"),
        on_line("employer", TODAY - DAY),
    ]
    content = ready(care, *signatures)
    assert rules.check_sheet(content, TODAY) == []
    twice = ready(care, *signatures, on_line("employer", TODAY - DAY))
    assert [p.message for p in rules.check_sheet(twice, TODAY)] == ["A second employer signature."]


def test_the_line_is_part_of_the_record_code(care: Unit) -> None:
    employer = ready(care, on_line("employer"))
    witness = ready(care, on_line("expert_witness"))
    assert record_code(employer) != record_code(witness)


def test_the_window_names_the_signer_by_the_units_label(care: Unit) -> None:
    content = ready(care)
    assert content.signer_label(Role.EXTRA, "expert_witness") == "Expert witness"
    assert content.signer_label(Role.IV) == "Internal verifier"
    said = declaration(care, Role.EXTRA, "employer")
    assert said.line == "Signature of employer (confirming the candidate's performance at work):"
    assert (said.statement, said.key) == ("", "employer")
