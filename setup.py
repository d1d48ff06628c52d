"""Which files a wheel holds; everything else about the package is in pyproject.toml.

`units_data/` (the built-in units and qualifications) and `resources/` (the fonts the PDF embeds,
with their licence, and the icons) sit beside the package in a checkout and in the PyInstaller
app. A wheel — `pip install .`, `pipx install .` — has no "beside the package": it carries them
inside it, as `ercsheet/units_data/` and `ercsheet/resources/`, mapped here from the folders
where they are kept. ercsheet/paths.py looks inside the package first, then beside it.
"""

from setuptools import find_packages, setup

SHIPPED = {
    "ercsheet.units_data": ("units_data", ["*.toml", "qualifications/*.toml"]),
    "ercsheet.resources": (
        "resources",
        ["fonts/*.ttf", "fonts/LICENSE-*.txt", "icons/*.png", "icons/*.svg"],
    ),
}

setup(
    packages=[*find_packages(include=["ercsheet", "ercsheet.*"]), *SHIPPED],
    package_dir={name: folder for name, (folder, _files) in SHIPPED.items()},
    package_data={
        "ercsheet": [
            "py.typed",
            "store/migrations/*.ini",
            "store/migrations/*.py",
            "store/migrations/versions/*.py",
        ],
        **{name: files for name, (_folder, files) in SHIPPED.items()},
    },
)
