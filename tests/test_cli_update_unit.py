"""`ercsheet sheet update-unit`, run as a user runs it: a sheet made of a unit file saved before
its criteria were all transcribed follows the file once it is completed; ticks on a criterion the
file no longer has are dropped only with --drop-ticks."""

from __future__ import annotations

from pathlib import Path

from ercsheet import paths
from ercsheet.catalogue.loader import load_unit_file
from ercsheet.catalogue.model import Unit
from ercsheet.domain.clock import FixedDay
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Role
from ercsheet.store.store import Profile, Store
from tests.conftest import PIN, TODAY
from tests.factories import incomplete_file, row, sign
from tests.test_cli import ercsheet

F17 = paths.builtin_units_dir() / "mgmt-l3-u40-f17.toml"


def own_unit_file(text: str) -> Unit:
    """The user's own copy of seed 000, written with `text`; the unit it loads as."""
    path = paths.user_units_dir() / F17.name
    path.write_text(text, encoding="utf-8")
    unit = load_unit_file(path)
    assert isinstance(unit, Unit), unit
    return unit


def sheet_of(db: Path, unit: Unit, *ticks: str) -> int:
    store = Store(db, clock=FixedDay(TODAY))
    try:
        store.set_profile(Profile("Pat Jones", qualified=True))
        candidate = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
        sheet_id = store.create_sheet(candidate, unit, "", Person("Pat Jones"))
        store.add_evidence(sheet_id, row("E01", ticks), today=TODAY)
        return sheet_id
    finally:
        store.close()


def test_a_sheet_follows_its_completed_unit_file(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    text = F17.read_text(encoding="utf-8")
    sheet_id = sheet_of(db, own_unit_file(incomplete_file(text)), "1.1")
    own_unit_file(text)

    result = ercsheet("sheet", "update-unit", str(sheet_id), db=db)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"sheet {sheet_id}: updated to the current version of unit mgmt-l3-u40-f17"
    assert lines[1] == "Criteria added:"
    assert lines[2].startswith("  AC 3.1 added: ")
    assert "  Every criterion transcribed: no → yes" in lines
    again = ercsheet("sheet", "update-unit", str(sheet_id), db=db)
    assert again.stdout.strip() == (
        f"sheet {sheet_id} already has the current version of unit mgmt-l3-u40-f17"
    )


def test_ticks_on_a_criterion_gone_from_the_file_need_drop_ticks(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    text = F17.read_text(encoding="utf-8")
    sheet_id = sheet_of(db, own_unit_file(text), "1.1", "3.4")
    own_unit_file(text[: text.index('[[learning_outcomes.criteria]]\nnumber = "3.4"')])

    refused = ercsheet("sheet", "update-unit", str(sheet_id), db=db)

    assert refused.returncode == 1
    assert "drops 1 tick (E01 × 3.4)" in refused.stderr
    assert refused.stderr.rstrip().endswith("To drop them, add --drop-ticks. Nothing was changed.")
    dropped = ercsheet("sheet", "update-unit", str(sheet_id), "--drop-ticks", db=db)
    assert dropped.returncode == 0, dropped.stderr
    assert "tick dropped: E01 × 3.4" in dropped.stdout.splitlines()


def test_a_signed_sheet_is_refused_with_its_reason(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    text = F17.read_text(encoding="utf-8")
    unit = own_unit_file(text)
    sheet_id = sheet_of(db, unit, *unit.criterion_numbers)
    store = Store(db, clock=FixedDay(TODAY))
    try:
        store.set_pin(PIN)
        store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Siân Ní Bhriain"), TODAY)
        store.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)
    finally:
        store.close()
    own_unit_file(text[: text.index('[[learning_outcomes.criteria]]\nnumber = "3.4"')])

    refused = ercsheet("sheet", "update-unit", str(sheet_id), db=db)

    assert refused.returncode == 1
    assert refused.stderr == (
        "ercsheet: This sheet is signed off and sealed: it keeps the unit it was signed against. "
        "To update its unit, reopen it first (this voids the signatures). Nothing was changed.\n"
    )
