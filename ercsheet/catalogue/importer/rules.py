"""The rules a unit's sentences state: no simulation, a line manager's signature, real work;
and what the unit assesses, where it says so.

Read from whole sentences, so "Simulation is not allowed for this unit." sets the rule and
"Simulation is allowed" or a mention in passing does not. A sentence that names ACs states a
rule for those ACs only (`CriterionRule`), never for the whole unit: "no simulation" and "must
be assessed in real work" are written as `real_work` on those ACs once they are read
(`apply_criterion_rules`), and marked for review; a line manager's signature for some ACs only
has no place in the format, so it is reported.
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
# "AC 1.2 must be assessed in the workplace", "… carried out in real work situations".
_REAL_WORK = re.compile(
    r"\bmust\s+be\s+(?:assessed|evidenced|observed|demonstrated|carried\s+out|performed)"
    r"\s+(?:in|at|within)\s+(?:the\s+|a\s+)?(?:workplace|work\s*place|real\s+work)",
    re.IGNORECASE,
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
            else:
                unit.simulation_allowed = False
        elif named and _REAL_WORK.search(sentence):
            unit.criterion_rules.append(CriterionRule(named, "real work", sentence))
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


def apply_criterion_rules(unit: ParsedUnit) -> None:
    """The rules for named ACs written as `real_work` on the ACs found, each sentence marked
    with what was written (and what named an AC that is not there)."""
    criteria = {c.number: c for c in unit.criteria}
    for rule in unit.criterion_rules:
        if rule.rule not in ("no simulation", "real work"):
            continue
        found = [number for number in rule.criteria if number in criteria]
        missing = [number for number in rule.criteria if number not in criteria]
        for number in found:
            criteria[number].real_work = True
        said = f"The specification says {quoted(rule.sentence.strip().rstrip('.'))}."
        what = "ruled out for" if rule.rule == "no simulation" else "real work asked for"
        if found:
            written = (
                f"{what} AC {listed(rule.criteria)} only — written as “real work” on AC "
                f"{listed(found)}, so simulation cannot evidence "
                f"{'it' if len(found) == 1 else 'them'}"
            )
            if unit.simulation_allowed:
                written += "; the unit still allows it for the others"
        else:
            written = f"{what} AC {listed(rule.criteria)} only — nothing written"
        if missing:
            were = "was" if len(missing) == 1 else "were"
            written += f"; AC {listed(missing)} {were} not found to write it on"
        unit.mark("rules.simulation_allowed", f"{written}; check. {said}")


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
# A heading alone ("Knowledge unit"): it may head a group of units, so it is a guess.
_KNOWLEDGE_HEADING = re.compile(
    r"^\s*knowledge(?:[- ](?:based|only))?\s+unit\s*$", re.IGNORECASE | re.MULTILINE
)


def read_kind(lines: list[str], unit: ParsedUnit) -> None:
    """`kind = "knowledge"` where the specification says the unit assesses knowledge; nothing,
    and no mark, where it does not say (never guessed from the outcomes' wording)."""
    text = "\n".join(lines)
    flat = re.sub(r"[ \t]*\n[ \t]*(?=[a-z])", " ", text)  # a sentence broken at a line's end
    knowledge = _KNOWLEDGE_SAID.search(flat)
    competence = _COMPETENCE_SAID.search(flat)
    if knowledge and competence:
        unit.mark(
            "kind",
            f"the specification says both {quoted(knowledge[0])} and "
            f"{quoted(competence[0])}; left as competence, the default.",
        )
    elif knowledge:
        unit.kind = "knowledge"
    elif not competence and (heading := _KNOWLEDGE_HEADING.search(text)):
        unit.kind = "knowledge"
        unit.mark(
            "kind",
            f"knowledge, from the heading {quoted(heading[0])} alone; check it is this unit's.",
        )
