"""A candidate's registration on a qualification, checked before it is stored: its details (the
awarding body's registration number, the date registered) and the units it starts with.

Which of the rules of combination block a registration is decided here, once, for the window,
the commands and the store: a choice that no further choice can mend (a unit the qualification
does not list, more from a group than it allows) is refused; a choice still short of a minimum
is a registration in progress, and `combination.progress` keeps saying what it still needs.
A unit the catalogue does not have is refused too: its sheet could not be made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from ercsheet.catalogue.qualification import Qualification
from ercsheet.domain.combination import Credited, excess_problems
from ercsheet.domain.dates import EARLIEST, uk
from ercsheet.domain.problems import Problem, Rule
from ercsheet.domain.text import unsafe_text_problem

# Awarding bodies' registration numbers are short codes; a longer one is a paste gone wrong.
MAX_NUMBER = 40


def details_problems(number: str, registered_on: dt.date | None, today: dt.date) -> list[Problem]:
    """Why a registration number or date cannot be stored as given."""
    problems = []
    unsafe = unsafe_text_problem("", number, subject="The registration number")
    if unsafe is not None:
        problems.append(unsafe)
    if len(number.strip()) > MAX_NUMBER:
        problems.append(
            Problem(
                Rule.REGISTRATION,
                f"The registration number is {len(number.strip())} characters long; an awarding "
                f"body's number is at most {MAX_NUMBER}: check what was pasted.",
            )
        )
    if registered_on is not None and registered_on > today:
        problems.append(
            Problem(
                Rule.FUTURE_DATE,
                f"The registration date {uk(registered_on)} is in the future: enter the date "
                "the candidate was registered.",
            )
        )
    if registered_on is not None and registered_on < EARLIEST:
        problems.append(
            Problem(
                Rule.EARLY_DATE,
                f"The registration date {uk(registered_on)} is before {EARLIEST.year}: check "
                "the year.",
            )
        )
    return problems


def choice_blocks(
    qualification: Qualification, chosen: Collection[str], units: Mapping[str, Credited]
) -> list[Problem]:
    """Why the units chosen (with the mandatory ones) cannot be registered: an excess of the
    rules of combination, or a unit the catalogue lacks (no sheet can be made of it)."""
    missing = sorted(
        unit
        for unit in {*qualification.mandatory_ids, *chosen} - set(units)
        if unit in qualification.unit_ids
    )
    return [
        *excess_problems(qualification, chosen, units),
        *(
            Problem(
                Rule.REGISTRATION,
                f"The unit {unit} of {qualification.title} is not in the catalogue (its file is "
                "missing or cannot be read: ercsheet units says which), so its sheet cannot be "
                "made. Add its unit file first.",
            )
            for unit in missing
        ),
    ]
