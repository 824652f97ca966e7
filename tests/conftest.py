"""Shared fixtures: databases (SQLite and PostgreSQL), rolled-back sessions, the API with keys."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session, sessionmaker

from classifier.baseline import KeywordScorer
from moderation_api.app import create_app
from moderation_api.auth.schemas import Role
from moderation_api.auth.service import create_key
from moderation_api.db import make_engine
from moderation_api.migrations import upgrade
from moderation_api.models import Base
from moderation_api.settings import Settings

POSTGRES_URL = os.environ.get("VIGIL_TEST_POSTGRES_URL")
# Blind QA samples and double reviews are drawn at random: left at their production defaults (1%, 5%) they
# add a case now and then to any test that decides cases, and a count of cases or events fails once in a
# while (a webhook test saw 5 events for 4 once in CI). Every Settings built in the tests, and every API
# process they start, reads these; tests of QA itself set their rates explicitly.
os.environ.setdefault("VIGIL_QA_SAMPLE_RATE", "0")
os.environ.setdefault("VIGIL_DOUBLE_REVIEW_RATE", "0")
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _reset(engine: Engine) -> None:
    Base.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(scope="session", params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated database per backend; PostgreSQL tests skip only if no server URL is configured."""
    if request.param == "postgres":
        if not POSTGRES_URL:
            pytest.skip("VIGIL_TEST_POSTGRES_URL is not set")
        url = POSTGRES_URL
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'vigil-test.db'}"
    engine = make_engine(url)
    _reset(engine)
    upgrade(engine)  # the real Alembic migrations, not create_all
    yield engine
    _reset(engine)
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """One outer transaction per test, rolled back at the end: tests never see each other's rows."""
    with engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        transaction.rollback()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    # Service code commits; inside the test those commits only release savepoints of the outer transaction.
    return sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with session_factory() as session:
        yield session


@pytest.fixture
def settings() -> Settings:
    # No blind QA sampling or double reviews unless a test asks for them: they would add cases at random.
    return Settings(
        database_url="sqlite://",
        scorer="keyword",
        run_migrations=False,
        lease_seconds=600,
        qa_sample_rate=0.0,
        double_review_rate=0.0,
    )


@pytest.fixture
def keys(session: Session) -> dict[str, dict[str, str]]:
    """X-API-Key headers for every role (plus a second reviewer)."""
    headers = {}
    for name, role in [(r.value, r) for r in Role] + [("reviewer2", Role.REVIEWER)]:
        headers[name] = {"X-API-Key": create_key(session, name=name, role=role, actor="test:fixture")}
    session.commit()
    return headers


@pytest.fixture
def client(settings: Settings, session_factory: sessionmaker[Session], keys: dict) -> Iterator[TestClient]:
    app = create_app(settings, scorer=KeywordScorer(), session_factory=session_factory)
    with TestClient(app) as client:
        yield client


REPO_ROOT = Path(__file__).resolve().parent.parent


def empty_tables(engine: Engine) -> None:
    """Delete every row (the schema stays)."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # The audit table refuses DELETE (append-only trigger); a superuser may switch triggers off.
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture
def committed_factory(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Sessions on separate connections that really commit (for concurrency tests); tables emptied after."""
    from moderation_api.db import make_session_factory

    yield make_session_factory(engine)
    empty_tables(engine)
