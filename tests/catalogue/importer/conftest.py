"""The importer's test specifications, made once per session from the invented unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.catalogue.importer.specs import render

ROOT = Path(__file__).resolve().parents[3]
# The seed specification texts, beside the repository (never copied into it).
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def specs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("specs")
    render.main(folder)
    return folder
