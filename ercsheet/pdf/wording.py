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
# Ours, under the unit line of a sheet made of a unit whose criteria are not all transcribed
# (`complete = false`): the form lists only the criteria typed in so far, and a verifier reading
# the paper must not take it for the whole unit.
INCOMPLETE_UNIT = "Criteria not all transcribed — this sheet cannot be signed off"


def addenda_left_out(count: int) -> str:
    return f"… and {count} more {'addendum' if count == 1 else 'addenda'}, kept with the record"


def page_label(number: int, count: int) -> str:
    return f"(Page {number} of {count})"
