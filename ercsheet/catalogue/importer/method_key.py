"""The specification's own key of assessment methods ("Key to assessment methods: EP =
Examination of products, OQ = Oral questioning"), for the unit file's `[[methods]]`.

Read only under a heading that names a key, never from abbreviations met elsewhere: an entry is
an abbreviation (capitals, at most 8 characters), `=`, a dash, a colon or a tab, and the
method's name; several may share a line, split by commas or semicolons; a two-column table may
give the abbreviation and the name on lines of their own. Each name is matched to one of the
standard methods; what matches none, or a method named twice, or an abbreviation that would
stand for two methods, is marked and left out, never guessed.
"""

from __future__ import annotations

import re

from ercsheet.catalogue.importer.result import ParsedMethod, ParsedUnit, quoted
from ercsheet.catalogue.methods import Method

_KEY_HEADING = re.compile(
    r"^\s*(?:key\s+to\s+(?:the\s+)?(?:assessment\s+)?(?:methods?|evidence)(?:\s+of\s+assessment)?"
    r"|(?:assessment\s+)?methods?\s+(?:of\s+assessment\s+)?key|assessment\s+method\s+codes?)"
    r"\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ABBREVIATION = r"[A-Z][A-Z&/]{0,7}"
_ENTRY = re.compile(
    rf"^\s*(?P<abbreviation>{_ABBREVIATION})\s*(?:=|–|—|-|:|\t)\s*(?P<name>[A-Za-z][^=\t]*?)"
    r"\s*\.?\s*$"
)
_ALONE = re.compile(rf"^\s*({_ABBREVIATION})\s*$")
# The standard methods as specifications name them (whole names, case aside).
_NAMES: tuple[tuple[Method, str], ...] = (
    (Method.EXPERT_WITNESS, r"expert witness(?: testimony)?"),
    (Method.WITNESS_TESTIMONY, r"witness (?:testimony|testimonies|statements?)"),
    (Method.PROFESSIONAL_DISCUSSION, r"professional discussions?"),
    (Method.REFLECTIVE_ACCOUNT, r"reflective (?:accounts?|logs?)|personal statements?"),
    (
        Method.QUESTION_ANSWER,
        r"(?:oral |written )?question(?:s|ing)?(?: and answers?)?|q(?:uestion)? ?& ?a",
    ),
    (Method.RPL, r"recognition of prior learning|accreditation of prior learning|rpl|apl"),
    (Method.SIMULATION, r"simulations?"),
    (
        Method.PRODUCT,
        r"(?:examination of |inspection of )?(?:work )?products?(?: evidence)?"
        r"|product of work|examination of work products?",
    ),
    (Method.OBSERVATION, r"(?:direct )?observations?(?: of (?:performance|practice))?"),
)


# The names in running text ("… by professional discussion or witness testimony"), the longer
# first where one contains another (expert witness before witness testimony).
_IN_TEXT = re.compile(
    "|".join(rf"(?P<m{index}>\b(?:{pattern})\b)" for index, (_, pattern) in enumerate(_NAMES)),
    re.IGNORECASE,
)


def methods_in(text: str) -> list[tuple[Method, re.Match[str]]]:
    """The standard methods a text names, in its order, each with where it stands."""
    return [(_NAMES[int(str(found.lastgroup)[1:])][0], found) for found in _IN_TEXT.finditer(text)]


def method_named(name: str) -> Method | None:
    text = " ".join(name.casefold().split())
    return next((m for m, pattern in _NAMES if re.fullmatch(pattern, text)), None)


def _entry_line(text: str) -> list[tuple[str, str]] | None:
    """The entries of a line ("EP = Examination of products, OQ = Oral questioning")."""
    parts = [_ENTRY.match(part) for part in re.split(r"[,;]\s*(?=[A-Z])", text.strip())]
    return [(m["abbreviation"], m["name"]) for m in parts if m] if all(parts) else None


def entries(texts: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(abbreviation, name) pairs from lines of a key, and the lines that are no entry."""
    found: list[tuple[str, str]] = []
    rest: list[str] = []
    waiting = ""  # an abbreviation on its line alone: the name is on the next
    for raw in texts:
        text = raw.strip()
        if not text:
            continue
        line = _entry_line(text)
        if waiting:
            found.append((waiting, text.rstrip(".")))
            waiting = ""
        elif line is not None:
            found += line
        elif _ALONE.match(text):
            waiting = text
        else:
            rest.append(text)
    return found, rest


def read_key(texts: list[str], unit: ParsedUnit) -> None:
    """The key under its heading in `texts` (every line of the specification), if any: the
    heading's line and the entry lines after it, up to a blank line or a line of other text."""
    for index, text in enumerate(texts):
        heading = _KEY_HEADING.match(text)
        if heading is None:
            continue
        lines = [heading["rest"]] if heading["rest"] else []
        for following in texts[index + 1 :]:
            line = following.strip()
            if not line:
                if lines:
                    break
                continue
            after_alone = bool(lines) and _ALONE.match(lines[-1]) is not None
            if not (after_alone or _ALONE.match(line) or _entry_line(line) is not None):
                break
            lines.append(line)
        found, _ = entries(lines)
        if found:
            unit.methods = key_of(found, unit)
            return


def key_of(found: list[tuple[str, str]], unit: ParsedUnit) -> list[ParsedMethod]:
    """The key's lines that name a standard method once, under an abbreviation of their own."""
    key: dict[Method, ParsedMethod] = {}
    for abbreviation, name in found:
        method = method_named(name)
        if method is None:
            unit.mark("methods", f"{abbreviation} = {quoted(name)} is none of ercsheet's methods.")
        elif method in key:
            unit.mark(
                "methods",
                f"{abbreviation} = {quoted(name)} names {method.label.lower()} again; only "
                f"{key[method].abbreviation} was kept.",
            )
        else:
            key[method] = ParsedMethod(method.value, abbreviation, name)
    while (clash := _clash(key)) is not None:
        abbreviation, first, second = clash
        dropped = second if second in key else first
        unit.mark(
            "methods",
            f"{abbreviation} would stand for both {first.label.lower()} and "
            f"{second.label.lower()}; {dropped.label.lower()} keeps its standard name.",
        )
        del key[dropped]
    return list(key.values())


def _clash(key: dict[Method, ParsedMethod]) -> tuple[str, Method, Method] | None:
    """An abbreviation the key would give two methods (its own, or one's standard one)."""
    stands: dict[str, Method] = {}
    for method in Method:
        abbreviation = key[method].abbreviation if method in key else method.abbreviation
        other = stands.setdefault(abbreviation.casefold(), method)
        if other is not method:
            return abbreviation, other, method
    return None
