"""The numbers and letters Word draws in front of list paragraphs, which python-docx's text leaves
out: criteria typed as an automatically lettered list ("a)", "b)") or a two-level one ("1.1",
"1.2") come back with them.

A paragraph is in a list when it, or its style (or a style it is based on), has a `w:numPr`
(a list `w:numId` and a level `w:ilvl`). numbering.xml gives each list (`w:num`) an abstract
definition (`w:abstractNum`) with, per level, where it starts (`w:start`), how its number is
written (`w:numFmt`: decimal, lowerLetter, upperLetter, lowerRoman…), the label (`w:lvlText`,
"%1.%2", "(%2)") and when it starts again (`w:lvlRestart`; by default after any higher level).
Lists sharing an abstract definition count on together unless a list starts a level again
(`w:lvlOverride`/`w:startOverride`), as Word counts them. Paragraphs are counted in document
order, table cells row by row, so an outcome's number in one column and its criteria's letters
in the next are counted as Word shows them. Elements only (no python-docx import here).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BULLET = ""  # a bullet's label: the paragraph is an item of a bulleted list
_LARGEST = 32767  # Word's largest start value
T = TypeVar("T")
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


@dataclass(frozen=True)
class _Level:
    start: int = 1
    format: str = "decimal"
    text: str = ""
    # None: starts again after any higher level; 0: never; n: after level n (1-based) or higher.
    restart: int | None = None
    legal: bool = False


def _whole(text: str | None, default: T) -> int | T:
    """A number numbering.xml gives, at most Word's largest (a damaged or hostile file's
    "99999999999" would make labels without end)."""
    return min(int(text), _LARGEST) if text and text.isdigit() and len(text) <= 6 else default


def _value(element: Any, tag: str) -> str | None:
    found = element.find(f"{W}{tag}") if element is not None else None
    return None if found is None else found.get(f"{W}val")


def _level(element: Any, base: _Level | None = None) -> _Level:
    level = base or _Level()
    start, restart = _value(element, "start"), _value(element, "lvlRestart")
    text = _value(element, "lvlText")
    return replace(
        level,
        start=_whole(start, level.start),
        format=_value(element, "numFmt") or level.format,
        text=level.text if text is None else text,
        restart=_whole(restart, level.restart),
        legal=level.legal or element.find(f"{W}isLgl") is not None,
    )


def number_text(value: int, form: str) -> str:
    """A level's number as its format writes it: 3 -> "3", "c", "C", "iii", "III"."""
    if value > _LARGEST // 40:  # letters and numerals that long are no label: digits
        return str(value)
    if form in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if form == "upperLetter" else letters
    if form in ("lowerRoman", "upperRoman"):
        roman, rest = "", max(value, 0)
        for worth, numeral in _ROMAN:
            count, rest = divmod(rest, worth)
            roman += numeral * count
        return roman.upper() if form == "upperRoman" else roman
    if form == "decimalZero":
        return f"{value:02d}"
    return "" if form == "none" else str(value)


class Numbering:
    """Labels of a document's list paragraphs, counted in order as Word counts them."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        abstract = {
            element.get(f"{W}abstractNumId"): {
                _whole(lvl.get(f"{W}ilvl"), 0): _level(lvl) for lvl in element.iterfind(f"{W}lvl")
            }
            for element in (numbering.iterfind(f"{W}abstractNum") if numbering is not None else ())
        }
        # Each list: its abstract definition's key, its levels (overrides applied), and the
        # levels it starts again.
        self._lists: dict[str, tuple[str, dict[int, _Level], set[int]]] = {}
        for num in numbering.iterfind(f"{W}num") if numbering is not None else ():
            key = _value(num, "abstractNumId") or ""
            levels = dict(abstract.get(key, {}))
            started: set[int] = set()
            for override in num.iterfind(f"{W}lvlOverride"):
                index = _whole(override.get(f"{W}ilvl"), 0)
                own = override.find(f"{W}lvl")
                level = _level(own, levels.get(index)) if own is not None else levels.get(index)
                start = _value(override, "startOverride")
                if start and start.isdigit():
                    level = replace(level or _Level(), start=_whole(start, 1))
                    started.add(index)
                if level is not None:
                    levels[index] = level
            self._lists[num.get(f"{W}numId") or ""] = (key, levels, started)
        self._styles = {
            style.get(f"{W}styleId"): style
            for style in (styles.iterfind(f"{W}style") if styles is not None else ())
        }
        self._counts: dict[str, dict[int, int]] = {}
        self._seen: set[str] = set()

    def labels(self, paragraphs: Iterable[Any]) -> dict[Any, str]:
        """Each list paragraph's label, in the order given (document order): "1.1", "a)",
        BULLET for a bulleted one."""
        found: dict[Any, str] = {}
        for paragraph in paragraphs:
            label = self._label(paragraph)
            if label is not None:
                found[paragraph] = label
        return found

    def _label(self, paragraph: Any) -> str | None:
        numbered = self._numbered(paragraph)
        if numbered is None or numbered[0] not in self._lists:
            return None
        list_id, index = numbered
        key, levels, started = self._lists[list_id]
        level = levels.get(index)
        if level is None:
            return None
        counts = self._counts.setdefault(key, {})
        if list_id not in self._seen:
            self._seen.add(list_id)
            for again in started:
                counts.pop(again, None)
        counts[index] = counts[index] + 1 if index in counts else level.start
        for deeper, other in levels.items():
            if deeper > index and other.restart != 0 and (other.restart or 99) > index:
                counts.pop(deeper, None)
        if level.format == "bullet":
            return BULLET
        text = level.text
        for shown in range(9, 0, -1):  # %10 is no level; %1 after %11 would be wrong
            other = levels.get(shown - 1, _Level())
            value = counts.get(shown - 1, other.start)
            form = "decimal" if level.legal and shown - 1 < index else other.format
            text = text.replace(f"%{shown}", number_text(value, form))
        return text.strip() or None

    def _numbered(self, paragraph: Any) -> tuple[str, int] | None:
        """(list id, level) of a paragraph's own numPr, else its style's."""
        properties = paragraph.find(f"{W}pPr")
        own = properties.find(f"{W}numPr") if properties is not None else None
        if own is not None:
            list_id = _value(own, "numId")
            style_level = None
        else:
            list_id, style_level = self._style_list(_value(properties, "pStyle"))
        if not list_id or list_id == "0":  # numId 0: numbering taken off
            return None
        level = _value(own, "ilvl") if own is not None else style_level
        return list_id, _whole(level, 0)

    def _style_list(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                break
            properties = style.find(f"{W}pPr")
            numbered = properties.find(f"{W}numPr") if properties is not None else None
            if numbered is not None:
                return _value(numbered, "numId"), _value(numbered, "ilvl")
            style_id = _value(style, "basedOn")
        return None, None
