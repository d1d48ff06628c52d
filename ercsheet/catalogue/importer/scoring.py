"""How an imported unit compares with the same unit written by hand: the importer's figures.

Used by the benchmark (`benchmarks/unit_import.py`) and the tests that hold the seed units to
them. Words are compared as written, apart from the typographic quotes extraction varies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ercsheet.catalogue.importer.nos import CODE
from ercsheet.catalogue.importer.result import ParsedUnit
from ercsheet.catalogue.model import Unit

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass
class Score:
    criteria: int = 0  # ACs in the unit written by hand
    numbers_found: int = 0  # of them, found by number
    invented: int = 0  # ACs found that the unit does not have
    same_outcome: int = 0  # found under the LO they are under in the unit
    words: int = 0  # words of the ACs' texts
    word_errors: int = 0  # words substituted, dropped or added
    guidance_words: int = 0
    guidance_errors: int = 0
    title_words: int = 0
    title_errors: int = 0
    identifiers: int = 0
    identifier_errors: list[str] = field(default_factory=list)

    @property
    def numbers(self) -> float:
        return self.numbers_found / self.criteria if self.criteria else 1.0

    @property
    def assignment(self) -> float:
        return self.same_outcome / self.criteria if self.criteria else 1.0

    @property
    def text(self) -> float:
        return 1 - self.word_errors / self.words if self.words else 1.0

    @property
    def guidance(self) -> float:
        return 1 - self.guidance_errors / self.guidance_words if self.guidance_words else 1.0

    @property
    def lo_titles(self) -> float:
        return 1 - self.title_errors / self.title_words if self.title_words else 1.0

    @property
    def identifiers_right(self) -> float:
        if not self.identifiers:
            return 1.0
        return 1 - len(self.identifier_errors) / self.identifiers


def words(text: str) -> list[str]:
    return re.sub(r"[•\s]+", " ", text.translate(_QUOTES)).split()


def word_errors(expected: str, found: str) -> int:
    """Word-level edit distance (the errors of a word error rate)."""
    a, b = words(expected), words(found)
    previous = list(range(len(b) + 1))
    for i, word in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
            )
        previous = current
    return previous[-1]


def score(found: ParsedUnit, expected: Unit) -> Score:
    result = Score()
    got = {c.number: (lo.number, c) for lo in found.learning_outcomes for c in lo.criteria}
    for lo in expected.learning_outcomes:
        result.title_words += len(words(lo.title))
        mine = next((o for o in found.learning_outcomes if o.number == lo.number), None)
        result.title_errors += word_errors(lo.title, mine.title if mine else "")
        for criterion in lo.criteria:
            result.criteria += 1
            result.words += len(words(criterion.text))
            result.guidance_words += len(words(criterion.guidance))
            if criterion.number not in got:
                result.word_errors += len(words(criterion.text))
                result.guidance_errors += len(words(criterion.guidance))
                continue
            outcome, parsed = got[criterion.number]
            result.numbers_found += 1
            result.same_outcome += outcome == lo.number
            result.word_errors += word_errors(criterion.text, parsed.text)
            result.guidance_errors += word_errors(criterion.guidance, parsed.guidance)
    result.invented = len(set(got) - expected.criterion_set)
    for name, want, have in _identifiers(found, expected):
        result.identifiers += 1
        if want != have:
            result.identifier_errors.append(f"{name}: expected {want!r}, found {have!r}")
    return result


def _identifiers(found: ParsedUnit, expected: Unit) -> list[tuple[str, object, object]]:
    pairs: list[tuple[str, object, object]] = [
        (name, getattr(expected, name), getattr(found, name))
        for name in ("title", "urn", "sector_unit_number", "level", "credit", "glh", "expires")
    ]
    pairs += [
        ("simulation_allowed", expected.rules.simulation_allowed, found.simulation_allowed),
        (
            "line_manager_signature",
            expected.rules.line_manager_signature,
            found.line_manager_signature,
        ),
        (
            "qualifications",
            [(q.title, q.unit_number, q.sheet_unit_line) for q in expected.qualifications],
            [(q.title, q.unit_number, q.sheet_unit_line) for q in found.qualifications],
        ),
        ("nos codes", _codes(expected.nos), _codes(tuple(found.nos))),
    ]
    return pairs


def _codes(references: tuple[str, ...]) -> list[str]:
    return [code for reference in references for code in CODE.findall(reference)]
