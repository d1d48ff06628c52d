"""Shared fixtures: every test gets its own data folder and database; Qt runs offscreen."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ercsheet import paths
from ercsheet.catalogue.loader import Catalogue, load_catalogue
from ercsheet.catalogue.model import Unit
from ercsheet.domain.sheet import Person
from ercsheet.store.store import Store

TODAY = dt.date(2026, 11, 22)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user data folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    loaded = load_catalogue([paths.builtin_units_dir()])
    assert not loaded.errors, loaded.errors
    return loaded


@pytest.fixture
def f17(catalogue: Catalogue) -> Unit:
    """Seed 000: 10 ACs, simulation not allowed."""
    unit = catalogue.get("mgmt-l3-u40-f17")
    assert unit is not None
    return unit


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def assessor() -> Person:
    return Person("Pat Jones", qualified=True)


# The assessor's PIN in tests: signing as assessor needs one (it keeps their signing key).
PIN = "2468"


def make_signer(store: Store, qualified: bool = True) -> Store:
    """The store with an assessor profile and PIN, ready to sign as assessor."""
    from ercsheet.store.values import Profile

    store.set_profile(Profile("Pat Jones", qualified=qualified))
    store.set_pin(PIN)
    return store
