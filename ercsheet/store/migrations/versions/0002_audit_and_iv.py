"""The audit log, and the internal verifier a sheet records.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("sheet") as batch:
        batch.add_column(sa.Column("iv_name", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column("iv_qualified", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "sheet_id",
            sa.Integer(),
            sa.ForeignKey("sheet.id", ondelete="CASCADE", name="fk_audit_event_sheet_id_sheet"),
            nullable=True,
        ),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_index("ix_audit_event_sheet_id", "audit_event", ["sheet_id"])
