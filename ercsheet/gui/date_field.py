"""A date field that takes a date as people type it (`5/10/2026`, `05/10/26`, `5 Oct`), day
first, with a calendar on demand.

QDateEdit ignores typed digits until a section is selected, and cannot take `5 Oct`: this is a
line edit read by the domain's one parser (`dates.parse_typed`). It holds no rule: whether a
date may be in the future is the rules' to say, where the date is used.
"""

from __future__ import annotations

import datetime as dt

from ercsheet.domain.dates import parse_typed, uk
from ercsheet.gui.qt.core import QDate, QEvent, Qt, QTimer, Signal
from ercsheet.gui.qt.gui import QFocusEvent, QKeyEvent
from ercsheet.gui.qt.widgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)


def qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)


class _DateLine(QLineEdit):
    """The typing part: focus selects the whole date, so what is typed replaces it; Up and
    Down step a day; Alt+Down or F4 opens the calendar."""

    step = Signal(int)
    calendar_wanted = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(event)
        # After the click that gave the focus has placed the cursor: a click selects all too.
        QTimer.singleShot(0, self.selectAll)

    @staticmethod
    def _wants_calendar(event: QKeyEvent) -> bool:
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        return event.key() == Qt.Key.Key_F4 or (alt and event.key() == Qt.Key.Key_Down)

    def event(self, event: QEvent) -> bool:
        # Alt+Down is also the window's "move row down": in a date field it opens the calendar.
        override = event.type() == QEvent.Type.ShortcutOverride
        if override and isinstance(event, QKeyEvent) and self._wants_calendar(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        if self._wants_calendar(event):
            self.calendar_wanted.emit()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not self.isReadOnly():
            self.step.emit(1 if key == Qt.Key.Key_Up else -1)
        else:
            super().keyPressEvent(event)


class DateField(QWidget):
    """`date()` is the date typed (None when empty or not a date; `problem()` says which)."""

    changed = Signal()  # the text changed
    entered = Signal()  # Enter, leaving the field after a change, or a day chosen in the calendar

    def __init__(
        self,
        today: dt.date,
        parent: QWidget | None = None,
        *,
        maximum: dt.date | None = None,
        optional: bool = False,
    ) -> None:
        """`maximum` bounds the calendar and the arrow keys (a typed date is the rules' to
        judge); `optional`: an empty field is no date rather than a problem."""
        super().__init__(parent)
        self._today, self._maximum, self._optional = today, maximum, optional
        self._entered_text = ""
        self.line = _DateLine(self)
        self.line.setPlaceholderText("dd/mm/yyyy")
        self.line.setAccessibleName("Date, day first")
        self.line.setToolTip("Type the date day first: 5/10/2026, 05/10/26 or 5 Oct")
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip("Choose the date on a calendar (Alt+Down)")
        self.calendar_button.setAccessibleName("Choose the date on a calendar")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar: QCalendarWidget | None = None  # made when first opened
        self._popup: QMenu | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(self.changed)
        self.line.editingFinished.connect(self.commit)
        self.line.step.connect(self._step)
        self.line.calendar_wanted.connect(self.open_calendar)
        self.calendar_button.clicked.connect(self.open_calendar)

    # --- what it holds -------------------------------------------------------------------------

    def text(self) -> str:
        return self.line.text()

    def date(self) -> dt.date | None:
        try:
            return parse_typed(self.line.text(), self._today)
        except ValueError:
            return None

    def problem(self) -> str:
        """Why the text is not a date, or "" (an optional field may be empty)."""
        if self._optional and not self.line.text().strip():
            return ""
        try:
            parse_typed(self.line.text(), self._today)
        except ValueError as error:
            return str(error)
        return ""

    def set_date(self, date: dt.date | None) -> None:
        """Show `date` (None: empty) as the value entered, without emitting `entered`."""
        self._entered_text = uk(date)
        self.line.setText(self._entered_text)

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        self.calendar_button.setEnabled(not read_only)

    # --- typing, stepping, the calendar --------------------------------------------------------

    def commit(self) -> None:
        """Enter pressed or the field left (or the window closes): emit `entered` if the text
        changed since the last time."""
        date = self.date()
        if date is not None:
            self.line.setText(uk(date))  # shows how `5 Oct` was read
            if self.line.hasFocus():  # what is typed next replaces it; left, nothing selected
                self.line.selectAll()
            else:
                self.line.deselect()
        if self.line.text() != self._entered_text:
            self._entered_text = self.line.text()
            self.entered.emit()

    def _step(self, days: int) -> None:
        date = (self.date() or self._today) + dt.timedelta(days=days)
        if self._maximum is not None:
            date = min(date, self._maximum)
        self.line.setText(uk(date))

    def open_calendar(self) -> None:
        if self.line.isReadOnly():
            return
        if self._popup is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)  # as UK calendars are printed
            self.calendar.setGridVisible(True)
            if self._maximum is not None:
                self.calendar.setMaximumDate(qdate(self._maximum))
            self.calendar.clicked.connect(self._chosen)
            self.calendar.activated.connect(self._chosen)
            self._popup = QMenu(self)
            action = QWidgetAction(self._popup)
            action.setDefaultWidget(self.calendar)
            self._popup.addAction(action)
        assert self.calendar is not None
        self.calendar.setSelectedDate(qdate(self.date() or self._today))
        self._popup.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.setFocus()

    def _chosen(self, chosen: QDate) -> None:
        if self._popup is not None:
            self._popup.hide()
        self.line.setText(uk(dt.date(chosen.year(), chosen.month(), chosen.day())))
        self.line.setFocus()
        self.commit()
