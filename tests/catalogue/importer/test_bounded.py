"""Reading a specification in bounded time: a file that stalls the reader is given up on at the
deadline, a Cancel stops the reading itself, and a reading that ends in time is untouched."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from ercsheet.catalogue.importer import bounded
from ercsheet.catalogue.importer.bounded import Stopped, read_and_parse
from ercsheet.catalogue.importer.lines import Line
from ercsheet.catalogue.importer.reading import SpecUnreadable


def stalling(_data: bytes, _suffix: str) -> list[Line]:
    # A reader stuck in a loop of its own, as pdfminer on a hostile file: pure Python.
    while True:
        sum(range(100))


def test_a_reading_past_its_deadline_is_given_up_with_a_reason(
    specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounded, "lines_of", stalling)
    started = time.monotonic()
    with pytest.raises(SpecUnreadable, match=r"took more than 0\.2 seconds"):
        read_and_parse(specs / "table.pdf", seconds=0.2)
    assert time.monotonic() - started < 2


def test_a_real_pdf_is_stopped_mid_reading_by_its_deadline(specs: Path) -> None:
    # The deadline reaches into pdfminer's own loops, not only between pages.
    with pytest.raises(SpecUnreadable, match="took more than"):
        read_and_parse(specs / "long.pdf", seconds=0.05)


def test_cancel_stops_the_reading(specs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "lines_of", stalling)
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    with pytest.raises(Stopped):
        read_and_parse(specs / "table.pdf", stopped=cancel.is_set)


def test_a_reading_in_time_is_untouched_and_leaves_nothing_pending(specs: Path) -> None:
    lines, unit = read_and_parse(specs / "table.pdf", seconds=30)
    assert len(unit.criteria) == 10 and lines
    time.sleep(0.15)  # longer than the watchdog's look: it has ended without raising
    assert sum(range(1000)) == 499500
    assert "specification deadline" not in {t.name for t in threading.enumerate()}
