"""Database outages: a refused, silent, locked or exhausted database is a prompt 503 with Retry-After.

The time bounds below are generous correctness bounds (a hang would blow them by minutes), not speed
measurements.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from classifier.baseline import KeywordScorer
from moderation_api.app import create_app
from moderation_api.db import make_engine, make_session_factory
from moderation_api.migrations import upgrade
from moderation_api.settings import Settings
from tests.conftest import POSTGRES_URL

BOUND_SECONDS = 5.0
KEY = {"X-API-Key": "vgl_any"}


def _app(url: str, **overrides: object) -> TestClient:
    settings = Settings(database_url=url, scorer="keyword", run_migrations=False, **overrides)
    return TestClient(create_app(settings, scorer=KeywordScorer()))


def _timed_get(client: TestClient, path: str, **kwargs: object) -> tuple[object, float]:
    started = time.monotonic()
    response = client.get(path, **kwargs)  # type: ignore[arg-type]
    return response, time.monotonic() - started


def _assert_unavailable(response: object, elapsed: float) -> None:
    assert response.status_code == 503, response.text  # type: ignore[attr-defined]
    assert int(response.headers["Retry-After"]) >= 1  # type: ignore[attr-defined]
    assert elapsed < BOUND_SECONDS


def _refused_port() -> int:
    """A loopback port nothing listens on (bound then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SilentServer:
    """A loopback TCP server that accepts connections and never says a word; counts connections."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        self.accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted.append(connection)  # kept open, never answered

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for connection in self.accepted:
            connection.close()
        self.sock.close()


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


def test_refused_postgres_connection_is_a_prompt_503_and_readyz_says_why(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with _app(f"postgresql+psycopg://postgres@127.0.0.1:{_refused_port()}/vigil") as client:
        for _ in range(3):  # the first attempt and the fail-fast ones after it
            _assert_unavailable(*_timed_get(client, "/v1/me", headers=KEY))
        (failure,) = [r for r in caplog.records if r.getMessage().startswith("database connection failed")]
        assert "refused" in failure.reason  # type: ignore[attr-defined]  # operators learn why
        response, elapsed = _timed_get(client, "/readyz")
        _assert_unavailable(response, elapsed)
        assert response.json()["status"] == "not ready"
        assert client.get("/healthz").status_code == 200  # liveness never needs the database


def test_silent_postgres_server_is_a_503_within_the_connect_timeout_then_fails_fast(
    silent_server: SilentServer,
) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{silent_server.port}/vigil"
    with _app(url, db_connect_timeout=2, db_retry_after=30) as client:
        _assert_unavailable(*_timed_get(client, "/v1/me", headers=KEY))
        attempts = len(silent_server.accepted)
        assert attempts >= 1
        # While the retry pause lasts, requests and readiness checks do not even try to connect.
        for path in ("/v1/me", "/v1/cases", "/readyz"):
            _assert_unavailable(*_timed_get(client, path, headers=KEY))
        assert len(silent_server.accepted) == attempts


def test_readyz_answers_within_its_timeout_while_the_database_is_silent(silent_server: SilentServer) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{silent_server.port}/vigil"
    with _app(url, db_connect_timeout=10, readyz_timeout=0.5) as client:
        response, elapsed = _timed_get(client, "/readyz")
        _assert_unavailable(response, elapsed)
        assert "no answer within 0.5 s" in response.json()["problems"][0]


def test_unopenable_sqlite_database_is_a_503(tmp_path: Path) -> None:
    with _app(f"sqlite:///{tmp_path / 'missing-dir' / 'vigil.db'}") as client:
        _assert_unavailable(*_timed_get(client, "/v1/me", headers=KEY))
        _assert_unavailable(*_timed_get(client, "/readyz"))


def test_sqlite_write_lock_held_past_the_busy_timeout_is_a_503(tmp_path: Path) -> None:
    path = tmp_path / "vigil.db"
    upgrade(make_engine(f"sqlite:///{path}"))
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process holding the write lock
    try:
        with _app(f"sqlite:///{path}", sqlite_busy_timeout=0.2) as client:
            _assert_unavailable(*_timed_get(client, "/v1/me", headers=KEY))
    finally:
        blocker.rollback()
        blocker.close()


def test_exhausted_pool_is_a_503_after_the_pool_timeout(tmp_path: Path) -> None:
    path = tmp_path / "vigil.db"
    settings = Settings(database_url=f"sqlite:///{path}", scorer="keyword", db_pool_timeout=0.2)
    engine = make_engine(settings.database_url, settings=settings, pool_size=1, max_overflow=0)
    upgrade(engine)
    app = create_app(settings, scorer=KeywordScorer(), session_factory=make_session_factory(engine))
    with engine.connect(), TestClient(app) as client:  # the only pooled connection is taken
        _assert_unavailable(*_timed_get(client, "/v1/me", headers=KEY))
    engine.dispose()


@pytest.mark.postgres
def test_postgres_statement_timeout_comes_from_settings() -> None:
    if not POSTGRES_URL:
        pytest.skip("VIGIL_TEST_POSTGRES_URL is not set")
    settings = Settings(database_url=POSTGRES_URL, db_statement_timeout=0.2)
    engine = make_engine(POSTGRES_URL, settings=settings)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW statement_timeout")).scalar() == "200ms"
            with pytest.raises(OperationalError) as failure:
                connection.execute(text("SELECT pg_sleep(5)"))
        assert getattr(failure.value.orig, "sqlstate", None) == "57014"  # query_canceled
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_postgres_pool_timeout_comes_from_settings() -> None:
    if not POSTGRES_URL:
        pytest.skip("VIGIL_TEST_POSTGRES_URL is not set")
    settings = Settings(database_url=POSTGRES_URL, db_pool_timeout=0.2)
    engine = make_engine(POSTGRES_URL, settings=settings, pool_size=1, max_overflow=0)
    try:
        with engine.connect(), pytest.raises(PoolTimeoutError), engine.connect():
            pass
    finally:
        engine.dispose()
