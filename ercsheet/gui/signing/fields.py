"""Small input pieces the signing dialogs share: dates as assessors write them, PIN fields."""

from __future__ import annotations

import datetime as dt

from ercsheet.gui.date_field import DateField
from ercsheet.gui.qt.widgets import QLineEdit, QWidget


def date_edit(today: dt.date, parent: QWidget | None = None) -> DateField:
    """A date typed as people type it (the evidence panel's field), today by default; its
    calendar and arrow keys stop at today, and a future date typed is the rules' to refuse."""
    edit = DateField(today, parent, maximum=today)
    edit.set_date(today)
    return edit


def date_of(edit: DateField) -> dt.date | None:
    """The date typed, or None when the text is not a date (`edit.problem()` says why)."""
    return edit.date()


def set_date(edit: DateField, date: dt.date) -> None:
    edit.set_date(date)


def pin_edit(placeholder: str, parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit
