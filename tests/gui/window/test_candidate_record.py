"""A candidate's record from the window: their audit trail, corrections of signed details, and
where the assessor's PIN is set."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from ercsheet.domain.sheet import Signature
from ercsheet.domain.vocabulary import Role, SignatureKind
from ercsheet.gui.candidate_dialog import CandidateDialog
from ercsheet.gui.first_run import ProfileDialog
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.signing import AuditTrailDialog
from ercsheet.store.store import Store
from tests.conftest import TODAY
from tests.gui.signing.conftest import PIN
from tests.gui.window.modal import when_modal_opens


def sign_example(store: Store, sheet_id: int) -> None:
    """The example sheet completed, then signed by the candidate and sealed by the assessor."""
    store.set_pin(PIN)
    store.set_tick(store.evidence_ids(sheet_id)[0], "3.4", True)
    for role, name in ((Role.CANDIDATE, "Siân Llewellyn"), (Role.ASSESSOR, "Pat Jones")):
        signature = Signature(role, name, TODAY, SignatureKind.TYPED)
        store.add_signature(sheet_id, signature, TODAY, pin=PIN)


def action(window: MainWindow, text: str) -> QAction:
    [found] = [a for a in window.findChildren(QAction) if a.text() == text]
    return found


def test_the_candidate_list_menu_opens_the_candidates_audit_trail(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    candidate = window.candidates.candidate_id
    assert candidate is not None
    menu = window.candidates.context_menu()
    assert menu is not None
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "Edit…",
        "New sheet…",
        "Register on a qualification…",
        "Progress…",
        "Audit trail…",
        "Delete candidate…",
    ]
    [audit] = [a for a in menu.actions() if a.text() == "Audit trail…"]
    with qtbot.waitSignal(window.candidates.audit_trail) as asked:
        audit.trigger()
    assert asked.args == [candidate]
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AuditTrailDialog)
    assert dialog.column("What")[0] == "candidate added"
    assert dialog.chain_status.text().startswith("Intact:")
    dialog.close()


def test_the_tools_menu_has_the_candidates_audit_trail_and_the_pin(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    action(window, "Candidate's &audit trail…").trigger()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AuditTrailDialog)
    assert str(example_sheet) in dialog.column("Sheet")
    dialog.close()

    # The store's refusal says "Set your PIN first (Assessor → PIN…)": it is there, beside
    # the profile and the database's encryption.
    assessor = action(window, "A&ssessor").menu()
    assert isinstance(assessor, QMenu)
    assert "P&IN…" in [a.text() for a in assessor.actions()]


def test_correcting_a_candidate_with_signed_sheets_says_what_is_kept(
    qtbot: QtBot, window: MainWindow, example_sheet: int
) -> None:
    store = window.store
    candidate = window.candidates.candidate_id
    assert candidate is not None
    draft = CandidateDialog(store, store.candidate(candidate))
    qtbot.addWidget(draft)
    assert not draft.signed_note.isVisibleTo(draft)  # nothing signed yet

    sign_example(store, example_sheet)
    dialog = CandidateDialog(store, store.candidate(candidate))
    qtbot.addWidget(dialog)
    assert dialog.signed_note.isVisibleTo(dialog)
    assert dialog.signed_note.text() == (
        "1 signed sheet keeps the details it was signed with; drafts follow this correction. "
        "To correct a signed sheet, reopen it."
    )
    dialog.name.setText("Siân Llewellyn-Hughes")
    dialog.accept()
    assert store.candidate(candidate).name == "Siân Llewellyn-Hughes"
    assert store.sheet(example_sheet).candidate.name.startswith("Siân Llewellyn")
    assert store.sheet(example_sheet).candidate.name != "Siân Llewellyn-Hughes"


def test_a_new_candidate_has_no_note_about_signed_sheets(qtbot: QtBot, window: MainWindow) -> None:
    dialog = CandidateDialog(window.store)
    qtbot.addWidget(dialog)
    assert not dialog.signed_note.isVisibleTo(dialog)


def test_the_profile_dialog_shows_the_signing_key_s_fingerprint(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.store.set_pin("2468")
    dialog = ProfileDialog(window.store, window)
    qtbot.addWidget(dialog)
    fingerprint = window.store.key_fingerprint()
    assert fingerprint is not None and len(fingerprint) == 19
    assert dialog.key.text().startswith(fingerprint)


def test_help_about_says_the_version_and_where_everything_is_kept(window: MainWindow) -> None:
    from ercsheet import __version__
    from ercsheet.gui.about import about_text

    assert action(window, "&About ercsheet…") is not None
    text = about_text(window.store.path)
    assert f"ercsheet {__version__}" in text
    assert f"Database: {window.store.path}" in text
    assert "Backups: " in text and "network" in text


def test_a_candidate_number_already_used_at_the_centre_is_asked_about(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.store
    store.add_candidate("Łukasz Żółć", "0042", "12345")
    dialog = CandidateDialog(store)
    qtbot.addWidget(dialog)
    dialog.name.setText("Dafydd ap Gruffŵdd")
    dialog.number.setText("0042")
    dialog.centre.setText("12345")
    seen: list[str] = []

    def answer_no(box: QMessageBox) -> None:
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    when_modal_opens(answer_no, kind=QMessageBox)
    dialog.accept()
    assert seen == [
        "Łukasz Żółć already has candidate number 0042 at centre 12345. Keep the same number "
        "for this candidate too?"
    ]
    assert [c.name for c in store.candidates("", 10, 0)] == ["Łukasz Żółć"]  # nobody added
    dialog.centre.setText("67890")  # another centre's 0042: nothing to ask
    dialog.accept()
    assert sorted(c.name for c in store.candidates("", 10, 0)) == [
        "Dafydd ap Gruffŵdd",
        "Łukasz Żółć",
    ]
