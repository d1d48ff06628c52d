"""The first schema: profile, candidates, sheets, evidence, ticks, signatures.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "assessor_profile",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("qualified", sa.Boolean(), nullable=False),
        sa.Column("assessor_number", sa.Text(), nullable=False),
    )
    op.create_table(
        "candidate",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("candidate_number", sa.Text(), nullable=False),
        sa.Column("centre_number", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_candidate_candidate_number", "candidate", ["candidate_number"])
    op.create_table(
        "sheet",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "candidate_id",
            sa.Integer(),
            sa.ForeignKey(
                "candidate.id", ondelete="CASCADE", name="fk_sheet_candidate_id_candidate"
            ),
            nullable=False,
        ),
        sa.Column("unit_id", sa.String(80), nullable=False),
        sa.Column("unit_snapshot", sa.Text(), nullable=False),
        sa.Column("qualification", sa.Text(), nullable=False),
        sa.Column("assessor_name", sa.Text(), nullable=False),
        sa.Column("assessor_qualified", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_sheet_candidate_id", "sheet", ["candidate_id"])
    op.create_table(
        "evidence_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "sheet_id",
            sa.Integer(),
            sa.ForeignKey("sheet.id", ondelete="CASCADE", name="fk_evidence_item_sheet_id_sheet"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("ref", sa.Text(), nullable=False),
        sa.Column("ref_key", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("method", sa.String(40), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.UniqueConstraint("sheet_id", "ref_key", name="uq_evidence_item_sheet_id"),
    )
    op.create_index("ix_evidence_item_sheet_id", "evidence_item", ["sheet_id"])
    op.create_table(
        "tick",
        sa.Column(
            "evidence_id",
            sa.Integer(),
            sa.ForeignKey(
                "evidence_item.id", ondelete="CASCADE", name="fk_tick_evidence_id_evidence_item"
            ),
            primary_key=True,
        ),
        sa.Column("criterion", sa.String(20), primary_key=True),
    )
    op.create_table(
        "signature",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "sheet_id",
            sa.Integer(),
            sa.ForeignKey("sheet.id", ondelete="CASCADE", name="fk_signature_sheet_id_sheet"),
            nullable=False,
        ),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("strokes", sa.Text(), nullable=False),
        sa.UniqueConstraint("sheet_id", "role", name="uq_signature_sheet_id"),
    )
    op.create_index("ix_signature_sheet_id", "signature", ["sheet_id"])
