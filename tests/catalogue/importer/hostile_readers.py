"""Readers as a hostile specification can make pdfminer or python-docx behave, put in the
reader's place (`bounded.lines_of`) to test the reading process's bounds. Each is a function of
this module, so that the reading process (a fresh interpreter) imports it by its name."""

from __future__ import annotations

import os
import re

from ercsheet.catalogue.importer.lines import Line


def stalling(_data: bytes, _suffix: str) -> list[Line]:
    # A reader lost in a loop of its own, as pdfminer in a hostile file: Python, never ending.
    while True:
        sum(range(100))


def stalling_in_c(_data: bytes, _suffix: str) -> list[Line]:
    # Catastrophic backtracking: one call into C that does not come back for centuries, which
    # no exception sent to a thread can interrupt (it runs no Python).
    re.match(r"(a+)+$", "a" * 64 + "b")
    return []


def growing(_data: bytes, _suffix: str) -> list[Line]:
    # A reader that takes memory without end (an inflated stream, a cycle of objects). Zeroed
    # pages: the address space grows to its limit, the machine's memory barely.
    hoard = []
    while True:
        hoard.append(bytes(64 * 1024 * 1024))  # calloc: mapped, never touched


def crashing(_data: bytes, _suffix: str) -> list[Line]:
    # A reader that takes its process down (a crash in C) without a word.
    os._exit(3)


def failing(_data: bytes, _suffix: str) -> list[Line]:
    raise RuntimeError("a defect of the reader")
