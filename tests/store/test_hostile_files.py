"""Hostile exchange files: each refused whole, saying what is wrong and where (the file, the path
in it), in bounded time and memory, never with a traceback; in a multi-file import each refusal is
that file's alone. The corpus is made here, by the tests."""

from __future__ import annotations

import copy
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ercsheet.domain.sheet import (
    MAX_EVIDENCE_ROWS,
    MAX_SIGNATURE_POINTS,
    MAX_SIGNATURE_STROKES,
    MAX_STROKE_POINTS,
)
from ercsheet.store import envelope
from ercsheet.store.exchange import MAX_FILE_BYTES, ImportRefused, import_file, import_files
from ercsheet.store.store import Store
from tests.conftest import TODAY
from tests.store.test_exchange import UNITS, good_file

pytestmark = pytest.mark.timeout(120)

POSIX = os.name == "posix"
DEEP = 100_000
# Generous: each case takes milliseconds to a second; a hang or a quadratic path takes minutes.
BOUND_SECONDS = 15


def changed(edit: Callable[[dict[str, Any]], object]) -> Callable[[Path], None]:
    """The good file, edited, written as JSON."""

    def make(path: Path) -> None:
        data = copy.deepcopy(good_file())
        edit(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    return make


def raw(text: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_text(text, encoding="utf-8")

    return make


def good_text() -> str:
    return json.dumps(good_file(), ensure_ascii=False)


def sealed_with(**kdf: int) -> Callable[[Path], None]:
    """An encrypted file whose envelope asks for another scrypt cost."""

    def make(path: Path) -> None:
        data = json.loads(envelope.seal(good_text(), "pass phrase"))
        data["kdf"].update(kdf)
        path.write_text(json.dumps(data), encoding="utf-8")

    return make


def fifo(path: Path) -> None:
    os.mkfifo(path)


def to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def folder(path: Path) -> None:
    path.mkdir()


def too_large(path: Path) -> None:
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)


def put(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """Set `a.b[0].c` to value."""
    parts = path.replace("[", ".").replace("]", "").split(".")

    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        target[int(last) if last.isdigit() else last] = value

    return edit


def line(points: int) -> list[list[float]]:
    return [[(i % 1000) / 1000, 0.5] for i in range(points)]


def rows(count: int) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        data["evidence"] = [
            {"ref": f"E{i}", "title": "t", "method": "observation", "criteria": []}
            for i in range(count)
        ]

    return edit


AUDIT_EVENT = {
    "at": "2026-11-10T10:00:00",
    "actor": "Pat\x1b]0;owned\x07",
    "action": "imported",
    "detail": "",
    "prev_hash": "0" * 64,
    "hash": "0" * 64,
}

# (file name, how it is made, what the refusal says after "<file>: ")
CORPUS: list[tuple[str, Callable[[Path], None], str]] = [
    ("too-large.json", too_large, "the file is 20.1 MB; a sheet file is at most 20 MB"),
    ("a-folder.json", folder, "is a folder, not a file"),
    ("deep-array.json", raw("[" * DEEP + "]" * DEEP), "nested more than 8 levels deep (line 1"),
    (
        "deep-in-a-key.json",
        changed(put("evidence[0].notes", json.loads("[" * 50 + "]" * 50))),
        "evidence[0].notes[0][0][0][0][0]: nested more than 8 levels deep",
    ),
    (
        "long-integer.json",
        raw(good_text().replace('"version": 1', '"version": ' + "9" * 5000)),
        "version: a number of 5,000 digits is far too large",
    ),
    (
        "repeated-key.json",
        raw(good_text().replace('"ref": "E01"', '"ref": "E01", "ref": "E09"')),
        "evidence[0]: the key 'ref' is given twice",
    ),
    ("nan.json", raw(good_text().replace("0.52", "NaN")), "NaN is not a number JSON allows"),
    (
        "qualified-yes.json",
        changed(put("assessor.qualified", "yes")),
        "assessor.qualified: must be true or false",
    ),
    (
        "qualified-false-string.json",
        changed(put("assessor.qualified", "false")),
        "assessor.qualified: must be true or false",
    ),
    ("version-true.json", changed(put("version", True)), "version: must be the whole number 1"),
    ("version-float.json", changed(put("version", 1.0)), "version: must be the whole number 1"),
    (
        "no-strokes.json",
        changed(put("signatures[0].strokes", [])),
        "signatures[0]: a drawn signature needs its strokes",
    ),
    (
        "empty-stroke.json",
        changed(put("signatures[0].strokes", [[]])),
        "signatures[0].strokes[0]: must not be empty",
    ),
    (
        "coordinate-text.json",
        changed(put("signatures[0].strokes", [[["0.5", 0.5]]])),
        "signatures[0].strokes[0][0][0]: must be a number",
    ),
    (
        "date-year-1.json",
        changed(put("evidence[0].date", "0001-01-01")),
        "evidence[0]: The evidence date 01/01/0001 is before 1900",
    ),
    (
        "signed-year-1.json",
        changed(put("signatures[0].date", "0001-01-01")),
        "signatures[0]: The date 01/01/0001 is before 1900",
    ),
    (
        "datetime-for-date.json",
        changed(put("evidence[0].date", "2026-11-02T10:00:00")),
        "evidence[0].date: must be a date written YYYY-MM-DD, not '2026-11-02T10:00:00'",
    ),
    (
        "number-for-date.json",
        changed(put("signatures[1].date", 1_700_000_000)),
        "signatures[1].date: must be a date written YYYY-MM-DD, not int",
    ),
    (
        "stroke-too-long.json",
        changed(put("signatures[0].strokes", [line(MAX_STROKE_POINTS + 1)])),
        f"signatures[0].strokes[0]: at most {MAX_STROKE_POINTS:,} points here",
    ),
    (
        "million-points.json",
        changed(put("signatures[0].strokes", [line(1_000_000)])),
        f"signatures[0].strokes[0]: at most {MAX_STROKE_POINTS:,} points here (this has 1,000,000)",
    ),
    (
        "million-points-in-strokes.json",
        changed(put("signatures[0].strokes", [line(MAX_STROKE_POINTS)] * 200)),
        f"signatures[0]: the signature has 1,000,000 points; a signature has at most "
        f"{MAX_SIGNATURE_POINTS:,}",
    ),
    (
        "too-many-strokes.json",
        changed(put("signatures[0].strokes", [line(1)] * (MAX_SIGNATURE_STROKES + 1))),
        f"signatures[0].strokes: at most {MAX_SIGNATURE_STROKES} strokes here",
    ),
    (
        "too-many-rows.json",
        changed(rows(MAX_EVIDENCE_ROWS + 1)),
        f"evidence: at most {MAX_EVIDENCE_ROWS:,} evidence items here "
        f"(this has {MAX_EVIDENCE_ROWS + 1:,})",
    ),
    (
        "escape-in-name.json",
        changed(put("candidate.name", "Siân\x1b[2J\x1b[31m")),
        "candidate.name: The candidate's name holds an escape character (U+001B) at character 5",
    ),
    (
        "override-in-ref.json",
        changed(put("evidence[1].ref", "\u202e10E")),
        "evidence[1].ref: The reference holds a right-to-left override (U+202E) at character 1",
    ),
    (
        "isolate-in-number.json",
        changed(put("candidate.candidate_number", "00\u206642")),
        "candidate.candidate_number: The candidate number holds a left-to-right isolate (U+2066)",
    ),
    (
        "bell-in-title.json",
        changed(put("evidence[0].title", "Observation\x07")),
        "evidence[0].title: The title holds a bell character (U+0007)",
    ),
    (
        "nul-in-notes.json",
        changed(put("evidence[0].notes", "seen\x00")),
        "evidence[0].notes: The notes field holds a null character (U+0000)",
    ),
    (
        "surrogate-in-title.json",
        raw(good_text().replace('"Observation of team briefing"', '"Observation \\udc00"')),
        "evidence[0].title: holds a lone surrogate",
    ),
    (
        "c1-in-signer.json",
        changed(put("signatures[1].name", "Pat\x9b31m")),
        "signatures[1]: The assessor's name holds a control sequence introducer (U+009B)",
    ),
    (
        "osc-in-audit.json",
        changed(put("audit", [AUDIT_EVENT])),
        "audit[0].actor: The text holds an escape character (U+001B)",
    ),
    (
        "audit-time-garbage.json",
        changed(put("audit", [{**AUDIT_EVENT, "actor": "Pat", "at": "yesterday"}])),
        "audit[0].at: 'yesterday' is not a date and time",
    ),
    (
        "scrypt-p-2-20.json",
        sealed_with(p=2**20),
        "kdf: the file asks for scrypt r=8, p=1048576; ercsheet opens files made with r = 8, p = 1",
    ),
    (
        "scrypt-n-2-24.json",
        sealed_with(n=2**24),
        "kdf.n: the file asks for an scrypt cost n=16777216",
    ),
]
if POSIX:
    CORPUS += [
        ("fifo.json", fifo, "is a FIFO (named pipe), not a file"),
        ("dev-zero.json", to_dev_zero, "is a device, not a file"),
    ]


@pytest.mark.parametrize(("name", "make", "says"), CORPUS, ids=[case[0] for case in CORPUS])
def test_each_hostile_file_is_refused_whole_saying_what_and_where(
    store: Store, tmp_path: Path, name: str, make: Callable[[Path], None], says: str
) -> None:
    file = tmp_path / name
    make(file)
    start = time.monotonic()
    with pytest.raises(ImportRefused) as refused:
        import_file(store, file, UNITS.get, TODAY, passphrase="pass phrase")
    assert time.monotonic() - start < BOUND_SECONDS
    message = str(refused.value)
    assert message.startswith(f"{file}: ")
    assert says in message, message
    assert store.sheets() == []


def test_the_corpus_in_one_import_refuses_each_file_alone_and_imports_the_good_one(
    store: Store, tmp_path: Path
) -> None:
    paths = []
    for name, make, _says in CORPUS:
        paths.append(tmp_path / name)
        make(paths[-1])
    good = tmp_path / "good.json"
    good.write_text(good_text(), encoding="utf-8")
    results = import_files(store, [*paths, good], UNITS.get, TODAY, passphrase="pass phrase")
    assert [path for path, _ in results] == [*paths, good]
    for (path, result), (_name, _make, says) in zip(results, CORPUS, strict=False):
        assert isinstance(result, ImportRefused) and says in str(result), (path, result)
    assert not isinstance(results[-1][1], ImportRefused)
    assert len(store.sheets()) == 1


def test_a_good_sheet_at_every_limit_imports(store: Store, tmp_path: Path) -> None:
    data = good_file()
    strokes = [line(MAX_STROKE_POINTS)] * (MAX_SIGNATURE_POINTS // MAX_STROKE_POINTS)
    data["signatures"][0]["strokes"] = strokes
    data["evidence"] += [
        {"ref": f"X{i}", "title": "t\tab\nline", "method": "product", "criteria": ["1.1"]}
        for i in range(MAX_EVIDENCE_ROWS - len(data["evidence"]))
    ]
    file = tmp_path / "at-the-limits.json"
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    imported = import_file(store, file, UNITS.get, TODAY)
    assert len(store.sheet(imported.sheet_id).evidence) == MAX_EVIDENCE_ROWS


def test_a_fault_in_the_reader_refuses_only_that_file(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ercsheet.store import exchange

    parse = exchange.parse_file

    def faulty(text: str, *args: Any) -> exchange.ParsedSheet | exchange.ParsedCandidate:
        if "FAULT" in text:
            raise RecursionError("a fault no test foresaw")
        return parse(text, *args)

    monkeypatch.setattr(exchange, "parse_file", faulty)
    bad, good = tmp_path / "bad.json", tmp_path / "good.json"
    changed(put("evidence[0].notes", "FAULT"))(bad)
    good.write_text(good_text(), encoding="utf-8")
    [(_, refused), (_, imported)] = import_files(store, [bad, good], UNITS.get, TODAY)
    assert isinstance(refused, ImportRefused)
    assert str(refused).startswith(f"{bad}: the file could not be read (RecursionError: a fault")
    assert not isinstance(imported, ImportRefused)
