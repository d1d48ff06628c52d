"""Candidates' search and sort keys: their name and number folded (domain.folding).

Revision ID: 0005
Revises: 0004

Search ("lukasz" finds Łukasz Żółć) and the list's order (Łukasz among the L's) read these
columns with plain SQL; each candidate's are written here once, and by the store whenever a name
or number changes (models.Candidate). The upgrade appends no audit event: the keys are derived
from what the chain already records, and change no record an auditor reads (the chain's
"store upgraded" is schema 4's summary of the history before it, which `check` replays as such).
"""

import sqlalchemy as sa
from alembic import op

from ercsheet.domain.folding import fold

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    connection = op.get_bind()
    op.add_column("candidate", sa.Column("name_key", sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "candidate", sa.Column("number_key", sa.Text(), nullable=False, server_default="")
    )
    rows = connection.execute(sa.text("SELECT id, name, candidate_number FROM candidate")).all()
    for candidate_id, name, number in rows:
        connection.execute(
            sa.text("UPDATE candidate SET name_key = :name, number_key = :number WHERE id = :id"),
            {"name": fold(name or ""), "number": fold(number or ""), "id": candidate_id},
        )
    op.create_index("ix_candidate_name_key", "candidate", ["name_key"])
