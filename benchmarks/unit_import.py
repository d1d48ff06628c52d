"""The importer's figures (issue 17): the five seed texts re-imported against units_data/, the
team's own test specifications per shape, and the time to parse a 10-page PDF.

    python benchmarks/unit_import.py [--repeat 5]

For each: AC numbers found, ACs under the right LO, AC text word accuracy (1 - word errors /
words), LO title and guidance word accuracy, identifiers right (title, URN, sector number,
level, credit, GLH, expiry, rules, qualification contexts, NOS codes), ACs invented, unsure
marks. Time: median of --repeat parses of the 11-page test PDF (read + parse), beside the floor:
pdfplumber's own extraction of the same file's words (no ercsheet code); the same file read as
the window and `ercsheet unit import` read it, in a process of its own (importer/bounded.py:
the process's start, its imports and the answer's way back included); and the whole command.
Figures in docs/importer.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_ms, process_env, process_ms

from ercsheet.catalogue.importer.parse import parse_lines, parse_text
from ercsheet.catalogue.importer.reading import read_spec
from ercsheet.catalogue.importer.result import ParsedUnit
from ercsheet.catalogue.importer.scoring import Score, score
from ercsheet.catalogue.loader import load_unit_file
from ercsheet.catalogue.model import Unit
from tests.catalogue.importer.conftest import ROOT, SEEDS
from tests.catalogue.importer.specs import hedge, render
from tests.catalogue.importer.specs.invented import expected_unit
from tests.catalogue.importer.test_seeds import SEED_UNITS

SHAPES = {
    "flattened text, every trap": "flat.txt",
    "tabbed text (HTML cells)": "tabbed.txt",
    "PDF, three-column table": "table.pdf",
    "DOCX, table": "table.docx",
    "PDF, table without its heading row": "plain.pdf",
    "PDF, 11 pages (45 LOs)": "long.pdf",
}


def row(name: str, found: ParsedUnit, expected: Unit) -> str:
    s: Score = score(found, expected)
    right = s.identifiers - len(s.identifier_errors)
    guidance = f"{s.guidance:.0%}" if s.guidance_words else "none in source"
    return (
        f"| {name} | {s.numbers_found}/{s.criteria} | {s.assignment:.0%} | {s.text:.2%} | "
        f"{s.lo_titles:.0%} | {guidance} | {right}/{s.identifiers} | {s.invented} | "
        f"{len(found.unsure)} |"
    )


HEADER = (
    "| source | AC numbers | LO assignment | AC text words | LO titles | guidance | identifiers "
    "| invented ACs | unsure marks |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("Seeds\n\n" + HEADER)
    for prefix, unit_id in sorted(SEED_UNITS.items()):
        path = next(SEEDS.glob(f"{prefix}_*.txt"))
        expected = load_unit_file(ROOT / "units_data" / f"{unit_id}.toml")
        assert isinstance(expected, Unit)
        print(row(f"seed {prefix} ({unit_id})", parse_text(path.read_text("utf-8")), expected))
    with tempfile.TemporaryDirectory() as folder:
        specs = Path(folder)
        render.main(specs)
        print("\nOwn specifications\n\n" + HEADER)
        for name, file in SHAPES.items():
            expected = expected_unit(45 if file == "long.pdf" else 0)
            print(row(name, parse_lines(read_spec(specs / file)), expected))
        hedge.main(specs)
        print("\nThe unit of every rule (specs/hedge.py: lettered ACs, rules, no heading row)\n")
        print(HEADER)
        for name in ("hedge.txt", "hedge.pdf", "hedge.docx"):
            print(row(name, parse_lines(read_spec(specs / name)), hedge.expected_unit()))
        print("\nThe units of units_data/ printed as specification PDFs (render.write_pdf)\n")
        print(HEADER)
        for path in sorted((ROOT / "units_data").glob("*.toml")):
            unit = load_unit_file(path)
            assert isinstance(unit, Unit)
            render.write_pdf(specs / f"{unit.id}.pdf", unit=unit)
            print(row(f"{unit.id}.pdf", parse_lines(read_spec(specs / f"{unit.id}.pdf")), unit))
        long = specs / "long.pdf"
        ours = median_ms(lambda: parse_lines(read_spec(long)), args.repeat)
        floor = median_ms(lambda: _pdfplumber_words(long), args.repeat)
        child = _in_its_process_ms(long, specs, args.repeat)
        command = process_ms(
            [sys.executable, "-m", "ercsheet", "unit", "import", str(long)], args.repeat
        )
        print(
            f"\n11-page PDF: import {ours:.0f} ms (median of {args.repeat}); "
            f"floor, pdfplumber's words alone: {floor:.0f} ms; "
            f"in its own reading process: {child:.0f} ms; "
            f"the whole `ercsheet unit import` command: {command:.0f} ms"
        )


# A program shaped as the `ercsheet` command is (its entry script imports ercsheet.cli, which the
# reading process imports again as it starts), timing the window's and the command's reading.
IN_ITS_PROCESS = """
import statistics
import sys
import time
from pathlib import Path

from ercsheet.cli import main
from ercsheet.catalogue.importer.bounded import read_and_parse

if __name__ == "__main__":
    path, repeat = Path(sys.argv[1]), int(sys.argv[2])
    read_and_parse(path)  # untimed: Python's bytecode cache written
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        read_and_parse(path)
        samples.append((time.perf_counter() - start) * 1000)
    print(statistics.median(samples))
"""


def _in_its_process_ms(spec: Path, folder: Path, repeat: int) -> float:
    script = folder / "read_in_its_process.py"
    script.write_text(IN_ITS_PROCESS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(spec), str(repeat)],
        check=True,
        capture_output=True,
        text=True,
        env=process_env(),
    )
    return float(done.stdout)


def _pdfplumber_words(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_words()) for page in pdf.pages)


if __name__ == "__main__":
    main()
