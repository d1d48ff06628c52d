"""The passphrase dialogs, typed into as an assessor would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from ercsheet.gui.passphrase_dialog import PassphraseDialog, UnlockDialog
from ercsheet.store import cipher
from ercsheet.store.store import Store

SECRET = "a walk on Cadair Idris"


def test_an_encrypted_database_opens_only_with_its_passphrase(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "locked.sqlite3"
    Store(database, passphrase=SECRET).close()
    dialog = UnlockDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.field, "not it")
    QTest.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.isVisible() and "does not open this database" in dialog.error.text()
    dialog.field.clear()
    QTest.keyClicks(dialog.field, SECRET)
    QTest.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    assert dialog.passphrase == SECRET


def test_the_first_run_recommends_encryption_and_declining_is_explicit(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = Store(tmp_path / "new.sqlite3")
    dialog = PassphraseDialog(store, first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.plain_button is not None
    assert dialog.plain_button.text() == "Continue without encryption"
    QTest.mouseClick(dialog.plain_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert not cipher.is_encrypted(store.path) and store.passphrase is None
    store.close()


def test_a_passphrase_is_set_typed_twice_then_removed(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store(tmp_path / "data.sqlite3")
    store.add_candidate("Łukasz Żółć")
    dialog = PassphraseDialog(store, first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.new, SECRET)
    QTest.keyClicks(dialog.again, SECRET + "!")
    QTest.mouseClick(dialog.encrypt_button, Qt.MouseButton.LeftButton)
    assert "differ" in dialog.error.text() and not cipher.is_encrypted(store.path)
    dialog.again.clear()
    QTest.keyClicks(dialog.again, SECRET)
    QTest.mouseClick(dialog.encrypt_button, Qt.MouseButton.LeftButton)
    assert cipher.is_encrypted(store.path) and store.passphrase == SECRET
    assert [c.name for c in store.candidates()] == ["Łukasz Żółć"]
    remove = PassphraseDialog(store, first_run=False)
    qtbot.addWidget(remove)
    remove.show()
    assert remove.plain_button is not None and remove.plain_button.text() == "Remove encryption"
    QTest.mouseClick(remove.plain_button, Qt.MouseButton.LeftButton)
    assert not cipher.is_encrypted(store.path) and store.passphrase is None
    store.close()


def test_escape_on_the_first_run_offer_is_no_answer(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store(tmp_path / "new.sqlite3")
    dialog = PassphraseDialog(store, first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert "Choose: encrypt with a passphrase, or continue without" in dialog.error.text()
    assert dialog.plain_button is not None
    QTest.mouseClick(dialog.plain_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted and not dialog.isVisible()
    store.close()
