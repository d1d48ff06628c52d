"""What the right of the window shows when no sheet is chosen: what to do next, in words, with
the button that does it. Never a sheet that is not the one selected on the left."""

from __future__ import annotations

from ercsheet.gui.qt.core import Qt, Signal
from ercsheet.gui.qt.gui import QKeySequence
from ercsheet.gui.qt.widgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from ercsheet.store.store import CandidateInfo


def _keys(key: QKeySequence.StandardKey | str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


class EmptyPane(QWidget):
    new_candidate = Signal()
    new_sheet = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyPane")
        self.text = QLabel(self)
        self.text.setObjectName("emptyPaneText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setStyleSheet("font-size: 12pt; color: #333;")
        self.text.setMaximumWidth(560)
        self.new_candidate_button = QPushButton("New candidate…", self)
        self.new_candidate_button.setObjectName("emptyNewCandidateButton")
        self.new_candidate_button.clicked.connect(self.new_candidate)
        self.new_sheet_button = QPushButton("New sheet…", self)
        self.new_sheet_button.setObjectName("emptyNewSheetButton")
        self.new_sheet_button.clicked.connect(self.new_sheet)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_candidate_button)
        buttons.addWidget(self.new_sheet_button)
        buttons.addStretch(1)
        # Centred by stretches, not by an alignment: an aligned label is laid out at its
        # one-line height, and its wrapped lines would be cut off.
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self.text, 4)
        centred.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(centred)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_for(self, candidate: CandidateInfo | None, sheets: int, anyone_listed: bool) -> None:
        """What to do next: add a candidate, choose one, start their first sheet, or choose
        one of their sheets."""
        new_candidate = f"New candidate… ({_keys('Ctrl+Shift+N')})"
        new_sheet = f"New sheet… ({_keys(QKeySequence.StandardKey.New)})"
        if candidate is None and not anyone_listed:
            text = (
                "No candidate is listed. Add the candidate you are assessing with "
                f"{new_candidate}; then start a sheet for the unit you are assessing."
            )
        elif candidate is None:
            text = (
                "Choose a candidate on the left, or find one by name or number "
                f"({_keys(QKeySequence.StandardKey.Find)}). Their sheets are listed below the "
                "candidates."
            )
        elif sheets == 0:
            text = (
                f"{candidate.name} has no sheets yet. Start one for the unit you are assessing "
                f"with {new_sheet}."
            )
        else:
            which = "their sheet" if sheets == 1 else f"one of their {sheets} sheets"
            text = (
                f"{candidate.name}: choose {which} on the left to work on it, or start another "
                f"with {new_sheet}."
            )
        self.text.setText(text)
        self.new_candidate_button.setVisible(candidate is None)
        self.new_sheet_button.setVisible(candidate is not None)
