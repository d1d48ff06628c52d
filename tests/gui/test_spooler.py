"""What ercsheet tells CUPS's `lp`, and how it reads lp's complaints."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ercsheet.gui import spooler
from ercsheet.gui.spooler import PrintJob, Sides, SpoolFailed, Submission


def test_a_plain_job_names_the_printer_and_reads_the_pdf_from_standard_input() -> None:
    assert spooler.lp_command("lp", PrintJob("Office")) == [
        "lp",
        "-d",
        "Office",
        "-t",
        "Evidence Record Sheet",
        "-n",
        "1",
        "-o",
        "sides=one-sided",
        "--",
        "-",
    ]


def test_copies_sides_pages_and_grey_become_cups_options() -> None:
    job = PrintJob("Office", 3, False, Sides.LONG_EDGE, "1-2,4", grayscale=True)
    command = spooler.lp_command("/usr/bin/lp", job)
    assert command[:7] == ["/usr/bin/lp", "-d", "Office", "-t", "Evidence Record Sheet", "-n", "3"]
    options = command[7:-2]
    assert options == [
        "-o",
        "sides=two-sided-long-edge",
        "-o",
        "collate=false",
        "-P",
        "1-2,4",
        "-o",
        "print-color-mode=monochrome",
    ]


def test_a_printer_name_like_an_option_stays_a_name() -> None:
    command = spooler.lp_command("lp", PrintJob("-o evil"))
    assert command[command.index("-d") + 1] == "-o evil"
    assert command[-2:] == ["--", "-"]


@pytest.mark.parametrize(
    ("stderr", "words"),
    [
        ("lp: The printer or class does not exist.\n", "The printer or class does not exist."),
        ("lp: error - scheduler not responding!\n", "scheduler not responding!"),
        ("", "the print spooler refused the job and gave no reason."),
    ],
)
def test_lp_s_complaint_is_shown_without_its_prefix(stderr: str, words: str) -> None:
    assert spooler.in_words(stderr) == words


def test_an_lp_that_cannot_run_says_so(tmp_path: Path) -> None:
    with pytest.raises(SpoolFailed, match="could not be run"):
        Submission(str(tmp_path / "no-such-lp"), PrintJob("Office"), b"%PDF").run()


def test_a_stopped_submission_runs_nothing() -> None:
    submission = Submission(sys.executable, PrintJob("Office"), b"%PDF")
    submission.stop()
    assert submission.run() == ""
