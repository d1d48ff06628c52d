"""The self-test's steps on files: the printed sheet read back, and an exchange file taken to a
second store (another laptop) and read there.

The PDF is read with pdfminer and pdfplumber, which the app ships to read unit specifications:
nothing here needs the test tools.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from ercsheet.cli.self_test_steps import (
    CANDIDATE_NAME,
    CANDIDATE_NUMBER,
    Run,
    StepFailed,
    same_name,
    same_signatures,
)
from ercsheet.domain.record import short_code

if TYPE_CHECKING:
    from pdfminer.pdfpage import PDFPage


def print_pdf(run: Run) -> str:
    """The sheet printed as `ercsheet pdf` and the window's Print… print it."""
    from ercsheet.cli.stores import printed_sheet
    from ercsheet.pdf import render_pdf

    run.pdf = run.folder / "sheet.pdf"
    render_pdf([printed_sheet(run.the_store(), run.sheet_id)], run.pdf)
    return f"{run.pdf.stat().st_size // 1024} KB"


def read_pdf(run: Run) -> str:
    """Every font the PDF uses is embedded (a verifier's reader substitutes none), and its text
    has the candidate's name with its circumflexes and the record code."""
    import pdfplumber

    if run.pdf is None:
        raise StepFailed("there is no PDF: its step did not run")
    fonts: dict[str, bool] = {}
    with pdfplumber.open(run.pdf) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        for page in pdf.pages:
            fonts.update(font_files(page.page_obj))
        pages = len(pdf.pages)
    missing = sorted(name for name, embedded in fonts.items() if not embedded)
    if not fonts or missing:
        raise StepFailed(f"fonts not embedded in the PDF: {', '.join(missing) or 'no fonts'}")
    flat = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))
    if CANDIDATE_NAME not in flat:
        near = [line for line in flat.split(" ") if line.startswith(("Si", "Ll"))][:3]
        raise StepFailed(f"the PDF's text lacks {CANDIDATE_NAME!r} (found {near})")
    code = short_code(run.record_code)
    if code not in flat:
        raise StepFailed(f"the PDF's text lacks the record code {code}")
    faces = ", ".join(sorted({name.split("+")[-1] for name in fonts}))
    pages_said = f"{pages} page{'s' if pages > 1 else ''}"
    return f"{pages_said}; fonts embedded: {faces}; name and record code in its text"


def font_files(page: PDFPage) -> dict[str, bool]:
    """Each font a page uses, by its PDF name, and whether its font program is embedded."""
    from pdfminer.pdftypes import resolve1

    found: dict[str, bool] = {}
    resources: dict[str, Any] = resolve1(page.resources) or {}
    for reference in (resolve1(resources.get("Font")) or {}).values():
        font = resolve1(reference)
        descriptor = resolve1(font.get("FontDescriptor"))
        if descriptor is None and "DescendantFonts" in font:
            descendant = resolve1(resolve1(font["DescendantFonts"])[0])
            descriptor = resolve1(descendant.get("FontDescriptor"))
        name = getattr(resolve1(font.get("BaseFont")), "name", str(font.get("BaseFont")))
        program = ("FontFile", "FontFile2", "FontFile3")
        found[name] = descriptor is not None and any(key in descriptor for key in program)
    return found


def export(run: Run) -> str:
    """The candidate's file (their sheets and library, exchange version 2), encrypted with a
    passphrase, as File → Export… and `ercsheet export --candidate --encrypt` write it."""
    from ercsheet.atomic import write_text_atomic
    from ercsheet.store import envelope
    from ercsheet.store.exchange import export_candidate

    store = run.the_store()
    candidate = store.find_candidate(CANDIDATE_NUMBER)
    if candidate is None:
        raise StepFailed("the candidate is not found by their number")
    run.exchange = run.folder / "candidate.ercsheet.json"
    text = export_candidate(store, candidate.id)
    write_text_atomic(run.exchange, envelope.seal(text, run.file_passphrase))
    return f"encrypted, {run.exchange.stat().st_size // 1024} KB"


def reimport(run: Run) -> str:
    """The file imported into a second, new store, as on another laptop: the same name, the
    same signatures and the same record code, verified there."""
    from ercsheet.store.exchange import ImportRefused, import_files

    if run.exchange is None or run.catalogue is None:
        raise StepFailed("there is no exchange file: its step did not run")
    laptop = run.folder / "other-laptop"
    laptop.mkdir(mode=0o700)
    other = run.open(laptop / "ercsheet.sqlite3", None)
    [(_, result)] = import_files(
        other, [run.exchange], run.catalogue.get, run.today, passphrase=run.file_passphrase
    )
    if isinstance(result, ImportRefused):
        raise StepFailed(f"the second store refused the file: {result}")
    if result.already:
        raise StepFailed("the second store says it had the sheet already")
    content = other.sheet(result.sheet_id)
    same_name(content.candidate.name, "the imported sheet")
    same_signatures(content.signatures, "the imported sheet")
    if other.record_code(result.sheet_id) != run.record_code:
        raise StepFailed("the imported sheet's record code differs from the one printed")
    problems = other.check_records()
    if problems:
        raise StepFailed(f"the imported sheet does not verify: {problems[0].problem}")
    run.close(other)
    return "into a second store: the same name, signatures and record code, verified"
