"""What is typed in the window's forms, checked as it is typed and again by the store: a
candidate's details, the reason a signed sheet is reopened."""

from __future__ import annotations

from ercsheet.domain.problems import Problem, Rule
from ercsheet.domain.text import unsafe_text_problem


def candidate_problems(name: str, candidate_number: str, centre_number: str) -> list[Problem]:
    """Why a candidate's details cannot be stored as typed: text that could display as
    something it is not, or no name. The store refuses them; the window says so as they are
    typed."""
    problems = [
        problem
        for subject, value in (
            ("The candidate's name", name),
            ("The candidate number", candidate_number),
            ("The centre number", centre_number),
        )
        if (problem := unsafe_text_problem("", value, subject=subject)) is not None
    ]
    if not name.strip():
        problems.append(Problem(Rule.REQUIRED_FIELD, "A candidate needs a name."))
    return problems


def reopen_reason_problems(reason: str) -> list[Problem]:
    """A signed sheet is reopened for a reason, kept in its audit trail."""
    if reason.strip():
        return []
    return [Problem(Rule.REOPEN_REASON, "Say why the signed sheet is being reopened.")]
