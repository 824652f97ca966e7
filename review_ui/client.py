"""The review UI's only way to the moderation API: a small typed HTTP client.

Every request carries the signed-in reviewer's key in ``X-API-Key``. Any non-2xx answer becomes an
`ApiError` whose message is the API's own ``detail`` (a 409 "lease expired" reads as that, not as a
stack trace), so pages can show it plainly and keep what the reviewer typed.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

import httpx

DEFAULT_API_URL = "http://127.0.0.1:8000"
DSA_EXPORT_MAX_PAGES = 200  # 100 statements per page: 20,000 statements per download is plenty for a UI


class ApiError(Exception):
    """The API refused or could not be reached; ``status`` is 0 when it could not be reached."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def __str__(self) -> str:
        return f"{self.message} (HTTP {self.status})" if self.status else self.message


def api_url_from_env() -> str:
    return os.environ.get("VIGIL_API_URL", DEFAULT_API_URL).rstrip("/")


def _detail(response: httpx.Response) -> str:
    """The human part of an error response: FastAPI's ``detail`` string or its validation errors."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:300] or response.reason_phrase
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list):
        messages = []
        for error in detail:
            where = ".".join(str(part) for part in error.get("loc", [])[1:])
            messages.append(f"{where}: {error.get('msg', '')}" if where else str(error.get("msg", "")))
        return "; ".join(messages)
    return response.reason_phrase


class VigilClient:
    """Calls the moderation API as one key holder; one instance per signed-in UI session."""

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str | None = None,
        timeout: float = 15.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = (base_url or api_url_from_env()).rstrip("/")
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={"X-API-Key": api_key, "User-Agent": "vigil-review-ui"},
            timeout=timeout,
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise ApiError(0, f"cannot reach the Vigil API at {self.base_url}: {exc}") from exc
        if response.is_error:
            raise ApiError(response.status_code, _detail(response))
        return response

    def _json(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._request(method, path, **kwargs).json()

    # who am I
    def me(self) -> dict[str, Any]:
        return dict(self._json("GET", "/v1/me"))

    # the queue
    def stats(self) -> dict[str, Any]:
        return dict(self._json("GET", "/v1/cases/stats"))

    def list_cases(self, **filters: Any) -> dict[str, Any]:
        params = {name: value for name, value in filters.items() if value not in (None, "", "any")}
        return dict(self._json("GET", "/v1/cases", params=params))

    def my_cases(self) -> list[dict[str, Any]]:
        return list(self._json("GET", "/v1/cases/mine"))

    def claim(self, *, queue: str = "standard", count: int = 1) -> list[dict[str, Any]]:
        return list(self._json("POST", "/v1/cases/claim", json={"queue": queue, "count": count}))

    def case(self, case_id: int, *, explain: bool = False) -> dict[str, Any]:
        """The case detail; ``explain``: with the model's risk taken apart (it runs the model: ask once)."""
        params = {"explain": "true"} if explain else {}
        return dict(self._json("GET", f"/v1/cases/{case_id}", params=params))

    def renew(self, case_id: int) -> dict[str, Any]:
        return dict(self._json("POST", f"/v1/cases/{case_id}/renew"))

    def release(self, case_id: int) -> dict[str, Any]:
        return dict(self._json("POST", f"/v1/cases/{case_id}/release"))

    def decide(
        self,
        case_id: int,
        *,
        decision: str,
        reason: str | None = None,
        escalation_kind: str | None = None,
        notes: str | None = None,
    ) -> dict[str, Any]:
        body = {"decision": decision, "reason": reason, "escalation_kind": escalation_kind, "notes": notes}
        return dict(self._json("POST", f"/v1/cases/{case_id}/decision", json=body))

    def reopen(self, case_id: int, *, reason: str | None = None) -> dict[str, Any]:
        """Take the latest decision back: the decider's undo (within the window) or a senior's reopen."""
        return dict(self._json("POST", f"/v1/cases/{case_id}/reopen", json={"reason": reason}))

    def add_note(self, case_id: int, *, notes: str) -> dict[str, Any]:
        """An internal note on the case without deciding it; returns its audit event."""
        return dict(self._json("POST", f"/v1/cases/{case_id}/notes", json={"notes": notes}))

    # blind QA
    def claim_blind(self, case_id: int) -> dict[str, Any]:
        return dict(self._json("POST", f"/v1/qa/cases/{case_id}/claim"))

    def answer(
        self, case_id: int, *, violation: bool, category: str | None, notes: str | None = None
    ) -> dict[str, Any]:
        """A blind reviewer's answer on a QA case they hold: violation (with its category) or not."""
        body = {"violation": violation, "category": category, "notes": notes}
        return dict(self._json("POST", f"/v1/qa/cases/{case_id}/answer", json=body))

    # the network around a posting
    def related(self, posting_id: int) -> dict[str, Any]:
        return dict(self._json("GET", f"/v1/postings/{posting_id}/related"))

    def cluster(self, cluster_id: int, *, after: int | None = None) -> dict[str, Any]:
        """The cluster's summary and one page of members (``after``: the previous page's ``next_after``)."""
        params = {"after": after} if after is not None else {}
        return dict(self._json("GET", f"/v1/clusters/{cluster_id}", params=params))

    def cluster_decision(
        self, cluster_id: int, *, case_ids: list[int], decision: str, reason: str | None, notes: str | None
    ) -> list[dict[str, Any]]:
        """One decision for several cases of a cluster; per-case results (each case audited on its own)."""
        body = {"case_ids": case_ids, "decision": decision, "reason": reason, "notes": notes}
        return list(self._json("POST", f"/v1/clusters/{cluster_id}/decision", json=body)["results"])

    # reports
    def transparency(self, *, start: datetime, end: datetime) -> dict[str, Any]:
        params = {"start": start.isoformat(), "end": end.isoformat(), "daily": "true"}
        return dict(self._json("GET", "/v1/reports/transparency", params=params))

    def reviewer_stats(self, *, start: datetime, end: datetime) -> dict[str, Any]:
        params = {"start": start.isoformat(), "end": end.isoformat()}
        return dict(self._json("GET", "/v1/reports/reviewers", params=params))

    def transparency_csv(self, *, start: datetime, end: datetime) -> bytes:
        params = {"start": start.isoformat(), "end": end.isoformat(), "format": "csv"}
        return self._request("GET", "/v1/reports/transparency", params=params).content

    def dsa_statements(self, *, max_pages: int = DSA_EXPORT_MAX_PAGES) -> list[dict[str, Any]]:
        """All DSA statements of reasons, following the API's cursor (bounded by ``max_pages``)."""
        statements: list[dict[str, Any]] = []
        cursor: str | None = None
        for _ in range(max_pages):
            params = {"cursor": cursor} if cursor else {}
            page = self._json("GET", "/v1/reports/dsa-statements", params=params)
            statements.extend(page["items"])
            cursor = page.get("next_cursor")
            if not cursor:
                break
        return statements

    # appeals (DSA Art. 20)
    def appeals(self, *, state: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        if state:
            params["state"] = state
        return list(self._json("GET", "/v1/appeals", params=params))

    def claim_appeal(self) -> list[dict[str, Any]]:
        return list(self._json("POST", "/v1/appeals/claim", json={"count": 1}))

    def appeal(self, appeal_id: int) -> dict[str, Any]:
        """The appeal with the appellant's statement next to the original decision and its note."""
        return dict(self._json("GET", f"/v1/appeals/{appeal_id}"))

    def release_appeal(self, appeal_id: int) -> dict[str, Any]:
        return dict(self._json("POST", f"/v1/appeals/{appeal_id}/release"))

    def decide_appeal(self, appeal_id: int, *, outcome: str, reason: str) -> dict[str, Any]:
        body = {"outcome": outcome, "reason": reason}
        return dict(self._json("POST", f"/v1/appeals/{appeal_id}/decision", json=body))

    # webhooks (admins)
    def webhook_event_types(self) -> dict[str, str]:
        return dict(self._json("GET", "/v1/webhooks/event-types"))

    def webhook_endpoints(self, *, include_removed: bool = False) -> list[dict[str, Any]]:
        params = {"include_removed": "true"} if include_removed else {}
        return list(self._json("GET", "/v1/webhooks/endpoints", params=params))

    def add_webhook_endpoint(
        self, *, url: str, event_types: list[str], description: str | None
    ) -> dict[str, Any]:
        """Register an endpoint; the answer carries its signing ``secret``, shown this once."""
        body = {"url": url, "event_types": event_types, "description": description}
        return dict(self._json("POST", "/v1/webhooks/endpoints", json=body))

    def remove_webhook_endpoint(self, endpoint_id: int) -> dict[str, Any]:
        return dict(self._json("DELETE", f"/v1/webhooks/endpoints/{endpoint_id}"))

    def webhook_deliveries(
        self, endpoint_id: int, *, status: str | None = None, limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        """One page of the endpoint's delivery log, newest first: ``{"items": [...], "total": n}``."""
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        if status:
            params["status"] = status
        return dict(self._json("GET", f"/v1/webhooks/endpoints/{endpoint_id}/deliveries", params=params))

    def replay_webhook_deliveries(
        self, endpoint_id: int, *, delivery_ids: list[int] | None = None, dead: bool = False
    ) -> int:
        """Send deliveries again (the named ones and / or every dead one); returns how many."""
        body = {"delivery_ids": delivery_ids, "dead": dead}
        return int(self._json("POST", f"/v1/webhooks/endpoints/{endpoint_id}/replay", json=body)["replayed"])

    # the model
    def model(self) -> dict[str, Any]:
        return dict(self._json("GET", "/v1/model"))

    def model_plot(self, name: str) -> bytes:
        return self._request("GET", f"/v1/model/plots/{name}").content

    def model_versions(self) -> list[dict[str, Any]]:
        return list(self._json("GET", "/v1/model/versions"))

    def model_compare(self, version: str | None = None) -> dict[str, Any]:
        """The shadow version (or ``version``) against the active model on reviewers' decisions."""
        params = {"version": version} if version else {}
        return dict(self._json("GET", "/v1/model/compare", params=params))
