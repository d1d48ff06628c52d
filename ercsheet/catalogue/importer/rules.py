"""The rules a unit's sentences state: no simulation, a line manager's signature.

Read from whole sentences, so "Simulation is not allowed for this unit." sets the rule and
"Simulation is allowed" or a mention in passing does not. A sentence that names ACs states a
rule for those ACs only: it is reported (`CriterionRule`), not applied to the whole unit.
"""

from __future__ import annotations

import re

from ercsheet.catalogue.importer.result import CriterionRule, ParsedUnit, listed, quoted

# Sentences end at a stop before a capital: "AC 2.2 and 2.3." is one sentence, not three.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_NO_SIMULATION = re.compile(
    r"\bsimulat(?:ion|ed)\b[^.]*?\b(?:is|are)\s+not\s+(?:allowed|permitted|acceptable|accepted)"
    r"|\bsimulat(?:ion|ed)\b[^.]*?\bmust\s+not\b|\bmust\s+not\s+be\s+simulated"
    r"|\bsimulation\b[^.]*?\b(?:prohibited|not\s+(?:be\s+)?used)"
    r"|\bno\s+simulation\b|\bsimulation\s+(?:is\s+)?not\s+(?:an\s+)?(?:allowed|acceptable)",
    re.IGNORECASE,
)
_LINE_MANAGER = re.compile(
    r"\b(?:line\s+manager|owner\s*/\s*manager|employer)\b[^.]*\bsign", re.IGNORECASE
)
_AC_NAMED = re.compile(
    r"\b(?:ACs?|criteria|criterion)\s+((?:\d+\.\d+(?:\s*(?:,|and|&)\s*)?)+)", re.I
)
_NUMBER = re.compile(r"\d+\.\d+")


def read_rules(text: str, unit: ParsedUnit) -> None:
    flat = re.sub(r"\s+", " ", text)
    for sentence in _SENTENCE_END.split(flat):
        named = tuple(_NUMBER.findall(" ".join(m[1] for m in _AC_NAMED.finditer(sentence))))
        if _NO_SIMULATION.search(sentence):
            if named:
                unit.criterion_rules.append(CriterionRule(named, "no simulation", sentence))
                unit.mark(
                    "rules.simulation_allowed",
                    f"ruled out for AC {listed(named)} only — ercsheet holds this rule for a "
                    "whole unit, so the unit still allows it; check. The specification says "
                    f"{quoted(sentence.rstrip('.'))}.",
                )
            else:
                unit.simulation_allowed = False
        if _LINE_MANAGER.search(sentence):
            if named:
                unit.criterion_rules.append(CriterionRule(named, "line manager signs", sentence))
                unit.mark(
                    "rules.line_manager_signature",
                    f"asked for AC {listed(named)} only — ercsheet holds this rule for a "
                    "whole unit, so the unit does not ask for it; check. The specification "
                    f"says {quoted(sentence.rstrip('.'))}.",
                )
            else:
                unit.line_manager_signature = True
