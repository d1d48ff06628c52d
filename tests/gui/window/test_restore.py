"""File → Restore a backup in the window: the data comes back, and the window keeps its lock on
the database throughout, so no second ercsheet can open it for writing afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ercsheet.gui.main_window import MainWindow
from ercsheet.store.instance_lock import AlreadyOpen
from ercsheet.store.store import Store


def restore_from_the_menu(
    window: MainWindow, backup: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """File → Restore a backup…, choosing `backup` and answering Yes; the messages shown."""
    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(backup), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: shown.append(text))
    [action] = [a for a in window.findChildren(QAction) if a.text() == "&Restore a backup…"]
    action.trigger()
    return shown


def test_the_window_keeps_its_lock_through_a_restore(
    window: MainWindow, example_sheet: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = window.store.backup("manual")
    assert taken is not None
    window.store.add_candidate("Added after the backup", "0099")
    with pytest.raises(AlreadyOpen):
        Store(window.store.path, exclusive=True)  # the window holds it before the restore…

    shown = restore_from_the_menu(window, taken, monkeypatch)

    assert shown and shown[0].startswith(f"Restored {taken.name}.")
    with pytest.raises(AlreadyOpen, match="already open on this database"):
        Store(window.store.path, exclusive=True)  # …and after it
    names = [c.name for c in window.store.candidates()]
    assert "Added after the backup" not in names and "Siân Llewellyn (example)" in names
    # Nothing of the sheet open before stays on screen to be ticked against the restored data.
    view = window.sheet_view
    assert view.sheet_id is None and view.model.rowCount() == 0
    assert view.signing_panel is None and view.signing_area.widget() is None
    assert window.coverage_label.text() == "" and view.details.toPlainText() == ""
    window.store.add_candidate("Added after the restore")  # the window still writes
    assert window.store.candidates("after the restore")


def test_a_refused_restore_changes_nothing_and_keeps_the_lock(
    window: MainWindow, example_sheet: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_backup = tmp_path / "notes.sqlite3"
    not_a_backup.write_text("not a database", encoding="utf-8")
    shown = restore_from_the_menu(window, not_a_backup, monkeypatch)
    assert shown and "nothing was changed" in shown[0]
    with pytest.raises(AlreadyOpen):
        Store(window.store.path, exclusive=True)
    assert window.store.sheet(example_sheet).candidate.name == "Siân Llewellyn (example)"
