"""Reading a specification in bounded time, and stoppable: a slow or hostile file is given up
on after a deadline, and the window's Cancel stops the reading, not only the waiting for it.

A watchdog thread looks at the clock and at the Cancel every 50 ms and, when either says so,
raises an exception in the reading thread (CPython's PyThreadState_SetAsyncExc): pdfminer, under
pdfplumber, is pure Python, so it arrives within a few of its steps, at no cost to a reading that
ends in time (a profile hook that looked every few thousand calls made reading 3.5 times as
slow). The exception is a BaseException, so the `except Exception` of a library in between does
not swallow it. Work in C that runs no Python (decompressing one stream) is not interrupted;
the size and page limits (reading.py, read_pdf.py) bound that.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ercsheet.catalogue.importer.lines import Line
from ercsheet.catalogue.importer.reading import SpecUnreadable, lines_of, load_reader, spec_bytes
from ercsheet.catalogue.importer.result import ParsedUnit

# A 10-page PDF reads in about half a second; the 150 pages read_pdf allows, in under 10.
READ_SECONDS = 30.0
_LOOK_EVERY = 0.05  # seconds between the watchdog's looks


class Stopped(BaseException):
    """The reading was cancelled (the window's Cancel)."""


class _OutOfTime(BaseException):
    pass


@dataclass
class _Watch:
    lock: threading.Lock = field(default_factory=threading.Lock)
    done: bool = False
    fired: type[BaseException] | None = None


def _raise_in(thread_id: int, kind: type[BaseException] | None) -> None:
    """`kind` raised in the thread at its next step; None: what is pending there, cleared."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(kind) if kind else ctypes.c_void_p(None)
    )


@contextmanager
def _bounded(seconds: float, stopped: Callable[[], bool]) -> Iterator[None]:
    end = time.monotonic() + seconds
    reader = threading.get_ident()
    watch = _Watch()

    def watchdog() -> None:
        while True:
            time.sleep(_LOOK_EVERY)
            kind = Stopped if stopped() else _OutOfTime if time.monotonic() > end else None
            with watch.lock:
                if watch.done:
                    return
                if kind is not None:
                    watch.fired = kind
                    _raise_in(reader, kind)
                    return

    threading.Thread(target=watchdog, name="specification deadline", daemon=True).start()
    try:
        yield
    finally:
        with watch.lock:
            watch.done = True
        if watch.fired is not None:
            # Raised here for certain, not at some later step of the caller's code.
            _raise_in(reader, None)
            raise watch.fired


def read_and_parse(
    path: Path,
    seconds: float = READ_SECONDS,
    stopped: Callable[[], bool] = lambda: False,
) -> tuple[list[Line], ParsedUnit]:
    """The specification's lines and the unit found in them; SpecUnreadable when it cannot be
    read in `seconds`, Stopped when `stopped()` said so first."""
    from ercsheet.catalogue.importer.parse import parse_lines

    # Read (at most 20 MB) and the reader's library imported before the clock starts.
    data = spec_bytes(path)
    load_reader(data)
    try:
        with _bounded(seconds, stopped):
            lines = lines_of(data, path.suffix.casefold())
            return lines, parse_lines(lines)
    except _OutOfTime:
        raise SpecUnreadable(
            f"reading it took more than {seconds:g} seconds, far longer than a unit "
            "specification takes; it may be damaged or made to stall a reader"
        ) from None
