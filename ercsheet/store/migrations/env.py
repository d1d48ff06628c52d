"""Alembic environment: always run from code with a connection handed in (see store.database)."""

from alembic import context

from ercsheet.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
