"""Text that displays as what it holds: the rule against control and direction characters.

A name, number, reference or title is shown in the window, printed on the sheet and listed in a
terminal. Some characters change how the text around them displays instead of showing
themselves: C0 and C1 control characters (ESC starts the terminal sequences that recolour,
retitle or rewrite a screen; NUL, BEL, a lone carriage return), and the Unicode bidirectional
overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make `E01` display as another
reference or a name read backwards. They are refused wherever text comes in (the exchange
import, the store's changes), with the character and where it is. Multi-line text (evidence
titles and notes, the qualification) may hold tabs and line breaks; nothing else of the kind.
"""

from __future__ import annotations

import re
import unicodedata

from ercsheet.domain.problems import Problem, Rule

_BIDI = "\u202a-\u202e\u2066-\u2069"
# One line: every control character (C0, DEL, C1), the line and paragraph separators, the
# bidirectional controls.
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
# Several lines: the same, but tab, line feed and a carriage return before a line feed are allowed.
_UNSAFE_BLOCK = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]|\r(?!\n)")

_NAMES = {
    "\x00": "a null character",
    "\x07": "a bell character",
    "\x08": "a backspace",
    "\x09": "a tab",
    "\x0a": "a line break",
    "\x0d": "a carriage return",
    "\x1b": "an escape character",
    "\x7f": "a delete character",
    "\x9b": "a control sequence introducer",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}


def unsafe_character(value: str, multiline: bool = False) -> tuple[int, str] | None:
    """The index and the first character of `value` that may not be shown as it is."""
    found = (_UNSAFE_BLOCK if multiline else _UNSAFE_LINE).search(value)
    return (found.start(), value[found.start()]) if found else None


def describe(character: str) -> str:
    """`an escape character (…) (U+001B)`, `a right-to-left override (U+202E)`."""
    name = _NAMES.get(character)
    if name is None:
        if unicodedata.category(character) == "Cc":
            name = "a control character"
        else:
            name = "a " + unicodedata.name(character, "control character").lower()
    return f"{name} (U+{ord(character):04X})"


def unsafe_text_problem(
    field: str, value: str, *, multiline: bool = False, subject: str = "The text"
) -> Problem | None:
    """The problem with `value` at `field` (a path such as `evidence[3].ref`), or None.
    `subject` names the text in the message ("The reference")."""
    found = unsafe_character(value, multiline)
    if found is None:
        return None
    index, character = found
    allowed = (
        "tabs and line breaks are the only such characters allowed here"
        if multiline
        else "this is one line of plain text"
    )
    return Problem(
        Rule.SAFE_TEXT,
        f"{subject} holds {describe(character)} at character {index + 1}, which could make it "
        f"display as something other than it is. Remove it; {allowed}.",
        field,
    )
