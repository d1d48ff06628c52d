"""Encrypted exchange files from the window: exported with a passphrase typed twice, imported
after the window asks for it (again, when it is wrong)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from ercsheet.gui.file_passphrase import ExportPassphraseDialog, ImportPassphraseDialog
from ercsheet.gui.main_window import MainWindow
from ercsheet.store import envelope
from tests.gui.window.file_dialogs import open_files, save_to
from tests.gui.window.modal import when_modal_opens

PASSPHRASE = "heddiw mae'n bwrw glaw"


def type_and_enter(field: QWidget, text: str) -> None:
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)


def export_encrypted(
    qtbot: QtBot, window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """Export the open sheet encrypted, mistyping the second passphrase once; the errors seen."""
    save_to(monkeypatch, path)
    errors: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportPassphraseDialog)
        type_and_enter(dialog.new, PASSPHRASE)  # Enter with the second field empty
        errors.append(dialog.error.text())
        assert dialog.isVisible()
        QTest.keyClicks(dialog.again, PASSPHRASE)
        QTest.keyClick(dialog.again, Qt.Key.Key_Return)

    when_modal_opens(fill, kind=ExportPassphraseDialog)
    window.controller.export_exchange_encrypted()
    return errors


def test_an_encrypted_export_needs_the_passphrase_twice_and_hides_the_name(
    qtbot: QtBot,
    window: MainWindow,
    example_sheet: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent = tmp_path / "sent.json"
    errors = export_encrypted(qtbot, window, sent, monkeypatch)
    assert errors == ["The two passphrases differ: type the same one twice."]
    text = sent.read_text(encoding="utf-8")
    assert envelope.is_sealed(text)
    for secret in ("Siân", "Llewellyn", "Sian"):
        assert secret not in text
    assert "Siân Llewellyn" in envelope.unseal(text, PASSPHRASE)


def test_cancelling_the_passphrase_writes_no_file(
    qtbot: QtBot,
    window: MainWindow,
    example_sheet: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent = tmp_path / "sent.json"
    save_to(monkeypatch, sent)
    when_modal_opens(lambda dialog: dialog.close(), kind=ExportPassphraseDialog)
    window.controller.export_exchange_encrypted()
    assert not sent.exists()


@pytest.fixture
def sealed(
    qtbot: QtBot,
    window: MainWindow,
    example_sheet: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """The example sheet exported encrypted, chosen in the next open-files dialog."""
    sent = tmp_path / "sent.json"
    export_encrypted(qtbot, window, sent, monkeypatch)
    open_files(monkeypatch, sent)
    return sent


def summary_into(seen: list[str]) -> Callable[[QWidget], None]:
    """Reads the import's summary box into `seen`, then closes it."""

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text() + "\n" + box.informativeText())
        box.accept()

    return read


def test_importing_encrypted_files_asks_their_passphrase_until_it_is_right(
    qtbot: QtBot, window: MainWindow, example_sheet: int, sealed: Path
) -> None:
    # The file holds the sheet as exported; changed since, the store's sheet is not the same
    # one, so the file is imported as a new sheet (an identical one would be recognised).
    exported = window.store.sheet(example_sheet)
    window.store.set_tick(window.store.evidence_ids(example_sheet)[0], "3.4", True)
    before = {s.id for s in window.store.sheets()}
    seen: list[str] = []

    def right(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportPassphraseDialog)
        seen.append("asked again, told it was wrong")
        when_modal_opens(summary_into(seen), kind=QMessageBox)
        type_and_enter(dialog.field, PASSPHRASE)

    def wrong(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportPassphraseDialog)
        when_modal_opens(right, after=dialog, kind=ImportPassphraseDialog)
        type_and_enter(dialog.field, "not the passphrase")

    when_modal_opens(wrong, kind=ImportPassphraseDialog)
    window.controller.import_files()
    assert seen[0] == "asked again, told it was wrong"
    assert "1 of 1 file(s) imported" in seen[1]
    new = {s.id for s in window.store.sheets()} - before
    assert len(new) == 1
    assert window.store.sheet(new.pop()) == exported


def test_leaving_encrypted_files_reports_them_refused(
    qtbot: QtBot, window: MainWindow, sealed: Path
) -> None:
    before = len(window.store.sheets())
    seen: list[str] = []

    def leave(dialog: QWidget) -> None:
        when_modal_opens(summary_into(seen), kind=QMessageBox)
        dialog.close()

    when_modal_opens(leave, kind=ImportPassphraseDialog)
    window.controller.import_files()
    assert "✗ sent.json: refused — the file is encrypted" in seen[0]
    assert len(window.store.sheets()) == before
