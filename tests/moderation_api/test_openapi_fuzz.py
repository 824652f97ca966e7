"""A bounded schemathesis run over the OpenAPI spec: whatever a client sends, never a 5xx.

Every operation gets generated requests (valid and invalid) with an admin key, on SQLite and
PostgreSQL, inside the test's rolled-back transaction. Bounded to a few examples per operation so the
suite stays fast; the hand-written bad-input tests cover the specific 4xx messages.
"""

from __future__ import annotations

import os

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

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
