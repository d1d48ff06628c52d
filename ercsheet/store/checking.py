"""Checking the store's records: what `ercsheet check` and the window both report.

Four things are checked, and one answer given for each sheet or event that fails:
- the audit chain: every event verifies and follows the one before; every event signed with
  the assessor's key verifies; the anchor (the latest signed event) is where it says;
- the history the chain tells agrees with the store: every sheet sealed, every version kept and
  every addendum made is still there with its code, unless a signed event removed it;
- each sealed sheet and kept version matches its seal (domain.seal), its seal's and addenda's
  signatures verify, and its signatures still obey the signing rules;
- rows that cannot be read (an unknown method, a malformed date) are reported, not crashed on.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ercsheet.domain import audit as chain
from ercsheet.domain import rules
from ercsheet.domain.audit import AuditEntry
from ercsheet.domain.record import normalise_typed_code, short_code
from ercsheet.domain.seal import Addendum, Seal, addendum_from_row, seal_problem
from ercsheet.domain.sheet import SheetContent
from ercsheet.store import convert, keys, models, reading, signing
from ercsheet.store.kept import content_from_exchange
from ercsheet.store.operations import driver

UPGRADED = "store upgraded"
# Events that remove or replace sealed records: once the store has a key, only the assessor
# can make them, so each must carry a signature by the key.
REMOVING = {"reopened", "sheet deleted", "candidate erased"}


@dataclass(frozen=True)
class RecordCheck:
    sheet_id: int | None  # None: a problem of the store's chain, not of one sheet
    candidate_name: str
    unit_id: str
    problem: str


@dataclass
class History:
    """What the chain says the store holds: sealed sheets, kept versions, addenda."""

    sealed: dict[int, str] = field(default_factory=dict)
    versions: dict[tuple[int, int], str] = field(default_factory=dict)
    addenda: dict[tuple[int, int | None], int] = field(default_factory=lambda: defaultdict(int))
    owners: dict[int, int] = field(default_factory=dict)
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    keyed: bool = False  # the store has had the assessor's key since this point

    # The actions `replay` reads more of than the sheet's owner (which every event gives).
    REPLAYED = frozenset(
        {"signing key created", UPGRADED, "signed and sealed", "imported", "addendum signed"}
        | REMOVING
    )

    def replay(self, event: AuditEntry, index: int) -> None:
        sheet = event.sheet_id
        if sheet is not None and event.candidate_id is not None:
            self.owners[sheet] = event.candidate_id
        values = {c.what: c for c in event.changes}
        code = values.get("record code")
        if event.action == "signing key created":
            self.keyed = True
        if (
            event.action in REMOVING
            and self.keyed
            and event.key is None
            and self._removes_seal(event)
        ):
            self.problems.append(
                (sheet, f"audit event {index + 1} ({event.action}) is not signed by the assessor")
            )
        if event.action == UPGRADED:
            self._upgraded(event)
        elif event.action in ("signed and sealed", "imported") and sheet is not None:
            if code is not None or event.erased:
                self.sealed[sheet] = code.new if code is not None else ""
            if "addenda" in values:
                self.addenda[(sheet, None)] = int(values["addenda"].new)
        elif event.action == "addendum signed" and sheet is not None:
            self.addenda[(sheet, None)] += 1
        elif event.action == "reopened" and sheet is not None:
            number = int(values["kept as version"].new) if "kept as version" in values else 0
            self.versions[(sheet, number)] = self.sealed.pop(sheet, "")
            self.addenda[(sheet, number)] = self.addenda.pop((sheet, None), 0)
        elif event.action == "sheet deleted" and sheet is not None:
            self._forget([sheet])
        elif event.action == "candidate erased":
            self._forget([s for s, c in self.owners.items() if c == event.candidate_id])

    def _removes_seal(self, event: AuditEntry) -> bool:
        """Whether the event removes a sealed record the chain knows of: a draft sheet's
        deletion removes none, and the assessor deletes a draft without their PIN."""
        if event.action != "sheet deleted" or event.sheet_id is None:
            return True
        sheet = event.sheet_id
        return sheet in self.sealed or any(kept == sheet for kept, _ in self.versions)

    def _upgraded(self, event: AuditEntry) -> None:
        # The upgrade lists every sealed record the store held: the events before it (of
        # schema 3's per-sheet trails, which named no codes) are summed up by it.
        self.sealed, self.versions = {}, {}
        self.addenda.clear()
        for change in event.changes:
            if match := re.fullmatch(r"sealed sheet (\d+)", change.what):
                self.sealed[int(match[1])] = change.new
            elif match := re.fullmatch(r"kept version (\d+)\.(\d+)", change.what):
                self.versions[(int(match[1]), int(match[2]))] = change.new
            elif match := re.fullmatch(r"problem: (?:sheet|kept version) (\d+).*", change.what):
                self.problems.append(
                    (int(match[1]), f"did not verify before the upgrade to schema 4: {change.new}")
                )

    def _forget(self, sheets: Iterable[int]) -> None:
        gone = set(sheets)
        self.sealed = {s: c for s, c in self.sealed.items() if s not in gone}
        self.versions = {k: c for k, c in self.versions.items() if k[0] not in gone}
        for key in [k for k in self.addenda if k[0] in gone]:
            del self.addenda[key]


def check_records(session: Session) -> list[RecordCheck]:
    """Every problem with the store's signed records and audit chain."""
    problems = _problems(session, None)
    # Named only where a problem is (a centre's store has a hundred thousand sheets).
    labels = reading.sheet_labels(driver(session), {s for s, _ in problems if s})
    return [
        RecordCheck(sheet, *(labels.get(sheet, ("", "")) if sheet else ("", "")), problem)
        for sheet, problem in problems
    ]


def check_record(session: Session, sheet_id: int) -> str | None:
    """The first problem with one sheet's record, or None when it verifies."""
    problems = [p for s, p in _problems(session, sheet_id) if s in (sheet_id, None)]
    return problems[0] if problems else None


def _problems(session: Session, only: int | None) -> list[tuple[int | None, str]]:
    """(sheet or None, problem). `only`: check that sheet's events and records alone."""
    public = dict(
        session.execute(select(models.SigningKey.fingerprint, models.SigningKey.public_key)).all()
    )
    if only is None:
        problems, history = _whole_chain(session, public)
    else:
        problems, history = _sheet_chain(session, only, public)
    problems += history.problems
    problems += _history_against_store(session, history, only)
    connection = driver(session)
    signed = reading.assessor_signed(
        connection, "1" if only is None else "sheet.id = :sheet", {"sheet": only}
    )
    addenda = reading.current_addenda(connection, only)
    for sealed in reading.sealed_sheets(connection, only):
        problem = _sheet_problem(connection, sealed, sealed.id in signed, addenda, public)
        if problem:
            problems.append((sealed.id, problem))
    version_query = select(models.SheetVersion)
    if only is not None:
        version_query = version_query.where(models.SheetVersion.sheet_id == only)
    for version in session.scalars(version_query):
        problem = _version_problem(session, version, public)
        if problem:
            problems.append((version.sheet_id, f"kept version {version.number}: {problem}"))
    return problems


def _whole_chain(
    session: Session, public: dict[str, str]
) -> tuple[list[tuple[int | None, str]], History]:
    """The chain's problems (where it first breaks, the anchor, the events whose signature does
    not verify) and its history, in one pass over the events as they are read: a centre's
    million events are hashed from their stored columns, and an entry is made only of an
    event the history replays or a problem names."""
    broken: tuple[int, AuditEntry] | None = None
    unsigned: list[tuple[int | None, str]] = []
    history = History()
    previous = chain.GENESIS
    for index, row in enumerate(reading.stored_events(driver(session))):
        if broken is None:
            if chain.stored_event_follows(previous, row):
                previous = row[5]
            else:
                broken = (index, reading.entry_of(row))
        # A sheet column holding no number (edited outside ercsheet) names no sheet: the
        # store's problem.
        sheet = None if row[6] == reading.NOT_A_NUMBER else row[6]
        candidate, key = row[7], row[11]
        if key is not None and not _verifies(public, key, keys.EVENT, row[5], row[12]):
            unsigned.append((sheet, _unsigned(index, row[2])))
        if sheet is not None and candidate is not None:
            history.owners[sheet] = candidate
        if row[2] in History.REPLAYED:
            history.replay(reading.entry_of(row), index)
    problems = []
    if broken is not None:
        index, event = broken
        where = None if event.sheet_id == reading.NOT_A_NUMBER else event.sheet_id
        problems.append((where, _broken(index, event)))
    return problems + _anchor_problems(session, public) + unsigned, history


def _sheet_chain(
    session: Session, sheet_id: int, public: dict[str, str]
) -> tuple[list[tuple[int | None, str]], History]:
    """One sheet's events, with the events that speak of every sheet (the upgrade, the key)
    and of its candidate's erasure: the first altered, those whose signature does not verify,
    and their history."""
    events = reading.sheet_events(driver(session), sheet_id, (UPGRADED, "signing key created"))
    problems: list[tuple[int | None, str]] = []
    for index, event in enumerate(events):
        wrong = chain.entry_problem(event)
        if wrong:
            problems.append((sheet_id, f"its audit trail was altered (event {index + 1}: {wrong})"))
            break
    history = History()
    for index, event in enumerate(events):
        if event.key is not None and not _verifies(
            public, event.key, keys.EVENT, event.hash, event.key_signature
        ):
            problems.append((event.sheet_id, _unsigned(index, event.action)))
        history.replay(event, index)
    return problems, history


def _unsigned(index: int, action: str) -> str:
    return f"audit event {index + 1} ({action}) has a signature that does not verify"


def _broken(index: int, event: AuditEntry) -> str:
    wrong = chain.entry_problem(event) or "it does not follow the event before it"
    return (
        f"the audit chain was altered at event {index + 1} ({event.action}, {event.at[:10]}): "
        f"{wrong}; events were edited, removed or inserted outside ercsheet"
    )


def _verifies(
    public: dict[str, str], fingerprint: str, purpose: str, text: str, signature: str | None
) -> bool:
    key = public.get(fingerprint)
    return key is not None and signature is not None and keys.verify(key, purpose, text, signature)


def _anchor_problems(session: Session, public: dict[str, str]) -> list[tuple[int | None, str]]:
    anchor = session.get(models.AuditAnchor, 1)
    last_signed = session.scalars(
        select(models.AuditEvent)
        .where(models.AuditEvent.key.is_not(None))
        .order_by(models.AuditEvent.id.desc())
        .limit(1)
    ).first()
    if anchor is None:
        if last_signed is not None:
            return [(None, "the audit chain's anchor was removed")]
        return []
    event = session.get(models.AuditEvent, anchor.event_id)
    if event is None or event.hash != anchor.hash:
        return [(None, "the audit chain was cut back: its latest signed events are missing")]
    if not _verifies(public, anchor.key, keys.EVENT, anchor.hash, anchor.signature):
        return [(None, "the audit chain's anchor is not signed by the assessor's key")]
    if last_signed is not None and last_signed.id != anchor.event_id:
        return [(None, "the audit chain's anchor is not its latest signed event")]
    return []


def _history_against_store(
    session: Session, history: History, only: int | None
) -> list[tuple[int | None, str]]:
    problems: list[tuple[int | None, str]] = []
    kept_query = select(
        models.SheetVersion.sheet_id, models.SheetVersion.number, models.SheetVersion.record_code
    )
    made_query = select(models.Addendum.sheet_id, models.Addendum.version)
    if only is not None:
        kept_query = kept_query.where(models.SheetVersion.sheet_id == only)
        made_query = made_query.where(models.Addendum.sheet_id == only)
    codes: dict[int, str | None] = dict(reading.record_codes(driver(session), only))
    kept = {(sheet, number): code for sheet, number, code in session.execute(kept_query)}
    made: dict[tuple[int, int | None], int] = defaultdict(int)
    for sheet_id, version in session.execute(made_query):
        made[(sheet_id, version)] += 1

    def mine(sheet: int) -> bool:
        return only is None or sheet == only

    for sheet, code in history.sealed.items():
        if not mine(sheet):
            continue
        if sheet not in codes:
            problems.append(
                (
                    sheet,
                    f"signed sheet {sheet} (record code {short_code(code)}) was deleted "
                    "outside ercsheet",
                )
            )
        elif codes[sheet] is None:
            problems.append(
                (
                    sheet,
                    "its signatures were removed outside ercsheet (record code "
                    f"{short_code(code)})",
                )
            )
        elif code and codes[sheet] != code:
            problems.append(
                (sheet, f"its record code was changed outside ercsheet (it was {short_code(code)})")
            )
    for sheet, stored_code in codes.items():
        if stored_code is not None and sheet not in history.sealed and mine(sheet):
            problems.append((sheet, "it is sealed, but no signing of it is in the audit chain"))
    for (sheet, number), code in history.versions.items():
        if mine(sheet) and (sheet, number) not in kept:
            problems.append(
                (
                    sheet,
                    f"its kept signed version {number} (record code {short_code(code)}) was "
                    "deleted outside ercsheet",
                )
            )
    for sheet, number in kept:
        if mine(sheet) and (sheet, number) not in history.versions:
            problems.append((sheet, f"its kept version {number} is not in the audit chain"))
    for key in set(history.addenda) | set(made):
        if mine(key[0]) and history.addenda.get(key, 0) != made.get(key, 0) and key[0] in codes:
            problems.append((key[0], "an addendum was added or removed outside ercsheet"))
    return problems


def _sheet_problem(
    connection: sqlite3.Connection,
    sheet: reading.SealedSheet,
    assessor_signed: bool,
    addenda: dict[int, list[tuple[Any, ...]]],
    public: dict[str, str],
) -> str | None:
    if sheet.seal is None:
        return "it has a record code but no sealed record"
    if not assessor_signed:
        return "it has a record code but no assessor signature"
    try:
        live = reading.read_rows(connection, sheet.id)[0]
        made = [addendum_from_row(*row) for row in addenda.get(sheet.id, [])]
    except reading.SheetMissing:
        return "it cannot be read: its candidate is missing"
    except (ValueError, KeyError, TypeError) as error:
        return f"it cannot be read ({error})"
    sealed = Seal(sheet.seal, sheet.record_code)
    return _sealed_problem(live, sealed, made, sheet.seal_key, sheet.seal_signature, public)


def _sealed_problem(
    live: SheetContent,
    sealed: Seal,
    addenda: list[Addendum],
    seal_key: str | None,
    seal_signature: str | None,
    public: dict[str, str],
) -> str | None:
    problem = seal_problem(live, sealed, addenda)
    if problem:
        return problem
    if seal_key is not None and not _verifies(
        public, seal_key, keys.SEAL, sealed.code, seal_signature
    ):
        return "its seal is not signed by the assessor's key"
    for addendum in addenda:
        if addendum.key is None or not _verifies(
            public, addendum.key, keys.ADDENDUM, addendum.hash, addendum.key_signature
        ):
            return f"addendum {addendum.number} is not signed by the assessor's key"
    # Dates were checked against the day they were signed on; a clock set back since (or a
    # laptop's wrong date) does not make a signed record break the rules afterwards.
    broken = [
        problem
        for problem in rules.blocking(rules.check_sheet(live, dt.date.max))
        if problem.rule is not rules.Rule.FUTURE_DATE
    ]
    if broken:
        return f"its signatures break a signing rule: {broken[0].message}"
    return None


def _version_problem(
    session: Session, version: models.SheetVersion, public: dict[str, str]
) -> str | None:
    if version.seal is None:
        return "it has no sealed record"
    sealed = Seal(version.seal, version.record_code)
    try:
        content = content_from_exchange(version.content, convert.unit_of(version.sheet))
        addenda = signing.addenda(version.sheet, version.number)
    except (ValueError, KeyError, TypeError) as error:
        return f"it cannot be read ({error})"
    return _sealed_problem(
        content, sealed, addenda, version.seal_key, version.seal_signature, public
    )


def find_by_code(session: Session, typed: str) -> list[tuple[int, int | None, list[Addendum]]]:
    """(sheet, kept version or None, the addenda made after the seal) whose code starts so."""
    prefix = normalise_typed_code(typed)
    if len(prefix) < 8:
        return []
    found: list[tuple[int, int | None, list[Addendum]]] = []
    for sheet in session.scalars(
        select(models.Sheet).where(models.Sheet.record_code.startswith(prefix))
    ):
        found.append((sheet.id, None, signing.addenda(sheet)))
    for version in session.scalars(
        select(models.SheetVersion).where(models.SheetVersion.record_code.startswith(prefix))
    ):
        found.append(
            (version.sheet_id, version.number, signing.addenda(version.sheet, version.number))
        )
    return found
