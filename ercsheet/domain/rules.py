"""The rules of an Evidence Record Sheet, as pure functions.

Each check returns `Problem`s. A blocking problem names the rule and says what to do, in an
assessor's words; a warning is shown but does not stop anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ercsheet.catalogue.model import Grade, Unit
from ercsheet.domain.coverage import sign_off_coverage
from ercsheet.domain.dates import EARLIEST, uk
from ercsheet.domain.evidence_rules import check_evidence, unmet_required_methods
from ercsheet.domain.problems import Problem as Problem
from ercsheet.domain.problems import Rule as Rule
from ercsheet.domain.sheet import (
    SheetContent,
    Signature,
    Signer,
    strokes_problem,
)
from ercsheet.domain.text import unsafe_text_problem
from ercsheet.domain.vocabulary import Method, Role, SignatureKind


def blocking(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]


def incomplete_unit(unit: Unit) -> list[Problem]:
    """A unit whose criteria are not all transcribed yet (`complete = false`): a sheet can be
    made and evidence ticked, but the assessor cannot sign it off, since "all of the criteria"
    the assessor declares met are not known. Shown before a sheet is made and when signing."""
    if unit.complete:
        return []
    return [
        Problem(
            Rule.INCOMPLETE_UNIT,
            "This unit's criteria are not all transcribed yet, so no sheet of it can be signed "
            "off: the assessor signs once the unit file lists every criterion of the "
            "specification (and no longer says complete = false).",
        )
    ]


def grade_problems(content: SheetContent) -> list[Problem]:
    """The grade awarded: chosen on a graded unit's sheet before the assessor signs, and only
    there. Whether the evidence reaches it is the coverage rule's, which asks for the criteria
    of the grade chosen and of every grade below it."""
    if content.unit.graded and content.grade is None:
        return [
            Problem(
                Rule.GRADE,
                "This unit is graded: choose the grade awarded (pass, merit or distinction) "
                "before the assessor signs.",
            )
        ]
    if not content.unit.graded and content.grade is not None:
        return [Problem(Rule.GRADE, "This unit is not graded: no grade is awarded on its sheet.")]
    return []


def _signed_for(content: SheetContent) -> str:
    """ "at merit " on a graded unit's sheet; "" otherwise."""
    return f"at {content.grade.value} " if content.unit.graded and content.grade else ""


def _needed_words(content: SheetContent) -> str:
    """What the sign-off needs covered, in words: "criterion", "pass and merit criterion"."""
    if not content.unit.graded:
        return "criterion"
    level = content.grade or Grade.PASS
    *lower, last = (g.value for g in Grade if level.includes(g))
    return (f"{', '.join(lower)} and {last}" if lower else last) + " criterion"


def check_sheet_text(content: SheetContent) -> list[Problem]:
    """The people's names and numbers and the qualification: text that displays as it is."""
    fields = [
        ("candidate.name", content.candidate.name, "The candidate's name"),
        ("candidate.candidate_number", content.candidate.candidate_number, "The candidate number"),
        ("candidate.centre_number", content.candidate.centre_number, "The centre number"),
        ("assessor.name", content.assessor.name, "The assessor's name"),
        ("qualification", content.qualification, "The qualification"),
    ]
    if content.iv is not None:
        fields.append(("iv.name", content.iv.name, "The internal verifier's name"))
    found = (
        unsafe_text_problem(field, value, multiline=field == "qualification", subject=subject)
        for field, value, subject in fields
    )
    return [problem for problem in found if problem is not None]


@dataclass(frozen=True)
class BeforeAssessor:
    """A line signed and dated on or before the assessor's: the line manager's where the unit
    asks for it (seed 003), and each of the unit's own sign-off lines (an employer's, a
    witness's…). One rule for all of them: a required one blocks the assessor's sign-off until
    it is signed, and none is dated after the assessor."""

    signer: Signer
    rule: Rule
    who: str  # "line manager", "employer": whose date it is
    asks: str  # "the line manager or owner/manager": who the unit asks to sign
    required: bool = True


def lines_before_assessor(unit: Unit) -> list[BeforeAssessor]:
    found = [
        BeforeAssessor(
            (Role.EXTRA, line.role),
            Rule.SIGN_OFF_LINE,
            line.label.lower(),
            f"the {line.label.lower()}",
            line.required,
        )
        for line in unit.sign_off
    ]
    if unit.rules.line_manager_signature:
        manager = BeforeAssessor(
            (Role.LINE_MANAGER, ""),
            Rule.LINE_MANAGER,
            "line manager",
            "the line manager or owner/manager",
        )
        found.insert(0, manager)
    return found


def required_signers(content: SheetContent) -> list[Signer]:
    """The signatures this sheet needs before it is complete, in signing order: the roles',
    with the unit's required lines of its own before the assessor's."""
    roles = required_roles(content)
    own = [
        line.signer
        for line in lines_before_assessor(content.unit)
        if line.required and line.signer[0] is Role.EXTRA
    ]
    at = roles.index(Role.ASSESSOR)
    return [(r, "") for r in roles[:at]] + own + [(r, "") for r in roles[at:]]


def missing_signers(content: SheetContent) -> list[Signer]:
    return [signer for signer in required_signers(content) if content.signature(*signer) is None]


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

    def block(rule: Rule, message: str) -> None:
        problems.append(Problem(rule, message))

    who = content.signer_label(*new.signer).lower()
    if not new.name.strip():
        block(Rule.REQUIRED_FIELD, f"The {who}'s signature needs their name.")
    unsafe = unsafe_text_problem("", new.name, subject=f"The {who}'s name")
    if unsafe is not None:
        block(unsafe.rule, unsafe.message)
    if new.kind is SignatureKind.DRAWN:
        too_big = strokes_problem(new.strokes)
        if too_big is not None:
            block(Rule.SIGNATURE_SIZE, too_big)
    elif new.strokes:
        block(Rule.SIGNATURE_SIZE, f"A {new.kind.value} signature has no strokes.")
    if new.date > today:
        block(
            Rule.FUTURE_DATE,
            f"The date {uk(new.date)} is in the future: sign with today's date or earlier.",
        )
    if new.date < EARLIEST:
        block(
            Rule.EARLY_DATE,
            f"The date {uk(new.date)} is before {EARLIEST.year}: check the year.",
        )
    if content.signature(*new.signer) is not None:
        block(Rule.SIGNATURE_ORDER, f"The sheet already has the {who}'s signature.")
    if not content.evidence:
        # A candidate declared "the evidence provided is my own work" on an empty sheet, and
        # the first item added then voided it.
        block(
            Rule.NO_EVIDENCE,
            f"The sheet has no evidence yet: add the evidence items before the {who} signs.",
        )
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
        problems += incomplete_unit(unit)
        problems += grade_problems(content)
        cov = sign_off_coverage(unit, content.evidence, content.grade)
        if not cov.complete:
            block(
                Rule.FULL_COVERAGE,
                f"The assessor can sign {_signed_for(content)}only when every "
                f"{_needed_words(content)} is covered; {cov.covered} of {cov.total} are. "
                f"Add or tick evidence for {', '.join(cov.uncovered)}.",
            )
        problems += unmet_required_methods(content)
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
        for line in lines_before_assessor(unit):
            signed = content.signature(*line.signer)
            if signed is None and line.required:
                block(
                    line.rule,
                    f"This unit needs {line.asks} to sign and date the sheet on or before the "
                    "assessor: ask them to sign first.",
                )
            elif signed is not None and signed.date > new.date:
                block(line.rule, _after_assessor(line, signed.date, new.date))
    elif role in (Role.LINE_MANAGER, Role.EXTRA):
        asked = next((x for x in lines_before_assessor(unit) if x.signer == new.signer), None)
        if asked is None:
            block(*_not_asked(new))
        elif assessor is not None and new.date > assessor.date:
            block(asked.rule, _after_assessor(asked, new.date, assessor.date))
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


def _after_assessor(line: BeforeAssessor, date: dt.date, assessor: dt.date) -> str:
    return f"The {line.who}'s date {uk(date)} must be on or before the assessor's {uk(assessor)}."


def _not_asked(new: Signature) -> tuple[Rule, str]:
    if new.role is Role.LINE_MANAGER:
        return Rule.LINE_MANAGER, "This unit does not ask for a line manager's signature."
    return Rule.SIGN_OFF_LINE, f"This unit has no sign-off line {new.line!r}."


SIGNING_ORDER = (
    Role.CANDIDATE,
    Role.LINE_MANAGER,
    Role.EXTRA,
    Role.ASSESSOR,
    Role.ASSESSOR_COUNTERSIGN,
    Role.IV,
    Role.IV_COUNTERSIGN,
)


def check_sheet(content: SheetContent, today: dt.date) -> list[Problem]:
    """Every rule over a whole sheet, as an import sees it: the signatures are replayed in order."""
    problems = check_sheet_text(content) + check_evidence(content, today)
    if content.grade is not None:  # a grade on an ungraded unit's sheet, signed or not
        problems += grade_problems(content)
    replay = replace(content, signatures=())
    seen: set[Signer] = set()
    for index, signature in enumerate(content.signatures):
        if signature.signer in seen:
            problems.append(
                Problem(
                    Rule.SIGNATURE_ORDER,
                    f"A second {content.signer_label(*signature.signer).lower()} signature.",
                    f"signatures[{index}]",
                )
            )
        seen.add(signature.signer)
    # Replayed in signing order (the unit's own lines in the file's order), the last of each
    # signer standing for it.
    by_signer = {s.signer: (i, s) for i, s in enumerate(content.signatures)}
    for index, signature in sorted(
        by_signer.values(), key=lambda found: SIGNING_ORDER.index(found[1].role)
    ):
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
