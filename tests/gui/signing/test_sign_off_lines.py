"""A unit's own sign-off lines in the signing panel: listed by the unit's label, each signed in
its dialog, which shows the line's wording; a required one holds the assessor back."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.gui.signing.panel import SigningPanel
from ercsheet.gui.signing.sign_dialog import SignDialog
from tests.catalogue.test_format_v2 import sample_unit
from tests.conftest import TODAY
from tests.factories import sign
from tests.gui.signing.conftest import OFFSCREEN_NOISE, PIN, Sheets
from tests.gui.window.test_declarations import assert_readable
from tests.store.test_sign_off_lines import on_line

pytestmark = OFFSCREEN_NOISE
# Where a run that is to be looked at saves the panel and the dialog (ERCSHEET_SHOTS=/folder).
SHOTS = os.environ.get("ERCSHEET_SHOTS", "")
EMPLOYER = "Signature of employer (confirming the candidate's performance at work):"


def make_panel(qtbot: QtBot, sheets: Sheets, *signed: Role) -> SigningPanel:
    sheet_id = sheets.new(sample_unit("mixed-care"), signed=signed)
    panel = SigningPanel(sheets.store, sheet_id, TODAY)
    qtbot.addWidget(panel)
    panel.resize(900, 420)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def labels(panel: SigningPanel) -> list[str]:
    return [label.text() for label in panel.lines.findChildren(QLabel) if "<b>" in label.text()]


def test_the_panel_lists_the_units_lines_and_the_required_one_holds_the_assessor(
    qtbot: QtBot, sheets: Sheets
) -> None:
    panel = make_panel(qtbot, sheets, Role.CANDIDATE)
    assert labels(panel) == [
        "<b>Candidate</b>",
        "<b>Employer</b>",
        "<b>Expert witness</b>",
        "<b>Assessor</b>",
    ]
    assert list(panel.line_buttons) == ["employer", "expert_witness"]
    assert panel.line_buttons["employer"].text() == "Sign as employer…"
    assert panel.line_notes["employer"].text() == "required"
    assert panel.line_notes["expert_witness"].text() == "optional"
    assert "waits for: sign-off lines the unit asks for" in panel.notes[Role.ASSESSOR].text()
    assert "Still to sign: employer, assessor." in panel.status.text()
    if SHOTS:
        panel.grab().save(f"{SHOTS}/panel-sign-off-lines.png")


def test_the_employer_signs_in_a_dialog_showing_their_line(qtbot: QtBot, sheets: Sheets) -> None:
    panel = make_panel(qtbot, sheets, Role.CANDIDATE)
    panel.line_buttons["employer"].click()
    dialog = panel.dialog
    assert isinstance(dialog, SignDialog) and (dialog.role, dialog.line) == (Role.EXTRA, "employer")
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Sign as employer"
    assert f"{EMPLOYER} Jo Bloggs" not in dialog.declaration.text()
    dialog.name.setText("Jo Bloggs")
    assert f"{EMPLOYER} Jo Bloggs" in dialog.declaration.text().splitlines()
    dialog.tabs.setCurrentIndex(1)  # typed
    qtbot.wait(50)  # the layout's resize is posted
    assert_readable(dialog)
    if SHOTS:
        dialog.grab().save(f"{SHOTS}/sign-employer.png")
    with qtbot.waitSignal(panel.sheet_changed):
        dialog.sign_button.click()
    signed = sheets.store.sheet(panel.sheet_id).signature(Role.EXTRA, "employer")
    assert signed is not None and (signed.name, signed.kind) == ("Jo Bloggs", SignatureKind.TYPED)
    assert "employer" not in panel.line_buttons
    assert "waits for" not in panel.notes[Role.ASSESSOR].text()
    assert "Still to sign: assessor." in panel.status.text()


def test_the_optional_line_is_offered_after_sealing_as_an_addendum(
    qtbot: QtBot, sheets: Sheets
) -> None:
    sheet_id = sheets.new(sample_unit("mixed-care"), signed=(Role.CANDIDATE,))
    store = sheets.store

    store.add_signature(sheet_id, on_line("employer"), TODAY)
    store.add_signature(sheet_id, sign(Role.ASSESSOR, TODAY), TODAY, pin=PIN)
    store.add_signature(sheet_id, on_line("expert_witness", name="Dr Ann Lee"), TODAY, pin=PIN)
    panel = SigningPanel(store, sheet_id, TODAY)
    qtbot.addWidget(panel)
    assert panel.line_marks["expert_witness"].text() == "added after sealing"
    assert "employer" not in panel.line_marks and panel.line_buttons == {}
