"""Where a problem of a catalogue file is, in the words of the source it was written from:
`LO 2, AC 2.3, text` rather than `learning_outcomes[1].criteria[2].text` in a unit file,
`Optional group B, unit kitchen-stock-l3` in a qualification file. The names are read from the
file's own data, so a place is named even when the file as a whole is refused."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence

from ercsheet.safe_read import Location, location_text

_ORDINALS = ("1st", "2nd", "3rd")

# How the items of a list are named: from the item (a table of the file) and its index.
Naming = Mapping[str, Callable[[object, int], str]]


def ordinal(index: int) -> str:
    """`1st`, `2nd`, `3rd`, `4th` … of a zero-based index."""
    return _ORDINALS[index] if index < len(_ORDINALS) else f"{index + 1}th"


def named_by(key: str, kind: str, item: object, index: int) -> str:
    """`LO 2` (`kind` and the item's `key`); `the 2nd LO` when the item gives none."""
    name = item.get(key) if isinstance(item, Mapping) else None
    if isinstance(name, str) and name.strip():
        return f"{kind} {name.strip()}"
    return f"the {ordinal(index)} {kind}"


# The lists of a unit file whose items are named by their `number`, and what names them.
UNIT_NAMES: Naming = {
    "learning_outcomes": functools.partial(named_by, "number", "LO"),
    "criteria": functools.partial(named_by, "number", "AC"),
}


def located(location: Location, data: object, names: Naming = UNIT_NAMES) -> str:
    """The place `location` names in `data` (a file's table), in the source's words."""
    words: list[str] = []
    rest: list[str | int] = []
    at = data
    parts = list(location)
    while parts:
        part = parts.pop(0)
        name = names.get(part) if isinstance(part, str) and not rest else None
        index = parts[0] if parts else None
        if name is not None and isinstance(index, int):
            parts.pop(0)
            items = at.get(part) if isinstance(at, Mapping) else None
            item = items[index] if isinstance(items, Sequence) and index < len(items) else None
            words.append(name(item, index))
            at = item
            continue
        rest.append(part)
    if rest:
        words.append(location_text(tuple(rest)))
    return ", ".join(words)
