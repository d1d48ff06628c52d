"""The notice over an open sheet whose unit's file has changed since the sheet took its copy of
the unit: what changed, in a line, and Update… (a draft), or a quiet note (a signed sheet, which
keeps the unit it was signed against)."""

from __future__ import annotations

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import SheetContent
from ercsheet.domain.unit_update import UnitChanges, unit_changes
from ercsheet.gui.qt.core import Qt, Signal
from ercsheet.gui.qt.widgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

NOTICE_STYLE = "#unitNotice { background:#fff1c7; border-radius:4px; } QLabel { color:#5c3d00; }"
QUIET_STYLE = "#unitNotice QLabel { color:#555; }"


def notice_text(kept: Unit, changes: UnitChanges) -> str:
    """What the notice over a draft says: what changed, and what updating does for it."""
    text = (
        "This unit's file has changed since this sheet was made (or last updated) — "
        f"{changes.summary()}."
    )
    if changes.completes:
        text += " Updating the sheet lets it be signed off."
    elif changes.incomplete and not kept.complete:
        text += (
            " The unit is still not all transcribed: once its file is complete, updating lets "
            "the sheet be signed off."
        )
    elif changes.incomplete:
        text += (
            " The file now says the unit's criteria are not all transcribed: once updated, the "
            "sheet cannot be signed off until the file is complete and the sheet updated again."
        )
    if changes.dropped:
        count = len(changes.dropped)
        text += (
            f" Updating drops {count} tick{'s' if count > 1 else ''} on criteria it no longer has."
        )
    return text


SIGNED_NOTE = (
    "A newer version of this unit's file exists; this signed sheet keeps the unit it was "
    "signed against."
)


class UnitNotice(QFrame):
    """Shown over the grid when the catalogue's unit differs from the sheet's copy of it."""

    update_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitNotice")
        self.label = QLabel(self)
        self.label.setObjectName("unitNoticeText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton("Update…", self)
        self.button.setObjectName("updateUnitButton")
        self.button.setAccessibleName("Update the sheet to the unit's current version")
        self.button.clicked.connect(self.update_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.changes: UnitChanges | None = None
        self.hide()

    def show_for(self, content: SheetContent, current: Unit | None, locked: bool) -> None:
        """Say how `current` (the catalogue's version of the sheet's unit) differs from the
        sheet's copy, if it does."""
        self.changes = None
        if current is None or current == content.unit:
            self.hide()
            return
        if locked:
            self.setStyleSheet(QUIET_STYLE)
            self.label.setText(SIGNED_NOTE)
            self.button.hide()
        else:
            self.changes = unit_changes(content.unit, current, content.evidence)
            self.setStyleSheet(NOTICE_STYLE)
            self.label.setText(notice_text(content.unit, self.changes))
            self.button.show()
        self.show()
