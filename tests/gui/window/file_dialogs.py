"""The file dialogs' answers, as if the assessor had chosen these files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The save dialog answers `path`."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(path), ""))


def open_files(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    """The open-files dialog answers `paths`."""
    chosen = [str(path) for path in paths]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: (chosen, ""))
