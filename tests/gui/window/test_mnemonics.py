"""Each Alt+letter of the window does one thing: a letter used twice made Alt+A (Add evidence)
open the Assessor menu instead, and the words typed next went into the assessor's profile."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtWidgets import QAbstractButton, QLabel

from ercsheet.gui.main_window import MainWindow

MNEMONIC = re.compile(r"&([^&\s])")


def letters(text: str) -> list[str]:
    return [m.casefold() for m in MNEMONIC.findall(text.replace("&&", ""))]


def test_every_alt_letter_of_the_window_is_used_once(
    window: MainWindow, signed_example: int
) -> None:
    texts = [action.text() for action in window.menuBar().actions()]
    texts += [b.text() for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    texts += [
        label.text()
        for label in window.findChildren(QLabel)
        if label.buddy() is not None and label.isVisibleTo(window)
    ]
    used = Counter(letter for text in texts for letter in letters(text))
    assert [letter for letter, count in used.items() if count > 1] == []
    assert {"f", "e", "t", "s", "h", "a"} <= set(used)  # the menus, and Add evidence
