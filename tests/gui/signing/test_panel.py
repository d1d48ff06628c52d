"""The signing panel: which signatures it asks for, the lock, reopening, and a tampered record."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ercsheet.domain.record import short_code
from ercsheet.domain.rules import Rule
from ercsheet.domain.sheet import Signature
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.gui.signing.pad import SignatureView
from ercsheet.gui.signing.panel import SigningPanel
from ercsheet.gui.signing.reopen import ReopenDialog
from ercsheet.gui.signing.sign_dialog import SignDialog
from ercsheet.store.store import Store
from tests.conftest import TODAY
from tests.factories import make_unit, sign
from tests.gui.signing.conftest import OFFSCREEN_NOISE, PIN, Sheets

pytestmark = OFFSCREEN_NOISE


def make_panel(qtbot: QtBot, store: Store, sheet_id: int) -> SigningPanel:
    panel = SigningPanel(store, sheet_id, TODAY)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_a_draft_asks_for_the_candidate_and_the_assessor_only(qtbot: QtBot, sheets: Sheets) -> None:
    panel = make_panel(qtbot, sheets.store, sheets.new())
    assert list(panel.sign_buttons) == [Role.CANDIDATE, Role.ASSESSOR]
    assert "Draft" in panel.status.text() and not panel.locked
    assert "candidate, assessor" in panel.status.text()
    assert not panel.reopen_button.isVisible() and not panel.warning.isVisible()


def test_each_sign_button_says_what_it_still_waits_for(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new(covered=False)
    panel = make_panel(qtbot, sheets.store, sheet_id)
    assert panel.notes[Role.CANDIDATE].text() == "required"
    waits = panel.notes[Role.ASSESSOR].text()
    assert "waits for: every criterion covered, order of signatures" in waits
    assert 'href="criterion:2.2"' in waits
    assert "candidate signs their declaration" in panel.notes[Role.ASSESSOR].toolTip()
    with qtbot.waitSignal(panel.jump_to_criterion) as jumped:
        panel.notes[Role.ASSESSOR].linkActivated.emit("criterion:2.2")
    assert jumped.args == ["2.2"]


def test_the_line_manager_is_asked_for_only_where_the_unit_requires_it(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new(make_unit((2,), line_manager=True))
    panel = make_panel(qtbot, sheets.store, sheet_id)
    assert list(panel.sign_buttons) == [Role.CANDIDATE, Role.LINE_MANAGER, Role.ASSESSOR]


def test_a_trainee_assessor_needs_a_countersignature_and_the_iv_is_optional(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new(assessor_qualified=False, signed=(Role.CANDIDATE, Role.ASSESSOR))
    panel = make_panel(qtbot, sheets.store, sheet_id)
    assert list(panel.sign_buttons) == [Role.ASSESSOR_COUNTERSIGN, Role.IV]
    assert panel.sign_buttons[Role.IV].text() == "IV sampled? Sign as IV…"
    assert "Still to sign: countersigning qualified assessor" in panel.status.text()


def test_signing_through_the_panel_draws_locks_and_shows_the_record_code(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE,))
    panel = make_panel(qtbot, sheets.store, sheet_id)
    panel.sign_buttons[Role.ASSESSOR].click()
    dialog = panel.dialog
    assert isinstance(dialog, SignDialog) and dialog.role is Role.ASSESSOR
    qtbot.waitExposed(dialog)
    QTest.mousePress(dialog.pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 60))
    for x in range(40, 300, 20):
        QTest.mouseMove(dialog.pad, QPoint(x, 60 + (x % 40)))
    QTest.mouseRelease(dialog.pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 70))
    dialog.pin.setText(PIN)
    with qtbot.waitSignal(panel.sheet_changed):
        dialog.sign_button.click()

    code = sheets.store.record_code(sheet_id)
    assert code is not None
    assert "Signed — read-only" in panel.status.text() and panel.locked
    assert short_code(code) in panel.status.text()
    assert panel.reopen_button.isVisible()
    assert Role.ASSESSOR not in panel.sign_buttons
    [view] = panel.lines.findChildren(SignatureView)
    stored = sheets.store.sheet(sheet_id).signature(Role.ASSESSOR)
    assert stored is not None and stored.kind is SignatureKind.DRAWN
    assert view.strokes() == stored.strokes and len(stored.strokes[0]) > 10


def test_a_jump_to_an_uncovered_criterion_reaches_the_panels_owner(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new(covered=False, signed=(Role.CANDIDATE,))
    panel = make_panel(qtbot, sheets.store, sheet_id)
    dialog = panel.open_sign(Role.ASSESSOR)
    with qtbot.waitSignal(panel.jump_to_criterion) as jumped:
        dialog.known_problems.linkActivated.emit("criterion:1.2")
    assert jumped.args == ["1.2"]


def test_reopening_asks_a_reason_and_the_pin_and_keeps_the_signed_version(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    code = sheets.store.record_code(sheet_id)
    panel = make_panel(qtbot, sheets.store, sheet_id)
    panel.reopen_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, ReopenDialog)

    dialog.reopen_button.click()
    assert {p.rule for p in dialog.problems.problems()} == {Rule.REOPEN_REASON}
    dialog.reason.setPlainText("Evidence E01-0 has the wrong date")
    dialog.pin.setText("0000")
    dialog.reopen_button.click()
    assert {p.rule for p in dialog.problems.problems()} == {Rule.ASSESSOR_PIN}
    assert sheets.store.record_code(sheet_id) == code

    dialog.pin.setText(PIN)
    with qtbot.waitSignal(panel.sheet_changed):
        dialog.reopen_button.click()
    assert dialog.version == 1
    assert "Draft" in panel.status.text()
    assert list(panel.sign_buttons) == [Role.CANDIDATE, Role.ASSESSOR]
    assert panel.versions_button.text() == "Superseded versions (1)…"
    [kept] = sheets.store.versions(sheet_id)
    assert kept.record_code == code and kept.superseded_by == "Pat Jones"
    assert kept.reason == "Evidence E01-0 has the wrong date"


def test_content_changed_behind_the_apps_back_is_marked_plainly(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    with sqlite3.connect(sheets.store.path) as db:
        db.execute("UPDATE evidence_item SET title = 'Altered after signing'")
    panel = make_panel(qtbot, sheets.store, sheet_id)
    assert panel.warning.isVisible()
    assert "content no longer matches what was signed" in panel.warning.text()


def test_an_unqualified_iv_signing_brings_up_the_iv_countersignature(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    panel = make_panel(qtbot, sheets.store, sheet_id)
    assert Role.IV_COUNTERSIGN not in panel.sign_buttons
    panel.sign_buttons[Role.IV].click()
    dialog = panel.dialog
    assert isinstance(dialog, SignDialog)
    # Whether the IV is qualified is asked, never assumed.
    assert not dialog.iv_qualified.isChecked() and not dialog.iv_trainee.isChecked()
    dialog.set_kind(SignatureKind.TYPED)
    dialog.name.setText("Rhian Evans")
    dialog.pin.setText(PIN)  # after the seal, a signature is an addendum: the assessor's PIN
    dialog.sign_button.click()
    assert "Say whether the internal verifier is qualified" in dialog.problems.text()
    assert sheets.store.sheet(sheet_id).signature(Role.IV) is None
    dialog.iv_trainee.setChecked(True)
    with qtbot.waitSignal(panel.sheet_changed):
        dialog.sign_button.click()

    assert list(panel.sign_buttons) == [Role.IV_COUNTERSIGN]
    assert "Still to sign: countersigning qualified IV" in panel.status.text()
    assert sheets.store.check_record(sheet_id) is None


def test_names_are_shown_as_typed_never_as_markup(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new()
    odd = "<i>Ana</i> & Bo"
    sheets.store.add_signature(
        sheet_id, Signature(Role.CANDIDATE, odd, TODAY, SignatureKind.TYPED), TODAY
    )
    panel = make_panel(qtbot, sheets.store, sheet_id)
    shown = [label for label in panel.lines.findChildren(QLabel) if label.text() == odd]
    assert len(shown) == 2  # the typed signature and the name beside it
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in shown)


def test_a_signature_voided_by_an_evidence_change_is_explained(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new(make_unit((2,), line_manager=True))
    sheets.store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Siân Ní Bhriain"), TODAY)
    sheets.store.add_signature(sheet_id, sign(Role.LINE_MANAGER, TODAY, "Morgan Reid"), TODAY)
    panel = make_panel(qtbot, sheets.store, sheet_id)
    assert not panel.voided.isVisible()

    first = sheets.store.evidence_ids(sheet_id)[0]
    sheets.store.set_tick(first, "1.2", False)
    panel.reload()
    assert panel.voided.isVisible()
    assert panel.voided.text().splitlines() == [
        "Siân Ní Bhriain's signature (candidate, 22/11/2026) was removed because the evidence "
        "changed after they signed: ask them to sign again.",
        "Morgan Reid's signature (line manager / owner-manager, 22/11/2026) was removed because "
        "the evidence changed after they signed: ask them to sign again.",
    ]
    assert Role.CANDIDATE in panel.sign_buttons

    sheets.store.set_tick(first, "1.2", True)
    sheets.store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Siân Ní Bhriain"), TODAY)
    panel.reload()
    assert panel.voided.text().startswith("Morgan Reid's signature")
    sheets.store.add_signature(sheet_id, sign(Role.LINE_MANAGER, TODAY, "Morgan Reid"), TODAY)
    panel.reload()
    assert not panel.voided.isVisible()


def test_a_reopened_sheet_does_not_call_its_signatures_voided(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    sheets.store.reopen(sheet_id, "a wrong date", "Pat Jones", pin=PIN)
    panel = make_panel(qtbot, sheets.store, sheet_id)
    assert not panel.voided.isVisible()


def test_signatures_added_after_sealing_are_marked(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    panel = make_panel(qtbot, sheets.store, sheet_id)
    assert panel.added_marks == {}
    sheets.store.add_signature(sheet_id, sign(Role.IV, TODAY, "Rhian Evans"), TODAY, pin=PIN)
    panel.reload()
    assert list(panel.added_marks) == [Role.IV]
    assert panel.added_marks[Role.IV].text() == "added after sealing"
    assert "record code is unchanged" in panel.added_marks[Role.IV].toolTip()
