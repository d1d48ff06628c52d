"""What the unit assesses, where it says so: knowledge, competence, or both (a mixed unit, whose
outcomes each say which).

Never guessed from the outcomes' wording alone: many competence units have "Understand …"
outcomes (seed 002 does). Only a unit that says it assesses both is made mixed, each outcome's
kind then read from its title ("Know …", "Understand …": knowledge; "Be able to …": competence).
Every outcome's title is read that way all the same (`ParsedOutcome.kind`), for the review to
offer when the reviewer makes the unit mixed; it is written only in a mixed unit.
"""

from __future__ import annotations

import re

from ercsheet.catalogue.importer.result import ParsedUnit, listed, quoted

# What the unit assesses, said of this unit: "This is a knowledge unit.", "This unit is
# knowledge-based.", "This unit assesses knowledge only.", "Unit type: Knowledge".
_KNOWLEDGE_SAID = re.compile(
    r"\bthis\s+(?:unit\s+)?is\s+an?\s+knowledge(?:[- ](?:based|only))?\s+unit\b"
    r"|\bthis\s+unit\s+is\s+knowledge[- ](?:based|only)\b"
    r"|\bthis\s+unit\s+(?:assesses|is\s+assessed\s+(?:on|by|through))\s+knowledge"
    r"(?:\s+and\s+understanding)?\s+only\b"
    r"|^\s*unit\s+(?:type|kind)\s*[:\t]\s*knowledge(?:[- ](?:based|only))?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_COMPETENCE_SAID = re.compile(
    r"\bthis\s+(?:unit\s+)?is\s+an?\s+competence(?:[- ]based)?\s+unit\b"
    r"|\bthis\s+unit\s+is\s+competence[- ]based\b"
    r"|^\s*unit\s+(?:type|kind)\s*[:\t]\s*competence(?:[- ]based)?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_BOTH = (
    r"(?:knowledge(?:\s+and\s+understanding)?\s+and\s+competence"
    r"|competence\s+and\s+knowledge(?:\s+and\s+understanding)?)"
)
# "This unit assesses both knowledge and competence.", "This is a mixed unit.", "Unit type:
# Mixed", "This unit has knowledge and competence outcomes."
_MIXED_SAID = re.compile(
    rf"\bthis\s+unit\s+(?:assesses|covers|contains|includes|has|is\s+assessed\s+on)\s+"
    rf"(?:both\s+)?{_BOTH}\b"
    r"|\bthis\s+(?:unit\s+)?is\s+a\s+mixed(?:[- ](?:kind|type))?\s+unit\b"
    rf"|\bthis\s+(?:unit\s+)?is\s+a\s+{_BOTH}(?:[- ]based)?\s+unit\b"
    r"|^\s*unit\s+(?:type|kind)\s*[:\t]\s*(?:mixed|knowledge\s+and\s+competence"
    r"|competence\s+and\s+knowledge)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# A heading alone ("Knowledge unit"): it may head a group of units, so it is a guess.
_KNOWLEDGE_HEADING = re.compile(
    r"^\s*knowledge(?:[- ](?:based|only))?\s+unit\s*$", re.IGNORECASE | re.MULTILINE
)
# An outcome's title as it says what it assesses.
_TITLE_KINDS = (
    ("knowledge", re.compile(r"^\s*(?:know|understand)\b", re.IGNORECASE)),
    ("competence", re.compile(r"^\s*(?:be\s+able\s+to|can)\b", re.IGNORECASE)),
)


def title_kind(title: str) -> str:
    """ "knowledge" for "Know …"/"Understand …", "competence" for "Be able to …", else ""."""
    return next((kind for kind, pattern in _TITLE_KINDS if pattern.match(title)), "")


def read_kind(lines: list[str], unit: ParsedUnit) -> None:
    """`kind` where the specification says what the unit assesses; nothing, and no mark, where
    it does not say (never guessed from the outcomes' wording)."""
    for lo in unit.learning_outcomes:
        lo.kind = title_kind(lo.title)
    text = "\n".join(lines)
    flat = re.sub(r"[ \t]*\n[ \t]*(?=[a-z])", " ", text)  # a sentence broken at a line's end
    said = [
        (kind, found)
        for kind, pattern in (
            ("knowledge", _KNOWLEDGE_SAID),
            ("competence", _COMPETENCE_SAID),
            ("mixed", _MIXED_SAID),
        )
        if (found := pattern.search(flat))
    ]
    if len(said) > 1:
        first, second = (quoted(found[0]) for _, found in said[:2])
        unit.mark(
            "kind",
            f"the specification says both {first} and {second}; left as competence, the default.",
        )
    elif said and said[0][0] == "mixed":
        _mixed(said[0][1][0], unit)
    elif said:
        unit.kind = said[0][0] if said[0][0] == "knowledge" else ""
    elif heading := _KNOWLEDGE_HEADING.search(text):
        unit.kind = "knowledge"
        unit.mark(
            "kind",
            f"knowledge, from the heading {quoted(heading[0])} alone; check it is this unit's.",
        )


def _mixed(sentence: str, unit: ParsedUnit) -> None:
    """A unit said to assess both: mixed, when every outcome's title says which it assesses
    and both are there; otherwise left as competence, and said why."""
    untold = [lo.number for lo in unit.learning_outcomes if not lo.kind]
    kinds = {lo.kind for lo in unit.learning_outcomes}
    if not untold and kinds == {"knowledge", "competence"}:
        unit.kind = "mixed"
        return
    if len(untold) == 1:
        why = f"what LO {untold[0]} assesses could not be told from its title"
    elif untold:
        why = f"what LO {listed(untold)} assess could not be told from their titles"
    else:
        why = f"every outcome's title reads as {next(iter(kinds or {'competence'}))}"
    unit.mark(
        "kind",
        f"the specification says {quoted(sentence)}, but {why}; left as competence — choose "
        "Mixed in the review and say what each outcome assesses.",
    )
