"""How quickly the frozen app shows its window, beside the same code started from the venv.

    ./dev.sh package && python benchmarks/frozen_start.py [--repeat 9] [--display :81]

Each is started as an assessor starts it — `dist/ercsheet/ercsheet` and `.venv/bin/ercsheet` — in
turn, on a real X server (a private Xvfb), on a copy of the same store (an assessor and a candidate
with a 300-row sheet, as benchmarks/window.py makes it). The time is from the process's start to
the X server mapping its main window, as a client watching the root window (`xev`) is told: the
window on the screen, its candidate list filled. Then the process is ended. Needs Xvfb and xev
(x11-utils). Target: the frozen app's median no slower than the venv's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import ROOT, process_env
from window import big_sheet

FROZEN = ROOT / "dist" / "ercsheet" / "ercsheet"
VENV = Path(sys.executable).parent / "ercsheet"


class Screen:
    """A private Xvfb and a watcher of its top-level windows' mapping."""

    def __init__(self, display: str) -> None:
        self.display = display
        self._server = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._watcher = self._watch()

    def _watch(self) -> subprocess.Popen[str]:
        deadline = time.monotonic() + 10
        while True:  # the server takes a moment to accept clients
            # stdbuf: xev's stdout is a pipe, and each event is wanted as it happens.
            xev = ["xev", "-display", self.display, "-root", "-event", "substructure"]
            watcher = subprocess.Popen(
                ["stdbuf", "-oL", *xev],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            time.sleep(0.3)
            if watcher.poll() is None:
                return watcher
            if time.monotonic() > deadline:
                raise SystemExit(f"Xvfb {self.display} did not start (is the display taken?)")

    def next_map(self) -> float:
        """perf_counter() when the next top-level window is mapped."""
        assert self._watcher.stdout is not None
        for line in self._watcher.stdout:
            if line.startswith("MapNotify"):
                return time.perf_counter()
        raise SystemExit("xev stopped")

    def close(self) -> None:
        for process in (self._watcher, self._server):
            process.terminate()
            process.wait()


def shown_ms(screen: Screen, program: Path, template: Path) -> float:
    """One start of `program` on a fresh copy of the store's folder, to its window mapped."""
    with tempfile.TemporaryDirectory(prefix="ercsheet-frozen-start-") as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(template, data)
        env = process_env(ERCSHEET_DATA_DIR=str(data), HOME=scratch, DISPLAY=screen.display)
        env.pop("QT_QPA_PLATFORM", None)
        start = time.perf_counter()
        app = subprocess.Popen(
            [str(program)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        shown = screen.next_map()
        app.send_signal(signal.SIGTERM)
        app.wait()
    return (shown - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--display", default=":99", help="a free X display for the Xvfb")
    arguments = parser.parse_args()
    missing = [tool for tool in ("Xvfb", "xev", "stdbuf") if shutil.which(tool) is None]
    if missing or not FROZEN.exists():
        what = f"{', '.join(missing)} (apt x11-utils xvfb)" if missing else f"{FROZEN}"
        print(f"frozen_start: needs {what}: run ./dev.sh package first", file=sys.stderr)
        return 1
    template = Path(tempfile.mkdtemp(prefix="ercsheet-frozen-store-"))
    os.environ["ERCSHEET_DATA_DIR"] = str(template)
    big_sheet(template / "ercsheet.sqlite3")

    screen = Screen(arguments.display)
    samples: dict[str, list[float]] = {"frozen": [], "venv": []}
    try:
        for program in (FROZEN, VENV):  # untimed: the venv's bytecode cache, the disk cache
            shown_ms(screen, program, template)
        for _ in range(arguments.repeat):  # in turn, so both see the machine alike
            samples["frozen"].append(shown_ms(screen, FROZEN, template))
            samples["venv"].append(shown_ms(screen, VENV, template))
    finally:
        screen.close()
        shutil.rmtree(template)
    for name, values in samples.items():
        runs = " ".join(f"{value:.0f}" for value in values)
        print(f"{name:6}: median {statistics.median(values):.0f} ms  (runs: {runs})")
    ratio = statistics.median(samples["frozen"]) / statistics.median(samples["venv"])
    print(f"start to window shown, frozen / venv: {ratio:.2f} (target <= 1)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
