"""The criteria and outcomes a rule sentence names: "AC 2.3", "ACs 1.1 and 1.3", "criteria 1a and
1b", "AC 2(a)", "criteria 3.1–3.4", "3.1 to 3.4", "2a–c", "learning outcome 4", "LOs 2 and 3".

A sentence's references are kept as written (a range as "3.1–3.4", an outcome as "LO 4") until
the unit's criteria are known; `resolve` then turns them into the criteria found, in the unit's
order, and says which were named but are not there. Numbers are taken only after a word that
says what they are ("AC", "criteria", "learning outcome"): "Level 2.5" or "2 years" name none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ercsheet.catalogue.importer.result import ParsedOutcome, listed

# A criterion's number as rules write it: 2.3, 1.1.2, 1.1(a), 2a, 2(a), P1, A.M2.
_ITEM = (
    r"(?:[A-Z]\.)?[PMD]\d{1,2}\b"
    r"|\d{1,3}(?:\.\d{1,3}){1,2}(?:\([a-z]\)|[a-z]\b)?"
    r"|\d{1,3}(?:\([a-z]\)|[a-z]\b)"
)
_END = rf"(?:{_ITEM}|\(?[a-z]\)?(?![\w(]))"  # a range's end: a number, or a letter ("2a–c")
_TO = r"\s*(?:–|—|-|\bto\b|\bthrough\b)\s*"
_AND = r"\s*(?:,\s*(?:and\s+|or\s+)?|\band/or\b|\band\b|\bor\b|&)\s*"
_ONE = rf"(?:{_ITEM})(?:{_TO}{_END})?"
_CRITERIA = re.compile(
    rf"\b(?:ACs?|AC's|(?i:(?:assessment\s+)?criteri(?:on|a)))\.?\s*"
    rf"(?P<list>{_ONE}(?:{_AND}{_ONE})*)"
)
_PART = re.compile(rf"(?P<first>{_ITEM})(?:{_TO}(?P<last>{_END}))?")
_OUTCOME_ITEM = r"(?:\d{1,2}|[A-Z])\b"
_OUTCOMES = re.compile(
    rf"\b(?i:learning\s+outcomes?|outcomes?|LOs?)\s*(?P<list>{_OUTCOME_ITEM}"
    rf"(?:(?:{_AND}|{_TO}){_OUTCOME_ITEM})*)"
)
_OUTCOME_PART = re.compile(rf"(?P<first>{_OUTCOME_ITEM})(?:{_TO}(?P<last>{_OUTCOME_ITEM}))?")
RANGE = "–"
OUTCOME = "LO "


def named(sentence: str) -> tuple[str, ...]:
    """The sentence's references as written: "2.3", "3.1–3.4", "2a", "LO 4"."""
    names: list[str] = []
    for found in _CRITERIA.finditer(sentence):
        for part in _PART.finditer(found["list"]):
            first = _plain(part["first"])
            last = _plain(part["last"] or "").strip("()")
            if re.fullmatch(r"[a-z]", last):
                # "2a–c": 2a to 2c; a letter after a number in digits ends no range ("3.1 to a")
                last = first[:-1] + last if first[-1:].isalpha() else ""
            names.append(f"{first}{RANGE}{last}" if last else first)
    for found in _OUTCOMES.finditer(sentence):
        if found[0][:1].islower() and not found[0].lower().startswith("learning"):
            continue  # "outcomes 2" in lower case runs on a sentence; "LO 2", "Outcome 2" name one
        for part in _OUTCOME_PART.finditer(found["list"]):
            last = f"{RANGE}{part['last']}" if part["last"] else ""
            names.append(f"{OUTCOME}{part['first']}{last}")
    return tuple(dict.fromkeys(names))


def _plain(number: str) -> str:
    """ "2(a)" as the importer numbers lettered criteria, "2a"; "1.1(a)" stays."""
    return re.sub(r"^(\d{1,3})\(([a-z])\)$", r"\1\2", number)


def said(names: Sequence[str]) -> str:
    """The references as a reviewer reads them: "AC 2.2 and 2.3", "AC 3.1–3.4 and LO 4"."""
    criteria = [name for name in names if not name.startswith(OUTCOME)]
    outcomes = [name.removeprefix(OUTCOME) for name in names if name.startswith(OUTCOME)]
    parts = [f"AC {listed(criteria)}"] if criteria else []
    parts += [f"LO {listed(outcomes)}"] if outcomes else []
    return " and ".join(parts)


def resolve(names: Sequence[str], outcomes: list[ParsedOutcome]) -> tuple[list[str], list[str]]:
    """(the criteria the references name that the unit has, in its order; the references, or
    the numbers of a range, that it does not have)."""
    order = [c.number for lo in outcomes for c in lo.criteria]
    found: list[str] = []
    missing: list[str] = []
    for name in names:
        if name.startswith(OUTCOME):
            got, lost = _outcome(name.removeprefix(OUTCOME), outcomes)
        else:
            got, lost = _criteria(name, order)
        found += [number for number in got if number not in found]
        missing += lost
    return [n for n in order if n in found], missing


def _criteria(name: str, order: list[str]) -> tuple[list[str], list[str]]:
    first, _, last = name.partition(RANGE)
    if not last:
        return ([first], []) if first in order else ([], [first])
    if first in order and last in order and order.index(first) <= order.index(last):
        return order[order.index(first) : order.index(last) + 1], []
    counted = _counted(first, last)
    if not counted:
        return [], [name]
    return [n for n in counted if n in order], [n for n in counted if n not in order]


def _counted(first: str, last: str) -> list[str]:
    """The numbers from `first` to `last` counted in their last part (3.1 to 3.4, 2a to 2c)
    when they differ only there; [] otherwise (a range across outcomes needs the unit's order)."""
    start = re.fullmatch(r"(.*?)(\d+|[a-z])", first)
    if start is None:
        return []
    head, tail = start[1], start[2]
    end = re.fullmatch(rf"{re.escape(head)}(\d+|[a-z])", last)
    if end is None or tail.isdigit() != end[1].isdigit():
        return []
    if tail.isdigit():
        span = range(int(tail), int(end[1]) + 1)
        return [f"{head}{n}" for n in span] if len(span) <= 50 else []
    return [f"{head}{chr(c)}" for c in range(ord(tail), ord(end[1]) + 1)]


def _outcome(name: str, outcomes: list[ParsedOutcome]) -> tuple[list[str], list[str]]:
    numbers = [lo.number for lo in outcomes]
    first, _, last = name.partition(RANGE)
    if last and first in numbers and last in numbers:
        chosen = outcomes[numbers.index(first) : numbers.index(last) + 1]
    elif not last and first in numbers:
        chosen = [outcomes[numbers.index(first)]]
    else:
        return [], [f"{OUTCOME}{name}"]
    criteria = [c.number for lo in chosen for c in lo.criteria]
    return criteria, [] if criteria else [f"{OUTCOME}{name}"]
