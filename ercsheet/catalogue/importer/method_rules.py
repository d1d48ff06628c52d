"""Sentences that say how named ACs are evidenced: "AC 2.3 must be evidenced by observation",
"Criteria 3.1–3.4 may be evidenced by professional discussion or witness testimony", "Learning
outcome 4 must be assessed by direct observation".

What each says, in the format's two keys (docs/units-format.md, "Rules per criterion"):

- "must … by X", "must … by X and Y", "must be observed", "must include X": X (and Y) are
  **required**: each must be among the criterion's evidence (`required_methods`);
- "must … by X or Y", "… by X only", "may only be …": X and Y are **the only methods allowed**
  (`methods`): one of them evidences it;
- "may/can be evidenced by X or Y": read as the methods allowed too, and the mark says that "may"
  may leave others allowed;
- "should …" is a recommendation, and "must not … by X" names what is ruled out, not what is
  allowed: neither is written, both are marked (simulation ruled out is rules.py's).

A sentence naming no AC or LO writes nothing: a method for the whole unit is no rule per
criterion. The rules are written on the ACs once they are read (criterion_rules.py).
"""

from __future__ import annotations

import re
from itertools import pairwise

from ercsheet.catalogue.importer import references
from ercsheet.catalogue.importer.method_key import methods_in
from ercsheet.catalogue.importer.result import CriterionRule, ParsedUnit, listed, quoted
from ercsheet.catalogue.methods import Method

_STRONG = r"must|shall|has\s+to|have\s+to|needs?\s+to|(?:is|are)\s+(?:required\s+)?to"
_WEAK = r"may|can|could|might|should"
_RULE = re.compile(
    rf"\b(?P<modal>{_STRONG}|{_WEAK})\s+(?P<negation>not\s+|never\s+)?"
    r"(?:(?:only|also|normally|usually|always)\s+)?"
    r"(?:be\s+(?:(?:only|directly)\s+)?(?P<verb>assessed|evidenced|demonstrated|met|achieved|"
    r"covered|judged|shown|observed|confirmed|supported)"
    r"|(?P<include>include|come\s+from|be\s+(?:drawn|taken|gathered)\s+from))\b",
    re.IGNORECASE,
)
# Where a sentence's clause of methods ends: "… by observation unless …", "…; the rest …".
_CLAUSE_END = re.compile(r";|\b(?:unless|except|where|if|when|although|but|while)\b", re.I)
_ONLY = re.compile(r"\b(?:only|solely|exclusively)\b", re.IGNORECASE)
_OR = re.compile(r"\bor\b", re.IGNORECASE)


def read(sentence: str, named: tuple[str, ...], unit: ParsedUnit) -> None:
    """The sentence's methods rule for the ACs and LOs it names, if it states one."""
    found = _RULE.search(sentence)
    if not named or found is None:
        return
    clause = _CLAUSE_END.split(sentence[found.end() :], maxsplit=1)[0]
    named_methods = methods_in(clause)
    methods = list(dict.fromkeys(method for method, _ in named_methods))
    if found["verb"] and found["verb"].lower() == "observed":
        methods = [Method.OBSERVATION]  # "must be observed (by an expert witness)"
    if not methods:
        return
    modal = " ".join(found["modal"].lower().split())
    said = f"The specification says {quoted(sentence.strip().rstrip('.'))}."
    if found["negation"]:
        if methods != [Method.SIMULATION]:
            unit.mark(
                "criterion_methods",
                f"{_words(methods, 'and')} ruled out for {references.said(named)} — ercsheet "
                f"holds the methods allowed, not those ruled out, so nothing was written; "
                f"check. {said}",
            )
        return
    if modal == "should":
        unit.mark(
            "criterion_methods",
            f"{_words(methods, 'or')} recommended for {references.said(named)} — “should” is "
            f"no rule, so nothing was written; check. {said}",
        )
        return
    spans = [where for _, where in named_methods]
    choice = any(_OR.search(clause[a.end() : b.start()]) for a, b in pairwise(spans))
    strong = re.fullmatch(_STRONG, modal) is not None
    rule = "required methods" if strong and not choice and not _ONLY.search(sentence) else "methods"
    values = tuple(method.value for method in methods)
    unit.criterion_rules.append(CriterionRule(named, rule, sentence, values, modal))


def _words(methods: list[Method], conjunction: str) -> str:
    return listed([method.label.lower() for method in methods], conjunction)


def said(rule: CriterionRule) -> str:
    """What a methods rule asks, as its mark begins: "observation required for AC 2.3"."""
    methods = [Method(value) for value in rule.methods]
    where = references.said(rule.criteria)
    if rule.rule == "required methods":
        return f"{_words(methods, 'and')} required for {where}"
    if restrictive(rule):
        return f"only {_words(methods, 'or')} for {where}"
    return f"{_words(methods, 'or')} allowed for {where}"


def restrictive(rule: CriterionRule) -> bool:
    """Whether the rule says the methods are the only ones ("must", "only"), not that they
    "may" be used."""
    return re.fullmatch(_STRONG, rule.modal) is not None or _ONLY.search(rule.sentence) is not None
