"""The rules a unit's sentences state: no simulation, a line manager's signature, real work, the
methods a criterion is evidenced by (method_rules.py), the unit's own sign-off lines
(sign_off.py).

Read from whole sentences, so "Simulation is not allowed for this unit." sets the rule and
"Simulation is allowed" or a mention in passing does not. A sentence that names ACs or LOs
(references.py: "AC 2.2", "criteria 3.1–3.4", "2a", "learning outcome 4") states a rule for
those ACs only (`CriterionRule`), never for the whole unit: "no simulation" and "must be
assessed in real work" are written as `real_work`, methods as `methods` and `required_methods`
on those ACs once they are read (criterion_rules.py), and marked for review; a signature for
some ACs only has no place in the format, so it is reported.
"""

from __future__ import annotations

import re

from ercsheet.catalogue.importer import method_rules, references, sign_off
from ercsheet.catalogue.importer.result import CriterionRule, ParsedUnit, quoted

# Sentences end at a stop before a capital: "AC 2.2 and 2.3." is one sentence, not three.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NO_SIMULATION = re.compile(
    r"\bsimulat(?:ion|ed)\b[^.]*?\b(?:is|are)\s+not\s+(?:allowed|permitted|acceptable|accepted)"
    r"|\bsimulat(?:ion|ed)\b[^.]*?\bmust\s+not\b|\bmust\s+not\s+be\s+simulated"
    r"|\bsimulation\b[^.]*?\b(?:prohibited|not\s+(?:be\s+)?used)"
    r"|\bno\s+simulation\b|\bsimulation\s+(?:is\s+)?not\s+(?:an\s+)?(?:allowed|acceptable)",
    re.IGNORECASE,
)
_LINE_MANAGER = re.compile(r"\b(?:line\s+manager|owner\s*/\s*manager)\b[^.]*\bsign", re.IGNORECASE)
# "AC 1.2 must be assessed in the workplace", "… carried out in real work situations".
_REAL_WORK = re.compile(
    r"\bmust\s+be\s+(?:assessed|evidenced|observed|demonstrated|carried\s+out|performed)"
    r"\s+(?:in|at|within)\s+(?:the\s+|a\s+)?(?:workplace|work\s*place|real\s+work)",
    re.IGNORECASE,
)


def sentences(text: str) -> list[str]:
    return _SENTENCE_END.split(re.sub(r"\s+", " ", text))


def read_rules(text: str, unit: ParsedUnit) -> None:
    for sentence in sentences(text):
        named = references.named(sentence)
        if _NO_SIMULATION.search(sentence):
            if named:
                unit.criterion_rules.append(CriterionRule(named, "no simulation", sentence))
            else:
                unit.simulation_allowed = False
        elif named and _REAL_WORK.search(sentence):
            unit.criterion_rules.append(CriterionRule(named, "real work", sentence))
        method_rules.read(sentence, named, unit)
        if _LINE_MANAGER.search(sentence):
            _line_manager(sentence, named, unit)
        else:
            sign_off.read(sentence, named, unit)


def _line_manager(sentence: str, named: tuple[str, ...], unit: ParsedUnit) -> None:
    if not named:
        unit.line_manager_signature = True
        return
    unit.criterion_rules.append(CriterionRule(named, "line manager signs", sentence))
    unit.mark(
        "rules.line_manager_signature",
        f"asked for {references.said(named)} only — ercsheet holds this rule for a whole unit, "
        f"so the unit does not ask for it; check. The specification says "
        f"{quoted(sentence.rstrip('.'))}.",
    )
