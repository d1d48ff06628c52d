"""What the window's dialogs share: the red of a refusal, the error line under a form, OK and
Cancel, the parts stacked top to bottom. One look for every dialog, written once."""

from __future__ import annotations

from collections.abc import Callable

from ercsheet.gui.qt.widgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color:#a40000;"
# A refusal or warning across the top of a view (the grid's, the signing panel's).
BANNER_STYLE = "background:#fde3e1; color:#a40000; padding:6px; border-radius:4px;"


def error_label(parent: QWidget, object_name: str = "") -> QLabel:
    """The line that says what is wrong with a form: red, wrapped, hidden until needed."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    """Say what is wrong under the form, the dialog growing to fit it: a top-level window does
    not grow by itself, and would squeeze its wrapped text (an introduction) to make room."""
    label.setText(text)
    label.show()
    window = label.window()
    if window.isVisible():
        # Taller, never narrower: adjustSize could also change the width, rewrapping the
        # introduction so that the fields moved under the pointer (a click meant for one
        # radio button landed on the other).
        grow_to_fit(window)
    else:
        window.adjustSize()


def show_error_or_hide(label: QLabel, text: str | None) -> None:
    """Say `text` under the form, or nothing when it is None or empty."""
    if text:
        if label.isHidden() or label.text() != text:
            show_error(label, text)
    else:
        label.clear()
        label.hide()


def when_edited(action: Callable[[], None], *fields: QWidget) -> None:
    """Run `action` at every edit of `fields`: text typed or deleted, a choice made."""
    for field in fields:
        if isinstance(field, QLineEdit | QPlainTextEdit):
            field.textChanged.connect(lambda *_: action())
        elif isinstance(field, QAbstractButton):
            field.toggled.connect(lambda *_: action())
        else:
            raise TypeError(f"no edit signal known for {type(field).__name__}")


def recheck_while_shown(hint: QWidget, recheck: Callable[[], None], *fields: QWidget) -> None:
    """Once `hint` says what is wrong, every edit of `fields` runs `recheck`, which says it
    again as it now stands or takes the hint away: a hint never outlives what it is about
    ("needs a name" under the name just typed). Before the first OK nothing is judged."""

    def again() -> None:
        if not hint.isHidden():
            recheck()

    when_edited(again, *fields)


def live_error(label: QLabel, check: Callable[[], str | None], *fields: QWidget) -> None:
    """The error line under a form follows the edits once shown: `check` is what the dialog
    can tell is wrong without the store (None: nothing, and the line goes; a refusal only the
    store can judge goes at the next edit, and OK asks the store again)."""
    recheck_while_shown(label, lambda: show_error_or_hide(label, check()), *fields)


def grow_to_fit(window: QWidget) -> None:
    """Make a shown window tall enough for what its layout holds at its width: a refusal
    appearing in it would otherwise squeeze its wrapped text and its fields. Never shrinks
    it (the assessor may have made it bigger)."""
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    width = window.width()
    if layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(width)
    else:
        needed = layout.totalSizeHint().height()
    if needed > window.height():
        window.resize(width, needed)


# What a window's title bar and frame take, at most, beyond its own height.
TITLE_BAR = 40


def open_tall_enough(window: QWidget) -> None:
    """Size a window before it is first shown to the height its contents need at the width it
    asks for, within the screen: Qt opens a window at most two thirds of the screen tall, which
    at 1366 × 768 squeezed the signing pad under the declaration above it."""
    hint = window.sizeHint()
    room = window.screen().availableGeometry().height() - TITLE_BAR
    window.resize(hint.width(), min(hint.height(), room))


def ok_cancel(dialog: QDialog, ok_text: str = "", cancel_text: str = "") -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    if cancel_text:
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def stacked(dialog: QDialog, *parts: QWidget | QLayout) -> QVBoxLayout:
    """The parts top to bottom. Room the dialog has to spare (an error line gone, the dialog
    made taller) goes above its buttons, never between its fields: a field that moved when an
    error went took a click meant for the one above it."""
    layout = QVBoxLayout(dialog)
    for index, part in enumerate(parts):
        if index == len(parts) - 1 and isinstance(part, QDialogButtonBox):
            layout.addStretch(1)
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    return layout
