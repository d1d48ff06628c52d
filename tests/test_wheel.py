"""`pip install .` and `pipx install .` install a wheel, which has no checkout around it: the
built-in units and qualifications, the fonts with their licence, the icons and the migrations
must be inside it, and ercsheet must find them there (setup.py, ercsheet/paths.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a wheel is built from: the package, the files setup.py maps into it, the build's files.
SOURCES = ("ercsheet", "units_data", "resources", "setup.py", "pyproject.toml", "README.md")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from a copy of the checkout (the checkout gets no build/ folder),
    offline: the test's own setuptools, no isolated build environment to download."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name)
    for cache in source.rglob("__pycache__"):
        shutil.rmtree(cache)
    offline = ["--no-deps", "--no-build-isolation"]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            *offline,
            str(source),
            "-w",
            str(work / "dist"),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "PIP_NO_INDEX": "1"},
    )
    [built] = (work / "dist").glob("ercsheet-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_holds_the_units_fonts_icons_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"ercsheet/{path.relative_to(ROOT).as_posix()}"
        for folder in ("units_data", "resources/fonts")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    expected |= {
        f"ercsheet/resources/icons/{path.name}"
        for path in (ROOT / "resources" / "icons").iterdir()
        if path.suffix in (".png", ".svg")
    }
    expected |= {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "ercsheet" / "store" / "migrations").rglob("*.py")
    }
    assert "ercsheet/resources/fonts/LICENSE-DejaVu.txt" in expected
    assert "ercsheet/units_data/qualifications/mgmt-l3-cert.toml" in expected
    assert expected <= names, sorted(expected - names)
    # The scripts that drew the icons are not the app's.
    assert "ercsheet/resources/icons/make_icons.py" not in names


@pytest.mark.slow
def test_ercsheet_unpacked_from_the_wheel_finds_its_files_inside_it(
    wheel: Path, tmp_path: Path
) -> None:
    installed = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(installed)
    # Its units listed, and every folder found inside the installed package, not the checkout.
    env = {**os.environ, "PYTHONPATH": str(installed), "ERCSHEET_DATA_DIR": str(tmp_path)}
    listed = subprocess.run(
        [sys.executable, "-m", "ercsheet", "units"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "D/600/9804" in listed.stdout
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ercsheet import paths; print(paths.builtin_units_dir()); "
            "print(paths.fonts_dir()); print(paths.icons_dir())",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    package = installed / "ercsheet"
    assert found.stdout.split("\n")[:3] == [
        str(package / "units_data"),
        str(package / "resources" / "fonts"),
        str(package / "resources" / "icons"),
    ]
