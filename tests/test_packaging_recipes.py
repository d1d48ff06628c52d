"""The Windows and macOS recipes, which cannot run here, still agree with the repository.

The release workflow, the Inno Setup script and the macOS scripts run only on hosted Windows and
macOS runners. What these tests catch is drift: a file they name that was moved, a platform built
that packaging/check_wheels.py does not ask about, two spellings of the exchange file's extension.
No network, nothing built.
"""

from __future__ import annotations

import importlib.util
import os
import plistlib
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from ercsheet.cli.main import build_parser

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
INNO = ROOT / "packaging" / "windows" / "ercsheet.iss"
MACOS = ROOT / "packaging" / "macos"
SPEC = ROOT / "packaging" / "ercsheet.spec"


def check_wheels() -> ModuleType:
    # Loaded from its file: the folder is named `packaging`, like the library of that name.
    spec = importlib.util.spec_from_file_location(
        "check_wheels", ROOT / "packaging" / "check_wheels.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_wheels"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def build_job() -> dict[str, Any]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job: dict[str, Any] = workflow["jobs"]["build"]
    return job


def run_scripts() -> str:
    return "\n".join(step.get("run", "") for step in build_job()["steps"])


def test_every_platform_built_is_one_the_wheel_check_asks_about() -> None:
    platforms = check_wheels().PLATFORMS
    for entry in build_job()["strategy"]["matrix"]["include"]:
        assert entry["name"] in platforms, entry
        assert platforms[entry["name"]][0] == entry["wheel-platform"], entry


def test_the_workflow_builds_on_the_python_the_wheels_were_checked_for() -> None:
    (setup,) = [
        s for s in build_job()["steps"] if s.get("uses", "").startswith("actions/setup-python")
    ]
    assert setup["with"]["python-version"] == check_wheels().PYTHON


def test_the_workflow_freezes_with_the_spec_and_runs_the_self_test_everywhere() -> None:
    scripts = run_scripts()
    assert "pyinstaller --noconfirm --clean packaging/ercsheet.spec" in scripts  # Windows, macOS
    assert "./dev.sh package" in scripts  # Linux
    for program in (
        "dist/ercsheet/ercsheet --self-test",
        "dist/ercsheet.app/Contents/MacOS/ercsheet --self-test",
    ):
        assert program in scripts
    assert '-FilePath dist\\ercsheet\\ercsheet.exe -ArgumentList "--self-test"' in scripts


def test_the_self_test_the_workflow_runs_is_an_option_of_the_program() -> None:
    if "--self-test" not in build_parser().format_help():
        pytest.skip("ercsheet --self-test is on the selftest branch, not merged here yet")


def test_every_packaging_file_the_workflow_names_is_there() -> None:
    named = set(re.findall(r"packaging[/\\][\w./\\-]+", run_scripts()))
    assert named, "the workflow names no packaging file"
    for name in sorted(named):
        path = ROOT / name.replace("\\", "/")
        if path == SPEC and not SPEC.exists():
            continue
        assert path.exists(), name
        if path.suffix == ".sh":
            assert os.access(path, os.X_OK), f"{name} is run directly: it must be executable"
    if not SPEC.exists():
        pytest.skip("packaging/ercsheet.spec is on the freeze branch, not merged here yet")


def inno_define(name: str) -> str:
    found = re.search(rf'^#define {name} "([^"]*)"', INNO.read_text(encoding="utf-8"), re.M)
    assert found, name
    return found.group(1)


def test_every_file_the_installer_takes_from_the_repository_is_there() -> None:
    text = INNO.read_text(encoding="utf-8")
    sources = re.findall(r'^Source: "([^"]+)"', text, re.M)
    sources += re.findall(r"^(?:SetupIconFile|InfoBeforeFile)=(.+)$", text, re.M)
    from_repository = [s for s in sources if not s.startswith("dist\\")]
    assert len(from_repository) >= 4
    for source in from_repository:
        path = ROOT / source.replace("\\", "/").removesuffix("/*")
        assert path.exists(), source
    # The build's output, as PyInstaller's one-folder app lays it out.
    assert 'Source: "dist\\ercsheet\\*"' in text
    assert inno_define("AppExe") == "ercsheet.exe"


def test_the_exchange_file_has_one_extension_on_windows_and_macos() -> None:
    extra = plistlib.loads((MACOS / "Info-extra.plist").read_bytes())
    (exported,) = extra["UTExportedTypeDeclarations"]
    (document,) = extra["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == [exported["UTTypeIdentifier"]]
    extensions = exported["UTTypeTagSpecification"]["public.filename-extension"]
    assert ["." + e for e in extensions] == [inno_define("ExchangeExtension")]


def test_the_macos_bundle_names_the_icon_the_build_puts_in_it() -> None:
    extra = plistlib.loads((MACOS / "Info-extra.plist").read_bytes())
    (document,) = extra["CFBundleDocumentTypes"]
    assert (ROOT / "resources" / "icons" / document["CFBundleTypeIconFile"]).exists()
    entitlements = plistlib.loads((MACOS / "entitlements.plist").read_bytes())
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}
