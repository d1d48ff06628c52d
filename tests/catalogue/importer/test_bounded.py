"""Reading a specification in a child process: a file that stalls the reader (in Python or in
C), grows its memory or crashes it is refused in bounded time with its reason; a FIFO is refused
before it is opened; Cancel kills the child at once; a reading that ends in time is untouched."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from pathlib import Path

import pytest

from ercsheet.catalogue.importer import bounded
from ercsheet.catalogue.importer.bounded import ReaderFailed, Stopped, read_and_parse
from ercsheet.catalogue.importer.reading import SpecUnreadable
from tests.catalogue.importer import hostile_readers


def gone(pid: int) -> bool:
    """Whether no process has the id any more (killed and reaped, not left a zombie)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize("reader", [hostile_readers.stalling, hostile_readers.stalling_in_c])
def test_a_reading_past_its_deadline_is_given_up_with_a_reason(
    specs: Path, monkeypatch: pytest.MonkeyPatch, reader: bounded.Reader
) -> None:
    monkeypatch.setattr(bounded, "lines_of", reader)
    started = time.monotonic()
    with pytest.raises(SpecUnreadable, match=r"took more than 1\.5 seconds"):
        read_and_parse(specs / "table.pdf", seconds=1.5)
    assert time.monotonic() - started < 4
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's")
def test_a_reading_that_grows_without_end_is_refused_at_its_memory_limit(
    specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounded, "lines_of", hostile_readers.growing)
    started = time.monotonic()
    with pytest.raises(SpecUnreadable, match=r"needed more than 1,536 MB of memory"):
        read_and_parse(specs / "table.pdf")
    assert time.monotonic() - started < 10


def test_a_reader_that_crashes_is_a_refusal_and_a_defect_keeps_its_traceback(
    specs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounded, "lines_of", hostile_readers.crashing)
    with pytest.raises(SpecUnreadable, match=r"stopped without an answer \(exit code 3\)"):
        read_and_parse(specs / "table.pdf")
    monkeypatch.setattr(bounded, "lines_of", hostile_readers.failing)
    with pytest.raises(ReaderFailed, match="RuntimeError: a defect of the reader"):
        read_and_parse(specs / "table.pdf")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX's")
def test_a_fifo_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "spec.pdf"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(SpecUnreadable, match=r"is a FIFO \(named pipe\), not a file"):
        read_and_parse(fifo)
    assert time.monotonic() - started < 1
    assert multiprocessing.active_children() == []  # no reader was started for it


def test_cancel_kills_the_reading_process(specs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounded, "lines_of", hostile_readers.stalling_in_c)
    readers: list[int] = []
    cancelled_at: list[float] = []

    def cancelled() -> bool:
        readers.extend(p.pid for p in multiprocessing.active_children() if p.pid)
        if len(readers) > 20:  # a second or so of reading
            cancelled_at.append(time.monotonic())
            return True
        return False

    with pytest.raises(Stopped):
        read_and_parse(specs / "table.pdf", stopped=cancelled)
    assert time.monotonic() - cancelled_at[0] < 0.5  # at once, not at the deadline
    [reader] = set(readers)
    assert gone(reader)


def test_a_reading_in_time_is_untouched_and_leaves_nothing_behind(specs: Path) -> None:
    lines, unit = read_and_parse(specs / "table.pdf", seconds=30)
    assert len(unit.criteria) == 10 and lines
    assert multiprocessing.active_children() == []
