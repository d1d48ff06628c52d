"""Shared fixtures: every test gets its own data folder and database; Qt runs offscreen; the
user's own folders (home, data, config, cache) are the suite's temporary ones."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ercsheet import paths
from ercsheet.catalogue.loader import Catalogue, load_catalogue
from ercsheet.catalogue.model import Unit
from ercsheet.domain.clock import FixedDay
from ercsheet.domain.sheet import Person
from ercsheet.store.store import Store

TODAY = dt.date(2026, 11, 22)

# The user's real data folder, read before the suite redirects it: tests check it stays untouched.
REAL_DATA_DIR = Path(platformdirs.user_data_dir(paths.APP_NAME, False))


@pytest.fixture(scope="session", autouse=True)
def user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Home and the XDG folders in a temporary folder for the whole session (and the processes
    tests start): Qt, platformdirs or a library that ignores ERCSHEET_DATA_DIR writes there."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        for name, folder in [
            ("XDG_DATA_HOME", ".local/share"),
            ("XDG_CONFIG_HOME", ".config"),
            ("XDG_CACHE_HOME", ".cache"),
            ("XDG_STATE_HOME", ".local/state"),
        ]:
            patch.setenv(name, str(home / folder))
        yield home


@pytest.fixture(autouse=True)
def commands_work_on_the_tests_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands (in this process or a child) take their day from ERCSHEET_TODAY: the suite
    passes whatever the machine's date (tests/test_clock.py runs it shifted)."""
    monkeypatch.setenv("ERCSHEET_TODAY", TODAY.isoformat())


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user data folder: ercsheet's own folder is the test's."""
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
    opened = Store(tmp_path / "store.sqlite3", clock=FixedDay(TODAY))
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
