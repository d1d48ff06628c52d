"""Signatures on a unit's own sign-off lines (an employer's, a witness's…: unit format version 2).

Revision ID: 0007
Revises: 0006

A signature of role `extra` names the unit's line it is on (`line`, the line's key); every
other signature's line is "". One signature per role and line: the unique constraint takes the
line in. Every signature before this revision has line "", which adds nothing to its record code
or addendum, so every sealed record verifies as before. No audit event: the column changes no
record an auditor reads.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    # SQLite changes a constraint by copying the table: batch mode does that.
    with op.batch_alter_table("signature") as batch:
        batch.add_column(sa.Column("line", sa.Text(), nullable=False, server_default=""))
        batch.drop_constraint("uq_signature_sheet_id", type_="unique")
        batch.create_unique_constraint("uq_signature_sheet_id", ["sheet_id", "role", "line"])
