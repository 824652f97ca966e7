"""Bad requests get a clear 4xx and leave the database exactly as it was."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from moderation_api.audit.models import AuditEvent
from moderation_api.cases.models import Case
from moderation_api.postings.models import Posting

AD = "New girls every week, Asian & Latina girls available. Incall only at motel. Daddy books. No LE."


def _counts(session: Session) -> list[int]:
    session.expire_all()
    models = (Posting, Case, AuditEvent)
    return [session.scalar(select(func.count()).select_from(model)) or 0 for model in models]


@pytest.mark.parametrize(
    ("body", "status", "needle"),
    [
        (b'{"postings": [{"source": "s", "external_id": "1", "text": ', 422, "JSON"),
        (b'{"postings": []}', 422, "postings"),
        (b'{"postings": [{"source": "s", "external_id": "1", "text": "x", "colour": "red"}]}', 422, "colour"),
        (b'{"postings": [{"source": "s", "external_id": "1"}]}', 422, "text"),
        (b'{"postings": [{"source": "s", "external_id": "1", "text": ""}]}', 422, "text"),
        (
            b'{"postings": [{"source": "s", "external_id": "1", "text": "x", "posted_at": "yesterday"}]}',
            422,
            "posted_at",
        ),
    ],
    ids=["malformed-json", "empty-batch", "unknown-field", "missing-text", "empty-text", "bad-date"],
)
def test_invalid_ingest_bodies(
    client: TestClient, keys: dict, session: Session, body: bytes, status: int, needle: str
) -> None:
    before = _counts(session)
    response = client.post(
        "/v1/postings", content=body, headers={**keys["integrator"], "Content-Type": "application/json"}
    )
    assert response.status_code == status
    assert needle.lower() in response.text.lower()
    assert _counts(session) == before


def test_a_bad_item_rejects_the_whole_batch(client: TestClient, keys: dict, session: Session) -> None:
    before = _counts(session)
    postings = [{"source": "s", "external_id": str(n), "text": AD} for n in range(3)]
    postings.append({"source": "s", "external_id": "bad", "text": "x" * 20_001})
    response = client.post("/v1/postings", json={"postings": postings}, headers=keys["integrator"])
    assert response.status_code == 422 and "20000" in response.text
    assert _counts(session) == before


def test_oversize_body_and_batch(client: TestClient, keys: dict, session: Session, settings) -> None:
    before = _counts(session)
    huge = (
        b'{"postings": ['
        + b",".join(b'{"source":"s","external_id":"x","text":"' + b"a" * 19_000 + b'"}' for _ in range(120))
        + b"]}"
    )
    response = client.post(
        "/v1/postings", content=huge, headers={**keys["integrator"], "Content-Type": "application/json"}
    )
    assert response.status_code == 413 and "limit" in response.json()["detail"]
    postings = [{"source": "s", "external_id": str(n), "text": "bike"} for n in range(settings.max_batch + 1)]
    response = client.post("/v1/postings", json={"postings": postings}, headers=keys["integrator"])
    assert response.status_code == 413 and "500" in response.json()["detail"]
    assert _counts(session) == before


@pytest.mark.parametrize(
    ("method", "path", "role", "status"),
    [
        ("post", "/v1/postings", None, 401),
        ("post", "/v1/postings", "reviewer", 403),
        ("post", "/v1/cases/claim", "integrator", 403),
        ("post", "/v1/cases/claim", "auditor", 403),
        ("get", "/v1/reports/transparency", "reviewer", 403),
        ("get", "/v1/reports/transparency", "integrator", 403),
        ("post", "/v1/score", "reviewer", 403),
        ("get", "/v1/cases", "integrator", 403),
    ],
)
def test_roles_are_enforced(
    client: TestClient, keys: dict, method: str, path: str, role: str | None, status: int
) -> None:
    headers = keys[role] if role else {}
    body = (
        {"postings": [{"source": "s", "external_id": "1", "text": "bike"}]} if path == "/v1/postings" else {}
    )
    response = client.request(method.upper(), path, json=body, headers=headers)
    assert response.status_code == status
    assert response.json()["detail"]


def test_wrong_key_is_401(client: TestClient) -> None:
    response = client.get("/v1/me", headers={"X-API-Key": "vgl_not-a-key"})
    assert response.status_code == 401 and "unknown" in response.json()["detail"]


def test_invalid_transitions_are_409_and_change_nothing(
    client: TestClient, keys: dict, session: Session
) -> None:
    client.post(
        "/v1/postings",
        json={"postings": [{"source": "s", "external_id": "1", "text": AD}]},
        headers=keys["integrator"],
    )
    case_id = client.get("/v1/cases", headers=keys["reviewer"]).json()["items"][0]["id"]
    before = _counts(session)
    for action in ("renew", "release"):
        response = client.post(f"/v1/cases/{case_id}/{action}", headers=keys["reviewer"])
        assert response.status_code == 409 and "claim it first" in response.json()["detail"]
    response = client.post(
        f"/v1/cases/{case_id}/decision", json={"decision": "confirm"}, headers=keys["reviewer"]
    )
    assert response.status_code == 409
    response = client.post(
        f"/v1/cases/{case_id}/decision", json={"decision": "maybe"}, headers=keys["reviewer"]
    )
    assert response.status_code == 422
    assert client.post("/v1/cases/999999/renew", headers=keys["reviewer"]).status_code == 404
    assert _counts(session) == before


def test_score_endpoint(client: TestClient, keys: dict) -> None:
    one = client.post("/v1/score", json={"text": AD}, headers=keys["integrator"]).json()["results"][0]
    assert one["band"] in ("review", "urgent") and one["flagged"] and one["model_version"]
    batch = client.post(
        "/v1/score",
        json={"items": [{"id": "a", "text": AD}, {"id": "b", "text": "bike"}]},
        headers=keys["integrator"],
    ).json()["results"]
    assert [r["id"] for r in batch] == ["a", "b"] and batch[1]["band"] == "low"
    both = client.post("/v1/score", json={"text": "x", "items": [{"text": "y"}]}, headers=keys["integrator"])
    assert both.status_code == 422 and "exactly one" in both.json()["detail"]


def test_operations_endpoints(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json()["status"] == "ready"
    client.get("/v1/me")
    metrics = client.get("/metrics").text
    assert "vigil_http_requests_total" in metrics and 'route="/v1/me"' in metrics


def test_ids_beyond_the_database_range_are_422_not_500(client: TestClient, keys: dict) -> None:
    # Found by the schemathesis run: such ids overflowed SQLite / PostgreSQL integers.
    for path in ("/v1/cases/9223372036854775808", "/v1/postings/2147483648", "/v1/clusters/0"):
        assert client.get(path, headers=keys["admin"]).status_code == 422, path
    response = client.post(
        "/v1/clusters/1/decision",
        json={"case_ids": [2**63], "decision": "confirm"},
        headers=keys["senior"],
    )
    assert response.status_code == 422


def test_nul_characters_are_a_422_on_every_backend(client: TestClient, keys: dict, session: Session) -> None:
    # Found by the schemathesis run: PostgreSQL text cannot hold NUL, which was a 500 there.
    before = session.scalar(select(func.count()).select_from(Posting))
    body = {"postings": [{"source": "s\x00", "external_id": "1", "text": "hello"}]}
    response = client.post("/v1/postings", json=body, headers=keys["integrator"])
    assert response.status_code == 422 and "NUL" in response.text
    assert session.scalar(select(func.count()).select_from(Posting)) == before
    response = client.get("/v1/cases", params={"assignee": "a\x00b"}, headers=keys["admin"])
    assert response.status_code in (200, 422)  # SQLite can compare it; PostgreSQL refuses it as input


def test_implausible_posted_at_is_a_422(client: TestClient, keys: dict) -> None:
    # Found by a longer schemathesis run: year-1 dates broke the network window arithmetic (500).
    for when in ("0001-01-01T00:00:00Z", "2999-01-01T00:00:00Z"):
        body = {"postings": [{"source": "s", "external_id": "1", "text": "hello", "posted_at": when}]}
        response = client.post("/v1/postings", json=body, headers=keys["integrator"])
        assert response.status_code == 422 and "posted_at must lie between" in response.text
