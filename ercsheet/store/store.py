"""The store: every change the app makes goes through one of its operations, committed at once.

It opens in two halves. Reads (candidates, the profile, a sheet and its summaries) are plain SQL
on a DB-API connection of the store's own (reading.py), ready as soon as the file is checked.
Changes, and the few reads that need mapped objects, go through SQLAlchemy (operations.py), loaded
when first needed: the window shows the assessor their candidates, and `ercsheet pdf` prints,
without waiting for SQLAlchemy's import, which takes several times longer than either. The window
loads that half as soon as it is shown, so the first tick does not wait either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from ercsheet.catalogue.model import Grade, Unit
from ercsheet.domain import form_rules, rules
from ercsheet.domain.audit import AuditEntry
from ercsheet.domain.library import Holding
from ercsheet.domain.names import normalise
from ercsheet.domain.passphrase import passphrase_problems, pin_problems
from ercsheet.domain.rules import Problem
from ercsheet.domain.sheet import EvidenceRow, Person, SheetContent, Signature
from ercsheet.store import (
    backup,
    cipher,
    files_lock,
    journal,
    reading,
    swaps,
)
from ercsheet.store.journal import Record
from ercsheet.store.library_api import LibraryApi
from ercsheet.store.reading import SheetSummary as SheetSummary
from ercsheet.store.registration_api import RegistrationApi
from ercsheet.store.values import CandidateInfo as CandidateInfo
from ercsheet.store.values import DiskFull as DiskFull
from ercsheet.store.values import NotFound as NotFound
from ercsheet.store.values import Profile as Profile
from ercsheet.store.values import RuleViolation as RuleViolation
from ercsheet.store.values import SupersededVersion as SupersededVersion

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from ercsheet.domain.seal import Addendum
    from ercsheet.domain.unit_update import UnitChanges
    from ercsheet.store import (
        checking,
        evidence_operations,
        operations,
        sign_operations,
        unit_operations,
    )
    from ercsheet.store.checking import RecordCheck
    from ercsheet.store.evidence_operations import RemovedRow
    from ercsheet.store.import_operations import Incoming, Stored
    from ercsheet.store.sign_operations import SealedRecord

T = TypeVar("T")


class Runner(Protocol):
    """Runs a long piece of an operation's file work and returns its result (or raises)."""

    def __call__(self, work: Callable[[], T]) -> T: ...


def in_this_thread(work: Callable[[], T]) -> T:
    return work()


class Store(LibraryApi, RegistrationApi):
    """The store's API: every change an operation (one transaction with its audit event),
    every read through the read half."""

    def _orm_sessions(self, quick_check: bool = False) -> sessionmaker[Session]:
        # The operations of the SQLAlchemy half, imported with it on first use (connection.py).
        global operations, evidence_operations, sign_operations, checking, unit_operations
        from ercsheet.store import (
            checking,
            evidence_operations,
            operations,
            sign_operations,
            unit_operations,
        )

        return super()._orm_sessions(quick_check)

    def restore(self, source: Path) -> Path | None:
        """Replace the database with the backup `source` (checked first; the current database
        is backed up before it is replaced) and open it again, holding the instance lock all
        along: no other ercsheet can open the file for writing in between, nor after. Returns
        the backup of the data replaced. A BackupError leaves the database as it was, open."""
        self._close_connections()
        self._own_journal = True
        try:
            with files_lock.exclusive(self.path):
                try:
                    kept = backup.restore(self.path, source, self.passphrase)
                finally:
                    # Opening it again writes the restore's audit event, in the restored
                    # database (events after the backup was made are in `kept`).
                    self.reconnect()
        finally:
            self._own_journal = False
        return kept

    def backup(self, reason: str) -> Path | None:
        """A rotating backup now, encrypted like the database."""
        return backup.rotate(self.path, reason, passphrase=self.passphrase)

    def change_passphrase(self, new: str | None, run: Runner = in_this_thread) -> list[Path]:
        """Encrypt the database with `new`, change its passphrase, or (None) decrypt it.

        The database is backed up first; then the database and every backup it keeps are copied
        whole with the new key into staging files, which replace them all at once (swaps.rekey):
        stopped before that point nothing has changed, after it the change is finished, now or
        when the database is next opened. No backup is left with the old key or in plaintext
        beside an encrypted database. Returns the backups the old key did not open (left).
        A passphrase the domain's policy refuses (too short) is a RuleViolation; nothing changes.
        `run` runs the copying, which takes seconds (the window's keeps it off its thread); the
        store's own connections are closed and opened again on the caller's thread.
        """
        if new is not None and not new:
            raise ValueError("an empty passphrase: pass None to remove encryption")
        problems = passphrase_problems(new) if new is not None else []
        if problems:
            raise RuleViolation(problems)
        self._own_journal = True
        try:
            with files_lock.exclusive(self.path):
                run(lambda: self.backup("before-passphrase"))
                self._close_connections()
                old = self.passphrase
                try:
                    return run(lambda: swaps.rekey(self.path, old, new))
                finally:
                    record = journal.read(self.path)
                    if record is not None and record.get("phase") in ("swap", "log"):
                        self.passphrase = new  # past the point of no return
                    self._open_safely(quick_check=False)
        finally:
            self._own_journal = False

    # --- the assessor profile -------------------------------------------------------------

    def profile(self) -> Profile | None:
        found = self._read(reading.profile)
        return found[0] if found else None

    def has_pin(self) -> bool:
        found = self._read(reading.profile)
        return bool(found and found[1])

    def set_profile(self, profile: Profile) -> None:
        self._change(lambda tx: operations.set_profile(tx, profile))

    def set_pin(self, pin: str | None, current: str | None = None) -> None:
        """Set or change the PIN asked before signing as assessor (it cannot be removed: it
        keeps the key that seals signed sheets)."""
        if pin is None:
            raise RuleViolation(
                [
                    Problem(
                        rules.Rule.ASSESSOR_PIN,
                        "A PIN is needed to sign as assessor: change it rather than remove it.",
                    )
                ]
            )
        problems = pin_problems(pin)
        if problems:
            raise RuleViolation(problems)
        self._change(lambda tx: operations.set_pin(tx, pin, current))

    def key_fingerprint(self) -> str | None:
        """The assessor's signing key's fingerprint, grouped for print (None: no key yet)."""
        return self._orm_read(lambda session: sign_operations.key_fingerprint(session))

    # --- candidates -----------------------------------------------------------------------

    def add_candidate(self, name: str, candidate_number: str = "", centre_number: str = "") -> int:
        return self._change(
            lambda tx: operations.add_candidate(tx, name, candidate_number, centre_number)
        )

    def update_candidate(
        self, candidate_id: int, name: str, candidate_number: str, centre_number: str
    ) -> None:
        """Correct a candidate's details: drafts follow, signed sheets keep what was signed."""
        self._change(
            lambda tx: operations.update_candidate(
                tx, candidate_id, name, candidate_number, centre_number
            )
        )

    def signed_sheet_count(self, candidate_id: int) -> int:
        return self._orm_read(lambda session: operations.signed_sheet_count(session, candidate_id))

    def candidates(
        self, search: str = "", limit: int | None = None, offset: int = 0
    ) -> list[CandidateInfo]:
        """Candidates whose name or number contains `search`, by name; `limit` of them from
        `offset` (the window reads its list a page at a time)."""
        return self._read(reading.candidates, search, limit, offset)

    def candidate(self, candidate_id: int) -> CandidateInfo:
        found = self._read(reading.candidate, candidate_id)
        if found is None:
            raise NotFound(f"There is no candidate {candidate_id}.")
        return found

    def find_candidate(self, candidate_number: str) -> CandidateInfo | None:
        return self._read(reading.candidate_by_number, normalise(candidate_number))

    def erase_candidate(self, candidate_id: int, pin: str | None = None) -> int:
        """Erase a candidate and their sheets from the database (their audit events stay,
        blank) and from every backup it keeps; returns how many sheets went. The file is then
        vacuumed, so no page of it keeps them. Journaled: stopped before the database's erasure
        commits, nothing changed; after, the next open (or running it again) finishes it.
        Backups the passphrase cannot open are named in `notes`."""
        number = self.candidate(candidate_id).candidate_number
        record: Record = {
            "operation": "erase",
            "phase": "database",
            "candidate_id": candidate_id,
            "number": number,
        }
        self._own_journal = True
        try:
            with files_lock.exclusive(self.path):
                journal.write(self.path, record)
                try:
                    sheets = self._change(
                        lambda tx: sign_operations.erase_candidate(tx, candidate_id, pin)
                    )
                except BaseException:
                    journal.clear(self.path)  # rolled back whole: nothing to carry on
                    raise
                self._carry_on(record)
        finally:
            self._own_journal = False
        return sheets

    def erase_from_backups(self, candidate_number: str) -> int:
        """Erase a candidate no longer in the database from the backups that still hold them
        (an erasure by an earlier version, stopped before the backups); returns how many."""
        with files_lock.exclusive(self.path):
            holding = [
                file
                for file in backup.list_backups(self.path)
                if cipher.readable(file, backup.key_for(file, self.passphrase))
                and backup.holds(file, self.passphrase, None, candidate_number)
            ]
            if holding:
                swaps.erase_from_backups(self.path, None, candidate_number, self.passphrase)
        return len(holding)

    # --- sheets ---------------------------------------------------------------------------

    def create_sheet(
        self, candidate_id: int, unit: Unit, qualification: str, assessor: Person
    ) -> int:
        return self._change(
            lambda tx: operations.create_sheet(tx, candidate_id, unit, qualification, assessor)
        )

    def sheets(self, candidate_id: int | None = None) -> list[SheetSummary]:
        return self._read(reading.summaries, candidate_id)

    def signed_count(self) -> int:
        """How many sheets are signed (without reading every sheet's summary)."""
        return self._read(reading.signed_count)

    def sheet_summary(self, sheet_id: int) -> SheetSummary:
        found = self._read(reading.summaries, None, sheet_id)
        if not found:
            raise NotFound(f"There is no sheet {sheet_id}.")
        return found[0]

    def sheet(self, sheet_id: int) -> SheetContent:
        return self.sheet_and_ids(sheet_id)[0]

    def sheet_and_ids(self, sheet_id: int) -> tuple[SheetContent, list[int]]:
        """The sheet's content and the ids of its evidence items, row by row (what a view edits)."""
        try:
            return self._read(reading.read_sheet, sheet_id)
        except reading.SheetMissing:
            raise NotFound(f"There is no sheet {sheet_id}.") from None

    def evidence_ids(self, sheet_id: int) -> list[int]:
        return self._read(reading.evidence_ids, sheet_id)

    def update_sheet_unit(self, sheet_id: int, unit: Unit, drop_ticks: bool = False) -> UnitChanges:
        """Bring a draft sheet to its unit's current version (`unit`, the catalogue's unit of the
        sheet's id); what changed (nothing written when nothing differs). Ticks on criteria the
        unit no longer has are refused unless `drop_ticks`; a signed sheet is refused."""
        return self._change(
            lambda tx: unit_operations.update_sheet_unit(tx, sheet_id, unit, drop_ticks)
        )

    def delete_sheet(self, sheet_id: int, pin: str | None = None) -> None:
        """Delete a sheet; a signed one (or one keeping signed versions) needs the PIN."""
        self._change(lambda tx: operations.delete_sheet(tx, sheet_id, pin))

    # --- evidence -------------------------------------------------------------------------
    # A change of the evidence removes the candidate's and line manager's signatures: they
    # signed the evidence as it was (see evidence_changes.void_earlier_signatures).

    def add_evidence(
        self,
        sheet_id: int,
        row: EvidenceRow,
        position: int | None = None,
        today: dt.date | None = None,
        item_uuid: str | None = None,
        holding: Holding | None = None,
    ) -> int:
        """A new item of the candidate's evidence, as a row of this sheet (`item_uuid` and
        `holding`: the item a deleted row was of, when undo puts it back)."""
        return self._change(
            lambda tx: evidence_operations.add_evidence(
                tx, sheet_id, row, position, item_uuid, holding
            ),
            today,
        )

    def add_existing_evidence(
        self, sheet_id: int, item_id: int, position: int | None = None
    ) -> int:
        """An item of the candidate's library as a row of this sheet too (no ticks yet)."""
        return self._change(
            lambda tx: evidence_operations.add_existing_evidence(tx, sheet_id, item_id, position)
        )

    def evidence(self, evidence_id: int) -> EvidenceRow:
        return self._orm_read(lambda session: evidence_operations.evidence(session, evidence_id))

    def update_evidence(
        self, evidence_id: int, row: EvidenceRow, today: dt.date | None = None
    ) -> None:
        """Replace an item's fields and ticks with `row`'s."""
        self._change(lambda tx: evidence_operations.update_evidence(tx, evidence_id, row), today)

    def set_tick(self, evidence_id: int, criterion: str, covered: bool) -> None:
        self._change(lambda tx: evidence_operations.set_tick(tx, evidence_id, criterion, covered))

    def delete_evidence(self, evidence_id: int, keep_item: bool = False) -> RemovedRow:
        """Remove a row (its item too, unless another sheet uses it or `keep_item`); returns
        what undo needs to put it back (add_evidence with its item's uuid and holding)."""
        return self._change(
            lambda tx: evidence_operations.delete_evidence(tx, evidence_id, keep_item)
        )

    def move_evidence(self, evidence_id: int, new_position: int) -> None:
        self._change(lambda tx: evidence_operations.move_evidence(tx, evidence_id, new_position))

    def set_grade(self, sheet_id: int, grade: Grade | None) -> None:
        """The grade awarded on a graded unit's draft sheet (None: not chosen yet)."""
        self._change(lambda tx: evidence_operations.set_grade(tx, sheet_id, grade))

    # --- signatures and signed records --------------------------------------------------------

    def add_signature(
        self,
        sheet_id: int,
        signature: Signature,
        today: dt.date | None = None,
        pin: str | None = None,
        iv: Person | None = None,
    ) -> None:
        """Sign the sheet. The assessor's signature seals it and needs their PIN; so does any
        signature made after the seal (an addendum, signed with the assessor's key).

        An IV signing (`Role.IV`) may say who they are and whether they are qualified (`iv`):
        an unqualified IV's initials then need a qualified IV's countersignature.
        """
        self._change(
            lambda tx: sign_operations.add_signature(tx, sheet_id, signature, pin, iv), today
        )

    def reopen(self, sheet_id: int, reason: str, actor: str, pin: str | None = None) -> int:
        """Void the signatures so the sheet can be edited, keeping the signed version whole.

        Returns the number of the superseded version.
        """
        problems = form_rules.reopen_reason_problems(reason)
        if problems:
            raise RuleViolation(problems)
        return self._change(lambda tx: sign_operations.reopen(tx, sheet_id, reason, actor, pin))

    def import_sheet(self, incoming: Incoming, source: str, digest: str) -> Stored:
        """Write a sheet read from an exchange file (checked by exchange.py) in one
        transaction; a sheet already in the store is recognised and nothing is written."""
        from ercsheet.store import import_operations

        return self._change(lambda tx: import_operations.import_sheet(tx, incoming, source, digest))

    def sealed_record(self, sheet_id: int) -> SealedRecord:
        """A sheet's code, signing key, addenda and imported trail (what an export carries)."""
        return self._orm_read(lambda session: sign_operations.sealed_record(session, sheet_id))

    def print_record(self, sheet_id: int) -> reading.PrintRecord:
        """The record code, key fingerprint and addenda lines the printed form shows."""
        try:
            return self._read(reading.print_record, sheet_id)
        except reading.SheetMissing:
            raise NotFound(f"There is no sheet {sheet_id}.") from None

    def record_code(self, sheet_id: int) -> str | None:
        try:
            return self._read(reading.record_code, sheet_id)
        except reading.SheetMissing:
            raise NotFound(f"There is no sheet {sheet_id}.") from None

    def versions(self, sheet_id: int) -> list[SupersededVersion]:
        return self._orm_read(lambda session: sign_operations.versions(session, sheet_id))

    def version_content(self, sheet_id: int, number: int) -> SheetContent:
        """A superseded version's content exactly as it was signed (to view or print it)."""
        return self._orm_read(
            lambda session: sign_operations.version_content(session, sheet_id, number)
        )

    def audit_trail(
        self, sheet_id: int | None = None, candidate_id: int | None = None
    ) -> list[AuditEntry]:
        """A sheet's events, a candidate's, or the store's whole chain, oldest first."""
        return self._read(reading.audit_events, sheet_id, candidate_id)

    def check_records(self) -> list[RecordCheck]:
        """Every problem with the signed records and the audit chain (tampering)."""
        return self._orm_read(lambda session: checking.check_records(session))

    def check_record(self, sheet_id: int) -> str | None:
        return self._orm_read(lambda session: checking.check_record(session, sheet_id))

    def find_by_code(self, typed: str) -> list[tuple[int, int | None, list[Addendum]]]:
        """(sheet, kept version or None, addenda made since) of every record whose code starts
        with `typed`: any code printed, before or after later signatures, finds its sheet."""
        return self._orm_read(lambda session: checking.find_by_code(session, typed))
