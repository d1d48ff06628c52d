"""What the candidate reports print: plain values, made by the commands from the store's reads.

No ReportLab here: a builder (ercsheet/cli/report_data.py) makes these without loading it, and
the window or a later progress read can make them the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from ercsheet.domain.progress_words import UNREGISTERED as UNREGISTERED
from ercsheet.domain.vocabulary import Method


@dataclass(frozen=True)
class ReportHead:
    """The title block: who the report is about, and the day it was printed."""

    candidate_name: str
    candidate_number: str
    centre_number: str
    printed_on: dt.date


@dataclass(frozen=True)
class MatrixOutcome:
    """A learning outcome's label (`LO2`, or a grade's band) over its criteria numbers."""

    label: str
    criteria: tuple[str, ...]


@dataclass(frozen=True)
class MatrixUnit:
    """A unit the candidate has a sheet for; `label` keys the items' ticks (unique per report)."""

    label: str
    title: str
    outcomes: tuple[MatrixOutcome, ...]


@dataclass(frozen=True)
class MatrixItem:
    """A library item: its fields and, per unit label, the criteria it is ticked against."""

    ref: str
    title: str
    method: Method
    date: dt.date | None
    ticks: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class MatrixInput:
    head: ReportHead
    units: tuple[MatrixUnit, ...]
    items: tuple[MatrixItem, ...]


@dataclass(frozen=True)
class OutcomeProgress:
    label: str  # "LO1"
    covered: int
    total: int


@dataclass(frozen=True)
class UnitProgress:
    """One sheet's unit: its coverage, per outcome, and the criteria not yet covered."""

    label: str  # "Unit 44 (D.05)"
    title: str
    status: str  # "draft" or "signed"
    covered: int
    total: int
    outcomes: tuple[OutcomeProgress, ...]
    uncovered: tuple[str, ...]


@dataclass(frozen=True)
class QualificationSection:
    """A qualification's units under its title, after its rules-of-combination lines
    ("Mandatory group A: 3 of 3 units achieved"); `UNREGISTERED` with none for the rest."""

    title: str
    status_lines: tuple[str, ...]
    units: tuple[UnitProgress, ...]


@dataclass(frozen=True)
class TopItem:
    """An item of the library and how many criteria it covers, across how many units."""

    ref: str
    title: str
    criteria: int
    units: int


@dataclass(frozen=True)
class ProgressInput:
    head: ReportHead
    sections: tuple[QualificationSection, ...]
    top_items: tuple[TopItem, ...]
