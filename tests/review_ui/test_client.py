"""The UI's API client: error details become readable messages; unreachable APIs are reported plainly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from moderation_api.reports.export import CSV_HEADER
from review_ui.client import ApiError, VigilClient
from tests.review_ui.conftest import LiveApi


def answering(status: int, body: object) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(status, json=body))


def test_fastapi_validation_errors_read_as_field_messages() -> None:
    detail = [{"loc": ["body", "reason"], "msg": "Input should be 'false_positive'", "type": "enum"}]
    client = VigilClient("k", base_url="http://api", transport=answering(422, {"detail": detail}))
    with pytest.raises(ApiError) as raised:
        client.decide(1, decision="dismiss", reason="nope")
    assert (
        raised.value.status == 422
        and str(raised.value) == "reason: Input should be 'false_positive' (HTTP 422)"
    )


def test_unreachable_api_is_a_plain_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = VigilClient("k", base_url="http://api", transport=httpx.MockTransport(refuse))
    with pytest.raises(ApiError) as raised:
        client.me()
    assert raised.value.status == 0 and "cannot reach the Vigil API at http://api" in str(raised.value)


def test_against_the_live_api(live_api: LiveApi) -> None:
    client = VigilClient(live_api.keys["senior"], base_url=live_api.url)
    assert client.me()["role"] == "senior"
    with pytest.raises(ApiError) as raised:
        client.case(999_999)
    assert raised.value.status == 404 and "999999" in raised.value.message
    (case,) = client.claim(queue="standard")
    assert client.renew(case["id"])["lease_expires_at"] and client.release(case["id"])["state"] == "open"
    csv = client.transparency_csv(start=_days_ago(30), end=_days_ago(-1)).decode()
    assert csv.splitlines()[0] == ",".join(CSV_HEADER) and len(csv.splitlines()) > 5
    assert client.dsa_statements() == []  # nothing confirmed yet
    refused = VigilClient(live_api.keys["reviewer"], base_url=live_api.url)
    with pytest.raises(ApiError) as raised:
        refused.transparency(start=_days_ago(30), end=_days_ago(-1))
    assert raised.value.status == 403


def _days_ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)
