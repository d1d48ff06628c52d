"""The grade the assessor awards on a graded unit's sheet (unit format version 2).

Revision ID: 0006
Revises: 0005

Every sheet before this revision is of an ungraded unit: its grade is "" (none), which adds
nothing to its record code, so every sealed record verifies as before. No audit event: the
column changes no record an auditor reads.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.add_column("sheet", sa.Column("grade", sa.Text(), nullable=False, server_default=""))
