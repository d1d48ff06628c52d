"""The store's tables, as typed SQLAlchemy 2.0 models.

A sheet keeps a JSON snapshot of the unit it was made against (`unit_snapshot`): editing a unit
file later never changes the wording of an existing sheet. Once the assessor signs, `seal` keeps
what was signed (domain.seal) and later signatures are addenda.

Times are set by the store's operations from the clock they are given (domain.clock), never
by column defaults reading the wall clock.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuids

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from ercsheet.domain.folding import fold

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuids.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class AssessorProfile(Base):
    """The laptop's owner: who signs as assessor. One row."""

    __tablename__ = "assessor_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    qualified: Mapped[bool] = mapped_column(Boolean)
    assessor_number: Mapped[str] = mapped_column(Text, default="")
    # scrypt hash of the PIN or passphrase asked before signing as assessor (see store.signing).
    pin_hash: Mapped[str | None] = mapped_column(Text, default=None)


class Candidate(Base):
    __tablename__ = "candidate"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    candidate_number: Mapped[str] = mapped_column(Text, default="", index=True)
    centre_number: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # The name and number folded (domain.folding), kept beside them so that search and the
    # list's order are plain SQL on an index: a centre's 10,000 candidates in milliseconds,
    # Łukasz among the L's. Set whenever the name or number is (below), on every path.
    name_key: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)
    number_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The candidate's identity wherever their record travels (exchange files, a centre's store):
    # the id is this store's alone.
    uuid: Mapped[str] = mapped_column(Text, unique=True, default=new_uuid)

    sheets: Mapped[list[Sheet]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", passive_deletes=True
    )
    library: Mapped[list[LibraryItem]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", passive_deletes=True
    )
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", passive_deletes=True
    )

    @validates("name", "candidate_number")
    def _keep_keys(self, field: str, value: str) -> str:
        if field == "name":
            self.name_key = fold(value)
        else:
            self.number_key = fold(value)
        return value


class Sheet(Base):
    """One ERS: one candidate x one unit in one qualification context."""

    __tablename__ = "sheet"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[str] = mapped_column(String(80))
    unit_snapshot: Mapped[str] = mapped_column(Text)
    qualification: Mapped[str] = mapped_column(Text, default="")
    assessor_name: Mapped[str] = mapped_column(Text, default="")
    assessor_qualified: Mapped[bool] = mapped_column(Boolean)
    iv_name: Mapped[str | None] = mapped_column(Text, default=None)
    iv_qualified: Mapped[bool] = mapped_column(Boolean, default=True)
    # SHA-256 of `seal`, set when the assessor signs (domain.seal); never changed after.
    record_code: Mapped[str | None] = mapped_column(Text, default=None)
    # What the assessor signed, in canonical JSON (None: a draft, or sealed by a version
    # before schema 4 whose content no longer matched its code at the upgrade).
    seal: Mapped[str | None] = mapped_column(Text, default=None)
    # The fingerprint of the key that signed the seal and the signature (None: sealed
    # before signing keys existed).
    seal_key: Mapped[str | None] = mapped_column(Text, default=None)
    seal_signature: Mapped[str | None] = mapped_column(Text, default=None)
    # An imported sheet's audit trail as the file carried it (JSON, verified at import): what
    # happened to it before it came here.
    origin: Mapped[str | None] = mapped_column(Text, default=None)
    # The grade the assessor awards on a graded unit's sheet ("pass", "merit", "distinction");
    # "" when none is chosen (every sheet of an ungraded unit).
    grade: Mapped[str] = mapped_column(Text, default="", server_default="")
    uuid: Mapped[str] = mapped_column(Text, unique=True, default=new_uuid)
    # The registration whose unit this sheet assesses (None: a sheet made on its own).
    registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("registration.id", ondelete="SET NULL"), index=True, default=None
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    candidate: Mapped[Candidate] = relationship(back_populates="sheets")
    registration: Mapped[Registration | None] = relationship(back_populates="sheets")
    evidence: Mapped[list[EvidenceItem]] = relationship(
        back_populates="sheet",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EvidenceItem.position",
    )
    signatures: Mapped[list[SignatureRecord]] = relationship(
        back_populates="sheet", cascade="all, delete-orphan", passive_deletes=True
    )
    versions: Mapped[list[SheetVersion]] = relationship(
        back_populates="sheet",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="SheetVersion.number",
    )
    addenda: Mapped[list[Addendum]] = relationship(
        back_populates="sheet",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Addendum.number",
    )


class SheetVersion(Base):
    """A signed version kept whole when the sheet was reopened (auditors require both)."""

    __tablename__ = "sheet_version"
    __table_args__ = (UniqueConstraint("sheet_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheet.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    # The signed sheet in the exchange format (with its signatures), exactly as it was.
    content: Mapped[str] = mapped_column(Text)
    record_code: Mapped[str] = mapped_column(Text)
    seal: Mapped[str | None] = mapped_column(Text, default=None)
    seal_key: Mapped[str | None] = mapped_column(Text, default=None)
    seal_signature: Mapped[str | None] = mapped_column(Text, default=None)
    superseded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    superseded_by: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)

    sheet: Mapped[Sheet] = relationship(back_populates="versions")


class Registration(Base):
    """A candidate registered on a qualification of the catalogue; its chosen units are the
    sheets that name it."""

    __tablename__ = "registration"
    __table_args__ = (UniqueConstraint("candidate_id", "qualification_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(Text, unique=True, default=new_uuid)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    qualification_id: Mapped[str] = mapped_column(String(80))
    # The awarding body's registration number, and the date registered: optional.
    number: Mapped[str] = mapped_column(Text, default="")
    registered_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    candidate: Mapped[Candidate] = relationship(back_populates="registrations")
    sheets: Mapped[list[Sheet]] = relationship(back_populates="registration")


class LibraryItem(Base):
    """A piece of the candidate's evidence, recorded once (domain.library). Each sheet using
    it has a row of its own (EvidenceItem) with that sheet's ticks."""

    __tablename__ = "library_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(Text, unique=True, default=new_uuid)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    ref: Mapped[str] = mapped_column(Text)
    # Not unique: two items an older store or a version 1 file gave the same reference keep it
    # until the assessor renames one; the store refuses every new clash (domain.library).
    ref_key: Mapped[str] = mapped_column(Text, index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    held_at: Mapped[str] = mapped_column(Text, default="", server_default="")
    file_path: Mapped[str | None] = mapped_column(Text, default=None)
    file_sha256: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    candidate: Mapped[Candidate] = relationship(back_populates="library")
    rows: Mapped[list[EvidenceItem]] = relationship(back_populates="library_item")


class EvidenceItem(Base):
    """A row of a sheet: a library item as this sheet uses it, with this sheet's ticks."""

    __tablename__ = "evidence_item"
    __table_args__ = (
        UniqueConstraint("sheet_id", "ref_key"),
        UniqueConstraint("sheet_id", "library_item_id", name="uq_evidence_item_library_item"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheet.id", ondelete="CASCADE"), index=True)
    # The store deletes an item only when no row uses it (store.library_operations); CASCADE
    # lets an erased candidate's sheets and library go in either order.
    library_item_id: Mapped[int] = mapped_column(
        ForeignKey("library_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    ref: Mapped[str] = mapped_column(Text)
    # The reference folded for uniqueness: "E01" and " e01" are the same reference.
    ref_key: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")

    sheet: Mapped[Sheet] = relationship(back_populates="evidence")
    library_item: Mapped[LibraryItem] = relationship(back_populates="rows")
    ticks: Mapped[list[Tick]] = relationship(
        back_populates="evidence", cascade="all, delete-orphan", passive_deletes=True
    )


class Tick(Base):
    """Evidence item `evidence_id` covers assessment criterion `criterion` of its sheet's unit."""

    __tablename__ = "tick"

    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_item.id", ondelete="CASCADE"), primary_key=True
    )
    criterion: Mapped[str] = mapped_column(String(20), primary_key=True)

    evidence: Mapped[EvidenceItem] = relationship(back_populates="ticks")


class SignatureRecord(Base):
    __tablename__ = "signature"
    # One signature per role, and per line of the unit's own (Role.EXTRA, `line` its key).
    __table_args__ = (UniqueConstraint("sheet_id", "role", "line"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheet.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(40))
    line: Mapped[str] = mapped_column(Text, default="", server_default="")
    name: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    # Drawn strokes as the exchange format writes them: [[[x, y], ...], ...] in JSON.
    strokes: Mapped[str] = mapped_column(Text, default="[]")

    sheet: Mapped[Sheet] = relationship(back_populates="signatures")


class Addendum(Base):
    """A signature made after the seal, bound to the sealed record code (domain.seal).

    `version` is None while it belongs to the sheet's current seal, and the kept version's
    number once the sheet was reopened."""

    __tablename__ = "addendum"
    __table_args__ = (UniqueConstraint("sheet_id", "version", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheet.id", ondelete="CASCADE"), index=True)
    version: Mapped[int | None] = mapped_column(Integer, default=None)
    number: Mapped[int] = mapped_column(Integer)
    record_code: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(Text)
    # The addendum's signature and IV as domain.seal.addendum_body writes them, in JSON.
    body: Mapped[str] = mapped_column(Text)
    hash: Mapped[str] = mapped_column(Text)
    key: Mapped[str | None] = mapped_column(Text, default=None)
    key_signature: Mapped[str | None] = mapped_column(Text, default=None)

    sheet: Mapped[Sheet] = relationship(back_populates="addenda")


class AuditEvent(Base):
    """One event of the store's audit chain (domain.audit): append-only, never cascaded away.

    `sheet_id` and `candidate_id` are plain numbers, not foreign keys: the events of a deleted
    sheet or an erased candidate stay, and say that it existed."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text, index=True)
    sheet_id: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    candidate_id: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    actor: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    # [[what, old, new], ...] in JSON
    changes: Mapped[str] = mapped_column(Text, default="[]")
    payload_hash: Mapped[str] = mapped_column(Text)
    erased: Mapped[bool] = mapped_column(Boolean, default=False)
    prev_hash: Mapped[str] = mapped_column(Text)
    hash: Mapped[str] = mapped_column(Text)
    key: Mapped[str | None] = mapped_column(Text, default=None)
    key_signature: Mapped[str | None] = mapped_column(Text, default=None)


class AuditAnchor(Base):
    """The latest event signed with the assessor's key (one row): events removed from the end
    of the chain, back past it, show."""

    __tablename__ = "audit_anchor"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(Text)


class SigningKey(Base):
    """An Ed25519 public key, by fingerprint (store.keys). The assessor's own key has its
    private half sealed under their PIN; keys that came with imported sheets have none."""

    __tablename__ = "signing_key"

    fingerprint: Mapped[str] = mapped_column(Text, primary_key=True)
    public_key: Mapped[str] = mapped_column(Text)
    private_sealed: Mapped[str | None] = mapped_column(Text, default=None)
    owner: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
