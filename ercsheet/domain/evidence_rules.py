"""The rules of a sheet's evidence items: references, methods, criteria, dates, safe text, the
size of a sheet, and the over-mapping warning. Checked for one item as it is edited and for all
of a sheet's items in one pass (check_sheet, an import)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from ercsheet.catalogue.model import Unit
from ercsheet.domain.coverage import is_over_mapped, needed_for
from ercsheet.domain.dates import EARLIEST, uk
from ercsheet.domain.problems import Problem, Rule
from ercsheet.domain.sheet import MAX_EVIDENCE_ROWS, EvidenceRow, SheetContent
from ercsheet.domain.text import unsafe_text_problem
from ercsheet.domain.vocabulary import Method


def reference_key(ref: str) -> str:
    """What makes two references the same: case and surrounding spaces do not count."""
    return ref.strip().casefold()


def _within(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def check_evidence_row(
    unit: Unit, row: EvidenceRow, others: Iterable[EvidenceRow], today: dt.date, path: str = ""
) -> list[Problem]:
    """Problems with one evidence item, given the sheet's other items."""
    others = others if isinstance(others, Collection) else list(others)
    key = reference_key(row.ref)
    problems = row_problems(
        unit, row, today, path, any(reference_key(o.ref) == key for o in others)
    )
    if len(others) >= MAX_EVIDENCE_ROWS:
        problems.append(
            Problem(
                Rule.SHEET_SIZE,
                f"A sheet holds at most {MAX_EVIDENCE_ROWS:,} evidence items: start another "
                "sheet for the same unit.",
                path,
            )
        )
    return problems


def text_problems(ref: str, title: str, notes: str, path: str = "") -> list[Problem]:
    """An item's text that could display as something it is not (domain.text)."""
    found = (
        unsafe_text_problem(_within(path, name), value, multiline=multiline, subject=subject)
        for name, value, multiline, subject in (
            ("ref", ref, False, "The reference"),
            ("title", title, True, "The title"),
            ("notes", notes, True, "The notes field"),
        )
    )
    return [problem for problem in found if problem is not None]


def row_problems(
    unit: Unit, row: EvidenceRow, today: dt.date, path: str, repeated: bool
) -> list[Problem]:
    """One item's problems; `repeated`: another item of the sheet has the same reference."""
    problems: list[Problem] = []
    if not row.ref.strip():
        problems.append(
            Problem(Rule.REQUIRED_FIELD, "Every evidence item needs a reference (e.g. E01).", path)
        )
    elif repeated:
        problems.append(
            Problem(
                Rule.UNIQUE_REFERENCE,
                f"Evidence reference {row.ref!r} is already used on this sheet: "
                "give each item its own reference.",
                path,
            )
        )
    problems += text_problems(row.ref, row.title, row.notes, path)
    refused = refused_methods(unit).get(row.method)
    if refused is not None:
        problems.append(Problem(Rule.SIMULATION_FORBIDDEN, refused, path))
    for number in unit.in_order(row.criteria & unit.criterion_set):
        reason = refused_for_criterion(unit, row.method, number)
        if reason is not None:
            problems.append(Problem(Rule.CRITERION_METHODS, reason, path))
    if not row.criteria <= unit.criterion_set:
        unknown = sorted(row.criteria - unit.criterion_set)
        problems.append(
            Problem(
                Rule.UNKNOWN_CRITERION,
                f"This unit has no assessment criteria {', '.join(unknown)}.",
                path,
            )
        )
    if row.date is not None and row.date > today:
        problems.append(
            Problem(
                Rule.FUTURE_DATE,
                f"The evidence date {uk(row.date)} is in the future: "
                "enter the date it was produced.",
                path,
            )
        )
    if row.date is not None and row.date < EARLIEST:
        problems.append(
            Problem(
                Rule.EARLY_DATE,
                f"The evidence date {uk(row.date)} is before {EARLIEST.year}: "
                "enter the date it was produced (check the year).",
                path,
            )
        )
    problems += over_mapping(unit, row, path)
    return problems


def over_mapping(unit: Unit, row: EvidenceRow, path: str = "") -> list[Problem]:
    """The warning (never a block) for an item ticked against nearly every criterion of the
    unit: the grid, the assessor's signing and an import all show this one."""
    if not is_over_mapped(unit, row):
        return []
    return [
        Problem(
            Rule.OVER_MAPPING,
            f"Evidence {row.ref!r} is ticked against {len(row.criteria)} of the unit's "
            f"{len(unit.criterion_numbers)} criteria: verifiers question items mapped to "
            "nearly everything. Check each tick is really evidenced.",
            path,
            blocking=False,
        )
    ]


def over_mapped_items(content: SheetContent) -> list[Problem]:
    """The over-mapping warnings of a sheet's evidence items, in the order of its rows."""
    return [
        problem
        for index, row in enumerate(content.evidence)
        for problem in over_mapping(content.unit, row, f"evidence[{index}]")
    ]


def refused_methods(unit: Unit, criteria: Iterable[str] = ()) -> dict[Method, str]:
    """The assessment methods the unit refuses, each with its reason (the window lists them
    disabled, with the reason; a row using one is refused with it); with `criteria`, the ACs an
    item is ticked against, also the methods any of them refuses (the first AC's reason)."""
    refused: dict[Method, str] = {}
    if not unit.rules.simulation_allowed:
        refused[Method.SIMULATION] = (
            f"Simulation is not allowed for this unit, {unit.display_title}: "
            "use naturally occurring evidence from the workplace instead."
        )
    for number in unit.in_order(set(criteria) & unit.criterion_set):
        for method in Method:
            reason = refused_for_criterion(unit, method, number)
            if reason is not None:
                refused.setdefault(method, reason)
    return refused


def refused_for_criterion(unit: Unit, method: Method, number: str) -> str | None:
    """Why an item of `method` cannot evidence AC `number`, or None. The AC's own rules: one
    that must be assessed in real work is never evidenced by simulation, even where the unit
    allows simulation elsewhere (the refusal is of the tick: the item may still evidence the
    unit's other ACs); one that lists its methods is evidenced by those alone."""
    criterion = unit.criterion(number)
    if criterion is None:
        return None
    if criterion.real_work and method is Method.SIMULATION:
        return (
            f"AC {number} must be assessed in real work: simulation cannot evidence it. "
            f"Evidence {number} from the candidate's real work, or leave it unticked here."
        )
    if criterion.methods and method not in criterion.methods:
        allowed = " or ".join(unit.method_label(m).lower() for m in criterion.methods)
        return (
            f"AC {number} is evidenced by {allowed} only, not by "
            f"{unit.method_label(method).lower()}: leave {number} unticked on this item."
        )
    return None


def unmet_required_methods(content: SheetContent) -> list[Problem]:
    """The ACs the sign-off needs whose evidence lacks a method they require (each method a
    criterion's `required_methods` lists must evidence it, on at least one item)."""
    problems: list[Problem] = []
    for number in needed_for(content.unit, content.grade):
        criterion = content.unit.criterion(number)
        if criterion is None or not criterion.required_methods:
            continue
        used = {row.method for row in content.evidence if number in row.criteria}
        missing = [m for m in criterion.required_methods if m not in used]
        if missing:
            named = " and ".join(content.unit.method_label(m).lower() for m in missing)
            problems.append(
                Problem(
                    Rule.REQUIRED_METHODS,
                    f"AC {number} must be evidenced by {named}: add or tick an item of that "
                    f"method for {number} before signing.",
                )
            )
    return problems


def criterion_method_rules(unit: Unit, number: str) -> list[str]:
    """An AC's own rules about methods, in plain sentences (the grid's tooltips say them)."""
    criterion = unit.criterion(number)
    if criterion is None:
        return []

    def named(methods: Iterable[Method], joiner: str) -> str:
        return joiner.join(unit.method_label(m).lower() for m in methods)

    said = []
    if criterion.real_work:
        said.append("Must be assessed in real work: no simulation.")
    if criterion.methods:
        said.append(f"Evidenced by {named(criterion.methods, ' or ')} only.")
    if criterion.required_methods:
        said.append(f"Needs evidence by {named(criterion.required_methods, ' and ')}.")
    return said


def check_evidence(content: SheetContent, today: dt.date) -> list[Problem]:
    """Every item's problems, in one pass: time linear in the number of items."""
    problems: list[Problem] = []
    if len(content.evidence) > MAX_EVIDENCE_ROWS:
        problems.append(
            Problem(
                Rule.SHEET_SIZE,
                f"The sheet has {len(content.evidence):,} evidence items; a sheet holds at most "
                f"{MAX_EVIDENCE_ROWS:,}: split them between sheets for the same unit.",
                "evidence",
            )
        )
    seen: set[str] = set()
    for index, row in enumerate(content.evidence):
        key = reference_key(row.ref)
        problems += row_problems(content.unit, row, today, f"evidence[{index}]", key in seen)
        seen.add(key)
    return problems
