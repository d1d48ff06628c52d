"""Hostile input: the unit loader and the exchange import either succeed or refuse clearly.

Never a traceback, never a partial import. CI runs a bounded number of cases; set
ERCSHEET_FUZZ_EXAMPLES=20000 for a long run.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ercsheet.catalogue.loader import load_unit_file
from ercsheet.catalogue.model import Unit
from ercsheet.store.exchange import ImportRefused, import_file
from ercsheet.store.store import Store
from tests.conftest import TODAY
from tests.store.test_exchange import UNITS, good_file

# Fuzzing: its worth is in the number of examples, so it is left to the full run.
pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("ERCSHEET_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

nasty_text = st.one_of(
    st.text(max_size=50),
    st.sampled_from(
        [
            "\u202eevil\u202c",  # right-to-left override
            "שלום עולם",
            "مرحبا",
            "👩🏽‍🏫✍️🧾",
            "\x00\x01\x1b[31m",
            "a" * 6000,
            "Łukasz Żółć",
            "Dafydd ap Gruffŵdd",
            "",
            " ",
        ]
    ),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | nasty_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(nasty_text, children, max_size=4)
    ),
    max_leaves=12,
)


def paths_of(data: object, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths_of(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths_of(value, (*prefix, index))
    return found


@st.composite
def damaged_sheet_files(draw: st.DrawFn) -> str:
    data = good_file()
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths_of(data)))
        if not path:
            continue
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = draw(json_values)
    text = json.dumps(data, ensure_ascii=False)
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.text(max_size=5))
    return text


@FUZZ
@given(text=damaged_sheet_files())
def test_a_damaged_exchange_file_imports_whole_or_is_refused_whole(
    tmp_path: Path, store: Store, text: str
) -> None:
    before = store.sheets()
    file = tmp_path / "fuzz.json"
    file.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        imported = import_file(store, file, UNITS.get, TODAY)
    except ImportRefused as refusal:
        assert str(refusal).startswith(f"{file}: ")
        assert store.sheets() == before
    else:
        # Imported, or recognised as a sheet already in the store (nothing written).
        assert len(store.sheets()) == len(before) + (0 if imported.already else 1)
        content = store.sheet(imported.sheet_id)
        assert content.candidate.name.strip()


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes_are_refused_cleanly(tmp_path: Path, store: Store, data: bytes) -> None:
    file = tmp_path / "bytes.json"
    file.write_bytes(data)
    with contextlib.suppress(ImportRefused):
        import_file(store, file, UNITS.get, TODAY)
    assert len(store.sheets()) <= 1


GOOD_UNIT = """
title = "Keep bees"
[[learning_outcomes]]
number = "1"
title = "Know the hive"
[[learning_outcomes.criteria]]
number = "1.1"
text = "Name the parts"
"""


@FUZZ
@given(
    extra=st.dictionaries(
        st.sampled_from(
            [
                "title",
                "urn",
                "level",
                "credit",
                "glh",
                "expires",
                "rules",
                "nos",
                "qualifications",
                "learning_outcomes",
                "purpose",
                "weird",
            ]
        ),
        json_values,
        max_size=3,
    ),
    cut=st.none() | st.integers(0, 200),
)
def test_a_damaged_unit_file_loads_or_is_reported(
    tmp_path: Path, extra: dict[str, Any], cut: int | None
) -> None:
    lines = [GOOD_UNIT]
    for key, value in extra.items():
        lines.insert(0, f"{key} = {json.dumps(value, ensure_ascii=False)}")
    text = "\n".join(lines)
    if cut is not None:
        text = text[:cut]
    path = tmp_path / "fuzz.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = load_unit_file(path)
    if isinstance(result, Unit):
        assert result.criterion_numbers
    else:
        assert result and all(str(error).startswith(f"{path}: ") for error in result)
