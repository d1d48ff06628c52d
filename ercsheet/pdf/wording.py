"""The official ERS wording, reproduced exactly (PRODUCT.md, "The official ERS layout").

The declarations and signature lines are not here: the signing dialogs show them too, so they
live in ercsheet.domain.declarations.
"""

from __future__ import annotations

FORM_TITLE = "Evidence Record Sheet"
DATE = "Date:"
EVIDENCE_REFERENCE = "Evidence reference"
EVIDENCE_TITLE = "Evidence title"
ASSESSMENT_METHOD = "Assessment method"
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
