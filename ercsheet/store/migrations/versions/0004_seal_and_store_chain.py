"""The seal, addenda, signing keys, and one audit chain over the whole store.

Revision ID: 0004
Revises: 0003

Each signed sheet (and kept version) whose content still matches its record code gets that
content as its seal, so every code printed before keeps finding and verifying it. The per-sheet
audit chains of schema 3 are checked, then re-chained, in the order they were written, into the
store's one chain; the upgrade's own event lists the sealed records it found, and any record
that did not verify before the upgrade, so `ercsheet check` keeps reporting it.
"""

import datetime as dt
import json
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

from ercsheet.catalogue.snapshot import unit_from_json
from ercsheet.domain import audit
from ercsheet.domain.audit import AuditEntry, Change
from ercsheet.domain.seal import seal
from ercsheet.store import reading
from ercsheet.store.kept import content_from_exchange

revision = "0004"
down_revision = "0003"

UPGRADED = "store upgraded"


def upgrade() -> None:
    connection = op.get_bind()
    config = op.get_context().config
    moment: dt.datetime = (config.attributes.get("now") if config else None) or dt.datetime.now(
        dt.UTC
    ).replace(tzinfo=None)
    _add_tables()
    driver = connection.connection.driver_connection
    assert driver is not None
    problems: list[Change] = []
    found: list[Change] = []
    legacy = _legacy_events(connection)
    for sheet_id, code, head in connection.execute(
        sa.text("SELECT id, record_code, audit_head FROM sheet ORDER BY id")
    ).all():
        trail = legacy.get(sheet_id, [])
        broken = audit.first_broken_legacy(trail)
        if broken is not None:
            problems.append(Change(f"problem: sheet {sheet_id}", "", f"audit event {broken + 1}"))
        elif (trail[-1].hash if trail else None) != head:
            problems.append(Change(f"problem: sheet {sheet_id}", "", "latest events removed"))
        signed = connection.execute(
            sa.text("SELECT 1 FROM signature WHERE sheet_id = :id AND role = 'assessor'"),
            {"id": sheet_id},
        ).first()
        if code is None and signed is None:
            continue
        content = reading.read_rows(driver, sheet_id, current=False)[0]
        sealed = seal(content)
        if code is None:
            # Signed before record codes existed (schema 2): sealed now, as it stands.
            code = sealed.code
            connection.execute(
                sa.text("UPDATE sheet SET record_code = :code WHERE id = :id"),
                {"code": code, "id": sheet_id},
            )
            found.append(
                Change(f"note: sheet {sheet_id}", "", "signed before record codes: sealed now")
            )
        if sealed.code == code:
            connection.execute(
                sa.text("UPDATE sheet SET seal = :seal WHERE id = :id"),
                {"seal": sealed.text, "id": sheet_id},
            )
            found.append(Change(f"sealed sheet {sheet_id}", "", code))
        else:
            problems.append(Change(f"problem: sheet {sheet_id}", "", "content changed"))
    found += _seal_versions(connection, problems)
    _rechain(connection, legacy, moment, found + problems)
    with op.batch_alter_table("sheet") as batch:
        batch.drop_column("audit_head")
    op.drop_table("audit_event")


def _add_tables() -> None:
    for table in ("sheet", "sheet_version"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("seal", sa.Text(), nullable=True))
            batch.add_column(sa.Column("seal_key", sa.Text(), nullable=True))
            batch.add_column(sa.Column("seal_signature", sa.Text(), nullable=True))
    with op.batch_alter_table("sheet") as batch:
        batch.add_column(sa.Column("origin", sa.Text(), nullable=True))
    op.create_table(
        "addendum",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "sheet_id",
            sa.Integer(),
            sa.ForeignKey("sheet.id", ondelete="CASCADE", name="fk_addendum_sheet_id_sheet"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("record_code", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("hash", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=True),
        sa.Column("key_signature", sa.Text(), nullable=True),
        sa.UniqueConstraint("sheet_id", "version", "number", name="uq_addendum_sheet_id"),
    )
    op.create_index("ix_addendum_sheet_id", "addendum", ["sheet_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=True),
        sa.Column("candidate_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("payload_hash", sa.Text(), nullable=False),
        sa.Column("erased", sa.Boolean(), nullable=False),
        sa.Column("prev_hash", sa.Text(), nullable=False),
        sa.Column("hash", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=True),
        sa.Column("key_signature", sa.Text(), nullable=True),
    )
    op.create_index("ix_audit_log_sheet_id", "audit_log", ["sheet_id"])
    op.create_index("ix_audit_log_candidate_id", "audit_log", ["candidate_id"])
    op.create_index("ix_audit_log_action", "audit_log", ["action"])
    op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("hash", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
    )
    op.create_table(
        "signing_key",
        sa.Column("fingerprint", sa.Text(), primary_key=True),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("private_sealed", sa.Text(), nullable=True),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )


def _legacy_events(connection: Any) -> dict[int | None, list[AuditEntry]]:
    """Schema 3's events by sheet, as schema 3 hashed them (its `at` as Python's isoformat)."""
    trails: dict[int | None, list[AuditEntry]] = defaultdict(list)
    for sheet_id, at, actor, action, detail, prev_hash, digest in connection.execute(
        sa.text(
            "SELECT sheet_id, at, actor, action, detail, prev_hash, hash FROM audit_event"
            " ORDER BY id"
        )
    ).all():
        moment = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(at)
        trails[sheet_id].append(
            AuditEntry(moment.isoformat(), actor, action, detail, prev_hash, digest)
        )
    return trails


def _seal_versions(connection: Any, problems: list[Change]) -> list[Change]:
    found = []
    for version_id, sheet_id, number, content_json, code, snapshot in connection.execute(
        sa.text(
            "SELECT sheet_version.id, sheet_id, number, content, sheet_version.record_code,"
            " sheet.unit_snapshot FROM sheet_version JOIN sheet ON sheet.id = sheet_id"
            " ORDER BY sheet_version.id"
        )
    ).all():
        what = f"kept version {sheet_id}.{number}"
        try:
            content = content_from_exchange(content_json, unit_from_json(snapshot))
        except (ValueError, KeyError, TypeError):
            problems.append(Change(f"problem: {what}", "", "cannot be read"))
            continue
        sealed = seal(content)
        if sealed.code != code:
            problems.append(Change(f"problem: {what}", "", "content changed"))
            continue
        connection.execute(
            sa.text("UPDATE sheet_version SET seal = :seal WHERE id = :id"),
            {"seal": sealed.text, "id": version_id},
        )
        found.append(Change(what, "", code))
    return found


def _rechain(
    connection: Any,
    legacy: dict[int | None, list[AuditEntry]],
    moment: dt.datetime,
    upgrade_changes: list[Change],
) -> None:
    """Schema 3's events, in the order they were written, then the upgrade's own event."""
    owners = dict(connection.execute(sa.text("SELECT id, candidate_id FROM sheet")).all())
    rows = connection.execute(
        sa.text("SELECT id, sheet_id, at, actor, action, detail FROM audit_event ORDER BY id")
    ).all()
    entries = []
    last: str | None = None
    for _id, sheet_id, at, actor, action, detail in rows:
        when = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(at)
        entry = audit.chain_entry(
            last,
            audit.timestamp(when),
            actor,
            action,
            detail,
            sheet_id=sheet_id,
            candidate_id=owners.get(sheet_id),
        )
        entries.append(entry)
        last = entry.hash
    entries.append(
        audit.chain_entry(
            last,
            audit.timestamp(moment),
            "ercsheet",
            UPGRADED,
            f"schema 4: {len(rows)} events of earlier versions re-chained into the store's chain",
            changes=upgrade_changes,
        )
    )
    insert = sa.text(
        "INSERT INTO audit_log (at, action, sheet_id, candidate_id, actor, detail, changes,"
        " payload_hash, erased, prev_hash, hash) VALUES (:at, :action, :sheet_id,"
        " :candidate_id, :actor, :detail, :changes, :payload_hash, 0, :prev_hash, :hash)"
    )
    for entry in entries:
        connection.execute(
            insert,
            {
                "at": entry.at,
                "action": entry.action,
                "sheet_id": entry.sheet_id,
                "candidate_id": entry.candidate_id,
                "actor": entry.actor,
                "detail": entry.detail,
                "changes": json.dumps([[c.what, c.old, c.new] for c in entry.changes]),
                "payload_hash": entry.payload_hash,
                "prev_hash": entry.prev_hash,
                "hash": entry.hash,
            },
        )
