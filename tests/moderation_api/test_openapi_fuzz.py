"""A bounded schemathesis run over the OpenAPI spec: whatever a client sends, never a 5xx.

Every operation gets generated requests (valid and invalid) with an admin key, on SQLite and
PostgreSQL, inside the test's rolled-back transaction. Bounded to a few examples per operation so the
suite stays fast; the hand-written bad-input tests cover the specific 4xx messages.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from classifier.baseline import KeywordScorer
from moderation_api.app import create_app
from moderation_api.settings import Settings

# CI runs a fixed, bounded sample; set VIGIL_FUZZ_EXAMPLES=200 for a longer, randomized hunt.
EXAMPLES_PER_OPERATION = int(os.environ.get("VIGIL_FUZZ_EXAMPLES", "12"))
RANDOMIZED = "VIGIL_FUZZ_EXAMPLES" in os.environ


# The spec comes from an app built without starting it (no database needed to describe the API); the
# requests go to the test's own app through its TestClient.
schema = schemathesis.openapi.from_dict(create_app(Settings(scorer="keyword")).openapi())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=not RANDOMIZED,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_with_a_server_error(
    case: schemathesis.Case, client: TestClient, keys: dict
) -> None:
    kwargs = case.as_transport_kwargs(headers=keys["admin"])
    response = client.request(
        kwargs["method"],
        kwargs["url"],
        params=kwargs.get("params"),
        headers=kwargs.get("headers"),
        json=kwargs.get("json"),
        content=kwargs.get("data"),
    )
    where = f"{case.method} {case.formatted_path}"
    assert response.status_code < 500, f"{where}: {response.status_code} {response.text}"
    is_json = response.headers.get("content-type", "").startswith("application/json")
    if response.status_code >= 400 and is_json:
        assert "detail" in response.json()  # every refusal says why


# --- Hostile values in generated requests --------------------------------------------------------------
# Schemathesis generates well-typed and mistyped requests; the classes below are what a JSON encoder
# never produces (lone surrogates, NaN, 1e400) or what a schema alone cannot refuse (naive or extreme
# datetimes, texts over the deployment's limit, bodies over the size limit). Each generated request is
# re-sent with one leaf of its body or query replaced by each class.

CANARY = "vigil-canary-9d24"
HOSTILE_TEXT = f"New girls every week, incall only, Daddy books. No LE. {CANARY} 713-555-0188"

# Body leaves: the raw JSON written in place of the leaf's value.
BODY_CLASSES = {
    "high-surrogate": json.dumps(HOSTILE_TEXT + "\ud800", ensure_ascii=True),
    "low-surrogate-key": None,  # a field name, see _hostile_bodies
    "nul": json.dumps(HOSTILE_TEXT + "\x00"),
    "1e400": "1e400",
    "-1e400": "-1e400",
    "NaN": "NaN",
    "huge-int": "1" + "0" * 40,
    "naive-datetime": '"2026-03-01T12:00:00"',
    "extreme-datetime": '"0001-01-01T00:00:00+14:00"',
    "over-max-text": json.dumps(HOSTILE_TEXT * 250),  # ~20 500 characters
}
# Query parameters: the raw, already percent-encoded value.
QUERY_CLASSES = {
    "surrogate-bytes": "%ED%A0%80" + quote(HOSTILE_TEXT),  # CESU-8 of a lone surrogate
    "nul": "%00" + quote(HOSTILE_TEXT),
    "1e400": "1e400",
    "huge-int": "9" * 40,
    "naive-datetime": "2026-03-01T12:00:00",
    "extreme-datetime": quote("9999-12-31T23:59:59-14:00"),
}
LIMIT_BYTES = 64 * 1024


def _leaves(value: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for n, item in enumerate(value) for leaf in _leaves(item, (*path, n))]
    return [path]


MARK = "\x01vigil-leaf\x01"


def _replace_leaf(body: Any, path: tuple, raw: str) -> bytes:
    """``body`` as JSON with the leaf at ``path`` written as ``raw`` (which json.dumps may not write)."""
    if not path:
        return raw.encode()
    copy = json.loads(json.dumps(body))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = MARK
    return json.dumps(copy, ensure_ascii=True).replace(json.dumps(MARK), raw).encode()


def _hostile_bodies(body: Any, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    leaves = _leaves(body) or [()]  # an empty object: the whole body is the leaf
    for name, raw in BODY_CLASSES.items():
        if raw is None:
            spoiled = (
                {**body, HOSTILE_TEXT + "\udc00": 1} if isinstance(body, dict) else [body, {"\udc00": 1}]
            )
            yield name, json.dumps(spoiled, ensure_ascii=True).encode()
        else:
            yield name, _replace_leaf(body, rng.choice(leaves), raw)


def _check(response: Any, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
    body = response.content.decode("utf-8")  # decodable: nothing unencodable was echoed
    assert CANARY not in body and "713-555-0188" not in body, f"{what}: echoed the posting text"


@pytest.fixture
def limited_client(session_factory, keys: dict) -> Iterator[TestClient]:
    """The API with a small body limit, so oversize bodies stay cheap to send."""
    limited = Settings(scorer="keyword", run_migrations=False, max_body_bytes=LIMIT_BYTES)
    with TestClient(create_app(limited, scorer=KeywordScorer(), session_factory=session_factory)) as client:
        yield client


@schema.parametrize()
@settings(
    max_examples=max(2, EXAMPLES_PER_OPERATION // 3),
    deadline=None,
    derandomize=not RANDOMIZED,
    suppress_health_check=list(HealthCheck),
)
def test_hostile_values_in_any_field_are_refused_without_echo(
    case: schemathesis.Case, limited_client: TestClient, keys: dict
) -> None:
    """Each generated request, re-sent with hostile leaves: a few classes per request, chosen by a seeded
    draw (schemathesis' coverage phase yields hundreds of requests per operation, so all classes reach
    every operation without sending every class with every request)."""
    kwargs = case.as_transport_kwargs(headers=keys["admin"])
    method, url = kwargs["method"], kwargs["url"]
    headers = {**(kwargs.get("headers") or {}), "Content-Type": "application/json"}
    params = {key: str(value) for key, value in (kwargs.get("params") or {}).items()}
    rng = random.Random(f"{method} {url} {kwargs.get('json')!r} {params!r}")
    where = f"{case.method} {case.formatted_path}"
    if kwargs.get("json") is not None:
        bodies = list(_hostile_bodies(kwargs["json"], rng))
        for name, content in rng.sample(bodies, 3):
            response = limited_client.request(method, url, params=params, headers=headers, content=content)
            _check(response, f"{where} body {name}")
    for name in rng.sample(sorted(params), min(2, len(params))):
        kind, raw = rng.choice(sorted(QUERY_CLASSES.items()))
        query = "&".join(
            f"{quote(key)}={raw if key == name else quote(value)}" for key, value in params.items()
        )
        response = limited_client.request(method, f"{url}?{query}", headers=kwargs.get("headers"))
        _check(response, f"{where} query {name}={kind}")


BODY_OPERATIONS = [
    (method.upper(), path.replace("{case_id}", "1").replace("{cluster_id}", "1"))
    for path, item in schema.raw_schema["paths"].items()
    for method, operation in item.items()
    if "requestBody" in operation
]


@pytest.mark.parametrize(("method", "path"), BODY_OPERATIONS, ids=[f"{m} {p}" for m, p in BODY_OPERATIONS])
def test_oversize_bodies_are_a_413_with_or_without_content_length(
    limited_client: TestClient, keys: dict, method: str, path: str
) -> None:
    headers = {**keys["admin"], "Content-Type": "application/json"}
    oversize = json.dumps({"text": HOSTILE_TEXT * (LIMIT_BYTES // len(HOSTILE_TEXT) + 1)}).encode()
    declared = limited_client.request(method, path, headers=headers, content=oversize)
    chunked = limited_client.request(
        method, path, headers=headers, content=iter([oversize[:999], oversize[999:]])
    )
    for response in (declared, chunked):
        assert response.status_code == 413
        _check(response, f"{method} {path}")
