"""Recording a file as where evidence is held: its path and SHA-256, never a copy; anything but
a regular file refused at once, with its name."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from ercsheet.store.evidence_files import FileRefused, holding_for, still_the_same


def test_a_file_is_recorded_by_path_and_digest(tmp_path: Path) -> None:
    video = tmp_path / "Observation – Siân.mp4"
    video.write_bytes(b"\x00" * 3_000_000)
    held = holding_for(video, "laptop, Videos")
    assert held.file_path == str(video)
    assert held.file_sha256 == hashlib.sha256(video.read_bytes()).hexdigest()
    assert still_the_same(held) is True
    video.write_bytes(b"changed")
    assert still_the_same(held) is False
    video.unlink()
    assert still_the_same(held) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pipes are POSIX")
def test_a_pipe_or_folder_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(FileRefused, match="is not a file"):
        holding_for(pipe)
    with pytest.raises(FileRefused, match="is not a file"):
        holding_for(tmp_path)
    with pytest.raises(FileRefused, match="No such file"):
        holding_for(tmp_path / "missing.pdf")
