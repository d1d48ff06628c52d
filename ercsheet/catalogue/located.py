"""Where a problem of a unit file is, in the words of the specification it was written from:
`LO 2, AC 2.3, text` rather than `learning_outcomes[1].criteria[2].text`. The numbers are read
from the file's own data, so a place is named even when the unit as a whole is refused."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ercsheet.safe_read import Location, location_text

# The lists of a unit file whose items are named by their `number`, and what names them.
_NUMBERED = {"learning_outcomes": "LO", "criteria": "AC"}
_ORDINALS = ("1st", "2nd", "3rd")


def ordinal(index: int) -> str:
    """`1st`, `2nd`, `3rd`, `4th` … of a zero-based index."""
    return _ORDINALS[index] if index < len(_ORDINALS) else f"{index + 1}th"


def numbered(kind: str, item: object, index: int) -> str:
    """`LO 2` (`AC 2.3`) by the number the item gives; `the 2nd LO` when it gives none."""
    number = item.get("number") if isinstance(item, Mapping) else None
    if isinstance(number, str) and number.strip():
        return f"{kind} {number.strip()}"
    return f"the {ordinal(index)} {kind}"


def located(location: Location, data: object) -> str:
    """The place `location` names in `data` (a unit file's table), in the source's words."""
    words: list[str] = []
    rest: list[str | int] = []
    at = data
    parts = list(location)
    while parts:
        part = parts.pop(0)
        kind = _NUMBERED.get(part) if isinstance(part, str) and not rest else None
        index = parts[0] if parts else None
        if kind is not None and isinstance(index, int):
            parts.pop(0)
            items = at.get(part) if isinstance(at, Mapping) else None
            item = items[index] if isinstance(items, Sequence) and index < len(items) else None
            words.append(numbered(kind, item, index))
            at = item
            continue
        rest.append(part)
    if rest:
        words.append(location_text(tuple(rest)))
    return ", ".join(words)
