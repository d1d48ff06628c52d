"""Signing in the dialog: drawn strokes reach the store; every blocking rule is shown."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from ercsheet.domain.rules import Rule
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.gui.signing.fields import set_date
from ercsheet.gui.signing.reopen import PinDialog
from ercsheet.gui.signing.sign_dialog import SignDialog
from ercsheet.store.store import Profile, Store
from tests.conftest import TODAY
from tests.factories import make_unit, sign
from tests.gui.signing.conftest import OFFSCREEN_NOISE, PIN, Sheets

pytestmark = OFFSCREEN_NOISE


def open_dialog(qtbot: QtBot, store: Store, sheet_id: int, role: Role) -> SignDialog:
    dialog = SignDialog(store, sheet_id, role, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # An IV says whether they are qualified (test_panel.py shows it is never assumed).
    dialog.iv_qualified.setChecked(role is Role.IV)
    return dialog


def draw(dialog: SignDialog, strokes: list[list[tuple[int, int]]]) -> None:
    pad = dialog.pad
    for stroke in strokes:
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*stroke[0]))
        for x, y in stroke[1:]:
            QTest.mouseMove(pad, QPoint(x, y))
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*stroke[-1]))


def rules_shown(dialog: SignDialog) -> set[Rule]:
    return {problem.rule for problem in dialog.problems.problems()}


ZIGZAG = [(40, 70), (80, 30), (120, 80), (160, 35), (200, 75)]
DOT = [(230, 40)]


def test_a_signature_drawn_with_the_mouse_is_stored_as_strokes(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new()
    dialog = open_dialog(qtbot, sheets.store, sheet_id, Role.CANDIDATE)
    assert dialog.name.text() == "Siân Ní Bhriain"
    assert not dialog.sign_button.isEnabled()  # nothing drawn yet

    draw(dialog, [ZIGZAG, DOT, [(250, 50), (300, 60)]])
    dialog.undo_button.click()
    assert len(dialog.pad.strokes()) == 2

    with qtbot.waitSignal(dialog.accepted):
        dialog.sign_button.click()
    stored = sheets.store.sheet(sheet_id).signature(Role.CANDIDATE)
    assert stored is not None and stored.kind is SignatureKind.DRAWN
    assert stored.date == TODAY and stored.name == "Siân Ní Bhriain"
    zigzag, dot = stored.strokes
    assert len(zigzag) == len(ZIGZAG) and len(dot) == 1
    assert all(0 <= x <= 1 and 0 <= y <= 1 for stroke in stored.strokes for x, y in stroke)
    # x to the right, y downwards, as in the exchange format
    assert zigzag[1][0] > zigzag[0][0] and zigzag[1][1] < zigzag[0][1]


def test_clear_empties_the_pad(qtbot: QtBot, sheets: Sheets) -> None:
    dialog = open_dialog(qtbot, sheets.store, sheets.new(), Role.CANDIDATE)
    draw(dialog, [ZIGZAG])
    assert dialog.sign_button.isEnabled()
    dialog.clear_button.click()
    assert dialog.pad.is_empty() and not dialog.sign_button.isEnabled()


def test_a_typed_signature_and_one_signed_on_paper(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new()
    dialog = open_dialog(qtbot, sheets.store, sheet_id, Role.CANDIDATE)
    dialog.set_kind(SignatureKind.TYPED)
    dialog.sign_button.click()
    dialog = open_dialog(qtbot, sheets.store, sheet_id, Role.ASSESSOR)
    dialog.set_kind(SignatureKind.PAPER)
    dialog.pin.setText(PIN)
    dialog.sign_button.click()

    content = sheets.store.sheet(sheet_id)
    assert [(s.role, s.kind, s.strokes) for s in content.signatures] == [
        (Role.CANDIDATE, SignatureKind.TYPED, ()),
        (Role.ASSESSOR, SignatureKind.PAPER, ()),
    ]


def test_a_date_is_typed_as_people_type_it_without_choosing_a_section(
    qtbot: QtBot, sheets: Sheets
) -> None:
    dialog = open_dialog(qtbot, sheets.store, sheets.new(), Role.CANDIDATE)
    line = dialog.date.line
    QTest.mouseClick(line, Qt.MouseButton.LeftButton, pos=line.rect().center())
    qtbot.waitUntil(lambda: line.selectedText() == "22/11/2026")  # today's, all selected
    QTest.keyClicks(line, "20/11/26")  # replaces it
    assert dialog.signature().date == dt.date(2026, 11, 20)
    line.selectAll()
    QTest.keyClicks(line, "19 Nov")
    assert dialog.signature().date == dt.date(2026, 11, 19)


def test_a_future_date_is_refused_with_the_rules_reason(qtbot: QtBot, sheets: Sheets) -> None:
    dialog = open_dialog(qtbot, sheets.store, sheets.new(), Role.CANDIDATE)
    set_date(dialog.date, TODAY + dt.timedelta(days=3))
    assert Rule.FUTURE_DATE in {p.rule for p in dialog.known_problems.problems()}
    assert "25/11/2026 is in the future" in dialog.known_problems.text()


def test_what_is_not_a_date_holds_the_sign_button(qtbot: QtBot, sheets: Sheets) -> None:
    dialog = open_dialog(qtbot, sheets.store, sheets.new(), Role.CANDIDATE)
    dialog.set_kind(SignatureKind.TYPED)
    dialog.date.line.setText("31/02/2026")
    assert not dialog.sign_button.isEnabled()
    assert "not a real date" in dialog.known_problems.text()
    dialog.date.line.setText("21/11/2026")
    assert dialog.sign_button.isEnabled()


def test_the_arrow_keys_cannot_step_past_today(qtbot: QtBot, sheets: Sheets) -> None:
    dialog = open_dialog(qtbot, sheets.store, sheets.new(), Role.CANDIDATE)
    QTest.keyClick(dialog.date.line, Qt.Key.Key_Down)
    assert dialog.signature().date == TODAY - dt.timedelta(days=1)
    for _ in range(3):
        QTest.keyClick(dialog.date.line, Qt.Key.Key_Up)
    assert dialog.signature().date == TODAY
    assert not dialog.known_problems.problems()


def test_uncovered_criteria_block_the_assessor_and_link_to_the_grid(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new(covered=False, signed=(Role.CANDIDATE,))
    dialog = open_dialog(qtbot, sheets.store, sheet_id, Role.ASSESSOR)
    # Known before anything is drawn:
    assert [p.rule for p in dialog.known_problems.problems()] == [Rule.FULL_COVERAGE]
    assert "1.2, 2.1, 2.2" in dialog.known_problems.text()
    assert 'href="criterion:2.1"' in dialog.known_problems.text()

    dialog.set_kind(SignatureKind.TYPED)
    dialog.pin.setText(PIN)
    dialog.sign_button.click()
    assert dialog.isVisible()
    assert rules_shown(dialog) == {Rule.FULL_COVERAGE}
    assert "Every criterion covered" in dialog.problems.text()
    assert sheets.store.sheet(sheet_id).signature(Role.ASSESSOR) is None

    with qtbot.waitSignal(dialog.jump_to_criterion) as jumped:
        dialog.problems.linkActivated.emit("criterion:2.1")
    assert jumped.args == ["2.1"]
    assert not dialog.isVisible()


def test_simulation_on_a_unit_that_forbids_it_blocks_the_assessor(
    qtbot: QtBot, sheets: Sheets
) -> None:
    # The store refuses such a row on entry; a sheet from older data may still hold one.
    unit = make_unit((1,), simulation_allowed=False)
    sheet_id = sheets.new(unit, signed=(Role.CANDIDATE,))
    with sqlite3.connect(sheets.store.path) as db:
        db.execute("UPDATE evidence_item SET method = 'simulation'")
    dialog = open_dialog(qtbot, sheets.store, sheet_id, Role.ASSESSOR)
    assert [p.rule for p in dialog.known_problems.problems()] == [Rule.SIMULATION_FORBIDDEN]
    dialog.set_kind(SignatureKind.TYPED)
    dialog.pin.setText(PIN)
    dialog.sign_button.click()
    assert rules_shown(dialog) == {Rule.SIMULATION_FORBIDDEN}
    assert "No simulation for this unit" in dialog.problems.text()


@pytest.mark.parametrize(
    ("role", "signed", "rule"),
    [
        (Role.ASSESSOR, (), Rule.SIGNATURE_ORDER),
        (Role.IV, (Role.CANDIDATE,), Rule.SIGNATURE_ORDER),
    ],
)
def test_signatures_in_the_wrong_order_are_refused(
    qtbot: QtBot, sheets: Sheets, role: Role, signed: tuple[Role, ...], rule: Rule
) -> None:
    sheet_id = sheets.new(signed=signed)
    dialog = open_dialog(qtbot, sheets.store, sheet_id, role)
    dialog.set_kind(SignatureKind.TYPED)
    dialog.name.setText("Pat Jones")
    dialog.pin.setText(PIN)
    dialog.sign_button.click()
    assert rule in rules_shown(dialog)
    assert sheets.store.sheet(sheet_id).signature(role) is None


def test_the_assessor_date_before_the_candidates_is_refused(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE,))
    dialog = open_dialog(qtbot, sheets.store, sheet_id, Role.ASSESSOR)
    set_date(dialog.date, TODAY - dt.timedelta(days=1))
    assert Rule.DATE_ORDER in {p.rule for p in dialog.known_problems.problems()}
    dialog.set_kind(SignatureKind.TYPED)
    dialog.pin.setText(PIN)
    dialog.sign_button.click()
    assert rules_shown(dialog) == {Rule.DATE_ORDER}
    assert "before the candidate's 22/11/2026" in dialog.problems.text()


def test_a_missing_line_manager_blocks_the_assessor(qtbot: QtBot, sheets: Sheets) -> None:
    unit = make_unit((2,), line_manager=True)
    sheet_id = sheets.new(unit, signed=(Role.CANDIDATE,))
    dialog = open_dialog(qtbot, sheets.store, sheet_id, Role.ASSESSOR)
    dialog.set_kind(SignatureKind.TYPED)
    dialog.pin.setText(PIN)
    dialog.sign_button.click()
    assert rules_shown(dialog) == {Rule.LINE_MANAGER}
    assert "ask them to sign first" in dialog.problems.text()


def test_a_line_manager_dated_after_the_assessor_is_refused(qtbot: QtBot, sheets: Sheets) -> None:
    unit = make_unit((2,), line_manager=True)
    sheet_id = sheets.new(unit, signed=(Role.CANDIDATE,))
    manager = open_dialog(qtbot, sheets.store, sheet_id, Role.LINE_MANAGER)
    manager.set_kind(SignatureKind.TYPED)
    manager.name.setText("Morgan Reid")
    manager.sign_button.click()
    assessor = open_dialog(qtbot, sheets.store, sheet_id, Role.ASSESSOR)
    set_date(assessor.date, TODAY - dt.timedelta(days=1))
    assessor.set_kind(SignatureKind.TYPED)
    assessor.pin.setText(PIN)
    assessor.sign_button.click()
    assert Rule.LINE_MANAGER in rules_shown(assessor)
    assert "must be on or before the assessor's 21/11/2026" in assessor.problems.text()


def test_an_unqualified_assessor_needs_a_countersignature_before_the_iv(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new(assessor_qualified=False, signed=(Role.CANDIDATE, Role.ASSESSOR))
    iv = open_dialog(qtbot, sheets.store, sheet_id, Role.IV)
    iv.set_kind(SignatureKind.TYPED)
    iv.name.setText("Rhian Evans")
    iv.sign_button.click()
    assert rules_shown(iv) == {Rule.COUNTERSIGNATURE}
    assert "a qualified assessor must countersign" in iv.problems.text()


def test_a_qualified_assessor_needs_no_countersignature(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    dialog = open_dialog(qtbot, sheets.store, sheet_id, Role.ASSESSOR_COUNTERSIGN)
    assert Rule.COUNTERSIGNATURE in {p.rule for p in dialog.known_problems.problems()}


@pytest.mark.parametrize("pin", ["", "1357"])
def test_a_wrong_or_missing_pin_is_refused(qtbot: QtBot, sheets: Sheets, pin: str) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE,))
    dialog = open_dialog(qtbot, sheets.store, sheet_id, Role.ASSESSOR)
    assert dialog.pin.isVisible()
    dialog.set_kind(SignatureKind.TYPED)
    dialog.pin.setText(pin)
    dialog.sign_button.click()
    assert rules_shown(dialog) == {Rule.ASSESSOR_PIN}
    assert dialog.pin.text() == ""
    assert sheets.store.record_code(sheet_id) is None

    dialog.pin.setText(PIN)
    dialog.sign_button.click()
    assert dialog.result() == SignDialog.DialogCode.Accepted
    assert sheets.store.record_code(sheet_id) is not None


def test_without_a_pin_the_assessor_is_told_to_set_one_and_can_set_it_here(
    qtbot: QtBot, store: Store
) -> None:
    store.set_profile(Profile("Pat Jones", qualified=True))  # no PIN yet
    sheet_id = Sheets(store).new()
    store.add_signature(sheet_id, sign(Role.CANDIDATE, TODAY, "Siân Ní Bhriain"), TODAY)
    dialog = open_dialog(qtbot, store, sheet_id, Role.ASSESSOR)
    dialog.set_kind(SignatureKind.TYPED)
    assert not dialog.pin.isVisible()
    assert dialog.no_pin.isVisible() and dialog.set_pin_button.isVisible()
    assert "Signing as assessor needs your PIN, and no PIN is set yet" in dialog.no_pin.text()
    assert "Assessor → PIN…" in dialog.no_pin.text()
    assert not dialog.sign_button.isEnabled()
    assert dialog.sign_button.toolTip() == "Set the assessor's PIN first"

    dialog.set_pin_button.click()
    pin_dialog = dialog.pin_dialog
    assert isinstance(pin_dialog, PinDialog)
    pin_dialog.new.setText(PIN)
    pin_dialog.repeat.setText(PIN)
    pin_dialog.save_button.click()
    assert store.has_pin()
    assert dialog.pin.isVisible() and not dialog.no_pin.isVisible()
    assert dialog.sign_button.isEnabled()
    dialog.pin.setText(PIN)
    dialog.sign_button.click()
    assert dialog.result() == SignDialog.DialogCode.Accepted
    assert store.record_code(sheet_id) is not None


def test_a_signature_after_the_seal_asks_the_assessors_pin(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    code = sheets.store.record_code(sheet_id)
    dialog = open_dialog(qtbot, sheets.store, sheet_id, Role.IV)
    assert dialog.pin.isVisible() and dialog.addendum_note.isVisible()
    assert "added to the sealed record" in dialog.addendum_note.text()
    dialog.set_kind(SignatureKind.TYPED)
    dialog.name.setText("Rhian Evans")
    dialog.pin.setText("1357")
    dialog.sign_button.click()
    assert rules_shown(dialog) == {Rule.ASSESSOR_PIN}
    assert "PIN is not right" in dialog.problems.text()
    assert sheets.store.sheet(sheet_id).signature(Role.IV) is None

    dialog.pin.setText(PIN)
    dialog.sign_button.click()
    assert dialog.result() == SignDialog.DialogCode.Accepted
    assert sheets.store.sheet(sheet_id).signature(Role.IV) is not None
    assert sheets.store.record_code(sheet_id) == code  # an addendum: the code stays


def test_a_signature_after_the_seal_without_a_pin_says_so(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new(signed=(Role.CANDIDATE, Role.ASSESSOR))
    # A sealed sheet in a store without a PIN: e.g. imported (a store's PIN cannot be removed).
    with sqlite3.connect(sheets.store.path) as db:
        db.execute("UPDATE assessor_profile SET pin_hash = NULL")
    assert not sheets.store.has_pin()
    dialog = open_dialog(qtbot, sheets.store, sheet_id, Role.IV)
    assert not dialog.pin.isVisible() and not dialog.sign_button.isEnabled()
    assert dialog.no_pin.text().startswith(
        "This sheet is sealed, so a signature added now needs the assessor's PIN, and no PIN "
        "is set yet."
    )


def test_before_the_seal_only_the_assessor_is_asked_a_pin(qtbot: QtBot, sheets: Sheets) -> None:
    sheet_id = sheets.new()
    dialog = open_dialog(qtbot, sheets.store, sheet_id, Role.CANDIDATE)
    assert not dialog.pin.isVisible() and not dialog.no_pin.isVisible()
    assert not dialog.addendum_note.isVisible()


def test_escape_asks_before_it_throws_a_drawn_signature_away(qtbot: QtBot, sheets: Sheets) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.gui.window.modal import when_modal_opens

    dialog = open_dialog(qtbot, sheets.store, sheets.new(), Role.CANDIDATE)
    draw(dialog, [ZIGZAG])
    asked: list[str] = []

    def press(button: QMessageBox.StandardButton) -> Callable[[QMessageBox], None]:
        def act(box: QMessageBox) -> None:
            asked.append(box.text())
            box.button(button).click()

        return act

    when_modal_opens(press(QMessageBox.StandardButton.Cancel), kind=QMessageBox)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["The signature drawn is not signed yet. Close and discard it?"]
    assert dialog.isVisible() and len(dialog.pad.strokes()) == 1

    when_modal_opens(press(QMessageBox.StandardButton.Discard), kind=QMessageBox)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
