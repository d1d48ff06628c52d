"""Issue 16, item 6: each signing dialog says what its signer signs, in the form's words, above
the pad and the PIN, readable on a 1366 x 768 laptop. Opened from the window's signing panel,
on sheets in the window's real store; the words asserted are the ones on the printed form
(tests/pdf/test_render.py holds them there)."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from ercsheet.catalogue.model import Unit, UnitDeclarations
from ercsheet.domain.declarations import Declaration
from ercsheet.domain.sheet import Person
from ercsheet.domain.vocabulary import Role
from ercsheet.gui.dialog_parts import TITLE_BAR
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.signing.declaration import DeclarationView
from ercsheet.gui.signing.sign_dialog import SignDialog
from tests.conftest import TODAY
from tests.factories import covering_all, sign
from tests.gui.signing.test_dialogs_fit import squeezed

PIN = "2468"
LAPTOP_HEIGHT = 768 - 40  # a 1366 x 768 screen less its taskbar
CANDIDATE = "I confirm that the evidence provided is a result of my own work."
ASSESSOR = (
    "I confirm that the candidate has demonstrated competence by satisfying all of the criteria "
    "for this unit."
)
LINE_MANAGER = (
    "Signature of line manager or owner/manager (confirming their involvement and the "
    "candidate’s competence):"
)
NO_DECLARATION = "The form prints no declaration for this line."

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def open_sheet(window: MainWindow, unit: Unit, *, qualified: bool = True) -> int:
    """A sheet of `unit` with every criterion covered, open in the window."""
    store = window.store
    store.set_pin(PIN)
    candidate = store.add_candidate("Siân Ní Bhriain", "0042", "12345")
    sheet_id = store.create_sheet(candidate, unit, "", Person("Pat Jones", qualified))
    for evidence in covering_all(unit):
        store.add_evidence(sheet_id, evidence, today=TODAY)
    window.candidates.refresh()
    window.open_sheet(sheet_id)
    return sheet_id


def signed(window: MainWindow, sheet_id: int, *roles: Role, iv_qualified: bool = True) -> None:
    """Signatures made in the store; the window's panel shows the sheet as it now stands."""
    for role in roles:
        name = {Role.CANDIDATE: "Siân Ní Bhriain", Role.IV: "Gwen Morgan"}.get(role, "Pat Jones")
        iv = Person(name, iv_qualified) if role is Role.IV else None
        window.store.add_signature(sheet_id, sign(role, TODAY, name), TODAY, pin=PIN, iv=iv)
    window.open_sheet(sheet_id)
    panel = window.sheet_view.signing_panel
    assert panel is not None
    panel.reload()


def click_sign(qtbot: QtBot, window: MainWindow, role: Role) -> SignDialog:
    """Click the panel's `Sign as …` button for `role`, as the assessor would."""
    panel = window.sheet_view.signing_panel
    assert panel is not None
    panel.sign_buttons[role].click()
    dialog = panel.dialog
    assert isinstance(dialog, SignDialog) and dialog.role is role
    qtbot.waitExposed(dialog)
    qtbot.wait(50)  # the layout's resize is posted
    return dialog


def below(upper: QWidget, lower: QWidget, dialog: QDialog) -> bool:
    return upper.mapTo(dialog, QPoint(0, upper.height())).y() <= lower.mapTo(dialog, QPoint()).y()


def assert_readable(dialog: SignDialog) -> None:
    """Shown in full above the pad and the PIN, nothing clipped, within a laptop's screen."""
    view = dialog.declaration
    assert view.isVisible()
    assert not view.verticalScrollBar().isVisible()  # the form's words need no scrolling
    assert below(view, dialog.tabs, dialog)
    assert below(view, dialog.pin, dialog) or not dialog.pin.isVisible()
    assert squeezed(dialog) == []
    assert dialog.height() + TITLE_BAR <= LAPTOP_HEIGHT


def test_the_candidate_sees_their_declaration_with_their_name(
    qtbot: QtBot, window: MainWindow, f17: Unit
) -> None:
    open_sheet(window, f17)
    dialog = click_sign(qtbot, window, Role.CANDIDATE)
    said = dialog.declaration.text()
    assert CANDIDATE in said.splitlines()
    assert "Signature of candidate: Siân Ní Bhriain" in said.splitlines()
    assert NO_DECLARATION not in said
    assert_readable(dialog)


def test_the_assessor_sees_their_declaration_and_their_name_in_block_capitals(
    qtbot: QtBot, window: MainWindow, f17: Unit
) -> None:
    sheet_id = open_sheet(window, f17)
    signed(window, sheet_id, Role.CANDIDATE)
    dialog = click_sign(qtbot, window, Role.ASSESSOR)
    said = dialog.declaration.text()
    assert ASSESSOR in said.splitlines()
    assert "Name (in block capitals): PAT JONES" in said
    # Where the signature goes is said in words: "Signature of assessor: …" read as cut off.
    assert "Signature of assessor: (your signature, below)" in said and "…" not in said
    assert CANDIDATE not in said
    dialog.name.setText("Dafydd ap Gruffŵdd")  # follows the name typed, as the form prints it
    assert "Name (in block capitals): DAFYDD AP GRUFFŴDD" in dialog.declaration.text()
    assert_readable(dialog)


def test_the_line_manager_sees_what_their_line_confirms(
    qtbot: QtBot, window: MainWindow, catalogue_unit_003: Unit
) -> None:
    open_sheet(window, catalogue_unit_003)
    dialog = click_sign(qtbot, window, Role.LINE_MANAGER)
    dialog.name.setText("Jo Bloggs")
    said = dialog.declaration.text()
    assert f"{LINE_MANAGER} Jo Bloggs" in said.splitlines()
    assert "Your signature line, as printed on the form:" in said
    assert_readable(dialog)


@pytest.mark.parametrize(
    ("role", "line", "records"),
    [
        (
            Role.ASSESSOR_COUNTERSIGN,
            "Countersignature of qualified assessor (if required) and date:",
            "a qualified assessor countersigned the assessment decision of an assessor who is "
            "not yet qualified",
        ),
        (
            Role.IV,
            "IV initials (if sampled) and date:",
            "an internal verifier sampled this sheet",
        ),
        (
            Role.IV_COUNTERSIGN,
            "Countersignature of qualified IV (if required) and date:",
            "a qualified internal verifier countersigned the sampling by an internal verifier "
            "who is not yet qualified",
        ),
    ],
)
def test_a_line_the_form_gives_no_declaration_says_what_the_signature_records(
    qtbot: QtBot, window: MainWindow, f17: Unit, role: Role, line: str, records: str
) -> None:
    # A trainee assessor's sealed sheet: the countersignature, then a trainee IV's initials.
    sheet_id = open_sheet(window, f17, qualified=False)
    before = {
        Role.ASSESSOR_COUNTERSIGN: (Role.CANDIDATE, Role.ASSESSOR),
        Role.IV: (Role.CANDIDATE, Role.ASSESSOR, Role.ASSESSOR_COUNTERSIGN),
        Role.IV_COUNTERSIGN: (Role.CANDIDATE, Role.ASSESSOR, Role.ASSESSOR_COUNTERSIGN, Role.IV),
    }[role]
    signed(window, sheet_id, *before, iv_qualified=False)
    dialog = click_sign(qtbot, window, role)
    dialog.name.setText("Gwen Morgan")
    said = dialog.declaration.text()
    assert f"{line} Gwen Morgan" in said.splitlines()
    assert NO_DECLARATION in said and records in said
    assert CANDIDATE not in said and ASSESSOR not in said
    assert dialog.addendum_note.isVisible()  # an addendum to the sealed record, with the PIN
    assert_readable(dialog)


def test_wording_too_long_for_the_screen_scrolls_in_its_box(qtbot: QtBot) -> None:
    # A unit file may carry its own wording (capped, a layout may not be): the pad stays in sight.
    long = Declaration(Role.CANDIDATE, "Signature of candidate:", statement="I confirm. " * 400)
    view = DeclarationView(long, "Siân Ní Bhriain")
    qtbot.addWidget(view)
    view.resize(590, view.heightForWidth(590))
    view.show()
    qtbot.waitExposed(view)
    assert view.height() <= view.screen().availableGeometry().height() // 3
    assert view.verticalScrollBar().isVisible()
    assert view.text().splitlines()[-1] == "Signature of candidate: Siân Ní Bhriain"


@pytest.fixture
def catalogue_unit_003(window: MainWindow) -> Unit:
    """Seed 003: the line manager signs each sheet."""
    return window.catalogue.units["reliable-cs-l3-u44"]


def test_on_a_knowledge_unit_the_assessor_sees_the_knowledge_declaration(
    qtbot: QtBot, window: MainWindow
) -> None:
    knowledge = window.catalogue.units["cs-environment-knowledge"]
    sheet_id = open_sheet(window, knowledge)
    signed(window, sheet_id, Role.CANDIDATE)
    dialog = click_sign(qtbot, window, Role.ASSESSOR)
    said = dialog.declaration.text()
    assert (
        "I confirm that the candidate has demonstrated the required knowledge and understanding "
        "by satisfying all of the criteria for this unit."
    ) in said.splitlines()
    assert ASSESSOR not in said
    assert_readable(dialog)
    if SHOTS:
        dialog.grab().save(f"{SHOTS}/sign-knowledge.png")


def test_a_units_own_wording_is_what_its_signer_sees(qtbot: QtBot, window: MainWindow) -> None:
    own = UnitDeclarations(candidate="I confirm that this evidence is my own work.")
    unit = replace(window.catalogue.units["mgmt-l3-u40-f17"], declarations=own)
    open_sheet(window, unit)
    dialog = click_sign(qtbot, window, Role.CANDIDATE)
    said = dialog.declaration.text()
    assert own.candidate in said.splitlines() and CANDIDATE not in said
    assert_readable(dialog)


# Where a run that is to be looked at saves the dialogs (ERCSHEET_SHOTS=/some/folder).
SHOTS = os.environ.get("ERCSHEET_SHOTS", "")
