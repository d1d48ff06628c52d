"""The suite never writes into the user's own folders: the window's settings, and whatever Qt or
platformdirs would put in the standard places, go to the test's temporary folders."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QStandardPaths
from pytestqt.qtbot import QtBot

from ercsheet import paths
from ercsheet.catalogue.loader import Catalogue
from ercsheet.gui import create_main_window
from tests.conftest import REAL_DATA_DIR, TODAY

Listing = dict[str, tuple[int, int]] | None


def listing(folder: Path) -> Listing:
    """Each file and folder under `folder` with its modification time and size (None: none)."""
    if not folder.exists():
        return None
    return {
        str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.stat().st_size)
        for path in folder.rglob("*")
    }


def test_the_window_keeps_its_settings_in_the_test_s_folder_and_not_the_user_s(
    qtbot: QtBot, tmp_path: Path, catalogue: Catalogue, private_data_dir: Path
) -> None:
    before = listing(REAL_DATA_DIR)
    window = create_main_window(tmp_path / "window.sqlite3", catalogue, TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.close()  # saves the layout
    window.store.close()
    assert Path(window.settings.fileName()) == private_data_dir / "window.ini"
    assert (private_data_dir / "window.ini").is_file()
    assert listing(REAL_DATA_DIR) == before


def test_the_standard_folders_are_the_suite_s_own(user_folders: Path) -> None:
    standard = [
        Path.home(),
        Path(platformdirs.user_data_dir(paths.APP_NAME, False)),
        Path(platformdirs.user_config_dir(paths.APP_NAME, False)),
        Path(platformdirs.user_cache_dir(paths.APP_NAME, False)),
        *(
            Path(QStandardPaths.writableLocation(location))
            for location in (
                QStandardPaths.StandardLocation.AppDataLocation,
                QStandardPaths.StandardLocation.ConfigLocation,
                QStandardPaths.StandardLocation.CacheLocation,
            )
        ),
    ]
    for folder in standard:
        assert folder.is_relative_to(user_folders), folder
    assert not REAL_DATA_DIR.is_relative_to(user_folders)
