"""The candidate's evidence library, registrations on qualifications, and identities that travel.

Revision ID: 0008
Revises: 0007

Every candidate, sheet, library item and registration gets a UUID: the identity an exchange file
or a centre's store knows it by (ids are one store's alone). Every evidence row becomes a row of
a library item of its candidate: rows that are the same piece of evidence typed again on another
sheet (the same reference, title, method, date and notes: domain.library.ItemFields.key) become
one item, used on both sheets; rows that only share a reference stay two items, which keep it
until the assessor renames one. No row's content changes, so every record code verifies as
before. No audit event: the library is derived from rows the chain already records.
"""

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

from ercsheet.domain.library import ItemFields
from ercsheet.domain.vocabulary import Method

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    connection = op.get_bind()
    _give_identities(connection, "candidate")
    _give_identities(connection, "sheet")
    op.create_table(
        "registration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Text(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("qualification_id", sa.String(length=80), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name="fk_registration_candidate_id_candidate",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_registration"),
        sa.UniqueConstraint("uuid", name="uq_registration_uuid"),
        sa.UniqueConstraint(
            "candidate_id", "qualification_id", name="uq_registration_candidate_id"
        ),
    )
    op.create_index("ix_registration_candidate_id", "registration", ["candidate_id"])
    op.create_table(
        "library_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Text(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=False),
        sa.Column("ref_key", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("held_at", sa.Text(), nullable=False, server_default=""),
        sa.Column("file_path", sa.Text(), nullable=True),
        sa.Column("file_sha256", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name="fk_library_item_candidate_id_candidate",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_library_item"),
        sa.UniqueConstraint("uuid", name="uq_library_item_uuid"),
    )
    op.create_index("ix_library_item_candidate_id", "library_item", ["candidate_id"])
    op.create_index("ix_library_item_ref_key", "library_item", ["ref_key"])
    with op.batch_alter_table("sheet") as batch:
        batch.add_column(sa.Column("registration_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_sheet_registration_id_registration",
            "registration",
            ["registration_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index("ix_sheet_registration_id", ["registration_id"])
    with op.batch_alter_table("evidence_item") as batch:
        batch.add_column(sa.Column("library_item_id", sa.Integer(), nullable=True))
    _fill_library(connection)
    with op.batch_alter_table("evidence_item") as batch:
        batch.alter_column("library_item_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(
            "fk_evidence_item_library_item_id_library_item",
            "library_item",
            ["library_item_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index("ix_evidence_item_library_item_id", ["library_item_id"])
        batch.create_unique_constraint(
            "uq_evidence_item_library_item", ["sheet_id", "library_item_id"]
        )


def _give_identities(connection: sa.Connection, table: str) -> None:
    with op.batch_alter_table(table) as batch:
        batch.add_column(sa.Column("uuid", sa.Text(), nullable=True))
    for (row_id,) in connection.execute(sa.text(f"SELECT id FROM {table}")).all():
        connection.execute(
            sa.text(f"UPDATE {table} SET uuid = :uuid WHERE id = :id"),
            {"uuid": str(uuid.uuid4()), "id": row_id},
        )
    with op.batch_alter_table(table) as batch:
        batch.alter_column("uuid", existing_type=sa.Text(), nullable=False)
        batch.create_unique_constraint(f"uq_{table}_uuid", ["uuid"])


def _fill_library(connection: sa.Connection) -> None:
    rows = connection.execute(
        sa.text(
            "SELECT evidence_item.id, sheet.candidate_id, evidence_item.ref, evidence_item.title,"
            " evidence_item.method, evidence_item.date, evidence_item.notes, sheet.created_at"
            " FROM evidence_item JOIN sheet ON sheet.id = evidence_item.sheet_id"
            " ORDER BY sheet.candidate_id, sheet.id, evidence_item.position"
        )
    ).all()
    items: dict[tuple[int, tuple[str, ...]], int] = {}
    for row_id, candidate_id, ref, title, method, date, notes, created in rows:
        fields = ItemFields(
            ref, title, Method(method), dt.date.fromisoformat(date) if date else None, notes
        )
        known = (candidate_id, fields.key())
        if known not in items:
            items[known] = connection.execute(
                sa.text(
                    "INSERT INTO library_item (uuid, candidate_id, ref, ref_key, title, method,"
                    " date, notes, held_at, created_at, updated_at) VALUES (:uuid, :candidate,"
                    " :ref, :ref_key, :title, :method, :date, :notes, '', :at, :at)"
                ),
                {
                    "uuid": str(uuid.uuid4()),
                    "candidate": candidate_id,
                    "ref": fields.ref,
                    "ref_key": fields.key()[0],
                    "title": title,
                    "method": method,
                    "date": date,
                    "notes": notes,
                    "at": created,
                },
            ).lastrowid
        connection.execute(
            sa.text("UPDATE evidence_item SET library_item_id = :item WHERE id = :id"),
            {"item": items[known], "id": row_id},
        )
