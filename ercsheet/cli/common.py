"""What the commands share: their errors, the environment's names, the clock, prompts for
passphrases, and writing safely to a terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet import paths, safe_read
from ercsheet.domain.clock import Clock, FixedDay, SystemClock
from ercsheet.domain.text import escaped, json_escaped

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue


class CommandError(Exception):
    """A command failed for a reason the user can act on; printed without a traceback."""


def catalogue(args: argparse.Namespace) -> Catalogue:
    # Imported here: loading unit files needs the validator (pydantic), which `ercsheet pdf`
    # does not, and every command pays for what the module imports.
    from ercsheet.catalogue.loader import load_catalogue

    return load_catalogue([*paths.unit_folders(), *args.units_dir])


def reported(cat: Catalogue) -> int:
    """Each file of the catalogue skipped, then each warning, on stderr; the exit status: 1
    when a file was skipped (a warning alone is no failure: everything loaded)."""
    for error in cat.errors:
        print(f"ercsheet: skipped {shown(error)}", file=sys.stderr)
    for warning in cat.warnings:
        print(f"ercsheet: warning: {shown(warning)}", file=sys.stderr)
    return 1 if cat.errors else 0


PASSPHRASE_ENV = "ERCSHEET_PASSPHRASE"


NEW_PASSPHRASE_ENV = "ERCSHEET_NEW_PASSPHRASE"


EXPORT_PASSPHRASE_ENV = "ERCSHEET_EXPORT_PASSPHRASE"


PIN_ENV = "ERCSHEET_PIN"


# The day a command works on, when not the machine's (tests, replaying a day's work): YYYY-MM-DD.
TODAY_ENV = "ERCSHEET_TODAY"


def clock() -> Clock:
    """The one clock of this process: the machine's, or the day ERCSHEET_TODAY names."""
    day = os.environ.get(TODAY_ENV, "").strip()
    if not day:
        return SystemClock()
    try:
        return FixedDay(dt.date.fromisoformat(day))
    except ValueError:
        raise CommandError(f"{TODAY_ENV}={day!r} is not a date in the form YYYY-MM-DD") from None


def _head(path: Path) -> str:
    """The start of a file, to recognise an encrypted exchange file (empty when it is not a
    readable regular file: a FIFO is never waited on)."""
    return safe_read.read_head(path, 200).decode("utf-8", "replace")


def shown(value: object) -> str:
    """Stored or received text as a terminal may show it: control and direction characters
    (an ESC that would recolour or rewrite the screen) written as escapes, `\x1b`."""
    return escaped(str(value))


def shown_lines(value: object) -> str:
    """As `shown`, keeping line breaks (messages of several lines)."""
    return escaped(str(value), multiline=True)


def print_json(data: object) -> None:
    print(json_escaped(json.dumps(data, ensure_ascii=False, indent=2)))


def ask(prompt: str, env: str) -> str | None:
    """A passphrase from the environment (scripts) or typed at the terminal (not echoed)."""
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(prompt) or None


def refuse_weak(passphrase: str, nothing: str) -> None:
    """A new passphrase the domain's policy refuses (as the window does) ends the command with
    the rule's message, before anything is changed; `nothing` says so."""
    from ercsheet.domain.passphrase import passphrase_problems

    problems = passphrase_problems(passphrase)
    if problems:
        raise CommandError(" ".join(p.message for p in problems) + f" {nothing}")


def new_passphrase(prompt: str, env: str, undone: str) -> str:
    """A new passphrase from the environment, or typed twice at the terminal; `undone` is what
    a refusal leaves undone ("changed": nothing was changed)."""
    new = ask(prompt, env)
    if new is None:
        raise CommandError(f"type the new passphrase in a terminal, or set {env}")
    refuse_weak(new, f"Nothing was {undone}.")
    if not os.environ.get(env) and getpass.getpass("Again: ") != new:
        raise CommandError(f"the two passphrases differ; nothing was {undone}")
    return new


def passphrase_for(database: Path) -> str | None:
    """The passphrase of an encrypted database (None for a plain one, or a new one when no
    passphrase is set in the environment)."""
    from ercsheet.store import cipher

    if not cipher.is_encrypted(database):
        # A new database is created encrypted when a passphrase is set for it.
        new = not database.exists() or database.stat().st_size == 0
        chosen = (os.environ.get(PASSPHRASE_ENV) or None) if new else None
        if chosen is not None:
            refuse_weak(chosen, f"Nothing was created: set a longer {PASSPHRASE_ENV}.")
        return chosen
    passphrase = ask(f"Passphrase for {database}: ", PASSPHRASE_ENV)
    if passphrase is None:
        raise CommandError(
            f"{database} is encrypted: set {PASSPHRASE_ENV}, or run the command in a terminal "
            "to be asked for the passphrase"
        )
    return passphrase


def has_desktop() -> bool:
    """Whether Qt can show a window here (on Linux it needs X11 or Wayland, or a platform named
    in QT_QPA_PLATFORM, as the tests' offscreen one; Windows and macOS always have one)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def unreachable_display() -> str | None:
    """The X display this session names when no X server answers there (Qt would end the
    program with a page of its own messages): checked only for a local display (":N", on
    Linux, with no Wayland or platform named instead), by its socket, as Xlib finds it."""
    import re
    import socket

    display = os.environ.get("DISPLAY", "")
    local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if (
        not sys.platform.startswith("linux")
        or local is None
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        return None
    number = local.group(1)
    for address in (f"\0/tmp/.X11-unix/X{number}", f"/tmp/.X11-unix/X{number}"):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(2)
            try:
                probe.connect(address)
            except OSError:
                continue
            return None
    return display


def database_of(args: argparse.Namespace) -> Path:
    """The database the command works on: the real file, when `--db` is a symlink."""
    return paths.real(args.db or paths.default_database())


def output_file(path: Path) -> Path:
    """Where `-o` writes: the real file through a symlink. A missing folder, or a target that
    is not a regular file (a device such as /dev/full, a folder, a pipe), is refused before
    anything is written: replacing it would put a file in place of a device."""
    import stat

    target = paths.real(path)
    if not target.parent.is_dir():
        raise CommandError(
            f"the folder {target.parent} does not exist: create it, or choose another file. "
            "Nothing was written."
        )
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(mode):
        raise CommandError(
            f"{path} is not a regular file (a device, a folder or a pipe): name a file to "
            "write. Nothing was written."
        )
    return target
