"""The exchange format carries criteria numbered any way a unit numbers them, in its order."""

from __future__ import annotations

from pathlib import Path

from ercsheet.catalogue.loader import load_catalogue
from ercsheet.domain.clock import FixedDay
from ercsheet.domain.sheet import Candidate, EvidenceRow, Person, SheetContent
from ercsheet.domain.vocabulary import Method
from ercsheet.store.exchange import export_sheet, import_file
from ercsheet.store.exchange_format import sheet_to_dict
from ercsheet.store.store import Store
from tests.conftest import TODAY

UNITS = load_catalogue([Path(__file__).resolve().parents[1] / "units"])


def test_a_three_level_units_criteria_go_out_in_its_order_and_come_back(
    store: Store, tmp_path: Path
) -> None:
    unit = UNITS.get("three-level-kitchen")
    assert unit is not None
    ticked = frozenset({"301.3.1", "301.1.2", "301.3.2", "301.2.1"})
    content = SheetContent(
        unit=unit,
        candidate=Candidate("Zoë Ødegård", "7", "1"),
        assessor=Person("Pat Jones"),
        qualification="",
        evidence=(EvidenceRow("E1", "Kitchen walk", Method.PRODUCT, TODAY, ticked),),
    )
    written = sheet_to_dict(content)
    # LO 3 lists 301.3.2 first: the file says so too, where a sort by digits would not.
    assert written["evidence"][0]["criteria"] == ["301.1.2", "301.2.1", "301.3.2", "301.3.1"]
    candidate = store.add_candidate("Zoë Ødegård", "7", "1")
    sheet_id = store.create_sheet(candidate, unit, "", Person("Pat Jones"))
    store.add_evidence(sheet_id, content.evidence[0], today=TODAY)
    path = tmp_path / "out.json"
    path.write_text(export_sheet(store, sheet_id), encoding="utf-8")
    other = Store(tmp_path / "other.sqlite3", clock=FixedDay(TODAY))
    try:
        imported = import_file(other, path, UNITS.get, TODAY)
        assert other.sheet(imported.sheet_id).evidence == content.evidence
    finally:
        other.close()
