"""The awarding body's own wording of a declaration, where the specification plainly gives one:
under a label that says whose it is ("Candidate declaration: I confirm …", "Declaration by the
assessor", the text on the lines below), in the first person. A form's declaration printed
without such a label (seeds 000 and 001 print OCR's own) is not read: it is the wording ercsheet
prints anyway, and a sentence is never taken for a declaration on its looks.
"""

from __future__ import annotations

import re

from ercsheet.catalogue.importer.result import ParsedUnit, quoted
from ercsheet.catalogue.model import MAX_DECLARATION

_LABEL = re.compile(
    r"^\s*(?:(?P<role>candidate|learner|assessor)(?:'s|’s|s')?\s+declaration"
    r"|declaration\s+(?:by|of)\s+(?:the\s+)?(?P<by>candidate|learner|assessor))"
    r"\s*[:\-–]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"^I\s+(?:confirm|declare|certify|agree|understand)\b")
# Where a form's declaration ends on its line: its signature line, a rule to sign on.
_END = re.compile(r"\s*(?:\bsignature\b|\bdate\s*:|_{3,}).*$", re.IGNORECASE)
_ROLES = {"candidate": "candidate", "learner": "candidate", "assessor": "assessor"}
_MOST_LINES = 3


def read(lines: list[str], unit: ParsedUnit) -> None:
    for index, line in enumerate(lines):
        label = _LABEL.match(line)
        if label is None:
            continue
        role = _ROLES[(label["role"] or label["by"]).lower()]
        if role in unit.declarations:
            continue
        text = _text([label["rest"], *lines[index + 1 : index + 1 + _MOST_LINES]])
        if not _FIRST_PERSON.match(text):
            continue
        longest = MAX_DECLARATION[role]
        if len(text) > longest:
            unit.mark(
                "declarations",
                f"the {role}'s declaration {quoted(text)} is longer than the form's line holds "
                f"({longest} characters), so it was left out; check.",
            )
            continue
        unit.declarations[role] = text


def _text(lines: list[str]) -> str:
    """The declaration's words: from the label's line on, up to a blank line, another label or
    its signature line."""
    words: list[str] = []
    for line in lines:
        text = line.strip()
        if not text:
            if words:
                break
            continue
        if words and _LABEL.match(text):
            break
        kept = _END.sub("", text)
        if kept:
            words.append(kept)
        if kept != text:
            break
    return " ".join(words)
