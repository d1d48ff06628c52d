"""What each signer of an Evidence Record Sheet declares, in the form's own words.

The printed form and the signing dialogs read the same `Declaration`, so the words a person
sees before signing are the words printed above (or on) their signature line. The form's words
are OCR's, reproduced exactly (PRODUCT.md, "The official ERS layout"). Where the form prints no
declaration for a role (the IV's initials, the countersignatures), `records` says plainly what
the signature records: those words are ours, shown in the window and never printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from ercsheet.catalogue.model import Kind, Unit
from ercsheet.domain.vocabulary import Role


@dataclass(frozen=True)
class Declaration:
    """One role's part of the form: its signature line and what signing it declares."""

    role: Role
    # The signature line's label, as printed ("Signature of candidate:").
    line: str
    # The declaration printed above the line, verbatim; "" where the form has none.
    statement: str = ""
    # The form's own field for the signer's name, where it has one; elsewhere the name goes on
    # the signature line (typed, or beside a drawn signature).
    name_label: str = ""
    capitals: bool = False
    # Plain words of what the signature records where the form has no statement (not printed).
    records: str = ""
    # For a line of the unit's own (Role.EXTRA), the line's key.
    key: str = ""

    def printed_name(self, name: str) -> str:
        """The signer's name as the form writes it in `name_label`'s field."""
        return name.upper() if self.capitals else name


CANDIDATE_DECLARATION = "I confirm that the evidence provided is a result of my own work."
ASSESSOR_DECLARATION = (
    "I confirm that the candidate has demonstrated competence by satisfying all of the criteria "
    "for this unit."
)
# The form prints no declaration for these lines: said so, then what the signature records.
_NO_DECLARATION = "The form prints no declaration for this line."

OCR: Mapping[Role, Declaration] = MappingProxyType(
    {
        Role.CANDIDATE: Declaration(
            Role.CANDIDATE, "Signature of candidate:", statement=CANDIDATE_DECLARATION
        ),
        Role.ASSESSOR: Declaration(
            Role.ASSESSOR,
            "Signature of assessor:",
            statement=ASSESSOR_DECLARATION,
            name_label="Name (in block capitals):",
            capitals=True,
        ),
        Role.ASSESSOR_COUNTERSIGN: Declaration(
            Role.ASSESSOR_COUNTERSIGN,
            "Countersignature of qualified assessor (if required) and date:",
            records=f"{_NO_DECLARATION} The countersignature records that a qualified assessor "
            "countersigned the assessment decision of an assessor who is not yet qualified, "
            "and on which date.",
        ),
        Role.IV: Declaration(
            Role.IV,
            "IV initials (if sampled) and date:",
            records=f"{_NO_DECLARATION} The initials record that an internal verifier sampled "
            "this sheet, and on which date.",
        ),
        Role.IV_COUNTERSIGN: Declaration(
            Role.IV_COUNTERSIGN,
            "Countersignature of qualified IV (if required) and date:",
            records=f"{_NO_DECLARATION} The countersignature records that a qualified internal "
            "verifier countersigned the sampling by an internal verifier who is not yet "
            "qualified, and on which date.",
        ),
        # Seed 003: "the line manager or the owner/manager to sign and date the bottom of each
        # unit Evidence Record Sheet (ERS) to both confirm their involvement and the candidate's
        # competence". The line itself says what signing it confirms.
        Role.LINE_MANAGER: Declaration(
            Role.LINE_MANAGER,
            "Signature of line manager or owner/manager (confirming their involvement and the "
            "candidate’s competence):",
        ),
    }
)


# What the assessor confirms the candidate has demonstrated, by what the unit assesses. OCR's
# competence wording is the form's; the knowledge and mixed wordings are ours (no awarding body's
# form for a knowledge unit was at hand): the same sentence, saying knowledge where the unit
# assesses knowledge, so a verifier reads it as OCR's declaration for that kind of unit.
_DEMONSTRATED = {
    frozenset({Kind.COMPETENCE}): "competence",
    frozenset({Kind.KNOWLEDGE}): "the required knowledge and understanding",
    frozenset({Kind.COMPETENCE, Kind.KNOWLEDGE}): (
        "competence and the required knowledge and understanding"
    ),
}
# OCR's NVQ forms have no graded units, so this is ours: on a graded unit the assessor declares
# the criteria of the grade awarded met (at pass, the merit criteria need not be), and the form
# prints that grade beside the declaration.
_SCOPE = {False: "this unit", True: "the grade awarded in this unit"}


def assessor_declaration(assesses: frozenset[Kind], graded: bool) -> str:
    """The assessor's declaration for a unit assessing `assesses`, graded or not."""
    demonstrated = _DEMONSTRATED.get(assesses, "competence")
    return (
        f"I confirm that the candidate has demonstrated {demonstrated} by satisfying all of the "
        f"criteria for {_SCOPE[graded]}."
    )


GRADED_ASSESSOR_DECLARATION = assessor_declaration(frozenset({Kind.COMPETENCE}), graded=True)
GRADE_AWARDED = "Grade awarded:"


def declarations(unit: Unit) -> Mapping[Role, Declaration]:
    """What each role declares on a sheet of `unit`: OCR's form, the assessor's declaration
    following what the unit assesses and whether it is graded, and the unit file's own wording
    of a declaration, where it gives one, before either (its awarding body's form wins)."""
    own = unit.declarations
    candidate = own.candidate or CANDIDATE_DECLARATION
    assessor = own.assessor or assessor_declaration(unit.assesses, unit.graded)
    if (candidate, assessor) == (CANDIDATE_DECLARATION, ASSESSOR_DECLARATION):
        return OCR
    return MappingProxyType(
        {
            **OCR,
            Role.CANDIDATE: replace(OCR[Role.CANDIDATE], statement=candidate),
            Role.ASSESSOR: replace(OCR[Role.ASSESSOR], statement=assessor),
        }
    )


def sign_off_declarations(unit: Unit) -> tuple[Declaration, ...]:
    """The unit's own sign-off lines (an employer's, a witness's…): the line is the unit file's
    wording, which says what signing it confirms, as the line manager's does."""
    return tuple(Declaration(Role.EXTRA, line.line, key=line.role) for line in unit.sign_off)


def dated_lines(unit: Unit) -> tuple[Declaration, ...]:
    """The lines printed under the IV's, each signed and dated: the line manager's where the
    unit asks for it (seed 003), then the unit's own, in the unit file's order."""
    manager = (OCR[Role.LINE_MANAGER],) if unit.rules.line_manager_signature else ()
    return manager + sign_off_declarations(unit)


def declaration(unit: Unit, role: Role, line: str = "") -> Declaration:
    if role is Role.EXTRA:
        return next(d for d in sign_off_declarations(unit) if d.key == line)
    return declarations(unit)[role]
