"""The self-test's steps: an assessor's day done through the app's own layers, on a throwaway store.

Each step calls what the window and the commands call (the Store's operations, the catalogue's
loader, the PDF renderer, the exchange export and import) and checks what came back, raising
`StepFailed` with a sentence when it is not what an assessor would get. Each returns what its
`ok` line says. The runner (self_test.py) times them, reports them, and removes the folder.
"""

from __future__ import annotations

import datetime as dt
import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ercsheet import paths
from ercsheet.domain.record import short_code
from ercsheet.domain.sheet import EvidenceRow, Person, Signature, Stroke
from ercsheet.domain.vocabulary import Method, Role, SignatureKind
from ercsheet.store.example import EXAMPLE_UNIT

if TYPE_CHECKING:
    from ercsheet.catalogue.loader import Catalogue
    from ercsheet.catalogue.model import Unit
    from ercsheet.store.store import Store

# A Welsh name with the circumflexes a UK keyboard cannot type directly: it must survive the
# store, the printed form (the fonts' coverage and the PDF's text layer) and an exchange file.
CANDIDATE_NAME = "Siân Llŷr ap Gwilym"
CANDIDATE_NUMBER = "ST-0001"
ASSESSOR_NAME = "Gwenllïan Öztürk"
# A built-in unit every install has: the first run's example sheet is on it too.
UNIT_ID = EXAMPLE_UNIT


class StepFailed(Exception):
    """A step found something wrong; its message is the FAIL line's reason."""


@dataclass
class Run:
    """What the steps share: the temporary folder and what earlier steps made in it."""

    folder: Path
    today: dt.date
    # Generated for this run: nothing the user chose, nothing kept.
    passphrase: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    file_passphrase: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    pin: str = field(default_factory=lambda: f"{secrets.randbelow(10**6):06d}")
    opened: list[Store] = field(default_factory=list)
    catalogue: Catalogue | None = None
    store: Store | None = None
    sheet_id: int = 0
    record_code: str = ""
    pdf: Path | None = None
    exchange: Path | None = None

    @property
    def database(self) -> Path:
        return self.folder / "ercsheet.sqlite3"

    def unit(self) -> Unit:
        found = self.catalogue.get(UNIT_ID) if self.catalogue is not None else None
        if found is None:
            raise StepFailed(f"the built-in unit {UNIT_ID} is missing from the catalogue")
        return found

    def the_store(self) -> Store:
        if self.store is None:
            raise StepFailed("there is no store: its step did not run")
        return self.store

    def open(self, database: Path, passphrase: str | None) -> Store:
        """A store of this run, closed by the runner however the run ends."""
        from ercsheet.cli.common import clock
        from ercsheet.store.store import Store

        store = Store(database, True, passphrase, quick_check=False, clock=clock())
        self.opened.append(store)
        return store

    def close(self, store: Store) -> None:
        store.close()
        self.opened.remove(store)


def load_units(run: Run) -> str:
    """The unit catalogue as every start loads it (the data folder is the run's, so the built-in
    units alone)."""
    from ercsheet.catalogue.loader import load_catalogue

    run.catalogue = load_catalogue(paths.unit_folders())
    if run.catalogue.errors:
        raise StepFailed(f"a built-in unit file could not be read: {run.catalogue.errors[0]}")
    unit = run.unit()
    return f"{len(run.catalogue.units)} units; using {unit.display_title}"


def create_store(run: Run) -> str:
    """A new encrypted store, as the first start makes one when a passphrase is chosen."""
    from ercsheet.store import cipher

    run.store = run.open(run.database, run.passphrase)
    return f"SQLCipher {cipher.sqlcipher_version()}"


def check_encrypted(run: Run) -> str:
    """The file on disk is ciphertext, and neither no passphrase nor a wrong one opens it."""
    from ercsheet.store import cipher
    from ercsheet.store.opening import StoreError
    from ercsheet.store.store import Store

    with open(run.database, "rb") as file:
        header = file.read(len(cipher.PLAIN_HEADER))
    if header == cipher.PLAIN_HEADER:
        raise StepFailed(f"{run.database} starts 'SQLite format 3': it is not encrypted")
    for attempt, said in ((None, "without the passphrase"), ("not-the-passphrase", "wrongly")):
        try:
            # Not exclusive: the run's own store holds the lock, as the window would.
            Store(run.database, False, attempt, quick_check=False).close()
        except StoreError:
            continue
        raise StepFailed(f"the encrypted store opened {said}")
    return "no SQLite header; refused without the passphrase and with a wrong one"


def set_assessor(run: Run) -> str:
    """The assessor's profile and PIN: the PIN keeps the key that seals signed sheets."""
    from ercsheet.store.store import Profile

    store = run.the_store()
    store.set_profile(Profile(ASSESSOR_NAME, True, "A-1234"))
    store.set_pin(run.pin)
    fingerprint = store.key_fingerprint()
    if fingerprint is None:
        raise StepFailed("setting the PIN made no signing key")
    return f"signing key {fingerprint}"


def add_candidate(run: Run) -> str:
    store = run.the_store()
    candidate_id = store.add_candidate(CANDIDATE_NAME, CANDIDATE_NUMBER, "12345")
    stored = store.candidate(candidate_id).name
    same_name(stored, "the store")
    unit = run.unit()
    qualification = unit.qualifications[0].title if unit.qualifications else ""
    run.sheet_id = store.create_sheet(candidate_id, unit, qualification, Person(ASSESSOR_NAME))
    return f"{stored}, sheet {run.sheet_id}"


def tick(run: Run) -> str:
    """Evidence items, each criterion ticked one by one as a click in the grid does."""
    store, unit = run.the_store(), run.unit()
    criteria = unit.criterion_numbers
    methods = (Method.OBSERVATION, Method.PROFESSIONAL_DISCUSSION, Method.PRODUCT)
    rows = [
        store.add_evidence(
            run.sheet_id,
            EvidenceRow(f"E0{index + 1}", f"Self-test evidence {index + 1}", method, run.today),
            today=run.today,
        )
        for index, method in enumerate(methods)
    ]
    for index, criterion in enumerate(criteria):
        store.set_tick(rows[index % len(rows)], criterion, True)
    summary = store.sheet_summary(run.sheet_id)
    if summary.covered != summary.total or summary.total != len(criteria):
        raise StepFailed(f"{summary.covered} of {summary.total} criteria covered after ticking")
    return f"{len(rows)} items, {summary.covered}/{summary.total} criteria covered"


def drawn_strokes() -> tuple[Stroke, ...]:
    """A signature as the pad records it: strokes of points in the unit square of the box,
    rounded to four places (gui/signing/pad.py), one point about every hundredth of a second."""

    def stroke(start: float, width: float, turns: float) -> Stroke:
        points = []
        for step in range(60):
            t = step / 59
            x = start + width * t
            y = 0.55 - 0.25 * math.sin(turns * math.pi * t) * (1 - 0.5 * t)
            points.append((round(x, 4), round(y, 4)))
        return tuple(points)

    return (stroke(0.08, 0.4, 5), stroke(0.5, 0.35, 3), ((0.88, 0.4),))


def sign(run: Run) -> str:
    """The candidate signs drawn, then the assessor typed with their PIN, which seals the sheet."""
    store = run.the_store()
    drawn = Signature(
        Role.CANDIDATE, CANDIDATE_NAME, run.today, SignatureKind.DRAWN, drawn_strokes()
    )
    store.add_signature(run.sheet_id, drawn, run.today)
    typed = Signature(Role.ASSESSOR, ASSESSOR_NAME, run.today, SignatureKind.TYPED)
    store.add_signature(run.sheet_id, typed, run.today, pin=run.pin)
    code = store.record_code(run.sheet_id)
    if code is None:
        raise StepFailed("the assessor's signature did not seal the sheet")
    problems = store.check_records()
    if problems:
        raise StepFailed(f"the signed sheet does not verify: {problems[0].problem}")
    run.record_code = code
    same_signatures(store.sheet(run.sheet_id).signatures, "the store")
    return f"candidate drawn, assessor typed with PIN; sealed, record code {short_code(code)}"


def same_signatures(signatures: Sequence[Signature], where: str) -> None:
    """The candidate's drawn signature, point for point, then the assessor's typed one."""
    kinds = [s.kind for s in signatures]
    if kinds != [SignatureKind.DRAWN, SignatureKind.TYPED]:
        raise StepFailed(f"{where} has the signatures as {', '.join(kinds)}, not drawn, typed")
    if signatures[0].strokes != drawn_strokes():
        raise StepFailed(f"{where} has the drawn signature's strokes changed")


def same_name(found: str, where: str) -> None:
    """The candidate's name exactly as typed (a PDF's text is compared once composed: NFC)."""
    if found != CANDIDATE_NAME:
        raise StepFailed(f"{where} has the candidate's name as {found!r}, not {CANDIDATE_NAME!r}")
