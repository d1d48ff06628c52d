"""Ask the package index whether every compiled dependency has a wheel for each platform we build.

The frozen app is built on each platform from binary wheels only (no compiler on the build runners,
and a source build of SQLCipher or Qt is not something to do in a release job). This script resolves
pyproject's runtime dependencies (plus any requirements given with --with, e.g. the freezer) for
each platform with pip, as that platform's build would, without downloading the wheels themselves,
and prints which wheel each compiled package would come from, or MISSING.

It uses the network, so it runs by hand only, never in the test suite:

    .venv/bin/python packaging/check_wheels.py [--python 3.11] [--with 'pyinstaller>=6.10']

pip runs with --isolated so that local wheel folders or mirrors in pip's configuration do not
answer for the index. Exit status 1 when any package is MISSING on any platform.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The Python every build uses: sqlcipher3 has no cp312/cp313 wheel for Intel Macs.
PYTHON = "3.11"

# Linux wheels are tagged with the oldest glibc they need; pip does not expand a
# manylinux_2_NN tag to older ones by itself, so list them (2.35 is Ubuntu 22.04, the build runner).
GLIBC_OF_LINUX_BUILD = 35


def _manylinux(arch: str) -> tuple[str, ...]:
    tags = [f"manylinux_2_{minor}_{arch}" for minor in range(GLIBC_OF_LINUX_BUILD, 16, -1)]
    # pip expands manylinux2014 to manylinux2010 and manylinux1 (glibc 2.12 and 2.5).
    return (*tags, f"manylinux2014_{arch}")


# Platform name -> pip --platform tags. The first tag names the platform in the release workflow's
# matrix (tests/test_packaging_recipes.py holds them together). pip expands a macosx_15_0 tag to
# every older macOS and to universal2: the macOS runners run macOS 15.
PLATFORMS: dict[str, tuple[str, ...]] = {
    "Windows x86-64": ("win_amd64",),
    "Windows arm64": ("win_arm64",),
    "macOS x86-64": ("macosx_15_0_x86_64",),
    "macOS arm64": ("macosx_15_0_arm64",),
    "Linux x86-64": _manylinux("x86_64"),
    "Linux aarch64": _manylinux("aarch64"),
}

MISSING = "MISSING"


@dataclass(frozen=True)
class Resolution:
    """What pip would install on one platform: package name -> wheel file name, or why not."""

    wheels: dict[str, str]
    error: str = ""


def runtime_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project.get("optional-dependencies", {}).get("package", [])]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def resolve(requirements: list[str], platform_tags: tuple[str, ...], python: str) -> Resolution:
    """pip's own resolution for that platform, binary wheels only, from its report (no download)."""
    with tempfile.TemporaryDirectory(prefix="ercsheet-wheels-") as scratch:
        report = Path(scratch) / "report.json"
        platform_args = [arg for tag in platform_tags for arg in ("--platform", tag)]
        command = [
            sys.executable, "-m", "pip", "--isolated", "install", "--dry-run", "--quiet",
            "--ignore-installed", "--only-binary=:all:", "--target", str(Path(scratch) / "t"),
            "--python-version", python, "--implementation", "cp", *platform_args,
            "--report", str(report), *requirements,
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            lines = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
            return Resolution({}, lines[0] if lines else done.stderr.strip()[-200:])
        installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    return Resolution(
        {
            canonical(item["metadata"]["name"]): item["download_info"]["url"].rsplit("/", 1)[-1]
            for item in installs
        }
    )


def resolve_each(
    requirements: list[str], platform_tags: tuple[str, ...], python: str
) -> Resolution:
    """When the whole set does not resolve: one requirement at a time, to name what is missing."""
    wheels: dict[str, str] = {}
    errors: list[str] = []
    for requirement in requirements:
        alone = resolve([requirement], platform_tags, python)
        if alone.error:
            name = canonical(re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0])
            wheels[name] = MISSING
            errors.append(alone.error)
        else:
            wheels.update(alone.wheels)
    return Resolution(wheels, "; ".join(errors))


def is_compiled(wheel: str) -> bool:
    return wheel == MISSING or not wheel.endswith("-none-any.whl")


def short(wheel: str) -> str:
    """The wheel's name without the package's, which the row already says: version and tags."""
    if wheel == MISSING:
        return f"**{MISSING}**"
    return wheel.removesuffix(".whl").split("-", 1)[1]


def oldest_macos(wheels: dict[str, str]) -> str:
    """The macOS every wheel accepts: the highest minimum among their tags."""
    found = [
        (int(major), int(minor))
        for wheel in wheels.values()
        for major, minor in re.findall(r"macosx_(\d+)_(\d+)_", wheel)
    ]
    return ".".join(map(str, max(found))) if found else ""


def table(resolutions: dict[str, Resolution], python: str) -> str:
    compiled = sorted(
        {
            name
            for r in resolutions.values()
            for name, wheel in r.wheels.items()
            if is_compiled(wheel)
        }
    )
    lines = [
        f"Asked on {datetime.date.today().isoformat()} for CPython {python}, binary wheels only "
        "(`packaging/check_wheels.py`); each cell is the wheel's file name without the package's:",
        "",
        "| package | " + " | ".join(resolutions) + " |",
        "|---|" + "---|" * len(resolutions),
    ]
    for name in compiled:
        cells = [short(r.wheels.get(name, "(not needed)")) for r in resolutions.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    for platform, r in resolutions.items():
        if r.error:
            lines.append(f"- {platform}: {r.error}")
        if platform.startswith("macOS") and (oldest := oldest_macos(r.wheels)):
            lines.append(f"- {platform}: the wheels need macOS {oldest} or later")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--python", default=PYTHON, help=f"Python version (default {PYTHON})")
    parser.add_argument(
        "--with",
        dest="extra",
        action="append",
        default=[],
        metavar="REQUIREMENT",
        help="also check this requirement (repeatable), e.g. the freezer",
    )
    arguments = parser.parse_args()
    requirements = [*runtime_requirements(), *arguments.extra]
    resolutions: dict[str, Resolution] = {}
    for platform, tags in PLATFORMS.items():
        print(f"resolving for {platform}…", file=sys.stderr)
        whole = resolve(requirements, tags, arguments.python)
        resolutions[platform] = (
            resolve_each(requirements, tags, arguments.python) if whole.error else whole
        )
    print(table(resolutions, arguments.python))
    missing = any(MISSING in r.wheels.values() for r in resolutions.values())
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
