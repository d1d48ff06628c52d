"""Criteria lettered instead of numbered: `a`, `b)`, `(c)` under each outcome.

In running text "a" starts too many sentences, so a letter is taken for a criterion only where
the table makes it one, and only in order:

- the letter runs on from the one before (`a`, then `b`…), a run starting again at `a`;
- in running text only the marked forms count (`a)`, `(a)`, `a.`), and only once an LO is
  being read; a bare `a Identify …` counts only in a table's criteria column;
- what follows the letter starts with a capital (a criterion's verb, "a range of" is none);
- never in a table that numbers its criteria: there a lettered line is a list in the guidance.

The format keeps criterion numbers unique in a unit, so each outcome's run is written with the
outcome's number (`1a`, `2a`; `A.a` under a lettered outcome), as docs/units-format.md says.
"""

from __future__ import annotations

import re

_LETTERED = re.compile(
    r"^\s*(?:\((?P<bracketed>[a-z])\)|(?P<marked>[a-z])[.)]|(?P<bare>[a-z]))\s+(?P<rest>[A-Z].*)$"
)


def letter_start(text: str, previous: str | None, bare: bool) -> tuple[str, str] | None:
    """(letter, the rest) when the line starts the next lettered criterion after `previous`
    (the last letter read, None before any)."""
    found = _LETTERED.match(text)
    if found is None or (found["bare"] and not bare):
        return None
    letter = found["bracketed"] or found["marked"] or found["bare"]
    if letter == "a" or (previous is not None and ord(letter) == ord(previous) + 1):
        return letter, found["rest"]
    return None


def runs(letters: list[str]) -> list[list[int]]:
    """The criteria's indexes cut into runs, each starting at `a`."""
    cut: list[list[int]] = []
    for index, letter in enumerate(letters):
        if letter == "a" or not cut:
            cut.append([])
        cut[-1].append(index)
    return cut


def numbered(outcome: str, letter: str) -> str:
    return f"{outcome}{letter}" if outcome[-1:].isdigit() else f"{outcome}.{letter}"
