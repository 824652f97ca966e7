"""Alembic environment: runs against the engine handed over by :func:`moderation_api.migrations.upgrade`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from moderation_api.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    context.run_migrations()


def _sqlite_pragma(connection: Connection, pragma: str) -> None:
    # Straight to the driver: through SQLAlchemy the statement would open a transaction first.
    connection.connection.driver_connection.execute(f"PRAGMA {pragma}")  # type: ignore[union-attr]


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # the caller's connection, inside the caller's transaction (tests)
        _run(connection)
        return
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite batch migrations recreate tables; dropping one that others reference fails while
            # foreign keys are enforced, and the pragma only changes outside a transaction. Integrity is
            # checked before commit instead (Alembic documentation, batch mode and foreign keys).
            _sqlite_pragma(connection, "foreign_keys=OFF")
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    # The requests' statement timeout (VIGIL_DB_STATEMENT_TIMEOUT) must not cut a long
                    # index build.
                    connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
                _run(connection)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"the migration would break foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                _sqlite_pragma(connection, "foreign_keys=ON")


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
