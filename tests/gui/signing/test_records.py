"""A sheet's record in the window: audit trail, kept versions as PDF, lookup by code, the PIN."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from ercsheet.domain.record import record_code, short_code
from ercsheet.domain.rules import Rule
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Role
from ercsheet.gui.signing.printing import current_sheet, pdf_bytes
from ercsheet.gui.signing.records import AuditTrailDialog, CodeLookupDialog, VersionsDialog
from ercsheet.gui.signing.reopen import PinDialog
from ercsheet.gui.signing.sign_dialog import SignDialog
from ercsheet.store.store import Store
from tests.conftest import TODAY
from tests.factories import make_unit, row
from tests.gui.signing.conftest import OFFSCREEN_NOISE, PIN, Sheets
from tests.gui.window.modal import read_next_message

pytestmark = OFFSCREEN_NOISE


def text_at(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def reopened_twice(sheets: Sheets) -> int:
    """A sheet signed, reopened, signed again, reopened again: versions 1 and 2 are kept."""
    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    for number, reason in enumerate(("wrong evidence date", "a witness statement added")):
        sheets.store.reopen(sheet_id, reason, "Pat Jones", pin=PIN)
        sheets.store.add_evidence(sheet_id, row(f"W{number}", ["1.1"]), today=TODAY)
        sheets.new_signatures(sheet_id, (Role.CANDIDATE, Role.ASSESSOR))
    return sheet_id


def test_the_audit_trail_lists_every_event_and_says_the_record_is_intact(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    dialog = AuditTrailDialog(sheets.store, sheet_id)
    qtbot.addWidget(dialog)
    headers = [dialog.table.horizontalHeaderItem(c) for c in range(6)]
    assert [header.text() if header else None for header in headers] == [
        "#",
        "When",
        "Who",
        "What",
        "Detail",
        "Hash",
    ]
    assert dialog.column("What") == [
        "sheet created",
        "evidence added",
        "evidence added",
        "signed",
        "signed and sealed",
    ]
    assert dialog.column("Who") == ["Pat Jones"] * 5
    at = dialog.trail[0].at  # e.g. 2026-11-22T10:04:31.000000
    local = dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC).astimezone()
    assert dialog.column("When")[0] == local.strftime("%d/%m/%Y %H:%M")
    assert dialog.column("Hash") == [e.hash[:12] for e in dialog.trail]
    assert "Candidate: Siân Ní Bhriain, 22/11/2026" in dialog.column("Detail")[3]
    assert dialog.chain_status.text() == "Intact: 5 events, all verify."
    assert "1d4d14" in dialog.chain_status.styleSheet()


def test_an_evidence_edit_shows_old_and_new_in_the_detail(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new()
    first = sheets.store.evidence_ids(sheet_id)[0]
    edited = replace(sheets.store.evidence(first), title="Observation on site")
    sheets.store.update_evidence(first, edited, today=TODAY)
    dialog = AuditTrailDialog(sheets.store, sheet_id)
    qtbot.addWidget(dialog)
    assert dialog.column("What")[-1] == "evidence edited"
    assert "title: Observation at work → Observation on site" in dialog.column("Detail")[-1]


def test_an_altered_audit_event_is_named(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    with sqlite3.connect(sheets.store.path) as db:
        db.execute("UPDATE audit_log SET actor = 'Someone else' WHERE action = 'sheet created'")
    dialog = AuditTrailDialog(sheets.store, sheet_id)
    qtbot.addWidget(dialog)
    status = dialog.chain_status.text()
    assert status.startswith("Does not verify: its audit trail was altered")
    assert status.endswith("Altered, highlighted below: row 1.")
    assert "a40000" in dialog.chain_status.styleSheet()
    assert dialog.table.currentRow() == 0
    assert dialog.column("Who")[0] == "Someone else"


def test_a_candidates_audit_trail_spans_their_details_and_all_their_sheets(
    qtbot: QtBot, sheets: Sheets
) -> None:
    first = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    candidate = sheets.store.sheet_summary(first).candidate_id
    sheets.store.update_candidate(candidate, "Siân Ní Bhriain-Jones", "0042", "12345")
    other = sheets.store.add_candidate("Somebody Else", "0099")
    sheets.store.create_sheet(other, make_unit((1,)), "Q", Person("Pat Jones"))
    dialog = AuditTrailDialog(sheets.store, candidate_id=candidate)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Audit trail of Siân Ní Bhriain-Jones"
    what = dialog.column("What")
    assert what[0] == "candidate added" and what[-1] == "candidate details corrected"
    assert "signed and sealed" in what
    assert set(dialog.column("Sheet")) == {"", str(first)}
    assert "name: Siân Ní Bhriain → Siân Ní Bhriain-Jones" in dialog.column("Detail")[-1]
    assert dialog.chain_status.text() == f"Intact: {len(what)} events, all verify."

    with sqlite3.connect(sheets.store.path) as db:
        db.execute("UPDATE evidence_item SET title = 'Altered after signing'")
    again = AuditTrailDialog(sheets.store, candidate_id=candidate)
    qtbot.addWidget(again)
    assert again.chain_status.text().startswith(
        f"Does not verify: sheet {first}: its content no longer matches what was signed"
    )


def test_a_kept_version_prints_with_its_own_code_marked_superseded(
    qtbot: QtBot, sheets: Sheets, tmp_path: Path
) -> None:
    sheet_id = reopened_twice(sheets)
    dialog = VersionsDialog(sheets.store, sheet_id)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.selected_number() == 2
    first = sheets.store.versions(sheet_id)[0]
    assert text_at(dialog.table, 0, 1) == short_code(first.record_code)

    out = tmp_path / "version-1.pdf"
    said: list[str] = []
    read_next_message(said)
    assert dialog.export_pdf(1, out)
    assert said == [f"Saved version-1.pdf\nin {tmp_path}"]
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Superseded version 1" in " ".join(text.split())
    assert "wrong evidence date" in text
    assert short_code(first.record_code) in text

    dialog.show_preview()
    assert dialog.preview is not None
    assert dialog.preview.document.status() == QPdfDocument.Status.Ready
    assert dialog.preview.document.pageCount() >= 1


def test_a_code_typed_from_paper_finds_the_sheet_and_its_kept_versions(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = reopened_twice(sheets)
    first = sheets.store.versions(sheet_id)[0]
    dialog = CodeLookupDialog(sheets.store)
    qtbot.addWidget(dialog)

    dialog.code.setText(short_code(first.record_code).lower().replace("-", " "))
    dialog.look_up()
    assert dialog.found == [(sheet_id, 1, [])]
    assert text_at(dialog.results, 0, 3) == "superseded version 1"
    assert text_at(dialog.results, 0, 4) == "yes"

    current = sheets.store.record_code(sheet_id)
    assert current is not None
    dialog.code.setText(short_code(current))
    dialog.look_up()
    assert text_at(dialog.results, 0, 3) == "current signed sheet"
    with qtbot.waitSignal(dialog.open_sheet) as opened:
        dialog.open_button.click()
    assert opened.args == [sheet_id]


def test_a_code_of_a_tampered_sheet_does_not_verify(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    code = sheets.store.record_code(sheet_id)
    assert code is not None
    with sqlite3.connect(sheets.store.path) as db:
        db.execute("UPDATE tick SET criterion = '9.9' WHERE criterion = '1.1'")
    dialog = CodeLookupDialog(sheets.store)
    qtbot.addWidget(dialog)
    dialog.code.setText(short_code(code))
    dialog.look_up()
    assert text_at(dialog.results, 0, 4).startswith("NO: its content no longer matches")

    dialog.code.setText("0000-0000-0000")
    dialog.look_up()
    assert dialog.found == [] and "No signed sheet" in dialog.message.text()


def test_the_pin_can_be_set_and_changed_but_not_removed(qtbot: QtBot, store: Store) -> None:
    from ercsheet.store.store import Profile

    store.set_profile(Profile("Pat Jones", qualified=True))
    first = PinDialog(store)
    qtbot.addWidget(first)
    assert not first.cannot_remove.isVisibleTo(first)  # nothing to remove yet
    first.new.setText("1234")
    first.repeat.setText("1243")
    first.save_button.click()
    assert [p.rule for p in first.problems.problems()] == [Rule.ASSESSOR_PIN]
    assert "differ" in first.problems.text()
    first.new.setText("12")
    first.repeat.setText("12")
    first.save_button.click()
    assert "at least 4 characters" in first.problems.text()
    first.new.setText("1234")
    first.repeat.setText("1234")
    first.save_button.click()
    assert first.result() == PinDialog.DialogCode.Accepted and store.has_pin()

    change = PinDialog(store)
    qtbot.addWidget(change)
    # No way to remove the PIN, and the dialog says why.
    assert [b.text() for b in change.buttons.buttons()] == ["Save", "Cancel"]
    assert change.cannot_remove.isVisibleTo(change)
    assert "cannot be removed: it keeps the key" in change.cannot_remove.text()
    change.current.setText("9999")
    change.new.setText("correct horse")
    change.repeat.setText("correct horse")
    change.save_button.click()
    assert "PIN is not right" in change.problems.text()
    change.current.setText("1234")
    change.new.setText("correct horse")
    change.repeat.setText("correct horse")
    change.save_button.click()
    assert change.result() == PinDialog.DialogCode.Accepted
    assert store.has_pin()


def test_a_pin_needs_a_profile_first(qtbot: QtBot, store: Store) -> None:
    dialog = PinDialog(store)
    qtbot.addWidget(dialog)
    dialog.new.setText("1234")
    dialog.repeat.setText("1234")
    dialog.save_button.click()
    assert "Set up the assessor profile first" in dialog.problems.text()


def path_shapes(pdf: bytes) -> list[str]:
    """Each stroked path of the PDF as its operators, e.g. 'm c c c l S'."""
    reader = PdfReader(io.BytesIO(pdf))
    shapes: list[str] = []
    for page in reader.pages:
        current: list[str] = []
        for _operands, operator in ContentStream(page.get_contents(), reader).operations:
            name = operator.decode()
            if name in ("m", "l", "c"):
                current.append(name)
            elif name in ("S", "s", "n", "f", "B"):
                if current:
                    shapes.append(" ".join([*current, name]))
                current = []
    return shapes


def test_a_signature_drawn_with_the_mouse_prints_as_vector_paths(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new()
    dialog = SignDialog(sheets.store, sheet_id, Role.CANDIDATE, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    strokes = [[(30 + 25 * i, 50 + (i % 2) * 40) for i in range(7)], [(240, 40), (260, 90)]]
    for stroke in strokes:
        QTest.mousePress(dialog.pad, Qt.MouseButton.LeftButton, pos=QPoint(*stroke[0]))
        for x, y in stroke[1:]:
            QTest.mouseMove(dialog.pad, QPoint(x, y))
        QTest.mouseRelease(dialog.pad, Qt.MouseButton.LeftButton, pos=QPoint(*stroke[-1]))
    dialog.sign_button.click()

    shapes = path_shapes(pdf_bytes([current_sheet(sheets.store, sheet_id)]))
    # Seven points: a move, five curves through the midpoints, a line to the end, stroked.
    assert "m c c c c c l S" in shapes
    assert "m l S" in shapes
    content = sheets.store.sheet(sheet_id)
    assert record_code(content)  # the stored content is whole
