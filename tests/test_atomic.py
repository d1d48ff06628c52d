"""Atomic writes: the file is the old one or the whole new one, readable by its owner alone."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from ercsheet.atomic import write_text_atomic


def test_a_write_replaces_the_file_whole_and_privately(tmp_path: Path) -> None:
    target = tmp_path / "sheet.json"
    target.write_text("old", encoding="utf-8")
    write_text_atomic(target, "Gwenllïan Ó Súilleabháin")
    assert target.read_text(encoding="utf-8") == "Gwenllïan Ó Súilleabháin"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.json"]


def test_a_write_that_fails_leaves_the_old_file_and_no_litter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sheet.json"
    target.write_text("old", encoding="utf-8")

    def disk_gone(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", disk_gone)
    with pytest.raises(OSError):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.json"]


def test_a_killed_writes_leftover_goes_at_the_next_write_once_it_is_stale(tmp_path: Path) -> None:
    target = tmp_path / "EX-0001-all-sheets.ercsheet"
    stale = tmp_path / ".EX-0001-all-sheets.ercsheet.dn0fsezf.tmp"
    fresh = tmp_path / ".EX-0001-all-sheets.ercsheet.ab12cd34.tmp"
    other = tmp_path / ".another.ercsheet.dn0fsezf.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_text("half a candidate", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    for old in (stale, other):
        os.utime(old, (an_hour_ago, an_hour_ago))
    write_text_atomic(target, "whole")
    # The stale leftover of this file goes; one that may be another write's under way stays,
    # and so does another file's.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [target.name, fresh.name, other.name]
    )
