"""The store's operations: every change the app makes goes through one, committed at once."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from ercsheet.catalogue.model import Unit
from ercsheet.catalogue.snapshot import unit_from_json, unit_to_json
from ercsheet.domain import rules
from ercsheet.domain.audit import AuditEntry
from ercsheet.domain.rules import Problem
from ercsheet.domain.sheet import EvidenceRow, Person, SheetContent, Signature
from ercsheet.domain.vocabulary import Role
from ercsheet.store import audit, backup, cipher, convert, models, reading, signing
from ercsheet.store.database import open_engine
from ercsheet.store.exchange_format import SheetV1, content_of, sheet_to_dict
from ercsheet.store.instance_lock import InstanceLock
from ercsheet.store.opening import StoreError
from ercsheet.store.reading import SheetSummary as SheetSummary


class RuleViolation(Exception):
    """A change was refused by a rule; `problems` say which and what to do."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class DiskFull(StoreError):
    """A write found no room on the disk; nothing of it was stored."""


class NotFound(LookupError):
    pass


@dataclass(frozen=True)
class Profile:
    name: str
    qualified: bool
    assessor_number: str = ""


@dataclass(frozen=True)
class CandidateInfo:
    id: int
    name: str
    candidate_number: str
    centre_number: str


@dataclass(frozen=True)
class SupersededVersion:
    number: int
    record_code: str
    superseded_at: dt.datetime
    superseded_by: str
    reason: str
    content_json: str


_Row = TypeVar("_Row", bound=models.Base)


class Store:
    def __init__(
        self,
        path: Path,
        exclusive: bool = False,
        passphrase: str | None = None,
        quick_check: bool = True,
    ) -> None:
        """`exclusive`: hold the database's instance lock while open (the window, and commands
        that change the store), so a second ercsheet on the same file is told so.
        `passphrase`: the file is SQLCipher-encrypted with it (None: a plain SQLite file).
        `quick_check`: read the whole file for damage first (the window does it afterwards)."""
        self.path = Path(path)
        self.passphrase = passphrase
        self._lock = InstanceLock(self.path) if exclusive else None
        if self._lock is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._lock.acquire()
        try:
            self.engine = open_engine(self.path, passphrase, quick_check)
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def reconnect(self) -> None:
        """Open the file again (after a restore replaced it), with the same checks as at start."""
        self.engine.dispose()
        if self.passphrase is not None and not cipher.is_encrypted(self.path):
            self.passphrase = None  # a plain backup was restored
        self.engine = open_engine(self.path, self.passphrase)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def backup(self, reason: str) -> Path | None:
        """A rotating backup now, encrypted like the database."""
        return backup.rotate(self.path, reason, passphrase=self.passphrase)

    def change_passphrase(self, new: str | None) -> None:
        """Encrypt the database with `new`, change its passphrase, or (None) decrypt it.

        The database is backed up first, then copied whole into a new file with the new key
        (SQLCipher's export) which replaces it atomically: a failure leaves the file as it was.
        Then the backups it keeps get the new key too: a plain backup left beside a newly
        encrypted database would give its names to whoever finds the laptop.
        """
        if new is not None and not new:
            raise ValueError("an empty passphrase: pass None to remove encryption")
        self.backup("before-passphrase")
        self.engine.dispose()
        try:
            cipher.export(self.path, self.passphrase, new)
            backup.rekey_backups(self.path, self.passphrase, new)
        finally:
            self.passphrase = new if cipher.is_encrypted(self.path) else None
            self.engine = open_engine(self.path, self.passphrase)
            self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[Session]:
        """A session for a multi-step write (an import): all of it is committed, or none."""
        return self._writing()

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A write transaction; a full disk is reported plainly (SQLite rolled it back whole)."""
        try:
            with self._sessions.begin() as session:
                yield session
        except OperationalError as error:
            if getattr(error.orig, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
                raise DiskFull(
                    f"The disk is full, so this change was not saved ({self.path}). Everything "
                    "saved before it is safe. Free some space (delete or move files you do not "
                    "need), then make the change again."
                ) from None
            raise

    # --- the assessor profile -------------------------------------------------------------

    def profile(self) -> Profile | None:
        with self._sessions() as session:
            row = session.scalars(select(models.AssessorProfile)).first()
            return Profile(row.name, row.qualified, row.assessor_number) if row else None

    def set_profile(self, profile: Profile) -> None:
        with self._writing() as session:
            row = session.scalars(select(models.AssessorProfile)).first()
            if row is None:
                row = models.AssessorProfile()
                session.add(row)
            row.name, row.qualified = profile.name, profile.qualified
            row.assessor_number = profile.assessor_number

    # --- candidates -----------------------------------------------------------------------

    def add_candidate(self, name: str, candidate_number: str = "", centre_number: str = "") -> int:
        if not name.strip():
            raise RuleViolation([Problem(rules.Rule.REQUIRED_FIELD, "A candidate needs a name.")])
        with self._writing() as session:
            row = models.Candidate(
                name=name.strip(),
                candidate_number=candidate_number.strip(),
                centre_number=centre_number.strip(),
            )
            session.add(row)
            session.flush()
            return row.id

    def update_candidate(
        self, candidate_id: int, name: str, candidate_number: str, centre_number: str
    ) -> None:
        if not name.strip():
            raise RuleViolation([Problem(rules.Rule.REQUIRED_FIELD, "A candidate needs a name.")])
        with self._writing() as session:
            row = self._get(session, models.Candidate, candidate_id)
            row.name, row.candidate_number = name.strip(), candidate_number.strip()
            row.centre_number = centre_number.strip()

    def candidates(self, search: str = "") -> list[CandidateInfo]:
        """Candidates whose name or number contains `search`, by name. Matched with Unicode
        case folding (database.contains_folded), not SQLite's LIKE, whose folding stops at
        ASCII: "łukasz" must find "Łukasz"."""
        query = "SELECT id, name, candidate_number, centre_number FROM candidate"
        needle = search.strip()
        if needle:
            query += (
                " WHERE contains_folded(name, :needle)"
                " OR contains_folded(candidate_number, :needle)"
            )
        query += " ORDER BY lower(name), id"
        with self._sessions() as session:
            rows = session.connection().exec_driver_sql(query, {"needle": needle})
            return [CandidateInfo(*row) for row in rows]

    def candidate(self, candidate_id: int) -> CandidateInfo:
        with self._sessions() as session:
            c = self._get(session, models.Candidate, candidate_id)
            return CandidateInfo(c.id, c.name, c.candidate_number, c.centre_number)

    def find_candidate(self, candidate_number: str) -> CandidateInfo | None:
        with self._sessions() as session:
            c = session.scalars(
                select(models.Candidate).where(
                    models.Candidate.candidate_number == candidate_number.strip()
                )
            ).first()
            return CandidateInfo(c.id, c.name, c.candidate_number, c.centre_number) if c else None

    # --- sheets ---------------------------------------------------------------------------

    def create_sheet(
        self, candidate_id: int, unit: Unit, qualification: str, assessor: Person
    ) -> int:
        with self._writing() as session:
            self._get(session, models.Candidate, candidate_id)
            sheet = models.Sheet(
                candidate_id=candidate_id,
                unit_id=unit.id,
                unit_snapshot=unit_to_json(unit),
                qualification=qualification,
                assessor_name=assessor.name,
                assessor_qualified=assessor.qualified,
            )
            session.add(sheet)
            session.flush()
            self._audit(session, sheet.id, assessor.name, "created", f"unit {unit.id}")
            return sheet.id

    def sheets(self, candidate_id: int | None = None) -> list[SheetSummary]:
        with self._sessions() as session:
            return reading.summaries(_driver(session), candidate_id)

    def sheet_summary(self, sheet_id: int) -> SheetSummary:
        with self._sessions() as session:
            found = reading.summaries(_driver(session), sheet_id=sheet_id)
        if not found:
            raise NotFound(f"There is no sheet {sheet_id}.")
        return found[0]

    def sheet(self, sheet_id: int) -> SheetContent:
        return self.sheet_and_ids(sheet_id)[0]

    def sheet_and_ids(self, sheet_id: int) -> tuple[SheetContent, list[int]]:
        """The sheet's content and the ids of its evidence items, row by row (what a view edits)."""
        with self._sessions() as session:
            try:
                return reading.read_sheet(_driver(session), sheet_id)
            except reading.SheetMissing:
                raise NotFound(f"There is no sheet {sheet_id}.") from None

    def evidence_ids(self, sheet_id: int) -> list[int]:
        with self._sessions() as session:
            return list(
                session.scalars(
                    select(models.EvidenceItem.id)
                    .where(models.EvidenceItem.sheet_id == sheet_id)
                    .order_by(models.EvidenceItem.position)
                )
            )

    def delete_sheet(self, sheet_id: int) -> None:
        with self._writing() as session:
            session.delete(self._get(session, models.Sheet, sheet_id))

    # --- evidence -------------------------------------------------------------------------

    def add_evidence(
        self,
        sheet_id: int,
        row: EvidenceRow,
        position: int | None = None,
        today: dt.date | None = None,
    ) -> int:
        with self._writing() as session:
            sheet = self._editable_sheet(session, sheet_id)
            content = convert.sheet_content(sheet)
            self._check_row(content, row, content.evidence, today)
            items = list(sheet.evidence)
            position = len(items) if position is None else max(0, min(position, len(items)))
            item = convert.evidence_item(row, position)
            items.insert(position, item)
            sheet.evidence = items
            self._renumber(items)
            session.flush()
            return item.id

    def evidence(self, evidence_id: int) -> EvidenceRow:
        with self._sessions() as session:
            return convert.evidence_row(self._get(session, models.EvidenceItem, evidence_id))

    def update_evidence(
        self, evidence_id: int, row: EvidenceRow, today: dt.date | None = None
    ) -> None:
        """Replace an item's fields and ticks with `row`'s."""
        with self._writing() as session:
            item = self._get(session, models.EvidenceItem, evidence_id)
            sheet = self._editable_sheet(session, item.sheet_id)
            content = convert.sheet_content(sheet)
            others = [convert.evidence_row(i) for i in sheet.evidence if i.id != evidence_id]
            self._check_row(content, row, others, today)
            item.ref, item.ref_key = row.ref.strip(), convert.ref_key(row.ref)
            item.title, item.method, item.date, item.notes = (
                row.title,
                row.method.value,
                row.date,
                row.notes,
            )
            current = {t.criterion for t in item.ticks}
            item.ticks = [t for t in item.ticks if t.criterion in row.criteria] + [
                models.Tick(criterion=c) for c in sorted(row.criteria - current)
            ]

    def set_tick(self, evidence_id: int, criterion: str, covered: bool) -> None:
        # The most frequent edit: checked with three small queries, not by loading the sheet.
        with self._writing() as session:
            found = session.execute(
                select(models.Sheet.id, models.Sheet.unit_snapshot)
                .join(models.EvidenceItem)
                .where(models.EvidenceItem.id == evidence_id)
            ).one_or_none()
            if found is None:
                raise NotFound(f"There is no evidence item {evidence_id}.")
            sheet_id, snapshot = found
            if self._assessor_signed(session, sheet_id):
                raise RuleViolation([self._locked_problem()])
            if criterion not in unit_from_json(snapshot).criterion_numbers:
                raise RuleViolation(
                    [
                        Problem(
                            rules.Rule.UNKNOWN_CRITERION, f"This unit has no criterion {criterion}."
                        )
                    ]
                )
            tick = session.get(models.Tick, (evidence_id, criterion))
            if covered and tick is None:
                session.add(models.Tick(evidence_id=evidence_id, criterion=criterion))
            elif not covered and tick is not None:
                session.delete(tick)
            session.execute(
                update(models.Sheet)
                .where(models.Sheet.id == sheet_id)
                .values(updated_at=models.utcnow())
            )

    def delete_evidence(self, evidence_id: int) -> tuple[int, EvidenceRow]:
        """Remove an item; returns its position and content so it can be put back (undo)."""
        with self._writing() as session:
            item = self._get(session, models.EvidenceItem, evidence_id)
            sheet = self._editable_sheet(session, item.sheet_id)
            position, row = item.position, convert.evidence_row(item)
            items = [i for i in sheet.evidence if i.id != evidence_id]
            session.delete(item)
            session.flush()
            self._renumber(items)
            return position, row

    def move_evidence(self, evidence_id: int, new_position: int) -> None:
        with self._writing() as session:
            item = self._get(session, models.EvidenceItem, evidence_id)
            sheet = self._editable_sheet(session, item.sheet_id)
            items = [i for i in sheet.evidence if i.id != evidence_id]
            items.insert(max(0, min(new_position, len(items))), item)
            self._renumber(items)

    # --- signatures -----------------------------------------------------------------------

    def add_signature(
        self,
        sheet_id: int,
        signature: Signature,
        today: dt.date,
        pin: str | None = None,
        iv: Person | None = None,
    ) -> None:
        """Sign the sheet; signing as assessor asks for the profile's PIN when one is set.

        An IV signing (`Role.IV`) may say who they are and whether they are qualified (`iv`):
        an unqualified IV's initials then need a qualified IV's countersignature.
        """
        with self._writing() as session:
            sheet = self._load_sheet(session, sheet_id)
            if iv is not None:
                if signature.role is not Role.IV:
                    raise ValueError("only the internal verifier's signature records the IV")
                sheet.iv_name, sheet.iv_qualified = iv.name.strip(), iv.qualified
            content = convert.sheet_content(sheet)
            problems = rules.blocking(rules.check_signature(content, signature, today))
            if signature.role is Role.ASSESSOR:
                problems += signing.pin_problems(session, pin)
            if problems:
                raise RuleViolation(problems)
            sheet.signatures.append(convert.signature_record(signature))
            signing.seal(sheet)
            self._audit(
                session,
                sheet_id,
                signature.name,
                "signed",
                f"{signature.role.value} ({signature.kind.value}) dated {signature.date}"
                + (f"; record code {sheet.record_code}" if sheet.record_code else ""),
            )

    # --- signed records ---------------------------------------------------------------------

    def set_pin(self, pin: str | None, current: str | None = None) -> None:
        """Set (or with None remove) the PIN asked before signing as assessor."""
        if pin is not None and len(pin) < 4:
            raise RuleViolation(
                [Problem(rules.Rule.ASSESSOR_PIN, "Choose a PIN of at least 4 characters.")]
            )
        with self._writing() as session:
            problems = signing.pin_problems(session, current)
            if problems:
                raise RuleViolation(problems)
            profile = session.scalars(select(models.AssessorProfile)).first()
            if profile is None:
                raise NotFound("Set up the assessor profile first.")
            profile.pin_hash = signing.hash_pin(pin) if pin else None

    def has_pin(self) -> bool:
        with self._sessions() as session:
            profile = session.scalars(select(models.AssessorProfile)).first()
            return bool(profile and profile.pin_hash)

    def reopen(self, sheet_id: int, reason: str, actor: str, pin: str | None = None) -> int:
        """Void the signatures so the sheet can be edited, keeping the signed version whole.

        Returns the number of the superseded version.
        """
        if not reason.strip():
            raise RuleViolation(
                [Problem(rules.Rule.REOPEN_REASON, "Say why the signed sheet is being reopened.")]
            )
        with self._writing() as session:
            problems = signing.pin_problems(session, pin)
            if problems:
                raise RuleViolation(problems)
            sheet = self._load_sheet(session, sheet_id)
            if sheet.record_code is None:
                raise RuleViolation(
                    [
                        Problem(
                            rules.Rule.SIGNATURE_ORDER,
                            "This sheet is not signed: edit it directly.",
                        )
                    ]
                )
            number = len(sheet.versions) + 1
            sheet.versions.append(
                models.SheetVersion(
                    number=number,
                    content=json.dumps(
                        sheet_to_dict(convert.sheet_content(sheet)), ensure_ascii=False
                    ),
                    record_code=sheet.record_code,
                    superseded_by=actor,
                    reason=reason.strip(),
                )
            )
            sheet.signatures.clear()
            sheet.record_code = None
            self._audit(
                session,
                sheet_id,
                actor,
                "reopened",
                f"signatures voided; version {number} "
                f"(record code {sheet.versions[-1].record_code}) kept; reason: {reason.strip()}",
            )
            return number

    def record_code(self, sheet_id: int) -> str | None:
        with self._sessions() as session:
            return self._get(session, models.Sheet, sheet_id).record_code

    def versions(self, sheet_id: int) -> list[SupersededVersion]:
        with self._sessions() as session:
            sheet = self._get(session, models.Sheet, sheet_id)
            return [
                SupersededVersion(
                    v.number, v.record_code, v.superseded_at, v.superseded_by, v.reason, v.content
                )
                for v in sheet.versions
            ]

    def version_content(self, sheet_id: int, number: int) -> SheetContent:
        """A superseded version's content exactly as it was signed (to view or print it)."""
        with self._sessions() as session:
            sheet = self._get(session, models.Sheet, sheet_id)
            version = next((v for v in sheet.versions if v.number == number), None)
            if version is None:
                raise NotFound(f"Sheet {sheet_id} has no superseded version {number}.")
            kept = SheetV1.model_validate_json(version.content)
            return content_of(kept, convert.unit_of(sheet))

    def audit_trail(self, sheet_id: int) -> list[AuditEntry]:
        with self._sessions() as session:
            return audit.trail(session, sheet_id)

    def check_records(self) -> list[signing.RecordCheck]:
        """Every sheet whose signed record does not verify (tampering, a broken audit trail).

        Read in bulk (a centre's store has tens of thousands of sheets): every audit event in
        one pass, the sheets' codes as columns, and the content only of sheets with a code."""
        with self._sessions() as session:
            trails: dict[int, list[AuditEntry]] = defaultdict(list)
            events = select(models.AuditEvent).where(models.AuditEvent.sheet_id.is_not(None))
            for event in session.scalars(events.order_by(models.AuditEvent.id)):
                trails[event.sheet_id or 0].append(audit.entry(event))
            signed = set(
                session.scalars(
                    select(models.SignatureRecord.sheet_id).where(
                        models.SignatureRecord.role == Role.ASSESSOR.value
                    )
                )
            )
            sheets = session.execute(
                select(
                    models.Sheet.id,
                    models.Sheet.record_code,
                    models.Sheet.audit_head,
                    models.Sheet.unit_id,
                    models.Candidate.name,
                ).join(models.Candidate)
            ).all()
            found = []
            for sheet in sheets:
                problem = signing.check_record_parts(
                    sheet.id in signed,
                    sheet.record_code,
                    sheet.audit_head,
                    functools.partial(self._content, session, sheet.id),
                    trails.get(sheet.id, []),
                )
                if problem:
                    found.append(signing.RecordCheck(sheet.id, sheet.name, sheet.unit_id, problem))
            return found

    @staticmethod
    def _content(session: Session, sheet_id: int) -> SheetContent:
        return reading.read_sheet(_driver(session), sheet_id)[0]

    def check_record(self, sheet_id: int) -> str | None:
        with self._sessions() as session:
            sheet = self._get(session, models.Sheet, sheet_id)
            return signing.check_sheet_record(
                sheet, session, lambda: reading.read_sheet(_driver(session), sheet_id)[0]
            )

    def find_by_code(self, typed: str) -> list[tuple[int, int | None]]:
        with self._sessions() as session:
            return signing.find_versions_by_code(session, typed)

    # --- helpers --------------------------------------------------------------------------

    @staticmethod
    def _check_row(
        content: SheetContent,
        row: EvidenceRow,
        others: Sequence[EvidenceRow],
        today: dt.date | None,
    ) -> None:
        problems = rules.check_evidence_row(content.unit, row, others, today or dt.date.today())
        if rules.blocking(problems):
            raise RuleViolation(rules.blocking(problems))

    @staticmethod
    def _renumber(items: Sequence[models.EvidenceItem]) -> None:
        for index, item in enumerate(items):
            item.position = index

    def _load_sheet(self, session: Session, sheet_id: int) -> models.Sheet:
        sheet = session.scalars(
            select(models.Sheet)
            .where(models.Sheet.id == sheet_id)
            .options(
                selectinload(models.Sheet.candidate),
                selectinload(models.Sheet.evidence).selectinload(models.EvidenceItem.ticks),
                selectinload(models.Sheet.signatures),
            )
        ).first()
        if sheet is None:
            raise NotFound(f"There is no sheet {sheet_id}.")
        return sheet

    def _editable_sheet(self, session: Session, sheet_id: int) -> models.Sheet:
        sheet = self._load_sheet(session, sheet_id)
        if any(s.role == Role.ASSESSOR for s in sheet.signatures):
            raise RuleViolation([self._locked_problem()])
        sheet.updated_at = models.utcnow()
        return sheet

    @staticmethod
    def _assessor_signed(session: Session, sheet_id: int) -> bool:
        return (
            session.scalar(
                select(models.SignatureRecord.id).where(
                    models.SignatureRecord.sheet_id == sheet_id,
                    models.SignatureRecord.role == Role.ASSESSOR.value,
                )
            )
            is not None
        )

    @staticmethod
    def _locked_problem() -> Problem:
        return Problem(
            rules.Rule.SIGNATURE_ORDER,
            "This sheet is signed by the assessor and locked: reopen it to change it "
            "(this voids the signatures).",
        )

    @staticmethod
    def _get(session: Session, model: type[_Row], key: int) -> _Row:
        row = session.get(model, key)
        if row is None:
            raise NotFound(f"There is no {getattr(model, '__tablename__', 'row')} {key}.")
        return row

    @staticmethod
    def _audit(
        session: Session, sheet_id: int | None, actor: str, action: str, detail: str
    ) -> None:
        audit.append(session, sheet_id, actor, action, detail)


def _driver(session: Session) -> sqlite3.Connection:
    """The session's own DB-API connection, for reading.py's plain queries; the session's
    pending changes are flushed to it first, so they are read too."""
    session.flush()
    # sqlite3's, or sqlcipher3's for an encrypted store: the same DB-API.
    return cast(sqlite3.Connection, session.connection().connection.driver_connection)
