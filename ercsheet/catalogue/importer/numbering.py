"""How LOs and ACs are numbered, in the styles specifications use.

ACs: `1.1`; any depth, `1.1.1` (three levels) or `101.1.1` (City & Guilds: unit.outcome.item);
graded `P1`/`M1`/`D1` or `A.P1` (Pearson: learning aim A, pass criterion 1). LOs: `1`, `LO1`,
`Outcome 1`, and `Learning aim A`. An AC belongs to the LO its number names when it names one
that is there (`2.3` to LO 2, `A.P1` to aim A); otherwise to the LO it is written under.
"""

from __future__ import annotations

import re

AC_START = re.compile(
    r"^\s*(?:AC\s*)?(?P<number>\d{1,3}(?:\.\d{1,3}){1,2}|(?:[A-Z]\.)?[PMD]\d{1,2})\.?(?=\s|$)"
    r"\s*(?P<rest>.*)$"
)
# An LO's number and title: "1 Be able to …", "LO2 Know …", "Outcome 3 Understand …",
# "Learning aim A: Examine …". The title starts with a capital: "2 or more examples" is no LO.
LO_START = re.compile(
    r"^\s*(?:(?P<named>(?i:LO\s*|Learning outcome\s*|Outcome\s*|Learning aim\s*))"
    r"(?P<letter>[A-Z])\b[.:)]?|(?i:LO\s*|Learning outcome\s*|Outcome\s*)?(?P<digits>\d{1,2})"
    r"(?:[.:)]|\s))\s*(?P<rest>[A-Z“‘\"].*)?$"
)
_NAMED_DIGITS = re.compile(r"^\s*(?i:LO|Learning outcome|Outcome)\s*\d")
GRADES = {"P": "pass", "M": "merit", "D": "distinction"}


def criterion_start(text: str) -> tuple[str, str] | None:
    """(number as written, the rest of the line) when the line starts with an AC's number."""
    found = AC_START.match(text)
    if not found:
        return None
    number = found["number"]
    if number[0].isdigit():
        number = ".".join(str(int(part)) for part in number.split("."))
    return number, found["rest"]


def outcome_start(text: str) -> tuple[str, str, bool] | None:
    """(number, the rest, whether the line names itself an LO: "LO2", "Learning aim A")."""
    found = LO_START.match(text)
    if not found:
        return None
    number = found["letter"] or str(int(found["digits"]))
    named = bool(found["named"]) or bool(_NAMED_DIGITS.match(text))
    return number, found["rest"] or "", named


def grade(number: str) -> str:
    found = re.search(r"(?:^|\.)([PMD])\d+$", number)
    return GRADES[found[1]] if found else ""


def named_outcomes(number: str) -> list[str]:
    """The LO numbers an AC's number may name, the likeliest first: "2.3" -> ["2"];
    "101.1.1" -> ["101", "1"]; "A.P1" -> ["A"]; "2a" -> ["2"]; "P1" -> []."""
    parts = number.split(".")
    if len(parts) == 1:
        lettered = re.fullmatch(r"(\d+)[a-z]", number)  # "2a": LO 2's criterion a
        return [lettered[1]] if lettered else []
    if grade(number):
        return [parts[0]]
    return parts[:1] + (parts[1:2] if len(parts) == 3 else [])


def successor(number: str) -> str:
    """The LO after this one: "2" -> "3", "A" -> "B"."""
    if number.isdigit():
        return str(int(number) + 1)
    return chr(ord(number) + 1) if number.isalpha() and len(number) == 1 else ""


def sort_key(number: str) -> tuple[tuple[int, int, str], ...]:
    """Numbers in their order: 1.2 before 1.10; P1, P2 before M1 before D1; A before B."""
    key = []
    for part in number.split("."):
        graded = re.fullmatch(r"([PMD])(\d+)", part)
        if graded:
            key.append((1, "PMD".index(graded[1]) * 1000 + int(graded[2]), ""))
        elif part.isdigit():
            key.append((0, int(part), ""))
        else:
            key.append((2, 0, part))
    return tuple(key)
