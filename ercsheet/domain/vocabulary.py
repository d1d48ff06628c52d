"""The fixed words of an ERS: assessment methods, signature roles and kinds."""

from __future__ import annotations

from enum import StrEnum

# The methods are the catalogue's: a unit file may name them in its own key of methods.
from ercsheet.catalogue.methods import Method as Method


class Role(StrEnum):
    CANDIDATE = "candidate"
    ASSESSOR = "assessor"
    ASSESSOR_COUNTERSIGN = "assessor_countersign"
    IV = "iv"
    IV_COUNTERSIGN = "iv_countersign"
    LINE_MANAGER = "line_manager"
    # A line the unit's form adds (an employer's, a witness's…): the signature names which by
    # the line's key (`Signature.line`, the unit's `[[sign_off]] role`).
    EXTRA = "extra"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS: dict[Role, str] = {
    Role.CANDIDATE: "Candidate",
    Role.ASSESSOR: "Assessor",
    Role.ASSESSOR_COUNTERSIGN: "Countersigning qualified assessor",
    Role.IV: "Internal verifier",
    Role.IV_COUNTERSIGN: "Countersigning qualified IV",
    Role.LINE_MANAGER: "Line manager / owner-manager",
    # Said only where the unit's own label cannot be (SheetContent.signer_label gives it).
    Role.EXTRA: "Other signatory",
}


class SignatureKind(StrEnum):
    DRAWN = "drawn"
    TYPED = "typed"
    PAPER = "paper"
