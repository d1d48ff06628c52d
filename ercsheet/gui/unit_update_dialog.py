"""Edit → Update sheet to the unit's current version…: what changes on the sheet, in an
assessor's words, the ticks it drops confirmed by name, then the store's operation."""

from __future__ import annotations

import html

from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import SheetContent
from ercsheet.domain.unit_update import UnitChanges, unit_changes
from ercsheet.gui.dialog_parts import open_tall_enough, stacked
from ercsheet.gui.operation import Refusal, attempt
from ercsheet.gui.qt.core import Qt
from ercsheet.gui.qt.widgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QWidget,
)
from ercsheet.gui.signing.problems import ProblemList, in_sentence
from ercsheet.gui.unit_notice import notice_text
from ercsheet.store.store import Store

TITLE = "Update to the unit's current version"


def changes_html(changes: UnitChanges) -> str:
    """The differences under their headings, each a line of the list."""
    return "".join(
        f"<p><b>{html.escape(heading)}</b></p><ul>"
        + "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        + "</ul>"
        for heading, lines in changes.sections()
    )


class UnitUpdateDialog(QDialog):
    """Shows what updating the draft sheet to `current` changes; Update the sheet does it."""

    def __init__(
        self,
        store: Store,
        sheet_id: int,
        content: SheetContent,
        current: Unit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store, self._sheet_id, self._current = store, sheet_id, current
        self.changes: UnitChanges | None = None  # what was changed, once updated
        pending = unit_changes(content.unit, current, content.evidence)
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(640)
        intro = QLabel(
            f"{notice_text(content.unit, pending)} The sheet then has the unit as its file is "
            "now, and the audit trail records each change.",
            self,
        )
        intro.setWordWrap(True)
        self.details = QTextBrowser(self)
        self.details.setObjectName("unitChanges")
        self.details.setAccessibleName("What changes")
        self.details.setHtml(changes_html(pending))
        self.details.setMinimumHeight(220)  # a few differences in view without scrolling
        parts: list[QWidget] = [intro, self.details]

        signed = [content.signer_label(*s.signer) for s in content.signatures]
        if signed:
            who = " and ".join(f"the {in_sentence(label)}'s" for label in signed)
            voided = QLabel(
                f"{who[0].upper()}{who[1:]} signature is removed: they signed the sheet as it "
                "was, and sign again, as after any change of the evidence.",
                self,
            )
            voided.setObjectName("voidedSignatures")
            voided.setWordWrap(True)
            parts.append(voided)

        self.drop = QCheckBox(self)
        self.drop.setObjectName("dropTicks")
        if pending.dropped:
            titles = {row.ref: row.title for row in content.evidence}
            named = "".join(
                f"<li>{html.escape(tick.ref)} ({html.escape(titles.get(tick.ref, ''))}) × "
                f"{html.escape(tick.criterion)}</li>"
                for tick in pending.dropped
            )
            dropped = QLabel(
                "<p>These ticks are on criteria the unit no longer has. They are dropped "
                f"(each is listed in the audit trail):</p><ul>{named}</ul>",
                self,
            )
            dropped.setObjectName("droppedTicks")
            dropped.setTextFormat(Qt.TextFormat.RichText)
            dropped.setWordWrap(True)
            count = len(pending.dropped)
            self.drop.setText(f"&Drop {'this tick' if count == 1 else f'these {count} ticks'}")
            parts += [dropped, self.drop]
        self.drop.setVisible(bool(pending.dropped))

        self.problems = ProblemList(self)
        self.buttons = QDialogButtonBox(self)
        self.update_button = self.buttons.addButton(
            "&Update the sheet", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.update_sheet)
        self.buttons.rejected.connect(self.reject)
        # Ticks are dropped only once the assessor has read them and said so.
        self.update_button.setEnabled(not pending.dropped)
        self.drop.toggled.connect(self.update_button.setEnabled)
        stacked(self, *parts, self.problems, self.buttons)
        open_tall_enough(self)

    def update_sheet(self) -> None:
        unit, drop = self._current, self.drop.isChecked()
        result = attempt(lambda: self._store.update_sheet_unit(self._sheet_id, unit, drop))
        if isinstance(result, Refusal):
            self.problems.show_problems(result.as_problems, heading="The sheet was not updated:")
            return
        self.changes = result
        self.accept()
