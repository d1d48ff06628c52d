"""Handing the sheet's own PDF to the system's print spooler (CUPS's `lp`, on Linux and macOS).

CUPS prints PDF natively, so the printer gets the same vectors as an exported PDF, at its own
resolution, and ercsheet sends a sheet's few hundred kilobytes rather than painting pages.

The PDF goes to `lp` on its standard input (`-`), never through a file of ours: CUPS's `lp` sends
what it reads to the scheduler over IPP and the scheduler keeps its own copy in the spool, so once
`lp` has returned there is nothing of the assessor's left to delete, and no temporary copy can be
left behind by a crash. ercsheet opens no connection itself: `lp` talks to the CUPS the laptop is
set up with.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from enum import Enum

# The job's name in the printer's queue, which others at a shared printer may see: no candidate's
# name (without -t, lp would call it "(stdin)").
JOB_TITLE = "Evidence Record Sheet"


class Sides(Enum):
    """CUPS's `sides` option: the printer's edge the paper turns over on."""

    ONE_SIDED = "one-sided"
    LONG_EDGE = "two-sided-long-edge"
    SHORT_EDGE = "two-sided-short-edge"


@dataclass(frozen=True)
class PrintJob:
    """What the assessor chose in the print dialog, as the spooler is told it."""

    printer: str
    copies: int = 1
    collate: bool = True
    sides: Sides = Sides.ONE_SIDED
    pages: str = ""  # "" for every page, else CUPS's page list: "1-3,5"
    grayscale: bool = False


def find_lp() -> str | None:
    """The `lp` command on PATH, or None (Windows; a Linux without CUPS's client)."""
    return shutil.which("lp")


def lp_command(lp: str, job: PrintJob) -> list[str]:
    command = [lp, "-d", job.printer, "-t", JOB_TITLE, "-n", str(job.copies)]
    command += ["-o", f"sides={job.sides.value}"]
    if job.copies > 1:
        command += ["-o", f"collate={str(job.collate).lower()}"]
    if job.pages:
        command += ["-P", job.pages]
    if job.grayscale:
        command += ["-o", "print-color-mode=monochrome"]
    return [*command, "--", "-"]  # the document: standard input


class SpoolFailed(Exception):
    """`lp` refused the job or could not be run; the message says why, in words."""


class Submission:
    """One run of `lp` with the PDF on its standard input, which `stop` can end (Cancel)."""

    def __init__(self, lp: str, job: PrintJob, pdf: bytes) -> None:
        self.command, self._pdf = lp_command(lp, job), pdf
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._stopped = False

    def run(self) -> str:
        """Send the job; the spooler's request id ("Office-12"), or "" if it gave none."""
        with self._lock:
            if self._stopped:
                return ""
            try:
                self._process = subprocess.Popen(
                    self.command,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                )
            except OSError as error:
                raise SpoolFailed(
                    f"the print command could not be run ({error.strerror})."
                ) from error
        out, err = self._process.communicate(self._pdf)
        if self._stopped:
            return ""
        if self._process.returncode != 0:
            raise SpoolFailed(in_words(err.decode("utf-8", "replace")))
        found = re.search(r"request id is (\S+)", out.decode("utf-8", "replace"))
        return found.group(1) if found else ""

    def stop(self) -> None:
        """Kill `lp`: a job it had not finished sending is dropped by the scheduler."""
        with self._lock:
            self._stopped = True
            if self._process is not None and self._process.poll() is None:
                self._process.kill()


def in_words(stderr: str) -> str:
    """lp's complaint without its prefixes: "lp: error - scheduler not responding!" → the rest."""
    lines = [re.sub(r"^\s*lp:\s*(error\s*-\s*)?", "", line).strip() for line in stderr.splitlines()]
    text = " ".join(line for line in lines if line)
    return text or "the print spooler refused the job and gave no reason."
