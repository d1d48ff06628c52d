"""The rules for named ACs written on the ACs found, once the outcomes are read: "no
simulation" and "real work" as `real_work`, methods rules as `methods` and `required_methods`.

Each rule sentence is marked with what was written (and what it named that is not there). What
the sentences ask together is then made to load as a unit file says it must (validation.py), each
change marked on its AC rather than the file refused: a method allowed twice over is kept from
the first sentence; simulation among the methods of an AC it cannot evidence is left out; a
required method the allowed ones do not name is added to them.
"""

from __future__ import annotations

from ercsheet.catalogue.importer import method_rules, references
from ercsheet.catalogue.importer.result import (
    UNWRITTEN_RULES,
    CriterionRule,
    ParsedCriterion,
    ParsedUnit,
    listed,
    quoted,
)
from ercsheet.catalogue.methods import Method

_REAL_WORK = ("no simulation", "real work")


def apply(unit: ParsedUnit) -> None:
    criteria = {c.number: c for c in unit.criteria}
    for rule in unit.criterion_rules:
        if rule.rule in UNWRITTEN_RULES:
            continue
        found, missing = references.resolve(rule.criteria, unit.learning_outcomes)
        rule.found = tuple(found)
        for number in found:
            if rule.rule in _REAL_WORK:
                criteria[number].real_work = True
            else:
                _give(criteria[number], rule, unit)
        _mark(rule, missing, unit)
    for criterion in unit.criteria:
        _settle(criterion, unit)


def _give(criterion: ParsedCriterion, rule: CriterionRule, unit: ParsedUnit) -> None:
    methods = list(rule.methods)
    if rule.rule == "required methods":
        criterion.required_methods += [m for m in methods if m not in criterion.required_methods]
    elif not criterion.methods:
        criterion.methods = methods
    elif set(criterion.methods) != set(methods):
        unit.mark(
            f"AC {criterion.number}",
            "two sentences give it different methods allowed; those of the first were kept; "
            f"check. The second says {quoted(rule.sentence.strip().rstrip('.'))}.",
        )


def _mark(rule: CriterionRule, missing: list[str], unit: ParsedUnit) -> None:
    found = rule.found
    if rule.rule in _REAL_WORK:
        what = "ruled out for" if rule.rule == "no simulation" else "real work asked for"
        field, asked = "rules.simulation_allowed", f"{what} {references.said(rule.criteria)} only"
        them = "it" if len(found) == 1 else "them"
        written = (
            f"written as “real work” on AC {listed(found)}, so simulation cannot evidence {them}"
        )
        if unit.simulation_allowed:
            written += "; the unit still allows it for the others"
    else:
        field, asked = "criterion_methods", method_rules.said(rule)
        written = f"written as {_as(rule)} on AC {listed(found)}"
        if rule.rule == "methods" and not method_rules.restrictive(rule):
            written += f", though “{rule.modal}” may leave others allowed too"
    text = f"{asked} — {written}" if found else f"{asked} — nothing written"
    if missing:
        were = "was" if len(missing) == 1 else "were"
        text += f"; {references.said(missing)} {were} not found to write it on"
    said = quoted(rule.sentence.strip().rstrip("."))
    unit.mark(field, f"{text}; check. The specification says {said}.")


def _as(rule: CriterionRule) -> str:
    several = len(rule.methods) > 1
    if rule.rule == "required methods":
        return "required methods" if several else "a required method"
    return "the only methods allowed" if several else "the only method allowed"


def _settle(criterion: ParsedCriterion, unit: ParsedUnit) -> None:
    """The criterion's methods made to agree with each other and with its real-work rule."""
    simulation = Method.SIMULATION.value
    barred = criterion.real_work or not unit.simulation_allowed
    where = f"AC {criterion.number}"
    if barred and simulation in criterion.methods:
        criterion.methods.remove(simulation)
        left = (
            "" if criterion.methods else " (no method is left: any the unit allows may evidence it)"
        )
        unit.mark(
            where,
            "simulation, among the methods allowed for it, is ruled out here (real work, or the "
            f"unit's rule), so it was left out{left}; check.",
        )
    if barred and simulation in criterion.required_methods:
        criterion.required_methods.remove(simulation)
        unit.mark(
            where, "simulation, required for it, is ruled out here, so it was left out; check."
        )
    outside = [
        m for m in criterion.required_methods if criterion.methods and m not in criterion.methods
    ]
    if outside:
        criterion.methods += outside
        words = listed([Method(m).label.lower() for m in outside])
        one = len(outside) == 1
        unit.mark(
            where,
            f"{words} {'is' if one else 'are'} required for it, so "
            f"{'it was' if one else 'they were'} added to the methods allowed; check.",
        )
