"""Reading a specification in a child process: in bounded time and memory, and stoppable at once.

pdfplumber (pdfminer), python-docx and the parser run in a child process, started with
multiprocessing's "spawn" method: a fresh interpreter, so nothing of the window (Qt's threads and
state) is copied into it, and the same on Linux, macOS, Windows and in a frozen app (its entry
point calls `multiprocessing.freeze_support()`: cli/main.py). The parent reads the file first
(reading.spec_bytes: a FIFO, a device or a folder is refused before it is opened for reading, at
most 20 MB) and hands the child its bytes; the child answers with plain data, the lines and the
unit found (pickled dataclasses), or the one-line reason the user is shown.

While it waits, the parent looks at the clock and at the window's Cancel every 50 ms: past the
deadline, or cancelled, the child is killed (SIGKILL, TerminateProcess), whatever it is doing,
C code included, which the exception the reading thread used to be sent could not interrupt. On
Linux the child's address space is limited (RLIMIT_AS), so a file that makes a reader grow without
end fails with MemoryError in the child, not the laptop; elsewhere the size and page limits bound
it, as they did. A child that dies without answering (a crash in C) is a refusal too.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet.catalogue.importer.lines import Line
from ercsheet.catalogue.importer.reading import SpecUnreadable, lines_of, spec_bytes
from ercsheet.catalogue.importer.result import ParsedUnit

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

# A 10-page PDF reads in about half a second; the 150 pages read_pdf allows, in under 10.
READ_SECONDS = 30.0
# The child's address space on Linux: 134 dense pages took 575 MB (an 11-page specification,
# 90 MB); a file needing more is refused rather than left to exhaust the laptop.
READ_MEMORY = 1536 * 1024 * 1024
_LOOK_EVERY = 0.05  # seconds between looks at the clock and the Cancel

Reader = Callable[[bytes, str], list[Line]]
Read = tuple[list[Line], ParsedUnit]


class Stopped(Exception):
    """The reading was cancelled (the window's Cancel); the child is gone."""


class ReaderFailed(RuntimeError):
    """The reader raised what is no refusal (a defect): the child's traceback."""


def read_and_parse(
    path: Path,
    seconds: float = READ_SECONDS,
    stopped: Callable[[], bool] = lambda: False,
) -> Read:
    """The specification's lines and the unit found in them; SpecUnreadable when it cannot be
    read in `seconds` (or memory), Stopped when `stopped()` said so first."""
    data = spec_bytes(path)
    # Looked up here, not bound at import: tests put a hostile reader in its place.
    return _in_child(data, path.suffix.casefold(), lines_of, seconds, stopped)


def _in_child(
    data: bytes, suffix: str, reader: Reader, seconds: float, stopped: Callable[[], bool]
) -> Read:
    spawn = multiprocessing.get_context("spawn")
    answers, answer = spawn.Pipe(duplex=False)
    child = spawn.Process(
        target=_read,
        args=(answer, data, suffix, reader, READ_MEMORY),
        name="read specification",
        daemon=True,  # never outlives the window or the command
    )
    end = time.monotonic() + seconds
    try:
        child.start()
        answer.close()  # the child's end: EOF here once the child is gone
        while True:
            ready = wait([answers, child.sentinel], _LOOK_EVERY)
            if answers in ready or answers.poll():
                return _answered(answers, child)
            if ready:  # gone without a word
                raise _died(child)
            if stopped():
                raise Stopped
            if time.monotonic() > end:
                raise SpecUnreadable(
                    f"reading it took more than {seconds:g} seconds, far longer than a unit "
                    "specification takes; it may be damaged or made to stall a reader"
                )
    finally:
        _end(child)
        answers.close()


def _answered(answers: Connection, child: BaseProcess) -> Read:
    try:
        kind, *said = answers.recv()
    except EOFError:
        raise _died(child) from None
    if kind == "read":
        lines, unit = said
        assert isinstance(lines, list) and isinstance(unit, ParsedUnit)
        return lines, unit
    if kind == "unreadable":
        raise SpecUnreadable(said[0])
    raise ReaderFailed(f"reading the specification failed in its process:\n{said[0]}")


def _died(child: BaseProcess) -> SpecUnreadable:
    child.join(1)
    return SpecUnreadable(
        f"the reader stopped without an answer (exit code {child.exitcode}); the file may be "
        "damaged or made to crash a reader"
    )


def _end(child: BaseProcess) -> None:
    """The child gone, whatever it was doing, and reaped."""
    if child.pid is None:
        return  # never started
    if child.is_alive():
        child.kill()
    child.join()
    child.close()


# --- the child ------------------------------------------------------------------------------------


def _read(answer: Connection, data: bytes, suffix: str, reader: Reader, memory: int) -> None:
    """In the child: read and parse, and answer with plain data or the reason it cannot."""
    _limit_memory(memory)
    try:
        said = _reading(data, suffix, reader)
    except MemoryError:
        said = None  # answered below, once what the reader held is freed with its frames
    if said is None:
        said = (
            "unreadable",
            f"reading it needed more than {memory // (1024 * 1024):,} MB of memory, far more "
            "than a unit specification takes; it may be damaged or made to exhaust a reader",
        )
    answer.send(said)
    answer.close()


def _reading(data: bytes, suffix: str, reader: Reader) -> tuple[object, ...]:
    from ercsheet.catalogue.importer.parse import parse_lines

    try:
        lines = reader(data, suffix)
        return ("read", lines, parse_lines(lines))
    except SpecUnreadable as unreadable:
        return ("unreadable", str(unreadable))
    except MemoryError:
        raise
    except Exception:
        return ("failed", traceback.format_exc())


def _limit_memory(memory: int) -> None:
    if not sys.platform.startswith("linux"):
        return  # macOS does not enforce RLIMIT_AS, Windows has none: the file limits bound it
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
