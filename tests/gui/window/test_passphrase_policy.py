"""The window's passphrase entries refuse what the domain's policy refuses, with its message, as
`ercsheet passphrase` and `ercsheet export --encrypt` do (tests/test_cli_passphrase.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget

from ercsheet.domain.passphrase import passphrase_problems
from ercsheet.gui.file_passphrase import ExportPassphraseDialog
from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.passphrase_dialog import PassphraseDialog
from ercsheet.store import cipher
from tests.gui.window.file_dialogs import save_to
from tests.gui.window.modal import when_modal_opens


def texts(dialog: QWidget) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())


def cut_short(dialog: QWidget) -> list[str]:
    """The wrapped texts shown in less height than they need (their last lines cut off)."""
    return [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.isVisible()
        and label.wordWrap()
        and label.height() < label.heightForWidth(label.width())
    ]


def test_database_encryption_refuses_a_short_passphrase_and_says_why(
    window: MainWindow, example_sheet: int
) -> None:
    before = window.store.path.read_bytes()
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, PassphraseDialog)
        seen.append(texts(dialog))
        QTest.keyClicks(dialog.new, "abc")
        QTest.keyClicks(dialog.again, "abc")
        QTest.mouseClick(dialog.encrypt_button, Qt.MouseButton.LeftButton)
        seen.append(texts(dialog) if dialog.isVisible() else "accepted")
        seen.append("\n".join(cut_short(dialog)))
        dialog.reject()

    when_modal_opens(fill, kind=PassphraseDialog)
    window.controller.edit_encryption()
    assert "at least 8 characters" in seen[0]  # said before anything is typed
    assert passphrase_problems("abc")[0].message in seen[1]
    assert seen[2] == ""  # the dialog grew to show the refusal: nothing of its text is cut off
    assert window.store.passphrase is None and not cipher.is_encrypted(window.store.path)
    assert window.store.path.read_bytes() == before


def test_a_short_passphrase_for_an_exchange_file_is_refused_and_nothing_written(
    window: MainWindow, example_sheet: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = tmp_path / "sent.json"
    save_to(monkeypatch, sent)
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportPassphraseDialog)
        QTest.keyClicks(dialog.new, "glaw")
        QTest.keyClicks(dialog.again, "glaw")
        QTest.keyClick(dialog.again, Qt.Key.Key_Return)
        seen.append(dialog.error.text() if dialog.isVisible() else "accepted")
        seen.extend(cut_short(dialog))
        dialog.reject()

    when_modal_opens(fill, kind=ExportPassphraseDialog)
    window.controller.export_exchange_encrypted()
    assert seen == [passphrase_problems("glaw")[0].message]
    assert not sent.exists()
