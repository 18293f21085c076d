"""Alembic environment: runs migrations on the engine that ``aarshjul init`` hands over."""

from __future__ import annotations

from alembic import context

from aarshjul.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table by copy, drop and rename: with foreign keys on, the
            # drop of a table other rows point at fails (or cascades). SQLite's own recipe
            # ("Making Other Kinds Of Table Schema Changes"): off for the migration, outside
            # its transaction, then a foreign-key check before it commits.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Row-level security (0012) is forced on the tables' owner too: a migration
                # sees and changes every organisation's rows (for this transaction only).
                connection.exec_driver_sql("SELECT set_config('aarshjul.org', '*', true)")
            context.run_migrations()
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                raise RuntimeError("the migration left a row pointing at nothing")
        connection.commit()
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


run_migrations_online()
