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

# The bidirectional embeddings, overrides and isolates; and the surrogates, which are not
# characters at all (a lone one cannot even be stored as UTF-8).
_BIDI = "\u202a-\u202e\u2066-\u2069\ud800-\udfff"
# One line: every control character (C0, DEL, C1), the line and paragraph separators, the
# bidirectional controls.
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
# Several lines: the same, but tab, line feed and a carriage return before a line feed are allowed.
_UNSAFE_BLOCK = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]|\r(?!\n)")
# What json.dumps leaves raw in its strings (it escapes C0 controls itself).
_RAW_IN_JSON = re.compile(f"[\x7f-\x9f\u2028\u2029{_BIDI}]")

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
        category = unicodedata.category(character)
        if category == "Cc":
            name = "a control character"
        elif category == "Cs":
            name = "a lone surrogate (half of an encoded character)"
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


def escaped(value: str, multiline: bool = False) -> str:
    """`value` with every character the rule refuses written as an escape (`\\x1b`, `\\u202e`),
    as Python writes them: for showing stored or received text on a terminal, where the
    character itself would act instead of show. `multiline` keeps tabs and line breaks."""
    return (_UNSAFE_BLOCK if multiline else _UNSAFE_LINE).sub(_escape, value)


def json_escaped(text: str) -> str:
    """JSON text with the characters json.dumps(ensure_ascii=False) leaves raw (DEL, C1
    controls, line separators, direction controls) written as `\\u` escapes: the same JSON."""
    return _RAW_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def sentence(text: str) -> str:
    """`text` as the window and the commands say things: a capital first, a full stop last (a
    message built from a lower-case part, such as "there is no file …")."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."
