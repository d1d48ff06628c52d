"""Reading a file a user names, in bounded time and memory.

A path given to ercsheet (an exchange file to import, a unit file in a units folder) may name
something that is not a file: a FIFO, which blocks its reader until something writes to it; a
device such as /dev/zero, which never ends; a folder. `read_bytes` refuses anything but a
regular file before reading a byte (checking the file it opened, not just the name, so a path
swapped in between cannot fool it), opens without waiting (O_NONBLOCK), and reads at most
`limit` bytes. Its refusals say what the path is, in words, without the path: the caller names
the file in its own message.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path

MB = 1024 * 1024

# O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
# O_NOCTTY: a terminal device never becomes the process's controlling terminal. Neither exists
# on Windows, where O_BINARY stops the C library from translating line ends.
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotReadable(Exception):
    """The file cannot be read as a file; the message is the reason, without the path."""


class TooLarge(NotReadable):
    """The file is larger than the limit for its kind."""


def kind_of(mode: int) -> str | None:
    """What a file of this mode is, when it is not a regular file (None when it is)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is not a regular file"


def size_text(size: int) -> str:
    """`20 MB`, `1.5 MB`, `120 KB`: sizes as the refusals give them."""
    if size >= MB:
        # Rounded up, so a file just over a limit never reads as the limit itself.
        return f"{math.ceil(size * 10 / MB) / 10:.1f}".removesuffix(".0") + " MB"
    return f"{math.ceil(size / 1024)} KB"


def read_bytes(path: Path | str, limit: int, kind: str = "a file") -> bytes:
    """The whole content of the regular file at `path`, at most `limit` bytes; NotReadable
    (TooLarge when over the limit, naming `kind`: "a sheet file is at most 20 MB")."""
    try:
        before = os.stat(path)
    except OSError as error:
        raise NotReadable(_reason(error)) from None
    refused = kind_of(before.st_mode)
    if refused:
        raise NotReadable(refused)
    _check_size(before.st_size, limit, kind)
    try:
        fd = os.open(path, _FLAGS)
    except OSError as error:
        raise NotReadable(_reason(error)) from None
    try:
        opened = os.fstat(fd)
        # The name may have been replaced between the stat and the open: judge what was opened.
        refused = kind_of(opened.st_mode)
        if refused:
            raise NotReadable(refused)
        _check_size(opened.st_size, limit, kind)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, limit + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            # It grew while being read.
            raise TooLarge(
                f"the file is larger than {size_text(limit)}; {kind} is at most {size_text(limit)}"
            )
        return b"".join(chunks)
    except OSError as error:
        raise NotReadable(_reason(error)) from None
    finally:
        os.close(fd)


def read_text(path: Path | str, limit: int, kind: str = "a file") -> str:
    """The file's UTF-8 text (see `read_bytes`); NotReadable when it is not UTF-8."""
    data = read_bytes(path, limit, kind)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotReadable(f"not UTF-8 text (byte {error.start})") from None


def read_head(path: Path | str, size: int) -> bytes:
    """Up to `size` bytes from the start of a regular file (to recognise its kind); empty when
    the path is not a readable regular file. Never waits and never reads further."""
    try:
        if kind_of(os.stat(path).st_mode):
            return b""
        fd = os.open(path, _FLAGS)
    except OSError:
        return b""
    try:
        if kind_of(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


def _check_size(size: int, limit: int, kind: str) -> None:
    if size > limit:
        raise TooLarge(f"the file is {size_text(size)}; {kind} is at most {size_text(limit)}")


def _reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "cannot be read (there is no such file)"
    if isinstance(error, PermissionError):
        return "cannot be read (permission denied)"
    return f"cannot be read ({error.strerror or error})"


# --- what a file holds, once parsed ----------------------------------------------------------

Location = tuple[str | int, ...]

# The largest whole number any ercsheet file needs (a unit's hours, a format version) is far
# below this; a number beyond it is a mistake or an attack (a 5,000-digit integer costs
# Python quadratic time to convert, and more to print).
MAX_INTEGER_DIGITS = 18


def location_text(location: Location) -> str:
    """A location as `learning_outcomes[0].criteria[1].number`."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class Refused:
    """A value the JSON reader refused where it stood; `data_problem` reports it with its path."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __repr__(self) -> str:
        return f"<refused: {self.reason}>"


class RepeatedKeys(dict[str, object]):
    """A JSON object that names a key more than once (the reader would keep only the last)."""

    repeated: str = ""


def data_problem(data: object, max_depth: int) -> tuple[Location, str] | None:
    """The first thing, in file order, that no ercsheet file holds: lists and tables nested
    more than `max_depth` deep, a whole number beyond MAX_INTEGER_DIGITS digits, a key given
    twice, a value the reader refused. The walk recurses at most `max_depth` levels."""
    found = _first_problem([data], max_depth + 1)
    if found is None:
        return None
    path, message = found
    if not message:
        message = f"nested more than {max_depth} levels deep, deeper than any ercsheet file"
    return tuple(reversed(path[:-1])), message


def _first_problem(
    container: dict[str, object] | list[object], room: int
) -> tuple[list[str | int], str] | None:
    """Depth-first, in order; the path comes back innermost first (built only on a find), and
    an empty message for nesting deeper than the room left."""
    if room <= 0:
        return [], ""
    if isinstance(container, RepeatedKeys):
        return [], f"the key {container.repeated!r} is given twice"
    items = container.items() if isinstance(container, dict) else enumerate(container)
    for key, item in items:
        kind = type(item)
        if kind is str or kind is float or kind is bool or item is None:
            continue
        found: tuple[list[str | int], str] | None = None
        if isinstance(item, dict | list):
            found = _first_problem(item, room - 1)
        elif isinstance(item, int):
            if abs(item) >= 10**MAX_INTEGER_DIGITS:
                found = [], f"the number is too large ({len(str(abs(item)))} digits)"
        elif isinstance(item, Refused):
            found = [], item.reason
        if found is not None:
            found[0].append(key)
            return found
    return None


def load_json(text: str, max_depth: int) -> object:
    """JSON text as Python values, refusing (NotReadable, with where) what `data_problem` refuses,
    NaN and Infinity (which JSON does not have), and anything that is not JSON at all."""
    try:
        data = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as error:
        raise NotReadable(
            f"not valid JSON (line {error.lineno}, column {error.colno}): {error.msg}"
        ) from None
    except RecursionError:
        line, column = _too_deep_at(text, max_depth)
        raise NotReadable(
            f"nested more than {max_depth} levels deep (line {line}, column {column}), deeper "
            "than any ercsheet file"
        ) from None
    problem = data_problem(data, max_depth)
    if problem is not None:
        where, message = problem
        raise NotReadable(f"{location_text(where) or '(top level)'}: {message}")
    return data


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    repeated = RepeatedKeys(result)
    seen: set[str] = set()
    for key, _value in pairs:
        if key in seen:
            repeated.repeated = key
            break
        seen.add(key)
    return repeated


def _integer(digits: str) -> int | Refused:
    if len(digits.lstrip("-")) > MAX_INTEGER_DIGITS:
        return Refused(f"a number of {len(digits.lstrip('-')):,} digits is far too large")
    return int(digits)


def _constant(name: str) -> Refused:
    return Refused(f"{name} is not a number JSON allows")


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep_at(text: str, max_depth: int) -> tuple[int, int]:
    """Line and column where nesting first goes past `max_depth` (the file's end if never)."""
    depth = 0
    position = len(text)
    for token in _TOKENS.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > max_depth:
                position = token.start()
                break
        elif bracket in "]}":
            depth -= 1
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1
