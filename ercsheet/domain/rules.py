"""The rules of an Evidence Record Sheet, as pure functions.

Each check returns `Problem`s. A blocking problem names the rule and says what to do, in an
assessor's words; a warning is shown but does not stop anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from ercsheet.catalogue.model import Unit
from ercsheet.domain.coverage import coverage, is_over_mapped
from ercsheet.domain.dates import uk
from ercsheet.domain.sheet import EvidenceRow, SheetContent, Signature
from ercsheet.domain.vocabulary import Method, Role


class Rule(StrEnum):
    FULL_COVERAGE = "full-coverage"
    SIMULATION_FORBIDDEN = "simulation-forbidden"
    LINE_MANAGER = "line-manager-signature"
    COUNTERSIGNATURE = "countersignature"
    DATE_ORDER = "date-order"
    FUTURE_DATE = "future-date"
    EXPIRED_UNIT = "expired-unit"
    UNIQUE_REFERENCE = "unique-reference"
    UNKNOWN_CRITERION = "unknown-criterion"
    REQUIRED_FIELD = "required-field"
    SIGNATURE_ORDER = "signature-order"
    OVER_MAPPING = "over-mapping"
    ASSESSOR_PIN = "assessor-pin"
    PASSPHRASE = "passphrase"
    REOPEN_REASON = "reopen-reason"


@dataclass(frozen=True)
class Problem:
    rule: Rule
    message: str
    path: str = ""
    blocking: bool = True

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.rule}]"


def blocking(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]


def _same_ref(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def check_evidence_row(
    unit: Unit, row: EvidenceRow, others: Iterable[EvidenceRow], today: dt.date, path: str = ""
) -> list[Problem]:
    """Problems with one evidence item, given the sheet's other items."""
    problems: list[Problem] = []
    if not row.ref.strip():
        problems.append(
            Problem(Rule.REQUIRED_FIELD, "Every evidence item needs a reference (e.g. E01).", path)
        )
    elif any(_same_ref(row.ref, other.ref) for other in others):
        problems.append(
            Problem(
                Rule.UNIQUE_REFERENCE,
                f"Evidence reference {row.ref!r} is already used on this sheet: "
                "give each item its own reference.",
                path,
            )
        )
    if row.method is Method.SIMULATION and not unit.rules.simulation_allowed:
        problems.append(
            Problem(
                Rule.SIMULATION_FORBIDDEN,
                f"Simulation is not allowed for this unit ({unit.display_title}): "
                "use naturally occurring evidence from the workplace instead.",
                path,
            )
        )
    unknown = sorted(row.criteria - set(unit.criterion_numbers))
    if unknown:
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


def check_evidence(content: SheetContent, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    for index, row in enumerate(content.evidence):
        earlier = content.evidence[:index]
        problems += check_evidence_row(content.unit, row, earlier, today, f"evidence[{index}]")
    return problems


def required_roles(content: SheetContent) -> list[Role]:
    """The signatures this sheet needs before it is complete, in signing order."""
    roles = [Role.CANDIDATE]
    if content.unit.rules.line_manager_signature:
        roles.append(Role.LINE_MANAGER)
    roles.append(Role.ASSESSOR)
    if not content.assessor.qualified:
        roles.append(Role.ASSESSOR_COUNTERSIGN)
    if content.iv is not None or content.signature(Role.IV) is not None:
        roles.append(Role.IV)
        if content.iv is not None and not content.iv.qualified:
            roles.append(Role.IV_COUNTERSIGN)
    return roles


def missing_roles(content: SheetContent) -> list[Role]:
    return [role for role in required_roles(content) if content.signature(role) is None]


def check_signature(content: SheetContent, new: Signature, today: dt.date) -> list[Problem]:
    """Can `new` be added to the sheet as it stands? (Signing in the window and on import.)"""
    problems: list[Problem] = []
    role = new.role

    def block(rule: Rule, message: str) -> None:
        problems.append(Problem(rule, message))

    if not new.name.strip():
        block(Rule.REQUIRED_FIELD, f"The {role.label.lower()}'s signature needs their name.")
    if new.date > today:
        block(
            Rule.FUTURE_DATE,
            f"The date {uk(new.date)} is in the future: sign with today's date or earlier.",
        )
    if content.signature(role) is not None:
        block(Rule.SIGNATURE_ORDER, f"The sheet already has a {role.label.lower()} signature.")
    problems += _signature_prerequisites(content, new)
    return problems


def _signature_prerequisites(content: SheetContent, new: Signature) -> list[Problem]:
    problems: list[Problem] = []
    role, unit = new.role, content.unit
    candidate = content.signature(Role.CANDIDATE)
    assessor = content.signature(Role.ASSESSOR)

    def block(rule: Rule, message: str) -> None:
        problems.append(Problem(rule, message))

    if role is Role.ASSESSOR:
        cov = coverage(unit, content.evidence)
        if not cov.complete:
            block(
                Rule.FULL_COVERAGE,
                f"The assessor can sign only when every criterion is covered; {cov.covered} of "
                f"{cov.total} are. "
                f"Add or tick evidence for {', '.join(cov.uncovered)}.",
            )
        simulated = [r.ref for r in content.evidence if r.method is Method.SIMULATION]
        if simulated and not unit.rules.simulation_allowed:
            # Rows are refused on entry; this guards sheets from older data or other tools.
            block(
                Rule.SIMULATION_FORBIDDEN,
                f"Evidence {', '.join(simulated)} is simulation, which this unit does not allow: "
                "replace it with naturally occurring evidence before signing.",
            )
        if candidate is None:
            block(
                Rule.SIGNATURE_ORDER, "The candidate signs their declaration before the assessor."
            )
        elif new.date < candidate.date:
            block(
                Rule.DATE_ORDER,
                f"The assessor's date {uk(new.date)} is before the candidate's "
                f"{uk(candidate.date)}.",
            )
        line_manager = content.signature(Role.LINE_MANAGER)
        if unit.rules.line_manager_signature:
            if line_manager is None:
                block(
                    Rule.LINE_MANAGER,
                    "This unit needs the line manager or owner/manager to sign and date the sheet "
                    "on or before the assessor: ask them to sign first.",
                )
            elif line_manager.date > new.date:
                block(
                    Rule.LINE_MANAGER,
                    f"The line manager's date {uk(line_manager.date)} must be on or before the "
                    f"assessor's {uk(new.date)}.",
                )
    elif role is Role.LINE_MANAGER:
        if not unit.rules.line_manager_signature:
            block(Rule.LINE_MANAGER, "This unit does not ask for a line manager's signature.")
        if assessor is not None and new.date > assessor.date:
            block(
                Rule.LINE_MANAGER,
                f"The line manager's date {uk(new.date)} must be on or before the assessor's "
                f"{uk(assessor.date)}.",
            )
    elif role in (Role.ASSESSOR_COUNTERSIGN, Role.IV):
        if role is Role.ASSESSOR_COUNTERSIGN and content.assessor.qualified:
            block(
                Rule.COUNTERSIGNATURE,
                f"{content.assessor.name} is a qualified assessor: no countersignature is needed.",
            )
        if assessor is None:
            block(Rule.SIGNATURE_ORDER, f"The {role.label.lower()} signs after the assessor.")
        elif new.date < assessor.date:
            block(
                Rule.DATE_ORDER,
                f"The {role.label.lower()}'s date {uk(new.date)} is before the assessor's "
                f"{uk(assessor.date)}.",
            )
        if (
            role is Role.IV
            and not content.assessor.qualified
            and content.signature(Role.ASSESSOR_COUNTERSIGN) is None
        ):
            block(
                Rule.COUNTERSIGNATURE,
                f"{content.assessor.name} is not a qualified assessor: a qualified assessor must "
                "countersign before the internal verifier samples the sheet.",
            )
    elif role is Role.IV_COUNTERSIGN:
        iv = content.signature(Role.IV)
        if content.iv is None or content.iv.qualified:
            block(
                Rule.COUNTERSIGNATURE,
                "A countersignature of a qualified IV is needed only when the IV is not qualified.",
            )
        if iv is None:
            block(Rule.SIGNATURE_ORDER, "The qualified IV countersigns after the IV's initials.")
        elif new.date < iv.date:
            block(Rule.DATE_ORDER, f"The date {uk(new.date)} is before the IV's {uk(iv.date)}.")
        if assessor is not None and new.date < assessor.date:
            block(
                Rule.DATE_ORDER,
                f"The date {uk(new.date)} is before the assessor's {uk(assessor.date)}.",
            )
    return problems


SIGNING_ORDER = (
    Role.CANDIDATE,
    Role.LINE_MANAGER,
    Role.ASSESSOR,
    Role.ASSESSOR_COUNTERSIGN,
    Role.IV,
    Role.IV_COUNTERSIGN,
)


def check_sheet(content: SheetContent, today: dt.date) -> list[Problem]:
    """Every rule over a whole sheet, as an import sees it: the signatures are replayed in order."""
    problems = check_evidence(content, today)
    replay = replace(content, signatures=())
    seen: set[Role] = set()
    for index, signature in enumerate(content.signatures):
        if signature.role in seen:
            problems.append(
                Problem(
                    Rule.SIGNATURE_ORDER,
                    f"A second {signature.role.label.lower()} signature.",
                    f"signatures[{index}]",
                )
            )
        seen.add(signature.role)
    by_role = {s.role: (i, s) for i, s in enumerate(content.signatures)}
    for role in SIGNING_ORDER:
        if role not in by_role:
            continue
        index, signature = by_role[role]
        for problem in check_signature(replay, signature, today):
            problems.append(
                Problem(problem.rule, problem.message, f"signatures[{index}]", problem.blocking)
            )
        replay = replace(replay, signatures=(*replay.signatures, signature))
    return problems


def check_new_sheet(unit: Unit, today: dt.date) -> list[Problem]:
    """Warnings before starting a sheet: an expired unit needs the assessor's confirmation."""
    if unit.is_expired(today) and unit.expires is not None:
        return [
            Problem(
                Rule.EXPIRED_UNIT,
                f"This unit expired on {uk(unit.expires)}. Certification may no longer be "
                "possible: check with your centre before assessing against it.",
                blocking=False,
            )
        ]
    return []


def is_locked(content: SheetContent) -> bool:
    """A sheet is read-only once the assessor has signed it."""
    return content.signature(Role.ASSESSOR) is not None
