"""Signing records: record code, superseded versions, assessor PIN, hash-chained audit trail.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from ercsheet.domain.audit import GENESIS
from ercsheet.domain.audit import legacy_hash as event_hash

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.add_column("sheet", sa.Column("record_code", sa.Text(), nullable=True))
    op.add_column("sheet", sa.Column("audit_head", sa.Text(), nullable=True))
    op.add_column("assessor_profile", sa.Column("pin_hash", sa.Text(), nullable=True))
    op.add_column(
        "audit_event", sa.Column("prev_hash", sa.Text(), nullable=False, server_default="")
    )
    op.add_column("audit_event", sa.Column("hash", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "sheet_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "sheet_id",
            sa.Integer(),
            sa.ForeignKey("sheet.id", ondelete="CASCADE", name="fk_sheet_version_sheet_id_sheet"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("record_code", sa.Text(), nullable=False),
        sa.Column("superseded_at", sa.DateTime(), nullable=False),
        sa.Column("superseded_by", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.UniqueConstraint("sheet_id", "number", name="uq_sheet_version_sheet_id"),
    )
    op.create_index("ix_sheet_version_sheet_id", "sheet_version", ["sheet_id"])
    _chain_existing_events()


def _chain_existing_events() -> None:
    """Events written before the chain existed are chained in the order they were written."""
    events = sa.table(
        "audit_event",
        sa.column("id", sa.Integer()),
        sa.column("sheet_id", sa.Integer()),
        sa.column("at", sa.DateTime()),
        sa.column("actor", sa.Text()),
        sa.column("action", sa.Text()),
        sa.column("detail", sa.Text()),
        sa.column("prev_hash", sa.Text()),
        sa.column("hash", sa.Text()),
    )
    connection = op.get_bind()
    last: dict[int | None, str] = {}
    rows = connection.execute(
        sa.select(
            events.c.id,
            events.c.sheet_id,
            events.c.at,
            events.c.actor,
            events.c.action,
            events.c.detail,
        ).order_by(events.c.id)
    ).all()
    sheets = sa.table("sheet", sa.column("id", sa.Integer()), sa.column("audit_head", sa.Text()))
    for row in rows:
        prev_hash = last.get(row.sheet_id, GENESIS)
        digest = event_hash(prev_hash, row.at.isoformat(), row.actor, row.action, row.detail)
        connection.execute(
            events.update().where(events.c.id == row.id).values(prev_hash=prev_hash, hash=digest)
        )
        last[row.sheet_id] = digest
    for sheet_id, head in last.items():
        if sheet_id is not None:
            connection.execute(
                sheets.update().where(sheets.c.id == sheet_id).values(audit_head=head)
            )
