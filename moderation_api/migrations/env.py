"""Alembic environment: runs against the engine handed over by :func:`moderation_api.migrations.upgrade`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from moderation_api.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # The request statement timeout (VIGIL_DB_STATEMENT_TIMEOUT) must not cut a long index build.
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
