"""An AC's methods as the review shows and reads them: by their abbreviations, the unit's own
where its key gives one ("EP, OQ"), else the standard ones ("O, PD"), separated by commas. Read
back, an abbreviation of the key or a standard one, or a method's name ("observation"), names a
method; anything else is said back to the reviewer. No Qt here."""

from __future__ import annotations

import re

from ercsheet.catalogue.importer.method_key import method_named
from ercsheet.catalogue.importer.result import ParsedMethod
from ercsheet.catalogue.methods import Method

# Commas, semicolons and slashes separate methods ("Q&A" keeps its ampersand).
_SEPARATOR = re.compile(r"[,;/]|\s+(?:and|or)\s+")


def abbreviations(key: list[ParsedMethod]) -> dict[str, str]:
    """Each method's abbreviation as the unit writes it: its key's, else the standard one."""
    own = {named.method: named.abbreviation for named in key}
    return {method.value: own.get(method.value, method.abbreviation) for method in Method}


def shown(values: list[str], key: list[ParsedMethod]) -> str:
    """ "O, PD" for ["observation", "professional_discussion"]."""
    written = abbreviations(key)
    return ", ".join(written.get(value, value) for value in values)


def read(text: str, key: list[ParsedMethod]) -> tuple[list[str], list[str]]:
    """(the methods the text names, in its order, each once; the parts that name none)."""
    names = {abbreviation.casefold(): value for value, abbreviation in abbreviations(key).items()}
    names.update(
        {
            m.abbreviation.casefold(): m.value
            for m in Method
            if m.abbreviation.casefold() not in names
        }
    )
    found: list[str] = []
    unknown: list[str] = []
    for part in (part.strip() for part in _SEPARATOR.split(text)):
        if not part:
            continue
        named = method_named(part)
        value = names.get(part.casefold()) or (named.value if named else None)
        if value is None:
            unknown.append(part)
        elif value not in found:
            found.append(value)
    return found, unknown


def listed_abbreviations(key: list[ParsedMethod]) -> str:
    """ "O, PD, WT, …": what the reviewer may type, for a message."""
    return ", ".join(abbreviations(key).values())
