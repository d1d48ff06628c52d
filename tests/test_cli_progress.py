"""`ercsheet register` and `ercsheet progress`, run as a user runs them, on the invented kitchen
qualification."""

from __future__ import annotations

import json
from pathlib import Path

from ercsheet.domain.clock import FixedDay
from ercsheet.domain.progress_words import NO_SHEETS
from ercsheet.store.store import Store
from tests.conftest import TODAY, make_signer
from tests.store.test_registration import sign_off
from tests.test_cli import ercsheet

KITCHEN = Path(__file__).resolve().parent / "qualifications"


def candidate_in(db: Path) -> None:
    store = make_signer(Store(db, clock=FixedDay(TODAY)))
    store.add_candidate("Siân Ní Bhriain", "0042", "12345")
    store.close()


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = ercsheet("--units-dir", KITCHEN, *args, db=db)
    return result.returncode, result.stdout, result.stderr


def test_register_then_progress_in_text_and_json(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    candidate_in(db)
    status, out, err = run(
        db,
        "register",
        "0042",
        "kitchen-leadership-l3",
        "--number",
        "ABC123",
        "--date",
        "2026-11-01",
        "--unit",
        "kitchen-rota-l3",
    )
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "Siân Ní Bhriain (0042) registered on Invented Level 3 Diploma in Kitchen Leadership: "
        "3 sheets",
        "  sheet 1  Unit 301 Keep a kitchen team safe at work",
        "  sheet 2  Unit 302 Lead a kitchen team through a service",
        "  sheet 3  Unit 310 Plan the rota of a kitchen team",
    ]
    store = Store(db, clock=FixedDay(TODAY))
    sign_off(store, 1)
    store.close()

    status, out, err = run(db, "progress", "0042")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == [
        "Siân Ní Bhriain (0042)",
        "",
        "Invented Level 3 Diploma in Kitchen Leadership  [kitchen-leadership-l3, "
        "registration ABC123, registered 01/11/2026]",
    ]
    assert "  Not complete: the units chosen cannot complete it yet (see below)." in lines
    assert "    Mandatory units: 1 of 2 achieved; still to achieve: Unit 302." in lines
    assert "    Credit: 5 achieved of at least 20; needs 15 credits more." in lines
    assert "  Unit 301 Keep a kitchen team safe at work  1/1  signed" in lines
    assert "      LO1 1/1" in lines
    assert lines[-6:] == [
        "Criteria still to cover",
        "  Unit 302 Lead a kitchen team through a service: 1.1",
        "  Unit 310 Plan the rota of a kitchen team: 1.1",
        "",
        "Evidence covering most",
        "  S1-0 Observation at work: 1 criterion on 1 sheet",
    ]

    status, out, err = run(db, "progress", "0042", "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    [registration] = data["registrations"]
    assert registration["number"] == "ABC123" and registration["registered_on"] == "2026-11-01"
    assert [u["status"] for u in registration["units"]] == ["signed", "draft", "draft"]
    rules = registration["rules"]
    assert rules["qualification"] == "kitchen-leadership-l3"
    assert (rules["complete"], rules["can_complete"], rules["rules_known"]) == (
        False,
        False,
        True,
    )
    assert rules["mandatory_missing"] == ["kitchen-team-l3"]
    assert data["candidate"]["candidate_number"] == "0042"


def test_a_refused_registration_says_why_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    candidate_in(db)
    units = ["kitchen-rota-l3", "kitchen-stock-l3", "kitchen-training-l3"]
    status, out, err = run(
        db, "register", "0042", "kitchen-leadership-l3", *(f"--unit={u}" for u in units)
    )
    assert status == 1 and out == ""
    assert "allows at most 2 units, and 3 are chosen" in err
    assert err.rstrip().endswith("Nothing was changed.")
    status, out, err = run(db, "register", "0042", "no-such-qualification")
    assert status == 1 and "There is no qualification no-such-qualification" in err
    status, out, _ = run(db, "progress", "0042")
    assert status == 0 and "registered" not in out


def test_registering_with_no_unit_says_no_sheet_was_made(tmp_path: Path) -> None:
    """The Management certificate's rules are not transcribed: no unit is mandatory, so with no
    --unit the registration has no sheet, and the command says so rather than 'sheets '."""
    db = tmp_path / "store.sheet.sqlite3"
    candidate_in(db)
    status, out, err = run(db, "register", "0042", "mgmt-l3-cert")
    assert (status, err) == (0, "")
    assert out == (
        "Siân Ní Bhriain (0042) registered on OCR Level 3 NVQ Certificate in Management: "
        f"{NO_SHEETS}\n"
    )
