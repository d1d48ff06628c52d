"""The rules of what is typed in the window's forms, which the store applies and the window says
as they are typed."""

from __future__ import annotations

from ercsheet.domain.rules import Rule, candidate_problems, reopen_reason_problems


def test_a_candidate_needs_a_name_and_safe_text() -> None:
    assert candidate_problems("Megan Jones", "0077", "") == []
    assert [p.message for p in candidate_problems("  ", "0077", "")] == [
        "A candidate needs a name."
    ]
    unsafe = candidate_problems("Megan", "00\u202e77", "")
    assert [p.rule for p in unsafe] == [Rule.SAFE_TEXT]
    assert unsafe[0].message.startswith("The candidate number holds")


def test_a_reopening_needs_a_reason() -> None:
    assert reopen_reason_problems("E02 has the wrong date") == []
    assert [p.rule for p in reopen_reason_problems(" \n")] == [Rule.REOPEN_REASON]
