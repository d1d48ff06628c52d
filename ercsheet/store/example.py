"""An example candidate a newcomer can try everything on: a sheet on Unit 40 (F17), partly done."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ercsheet.domain.sheet import EvidenceRow, Person
from ercsheet.domain.vocabulary import Method
from ercsheet.store.store import Store

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue

EXAMPLE_UNIT = "mgmt-l3-u40-f17"
EXAMPLE_NAME = "Siân Llewellyn (example)"
EXAMPLE_NUMBER = "EX-0001"

# Realistic workplace evidence; 3.4 is left uncovered so the sheet shows what is still to do.
EXAMPLE_ROWS = [
    (
        "E01",
        "Observation of the weekly customer service team briefing",
        Method.OBSERVATION,
        {"1.1", "1.2", "3.1"},
    ),
    (
        "E02",
        "Customer service standards document written for the team",
        Method.PRODUCT,
        {"1.2", "1.3", "2.1"},
    ),
    (
        "E03",
        "Professional discussion: resolving a delivery complaint",
        Method.PROFESSIONAL_DISCUSSION,
        {"2.2", "2.3"},
    ),
    (
        "E04",
        "Witness testimony from the operations manager on the service review",
        Method.WITNESS_TESTIMONY,
        {"3.2", "3.3"},
    ),
]


def create_example_candidate(store: Store, catalogue: Catalogue, today: dt.date) -> int:
    """Add the example candidate and their sheet; returns the sheet's id."""
    unit = catalogue.get(EXAMPLE_UNIT)
    if unit is None:
        raise LookupError(f"the example needs unit {EXAMPLE_UNIT}, which is not in the catalogue")
    profile = store.profile()
    assessor = Person(profile.name, profile.qualified) if profile else Person("")
    candidate = store.add_candidate(EXAMPLE_NAME, EXAMPLE_NUMBER, "")
    qualification = unit.qualifications[0].title if unit.qualifications else ""
    sheet_id = store.create_sheet(candidate, unit, qualification, assessor)
    known = set(unit.criterion_numbers)
    for days_ago, (ref, title, method, criteria) in enumerate(EXAMPLE_ROWS):
        date = today - dt.timedelta(days=14 - 3 * days_ago)
        row = EvidenceRow(ref, title, method, date, frozenset(criteria & known))
        store.add_evidence(sheet_id, row, today=today)
    return sheet_id
