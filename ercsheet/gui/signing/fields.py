"""Small input pieces the signing dialogs share: dates as assessors write them, PIN fields."""

from __future__ import annotations

import datetime as dt

from ercsheet.gui.qt.core import QDate
from ercsheet.gui.qt.widgets import QDateEdit, QLineEdit, QWidget


def date_edit(today: dt.date, parent: QWidget | None = None) -> QDateEdit:
    """A date field in UK form, today by default, that cannot go past today."""
    edit = QDateEdit(QDate(today.year, today.month, today.day), parent)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setMaximumDate(QDate(today.year, today.month, today.day))
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    chosen = edit.date()
    return dt.date(chosen.year(), chosen.month(), chosen.day())


def set_date(edit: QDateEdit, date: dt.date) -> None:
    edit.setDate(QDate(date.year, date.month, date.day))


def pin_edit(placeholder: str, parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit
