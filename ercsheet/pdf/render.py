"""Placeholder: the renderer is being written (issue 3)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from ercsheet.domain.sheet import SheetContent


def render_pdf(sheets: Sequence[SheetContent], out: Path | BinaryIO) -> None:
    raise NotImplementedError
