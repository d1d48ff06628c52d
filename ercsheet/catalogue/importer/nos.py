"""National Occupational Standards references: the codes (CFACSB13, CFAB10, F17) and titles.

A NOS table flattens into its cells in reading order (the suite's name, its codes, then their
titles, often as bullets). Codes are checked against the shape of the unit's other codes: a
scanner reads `CFACSC1` as `CEACSC1`, and a code one letter away from what its fellows share
is corrected and marked unsure.
"""

from __future__ import annotations

import re
from collections import Counter

from ercsheet.catalogue.importer.result import ParsedUnit

CODE = re.compile(r"\b([A-Z]{1,8}\d{1,3}[A-Z]?)\b")
_W = r"\s+"
# What every NOS section says that names no standard (words may wrap anywhere).
_BOILERPLATE = [
    re.compile(_W.join(words.split()) + tail, re.IGNORECASE | re.DOTALL)
    for words, tail in (
        ("NOS can be viewed", r".*?\.(?=\s|$)"),
        ("The mapping in the table", r".*?\.(?=\s|$)"),
        ("It does not claim", r"[^.]*\."),
        ("This unit is based on the NOS produced by", r"[^\n]*"),
        ("Occupational standards Unit", r"(?:\s+number)?\s+Title(?:\s+number)?"),
    )
]
_LEAD_IN = re.compile(r"^This unit is based on (?:the )?NOS (?:reference|unit|code)s?:?\s*", re.I)
# A title's bullet: a glyph, what a scanner makes of one (« ® e), or the space a lost glyph left.
_BULLET_START = re.compile(r"(?:^|\n)(?:\s*\|)?\s*(?:[•«®]|e(?=\s[A-Z]))\s*|\n (?=[A-Z])")
_SUITE = re.compile(r"\b((?:National )?Occupational Standards:)\s*")


def read_nos(lines: list[str], unit: ParsedUnit) -> None:
    text = "\n".join(lines)
    for pattern in _BOILERPLATE:
        text = pattern.sub("", text)
    codes = CODE.findall(re.sub(r"\(\d{4}\)", "", text))
    if not codes:
        return
    fixed = _fix_codes(codes, unit)
    if len(codes) == 1:
        entry = _LEAD_IN.sub("", _flat(text))
        unit.nos = [re.sub(rf"\b{codes[0]}\b", fixed[0], entry, count=1)]
        return
    pieces = re.split(rf"\b(?:{'|'.join(map(re.escape, codes))})\b", text)
    suite = _flat(pieces[0])
    titles = []
    for piece in pieces[1:]:
        found = _SUITE.search(piece)
        if found and found[1] not in suite:
            suite = f"{suite} {found[1]}".strip()
            piece = piece[: found.start()] + " " + piece[found.end() :]
        titles.append(piece)
    unit.nos = [
        " ".join(part for part in (suite, code, title) if part)
        for code, title in zip(fixed, _shared_titles(titles), strict=True)
    ]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("|", " ")).strip()


def _shared_titles(pieces: list[str]) -> list[str]:
    """Each code's title: the text after it, or, when the codes stand together and their
    titles follow the last as bullets, the bullets shared out in order."""
    titles = [_flat(_BULLET_START.sub("\n", piece)) for piece in pieces]
    if all(titles[:-1]):
        return titles
    bullets = [_flat(b) for b in _BULLET_START.split(pieces[-1]) if b.strip()]
    return bullets if len(bullets) == len(pieces) else titles


def _fix_codes(codes: list[str], unit: ParsedUnit) -> list[str]:
    shared, count = Counter(_suite(code) for code in codes).most_common(1)[0]
    fixed = []
    for code in codes:
        own = _suite(code)
        near = (
            len(own) == len(shared) and sum(a != b for a, b in zip(own, shared, strict=True)) == 1
        )
        if count > 1 and near:
            corrected = shared + code[len(own) :]
            unit.mark("nos", f"{code} read as {corrected}, the shape of the unit's other codes.")
            fixed.append(corrected)
        else:
            fixed.append(code)
    return fixed


def _suite(code: str) -> str:
    # The suite's letters: CFACSB13 -> CFACS (the last letter before the digits is the unit's).
    letters = re.match(r"[A-Z]*", code)[0]  # type: ignore[index]
    return letters[:-1] if len(letters) > 3 else letters
