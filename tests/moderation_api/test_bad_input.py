"""Bad requests get a clear 4xx and leave the database exactly as it was."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from classifier.baseline import KeywordScorer
from moderation_api.app import create_app
from moderation_api.audit.models import AuditEvent
from moderation_api.cases.models import Case
from moderation_api.postings.models import Posting
from moderation_api.settings import Settings

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
    assert response.status_code == 413
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


# --- Hostile input classes: every one a 4xx that never echoes the posting text --------------------------

CANARY = "vigil-canary-5e1d"
HOSTILE = f"New girls every week, incall only at motel. Daddy books. No LE. {CANARY} 713-555-0199"


def _refused_without_echo(response: Response, *, statuses: tuple[int, ...] = (422,)) -> None:
    """A 4xx among ``statuses``, a body any client can decode, and no trace of the posting text."""
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    body = response.content.decode("utf-8")  # strictly valid UTF-8: no lone surrogates in the answer
    assert CANARY not in body and "713-555-0199" not in body
    if response.headers.get("content-type", "").startswith("application/json"):
        detail = response.json()["detail"]
        assert detail
        if isinstance(detail, list):  # validation errors: where, what, why — never the value itself
            assert all(set(error) == {"type", "loc", "msg"} for error in detail), detail


def _raw(body: object) -> bytes:
    # ensure_ascii writes a lone surrogate as the valid JSON escape "\ud800"; allow_nan writes Infinity.
    return json.dumps(body, ensure_ascii=True, allow_nan=True).encode()


BODIES: dict[str, tuple[str, dict[str, object]]] = {
    "score-text": ("/v1/score", {"text": HOSTILE}),
    "score-items": ("/v1/score", {"items": [{"id": "a", "text": HOSTILE}]}),
    "ingest": (
        "/v1/postings",
        {"postings": [{"source": "s", "external_id": "1", "text": HOSTILE, "location": "Houston"}]},
    ),
    "notice": ("/v1/notices", {"source": "s", "external_id": "1", "text": HOSTILE, "explanation": HOSTILE}),
    "decision": ("/v1/cases/1/decision", {"decision": "escalate", "notes": HOSTILE}),
    "bulk-decision": ("/v1/clusters/1/decision", {"case_ids": [1], "decision": "confirm", "notes": HOSTILE}),
}


def _string_fields(value: object, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _string_fields(item, (*path, key))]
    if isinstance(value, list):
        return [found for n, item in enumerate(value) for found in _string_fields(item, (*path, n))]
    return [path] if isinstance(value, str) else []


def _with(body: dict, path: tuple, value: object) -> dict:
    copy = json.loads(json.dumps(body))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copy


STRING_CASES = [
    pytest.param(name, path, id=f"{name}:{'.'.join(map(str, path))}")
    for name, (_, body) in BODIES.items()
    for path in _string_fields(body)
]


@pytest.mark.parametrize(("name", "path"), STRING_CASES)
@pytest.mark.parametrize("bad", ["\ud800", "\udfff", "\x00"], ids=["high-surrogate", "low-surrogate", "nul"])
def test_unstorable_characters_in_any_string_field_are_a_422_without_echo(
    client: TestClient, keys: dict, session: Session, name: str, path: tuple, bad: str
) -> None:
    url, body = BODIES[name]
    before = _counts(session)
    spoiled = _with(body, path, HOSTILE + bad)
    response = client.post(
        url, content=_raw(spoiled), headers={**keys["admin"], "Content-Type": "application/json"}
    )
    _refused_without_echo(response)
    assert ".".join(map(str, path)) in response.text  # the answer says where
    assert _counts(session) == before


@pytest.mark.parametrize("name", list(BODIES))
def test_a_field_name_with_a_lone_surrogate_is_a_422_without_echo(
    client: TestClient, keys: dict, name: str
) -> None:
    url, body = BODIES[name]
    spoiled = {**body, HOSTILE + "\udc00": 1}
    response = client.post(
        url, content=_raw(spoiled), headers={**keys["admin"], "Content-Type": "application/json"}
    )
    _refused_without_echo(response)


def test_unknown_field_named_with_posting_text_is_not_echoed(client: TestClient, keys: dict) -> None:
    body = {"postings": [{"source": "s", "external_id": "1", "text": "x", HOSTILE: "y"}]}
    response = client.post("/v1/postings", json=body, headers=keys["integrator"])
    _refused_without_echo(response)
    assert "extra_forbidden" in response.text


NUMBERS = [
    ("/v1/cases/claim", b'{"count": %s}'),
    ("/v1/clusters/1/decision", b'{"case_ids": [%s], "decision": "confirm"}'),
    ("/v1/postings", b'{"postings": [{"source": "s", "external_id": "1", "text": "x", "posted_at": %s}]}'),
    ("/v1/score", b'{"items": [{"id": %s, "text": "x"}]}'),
]


@pytest.mark.parametrize(("url", "template"), NUMBERS, ids=[url for url, _ in NUMBERS])
@pytest.mark.parametrize(
    "number",
    [b"1e400", b"-1e400", b"NaN", b"Infinity", b"-Infinity", b"1" + b"0" * 40, b"-" + b"9" * 300, b"1e308"],
    ids=["1e400", "-1e400", "NaN", "Infinity", "-Infinity", "1e40-int", "-300-digits", "1e308"],
)
def test_non_finite_and_huge_numbers_are_a_422(
    client: TestClient, keys: dict, session: Session, url: str, template: bytes, number: bytes
) -> None:
    before = _counts(session)
    response = client.post(
        url, content=template % number, headers={**keys["admin"], "Content-Type": "application/json"}
    )
    _refused_without_echo(response)
    assert _counts(session) == before


def test_a_5000_digit_number_is_a_4xx(client: TestClient, keys: dict) -> None:
    # Python refuses to parse integers over 4300 digits (CVE-2020-10735): a client error, not a crash.
    response = client.post(
        "/v1/cases/claim",
        content=b'{"count": ' + b"7" * 5000 + b"}",
        headers={**keys["reviewer"], "Content-Type": "application/json"},
    )
    _refused_without_echo(response, statuses=(400, 422))


DATETIME_PARAMS = [
    ("/v1/cases", "opened_from", "reviewer"),
    ("/v1/cases", "opened_to", "reviewer"),
    ("/v1/reports/transparency", "start", "auditor"),
    ("/v1/reports/transparency", "end", "auditor"),
]


@pytest.mark.parametrize(("url", "param", "role"), DATETIME_PARAMS)
@pytest.mark.parametrize(
    "value",
    [
        "2026-01-01T00:00:00",  # no time zone
        "2026-01-01",  # a date is no instant either
        "0001-01-01T00:00:00+14:00",  # before year 1 in UTC
        "9999-12-31T23:59:59-14:00",  # after year 9999 in UTC
        "1e400",
        "99999999999999999999999",
    ],
)
def test_naive_and_extreme_datetimes_in_query_parameters_are_a_422(
    client: TestClient, keys: dict, url: str, param: str, role: str, value: str
) -> None:
    response = client.get(url, params={param: value}, headers=keys[role])
    _refused_without_echo(response)
    assert param in response.text


def test_datetimes_at_the_ends_of_the_calendar_are_accepted_as_filters(
    client: TestClient, keys: dict
) -> None:
    params = {"opened_from": "0001-01-01T00:00:00Z", "opened_to": "9999-12-31T23:59:59.999999Z"}
    assert client.get("/v1/cases", params=params, headers=keys["reviewer"]).status_code == 200
    params = {"start": "0001-01-01T00:00:00Z", "end": "9999-12-31T23:59:59Z"}
    response = client.get("/v1/reports/transparency", params=params, headers=keys["auditor"])
    assert response.status_code == 422 and "10 years" in response.text


@pytest.mark.parametrize(
    "when",
    [
        "2025-06-01T10:00:00",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        "1e400",
        "+010000-01-01",
    ],
)
def test_naive_and_extreme_posted_at_is_a_422(
    client: TestClient, keys: dict, session: Session, when: str
) -> None:
    before = _counts(session)
    body = {"postings": [{"source": "s", "external_id": "1", "text": HOSTILE, "posted_at": when}]}
    response = client.post("/v1/postings", json=body, headers=keys["integrator"])
    _refused_without_echo(response)
    assert "posted_at" in response.text
    assert _counts(session) == before


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "raw",
    [
        "2026-01-01T00:00:00+00:00|" + "9" * 30,  # overflowed SQLite's 64-bit integers (500)
        "2026-01-01T00:00:00+00:00|-5",
        "2026-01-01T00:00:00|1",  # naive
        "2026-01-01T00:00:00+05:00|1",  # this service only issues UTC
        "not a date|1",
        "\udcff",
    ],
)
def test_forged_dsa_cursors_are_a_422(client: TestClient, keys: dict, raw: str) -> None:
    cursor = base64.urlsafe_b64encode(raw.encode("utf-8", "surrogatepass")).decode().rstrip("=")
    response = client.get("/v1/reports/dsa-statements", params={"cursor": cursor}, headers=keys["auditor"])
    _refused_without_echo(response)
    assert "cursor" in response.json()["detail"]


def test_a_cursor_at_the_start_of_the_calendar_is_a_valid_empty_position(
    client: TestClient, keys: dict
) -> None:
    cursor = _cursor("0001-01-01T00:00:00+00:00|0")
    response = client.get("/v1/reports/dsa-statements", params={"cursor": cursor}, headers=keys["auditor"])
    assert response.status_code == 200 and response.json()["next_cursor"] is None


@pytest.fixture
def small_limits_client(session_factory, keys: dict) -> Iterator[TestClient]:
    """The API with a 1000-character text limit and a 64 KiB body limit."""
    settings = Settings(
        database_url="sqlite://",
        scorer="keyword",
        run_migrations=False,
        max_text_chars=1000,
        max_body_bytes=64 * 1024,
    )
    with TestClient(create_app(settings, scorer=KeywordScorer(), session_factory=session_factory)) as client:
        yield client


@pytest.mark.parametrize("name", ["score-text", "score-items", "ingest", "notice"])
def test_texts_over_max_text_chars_are_a_422_naming_the_limit(
    small_limits_client: TestClient, keys: dict, session: Session, name: str
) -> None:
    url, body = BODIES[name]
    long_text = (HOSTILE + " ") * 20  # ~1600 characters: over the 1000 set, under the schema ceiling
    body = json.loads(json.dumps(body).replace(json.dumps(HOSTILE)[1:-1], long_text))
    before = _counts(session)
    response = small_limits_client.post(url, json=body, headers=keys["admin"])
    _refused_without_echo(response)
    assert "the limit is 1000" in response.json()["detail"]
    assert _counts(session) == before
    ok = small_limits_client.post(url, json=json.loads(json.dumps(body).replace(long_text, "x" * 1000)),
                                  headers=keys["admin"])  # fmt: skip
    assert ok.status_code in (200, 201), ok.text


def test_bodies_over_the_limit_are_a_413_with_or_without_content_length(
    small_limits_client: TestClient, keys: dict, session: Session
) -> None:
    before = _counts(session)
    item = {"source": "s", "external_id": "1", "text": HOSTILE}
    payload = json.dumps({"postings": [item] * 2000}).encode()  # ~200 KB
    headers = {**keys["integrator"], "Content-Type": "application/json"}
    _refused_without_echo(
        small_limits_client.post("/v1/postings", content=payload, headers=headers), statuses=(413,)
    )

    def chunks() -> Iterator[bytes]:  # no Content-Length: Transfer-Encoding: chunked, 5 MB
        yield b'{"postings": ['
        for _ in range(5 * 1024):
            yield (json.dumps(item) + ",").encode() * 10
        yield b"]}"

    response = small_limits_client.post("/v1/postings", content=chunks(), headers=headers)
    _refused_without_echo(response, statuses=(413,))
    assert _counts(session) == before


def test_minor_escalation_of_a_case_whose_posting_was_deleted(client: TestClient, keys: dict) -> None:
    # Was a 500 (an assert in the legal-hold code): the text is gone, so there is nothing to hold, but the
    # case must still reach the senior queue.
    (result,) = client.post(
        "/v1/postings",
        json={"postings": [{"source": "s", "external_id": "gone", "text": AD}]},
        headers=keys["integrator"],
    ).json()["results"]
    assert (
        client.delete(f"/v1/postings/{result['posting_id']}", headers=keys["integrator"]).status_code == 200
    )
    (case,) = client.post("/v1/cases/claim", json={}, headers=keys["reviewer"]).json()
    body = {"decision": "escalate", "escalation_kind": "minor_involved", "notes": "pictures suggest a minor"}
    response = client.post(f"/v1/cases/{case['id']}/decision", json=body, headers=keys["reviewer"])
    assert response.status_code == 200, response.text
    assert response.json()["queue"] == "senior" and response.json()["state"] == "open"
    posting = client.get(f"/v1/postings/{result['posting_id']}", headers=keys["admin"]).json()
    assert posting["deleted"] and posting["legal_hold_until"] is None


def test_bulk_minor_escalation_with_a_deleted_posting_leaves_no_case_claimed(
    client: TestClient, keys: dict
) -> None:
    texts = [AD + " 713-555-0177", "Selling a baby stroller, barely used, text 713-555-0177"]
    results = client.post(
        "/v1/postings",
        json={"postings": [{"source": "s", "external_id": f"c{n}", "text": t} for n, t in enumerate(texts)]},
        headers=keys["integrator"],
    ).json()["results"]
    cluster_id, case_id = results[0]["cluster_id"], results[0]["case_id"]
    assert cluster_id is not None and case_id is not None
    assert client.delete(f"/v1/postings/{results[0]['posting_id']}", headers=keys["admin"]).status_code == 200
    body = {"case_ids": [case_id], "decision": "escalate", "escalation_kind": "minor_involved", "notes": "n"}
    response = client.post(f"/v1/clusters/{cluster_id}/decision", json=body, headers=keys["senior"])
    assert response.status_code == 200, response.text
    case = client.get(f"/v1/cases/{case_id}", headers=keys["admin"]).json()["case"]
    assert case["state"] == "open" and case["assignee"] is None and case["queue"] == "senior"
    assert client.get("/v1/cases/mine", headers=keys["senior"]).json() == []
