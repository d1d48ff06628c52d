"""Timing for the benchmarks: medians in-process, and whole processes started afresh.

A timed process gets this checkout's ercsheet and Python's bytecode cache, as on an assessor's
laptop: the first start of an install writes the cache, later starts read it. (Some shells here
set PYTHONDONTWRITEBYTECODE, which would make every timed start compile ercsheet's modules again,
a cost no user pays after the first start.) One untimed run writes the cache before timing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_ms(action: Callable[[], object], repeat: int) -> float:
    """Median milliseconds of `action` over `repeat` runs."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def process_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def process_ms(command: list[str], repeat: int, **extra_env: str) -> float:
    """Median milliseconds of a whole process, from start to exit."""
    env = process_env(**extra_env)

    def run() -> None:
        subprocess.run(command, check=True, capture_output=True, env=env)

    run()
    return median_ms(run, repeat)
