"""Logs, metrics and the last-resort 500: JSON lines, every 5xx counted, and no posting text in any log."""

from __future__ import annotations

import io
import json
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from classifier.baseline import KeywordScorer
from moderation_api.app import create_app
from moderation_api.cli import main
from moderation_api.logs import PINNED_LEVELS, configure_logging
from moderation_api.settings import Settings

CANARY = "vigil-canary-0b7c"
HOSTILE = f"New girls every week, incall only at motel. Daddy books. No LE. {CANARY} 713-555-0123"
REPO_ROOT = Path(__file__).resolve().parents[2]


class CrashingScorer(KeywordScorer):
    """A scorer that fails with the posting text in its error message, as careless code would."""

    def score_texts(self, texts):  # type: ignore[no-untyped-def]
        raise RuntimeError(f"model crashed on {texts[0]!r}")


def _settings(**overrides: object) -> Settings:
    return Settings(database_url="sqlite://", scorer="keyword", run_migrations=False, **overrides)


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The service's logging configuration at DEBUG, writing to a buffer; restored afterwards."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    touched = [*PINNED_LEVELS, "uvicorn", "uvicorn.error"]
    saved = {name: (logging.getLogger(name).level, logging.getLogger(name).handlers[:]) for name in touched}
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    yield stream
    root.handlers[:] = saved_handlers
    root.setLevel(saved_level)
    for name, (level, handlers) in saved.items():
        logging.getLogger(name).setLevel(level)
        logging.getLogger(name).handlers[:] = handlers


def _refusing_trigger(connection: Connection) -> None:
    """Make every posting INSERT fail inside the database (rolled back with the test's transaction).

    On PostgreSQL the error message itself quotes the text, the worst case for a log; on SQLite the
    statement's parameters would carry it if they were ever rendered.
    """
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(
            "CREATE FUNCTION vigil_test_refuse() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'refused: %%', NEW.text; END $$ LANGUAGE plpgsql"
        )
        connection.exec_driver_sql(
            "CREATE TRIGGER vigil_test_refuse BEFORE INSERT ON postings "
            "FOR EACH ROW EXECUTE FUNCTION vigil_test_refuse()"
        )
    else:
        connection.exec_driver_sql(
            "CREATE TRIGGER vigil_test_refuse BEFORE INSERT ON postings "
            "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
        )


def test_posting_text_never_reaches_any_log(
    json_log: io.StringIO,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    connection: Connection,
    session_factory: sessionmaker[Session],
    keys: dict,
) -> None:
    caplog.set_level(logging.DEBUG)
    integrator = keys["integrator"]
    posting = {"source": "s", "external_id": "hostile", "text": HOSTILE}
    statuses = []
    with TestClient(
        create_app(_settings(), scorer=KeywordScorer(), session_factory=session_factory)
    ) as client:
        # 422s: a NUL, a lone surrogate, posting text as a field name, a 1 MB text.
        for body in (
            json.dumps({"postings": [{**posting, "text": HOSTILE + "\x00"}]}).encode(),
            json.dumps({"postings": [{**posting, "text": HOSTILE + "\ud800"}]}, ensure_ascii=True).encode(),
            json.dumps({"postings": [{**posting, HOSTILE: 1}]}).encode(),
            json.dumps({"postings": [{**posting, "text": HOSTILE * 9000}]}).encode(),
        ):
            headers = {**integrator, "Content-Type": "application/json"}
            statuses.append(client.post("/v1/postings", content=body, headers=headers).status_code)
        # Accepted and stored (SQL at DEBUG would log the rows), then read back.
        stored = client.post("/v1/postings", json={"postings": [posting]}, headers=integrator)
        statuses.append(stored.status_code)
        posting_id = stored.json()["results"][0]["posting_id"]
        statuses.append(client.get(f"/v1/postings/{posting_id}", headers=keys["admin"]).status_code)
        # A database error whose message or parameters carry the text.
        _refusing_trigger(connection)
        other = {**posting, "external_id": "refused"}
        statuses.append(
            client.post("/v1/postings", json={"postings": [other]}, headers=integrator).status_code
        )
    # A scorer failing with the text in its exception.
    crashing = create_app(_settings(), scorer=CrashingScorer(), session_factory=session_factory)
    with TestClient(crashing) as client:
        statuses.append(client.post("/v1/score", json={"text": HOSTILE}, headers=integrator).status_code)
    assert statuses == [422, 422, 422, 422, 200, 200, 500, 500]

    captured = capsys.readouterr()
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    errors = [line for line in lines if line.get("message") == "unhandled error"]
    assert len(errors) == 2 and {"RuntimeError"} <= {e["error"] for e in errors}  # the log was written
    assert all(e["frames"] for e in errors)  # ...with where it happened
    assert [line["status"] for line in lines if line.get("logger") == "vigil.access"] == statuses
    everything = [json_log.getvalue(), caplog.text, captured.out, captured.err]
    everything += [repr(vars(record)) for record in caplog.records]
    for output in everything:
        assert CANARY not in output and "713-555-0123" not in output


def test_every_5xx_is_counted_and_the_next_request_still_works(session_factory, keys: dict) -> None:
    app = create_app(_settings(metrics_public=True), scorer=CrashingScorer(), session_factory=session_factory)
    with TestClient(app) as client:
        response = client.post("/v1/score", json={"text": HOSTILE}, headers=keys["integrator"])
        assert response.status_code == 500 and CANARY not in response.text
        assert response.json() == {"detail": "internal error; it has been logged"}
        assert client.get("/v1/me", headers=keys["integrator"]).status_code == 200
        metrics = client.get("/metrics").text
    assert 'vigil_http_requests_total{method="POST",route="/v1/score",status="500"} 1.0' in metrics
    assert 'vigil_http_unhandled_errors_total{error="RuntimeError"} 1.0' in metrics
    assert 'vigil_http_requests_total{method="GET",route="/v1/me",status="200"} 1.0' in metrics


def test_metrics_need_the_token_unless_public(session_factory) -> None:
    closed = create_app(_settings(), scorer=KeywordScorer(), session_factory=session_factory)
    with TestClient(closed) as client:
        response = client.get("/metrics")
        assert response.status_code == 403 and "VIGIL_METRICS_TOKEN" in response.json()["detail"]
    with_token = create_app(
        _settings(metrics_token="s3cret-token"), scorer=KeywordScorer(), session_factory=session_factory
    )
    with TestClient(with_token) as client:
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
        response = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"})
        assert response.status_code == 200 and "vigil_http_requests_total" in response.text
        # The refusals were counted too.
        assert 'route="/metrics",status="401"} 2.0' in response.text
    public = create_app(
        _settings(metrics_public=True), scorer=KeywordScorer(), session_factory=session_factory
    )
    with TestClient(public) as client:
        assert client.get("/metrics").status_code == 200


def test_operations_endpoints(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready", "problems": []}


def test_log_level_setting_is_validated_and_applied(json_log: io.StringIO) -> None:
    assert Settings(log_level="warning").log_level == "WARNING"
    with pytest.raises(ValidationError):
        Settings(log_level="chatty")
    configure_logging("WARNING", stream=json_log)
    logging.getLogger("vigil.test").info("not written")
    logging.getLogger("vigil.test").warning("written")
    logging.getLogger("sqlalchemy.engine.Engine").info("SELECT posting text")  # pinned at WARNING
    assert [json.loads(line)["message"] for line in json_log.getvalue().splitlines()] == ["written"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_vigil_api_process_writes_json_logs_and_keeps_the_connection_after_a_500(tmp_path: Path) -> None:
    """The real server (uvicorn via `vigil api`): JSON lines at VIGIL_LOG_LEVEL, no text, keep-alive kept."""
    url = f"sqlite:///{tmp_path / 'api.db'}"
    assert main(["db", "upgrade", "--database-url", url]) == 0
    key = _create_key(url)
    import sqlite3

    with sqlite3.connect(tmp_path / "api.db") as db:  # every posting INSERT fails inside the database
        db.execute("CREATE TRIGGER refuse BEFORE INSERT ON postings BEGIN SELECT RAISE(ABORT, 'no'); END")
    port = _free_port()
    env = {**os.environ, "VIGIL_DATABASE_URL": url, "VIGIL_SCORER": "keyword", "VIGIL_LOG_LEVEL": "debug"}
    server = subprocess.Popen(
        [sys.executable, "-m", "moderation_api.cli", "api", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"X-API-Key": key}) as client:
            _wait_until_up(client)
            body = {"postings": [{"source": "s", "external_id": "1", "text": HOSTILE}]}
            failed = client.post("/v1/postings", json=body)
            assert failed.status_code == 500 and failed.headers.get("connection") != "close"
            invalid = client.post("/v1/postings", json={"postings": [{**body["postings"][0], "x": 1}]})
            assert invalid.status_code == 422
            assert client.get("/v1/me").status_code == 200
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    assert len(lines) == len(stderr.splitlines())  # every line is JSON
    access = [(line["route"], line["status"]) for line in lines if line.get("logger") == "vigil.access"]
    assert ("/v1/postings", 500) in access and ("/v1/postings", 422) in access
    assert any(line["level"] == "DEBUG" for line in lines)  # VIGIL_LOG_LEVEL=debug took effect
    assert CANARY not in stderr and "713-555-0123" not in stderr


def _create_key(url: str) -> str:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "moderation_api.cli",
            "create-key",
            "ops",
            "--role",
            "admin",
            "--database-url",
            url,
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def _wait_until_up(client: httpx.Client) -> None:
    for _ in range(200):
        try:
            if client.get("/healthz").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("vigil api did not start")


def test_database_errors_never_render_sql_parameters(engine: Engine) -> None:
    """The engine hides bound values in every error it raises, so no handler can log them by accident."""
    with engine.connect() as connection, pytest.raises(DBAPIError) as failure:
        connection.execute(text("INSERT INTO no_such_table (text) VALUES (:text)"), {"text": HOSTILE})
    assert "SQL parameters hidden" in str(failure.value) and CANARY not in str(failure.value)
