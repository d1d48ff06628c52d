"""Linux desktop integration: the desktop entry, the exchange files' type, and
packaging/linux/install.sh installing them (and the icon) for the user, then removing them."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ercsheet import paths
from ercsheet.store.exchange_names import EXTENSION, MIME_TYPE

ROOT = Path(__file__).resolve().parent.parent
INSTALL = ROOT / "packaging" / "linux" / "install.sh"
LINUX = paths.resources_dir() / "linux"
MIME = "{http://www.freedesktop.org/standards/shared-mime-info}"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktops")


def entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_the_entry_and_the_file_type_name_what_the_app_uses() -> None:
    desktop = entry(LINUX / "ercsheet.desktop")
    assert desktop["Exec"] == "ercsheet %f"  # the one file a file manager opens with it
    assert desktop["Icon"] == "ercsheet" and desktop["StartupWMClass"] == "ercsheet"
    assert desktop["MimeType"] == f"{MIME_TYPE};"
    assert desktop["Terminal"] == "false"
    kind = ET.parse(LINUX / "ercsheet.xml").getroot().find(f"{MIME}mime-type")
    assert kind is not None and kind.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in kind.iter(f"{MIME}glob")] == [f"*{EXTENSION}"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_the_entry_is_valid() -> None:
    checked = subprocess.run(
        ["desktop-file-validate", str(LINUX / "ercsheet.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # Hints only (two main categories: Office and Education), never an error or a warning.
    assert "error" not in checked.stdout and "warning" not in checked.stdout


def run_install(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_DATA_DIRS": f"{home / 'data'}:/usr/share",
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    return subprocess.run(
        ["sh", str(INSTALL), *args], env=env, capture_output=True, text=True, check=False
    )


def test_install_puts_the_entry_icons_and_file_type_in_the_user_s_folders_and_removes_them(
    tmp_path: Path,
) -> None:
    # The program in a folder whose name a desktop entry must quote
    program = tmp_path / "My Apps & Co" / "ercsheet"
    program.parent.mkdir()
    program.write_text('#!/bin/sh\necho ercsheet "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    data = tmp_path / "data"

    done = run_install(tmp_path, "--exec", str(program))

    assert done.returncode == 0, done.stderr
    installed = entry(data / "applications" / "ercsheet.desktop")
    assert installed["Exec"] == f'"{program}" %f'
    assert installed["TryExec"] == str(program)
    for size in SIZES:
        icon = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "ercsheet.png"
        assert icon.read_bytes() == (paths.icons_dir() / f"ercsheet-{size}.png").read_bytes()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "ercsheet.svg").is_file()
    packaged = data / "mime" / "packages" / "ercsheet.xml"
    assert packaged.read_bytes() == (LINUX / "ercsheet.xml").read_bytes()
    if shutil.which("update-mime-database"):
        assert (data / "mime" / "mime.cache").is_file()
    if shutil.which("xdg-mime"):
        sent = tmp_path / f"0042-mgmt-l3-u40-f17{EXTENSION}"
        sent.write_text("{}", encoding="utf-8")
        asked = subprocess.run(
            ["xdg-mime", "query", "filetype", str(sent)],
            env={**os.environ, "XDG_DATA_HOME": str(data), "XDG_DATA_DIRS": f"{data}:/usr/share"},
            capture_output=True,
            text=True,
            check=True,
        )
        assert asked.stdout.strip() == MIME_TYPE

    removed = run_install(tmp_path, "--uninstall")

    assert removed.returncode == 0, removed.stderr
    assert not list(data.rglob("ercsheet*")), list(data.rglob("ercsheet*"))
    if shutil.which("update-mime-database"):  # the type is gone from the rebuilt database
        assert not list(data.rglob("x-ercsheet-exchange*"))


def test_install_without_an_ercsheet_to_start_says_how_to_name_it(tmp_path: Path) -> None:
    done = subprocess.run(
        ["sh", str(INSTALL)],
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "pass --exec PROGRAM" in done.stderr
    assert not (tmp_path / ".local").exists()
