"""A unit as `ercsheet units --json` lists it: what a user or a script choosing a unit needs
(its names, numbers, rules and criteria), without the specification's long texts (purpose,
assessment guidance…), which the snapshot a sheet keeps carries."""

from __future__ import annotations

from typing import Any

from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.snapshot import unit_data

# In this order; scripts read these keys, so a key is added, never renamed or taken away.
LISTED = (
    "id",
    "title",
    "display_title",
    "urn",
    "sector_unit_number",
    "level",
    "credit",
    "glh",
    "expires",
    "qualifications",
    "rules",
    "nos",
    "learning_outcomes",
    "complete",
    "methods",
    "kind",
    "sign_off",
)
# A qualification's line on the printed sheet is the form's business, not a chooser's.
LISTED_OF_QUALIFICATION = ("title", "unit_number")


def unit_listing(unit: Unit) -> dict[str, Any]:
    # The version 2 keys are listed for every unit (a v1 unit's snapshot leaves them out).
    data = {
        "complete": unit.complete,
        "methods": [],
        "kind": unit.kind.value,
        "sign_off": [],
        **unit_data(unit),
        "display_title": unit.display_title,
    }
    data["qualifications"] = [
        {key: qualification[key] for key in LISTED_OF_QUALIFICATION}
        for qualification in data["qualifications"]
    ]
    return {key: data[key] for key in LISTED}
