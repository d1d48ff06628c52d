"""Encrypting takes seconds (the database and every backup are copied with the new key): seen in
the window, the dialog sat still meanwhile, "The two passphrases differ" still under the fields
and nothing saying it was working. Now the copying runs beside the window, which keeps
repainting; the dialog says what it is doing, shows it busy, and takes no clicks."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from ercsheet.gui.main_window import MainWindow
from ercsheet.gui.passphrase_dialog import PassphraseDialog
from ercsheet.store import cipher, swaps

SECRET = "a walk on Cadair Idris"


def test_encrypting_shows_it_is_busy_and_clears_the_old_error(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The copying waits until the dialog has been looked at while it runs.
    looked = threading.Event()
    rekey: Callable[[Path, str | None, str | None], list[Path]] = swaps.rekey
    copied_on: list[threading.Thread] = []

    def slow_rekey(database: Path, old: str | None, new: str | None) -> list[Path]:
        copied_on.append(threading.current_thread())
        assert looked.wait(10)
        return rekey(database, old, new)

    monkeypatch.setattr(swaps, "rekey", slow_rekey)
    dialog = PassphraseDialog(window.store, first_run=False, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.new, SECRET)
    QTest.keyClicks(dialog.again, SECRET + "!")
    dialog.encrypt_button.click()
    assert "differ" in dialog.error.text() and dialog.error.isVisibleTo(dialog)
    dialog.again.setText(SECRET)

    seen: dict[str, object] = {}

    def look() -> None:
        if not copied_on or looked.is_set():
            return
        seen["error shown"] = dialog.error.isVisibleTo(dialog)
        seen["working"] = dialog.working.text() if dialog.working.isVisibleTo(dialog) else ""
        seen["progress shown"] = dialog.progress.isVisibleTo(dialog)
        seen["can click"] = dialog.encrypt_button.isEnabled() or dialog.new.isEnabled()
        cursor = QGuiApplication.overrideCursor()
        seen["cursor"] = cursor.shape().name if cursor is not None else None
        dialog.reject()  # Escape meanwhile: it finishes all the same
        window.repaint()  # the window paints while the files are copied
        looked.set()

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(5)  # runs only if the window's thread is free while the copying goes on
    dialog.encrypt_button.click()
    timer.stop()

    assert looked.is_set()
    assert copied_on[0] is not threading.main_thread()
    assert seen == {
        "error shown": False,
        "working": "Encrypting the database and its backups… This takes a few seconds.",
        "progress shown": True,
        "can click": False,
        "cursor": "WaitCursor",
    }
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert QGuiApplication.overrideCursor() is None
    # The store works on, on the window's thread, with the new key.
    assert window.store.passphrase == SECRET
    assert cipher.is_encrypted(window.store.path)
    assert window.store.candidates() == []
