"""The Alembic migrations build exactly the schema the models declare."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from moderation_api.migrations import upgrade
from moderation_api.models import Base


def test_migrations_match_models(engine: Engine) -> None:
    upgrade(engine)  # idempotent on an up-to-date database
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        assert compare_metadata(context, Base.metadata) == []
