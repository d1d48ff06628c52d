"""The official ERS wording, reproduced exactly (PRODUCT.md, "The official ERS layout")."""

from __future__ import annotations

FORM_TITLE = "Evidence Record Sheet"
CANDIDATE_DECLARATION = "I confirm that the evidence provided is a result of my own work."
CANDIDATE_SIGNATURE = "Signature of candidate:"
DATE = "Date:"
EVIDENCE_REFERENCE = "Evidence reference"
EVIDENCE_TITLE = "Evidence title"
ASSESSMENT_METHOD = "Assessment method"
ASSESSOR_DECLARATION = (
    "I confirm that the candidate has demonstrated competence by satisfying all of the criteria "
    "for this unit."
)
ASSESSOR_SIGNATURE = "Signature of assessor:"
BLOCK_CAPITALS = "Name (in block capitals):"
ASSESSOR_COUNTERSIGNATURE = "Countersignature of qualified assessor (if required) and date:"
IV_INITIALS = "IV initials (if sampled) and date:"
IV_COUNTERSIGNATURE = "Countersignature of qualified IV (if required) and date:"
# Seed 003: "the line manager or the owner/manager to sign and date the bottom of each unit
# Evidence Record Sheet (ERS) to both confirm their involvement and the candidate's competence".
LINE_MANAGER_SIGNATURE = (
    "Signature of line manager or owner/manager (confirming their involvement and the "
    "candidate’s competence):"
)
CANDIDATE_NAME = "Candidate name:"
CANDIDATE_NUMBER = "Candidate number:"
CENTRE_NUMBER = "Centre number:"
METHODS_KEY = "Assessment methods:"
RECORD_CODE = "Record code"
# The assessor's signing key, beside the record code.
KEY = "Key"
SUPERSEDED = "SUPERSEDED: NOT THE CURRENT RECORD"


def addenda_left_out(count: int) -> str:
    return f"… and {count} more {'addendum' if count == 1 else 'addenda'}, kept with the record"


def page_label(number: int, count: int) -> str:
    return f"(Page {number} of {count})"
