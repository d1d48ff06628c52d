"""What a signer is signing, shown above the signature: the form's declaration for their role,
the line their signature goes on with their name where the form puts it, and, where the form
prints no declaration, what the signature records."""

from __future__ import annotations

from ercsheet.domain.declarations import Declaration
from ercsheet.gui.dialog_parts import grow_to_fit
from ercsheet.gui.qt.core import QSize, Qt
from ercsheet.gui.qt.widgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

BOX_STYLE = "#declaration { background:#f3f6fb; border:1px solid #c5cfdf; border-radius:4px; }"
CAPTION_STYLE = "color:#5c6270;"
# The declaration stands out from the dialog's other text, as it does on the form.
STATEMENT_SCALE = 1.25
# Longer wording (a unit file's own, one day) scrolls rather than push the pad off a small screen.
MOST_OF_SCREEN = 0.3
# Squeezed (a dialog made small by hand), it still shows a few lines and scrolls the rest.
MINIMUM_LINES = 4
# What stands on the signature line before the name is typed, and for the signature itself.
NO_NAME = "(your name, typed below)"
SIGNED_BELOW = "(your signature, below)"


class DeclarationView(QScrollArea):
    """The declaration in a framed box, word-wrapped, scrolling when it is too long to show."""

    def __init__(self, declaration: Declaration, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._declaration = declaration
        box = self._box = QFrame(self)
        box.setObjectName("declaration")
        box.setStyleSheet(BOX_STYLE)
        self.caption = _label(box, _caption(declaration))
        self.caption.setStyleSheet(CAPTION_STYLE)
        self.statement = _label(box, declaration.statement)
        self.statement.setVisible(bool(declaration.statement))
        self.signer = _label(box, "")
        # The form's words stand out: its statement, or where it has none, the line itself.
        _stand_out(self.statement if declaration.statement else self.signer)
        self.records = _label(box, declaration.records)
        self.records.setVisible(bool(declaration.records))
        layout = QVBoxLayout(box)
        for part in (self.caption, self.statement, self.signer, self.records):
            layout.addWidget(part)
        self.setWidget(box)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Never taller than its words: a dialog made taller gives the room to the pad.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.set_name(name)

    def set_name(self, name: str) -> None:
        """Show `name` where the form puts the signer's name."""
        self.signer.setText(signer_line(self._declaration, name))
        self.updateGeometry()
        grow_to_fit(self.window())  # a long name wraps: room for it, not taken from the pad

    def text(self) -> str:
        """All the box says, as a reader sees it (the tests read this)."""
        parts = (self.caption, self.statement, self.signer, self.records)
        return "\n".join(p.text() for p in parts if not p.isHidden() and p.text())

    # The box is as tall as its words at the dialog's width, up to a share of the screen.

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        box = self._box
        inner: int = (
            box.heightForWidth(width) if box.hasHeightForWidth() else box.sizeHint().height()
        )
        return min(inner, self._most())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # At the width it asks for: before it is shown, its own width is far too narrow.
        width = super().sizeHint().width()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # Not its height at its current width: the dialog's minimum size is set from this
        # before the box has its width, and a narrow box's height kept the dialog far too tall.
        lines = self.fontMetrics().lineSpacing() * MINIMUM_LINES
        return QSize(super().minimumSizeHint().width(), min(lines, self._most()))

    def _most(self) -> int:
        return int(self.screen().availableGeometry().height() * MOST_OF_SCREEN)


def signer_line(declaration: Declaration, name: str) -> str:
    """The signer's name where the form puts it: in its own field (the assessor's block
    capitals), else on the signature line. Where the signature itself goes, words say so: an
    ellipsis there ("Signature of assessor: …") read as text cut off."""
    name = name.strip() or NO_NAME
    if declaration.name_label:
        printed = declaration.printed_name(name) if name != NO_NAME else name
        return f"{declaration.line} {SIGNED_BELOW}   {declaration.name_label} {printed}"
    return f"{declaration.line} {name}"


def _caption(declaration: Declaration) -> str:
    if declaration.statement:
        return "What you declare, as printed on the form above your signature:"
    return "Your signature line, as printed on the form:"


def _stand_out(label: QLabel) -> None:
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * STATEMENT_SCALE)
    label.setFont(font)


def _label(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the words are shown as written, never as HTML
    label.setWordWrap(True)
    return label
