"""Alembic environment: nybureau always hands it an open connection (see store.Store.init)."""

from alembic import context

from nybureau.persistence.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - nybureau always passes one
    raise RuntimeError("run migrations through `nybureau init`")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
