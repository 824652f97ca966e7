"""The Reports' reviewers section: decisions per reviewer, median handling time from the audit trail (claim
to decision), decisions undone and overturned; behind the ``reports`` permission (SQLite and PostgreSQL)."""

from __future__ import annotations

import statistics
from datetime import datetime

from fastapi.testclient import TestClient

from tests.moderation_api.test_workflow_api import URGENT_AD, claim, ingest


def _decide(client: TestClient, keys: dict, case_id: int, who: str, **body: object) -> None:
    response = client.post(f"/v1/cases/{case_id}/decision", json=body, headers=keys[who])
    assert response.status_code == 200, response.text


def _handling_seconds(client: TestClient, keys: dict, case_id: int, actor: str) -> list[float]:
    """From the case's history: each decision by ``actor`` minus their claim (or undo) before it."""
    history = client.get(f"/v1/cases/{case_id}", headers=keys["senior"]).json()["history"]
    started, out = None, []
    for event in history:
        if event["actor"] != actor:
            continue
        if event["action"] in ("claim", "undo"):
            started = datetime.fromisoformat(event["at"])
        elif event["action"] in ("decide", "escalate") and started is not None:
            out.append((datetime.fromisoformat(event["at"]) - started).total_seconds())
            started = None
    return out


def test_reviewer_figures_count_decisions_handling_time_undos_and_overturns(
    client: TestClient, keys: dict
) -> None:
    ingest(client, keys, *[(f"rv{n}", URGENT_AD.replace("seven", f"{n}")) for n in range(4)])
    first, second = claim(client, keys, count=2)
    _decide(client, keys, first["id"], "reviewer", decision="confirm")
    _decide(
        client, keys, second["id"], "reviewer", decision="dismiss", reason="false_positive", notes="bakery"
    )
    undo = client.post(f"/v1/cases/{second['id']}/reopen", json={}, headers=keys["reviewer"])
    assert undo.status_code == 200, undo.text
    _decide(client, keys, second["id"], "reviewer", decision="confirm")  # decided again after the undo
    (third,) = claim(client, keys, "reviewer2")
    _decide(client, keys, third["id"], "reviewer2", decision="dismiss", reason="false_positive", notes="ok")
    reopen = client.post(
        f"/v1/cases/{third['id']}/reopen", json={"reason": "not a bakery"}, headers=keys["senior"]
    )
    assert reopen.status_code == 200, reopen.text

    report = client.get("/v1/reports/reviewers", headers=keys["senior"])
    assert report.status_code == 200, report.text
    figures = {row["actor"]: row for row in report.json()["reviewers"]}
    assert list(figures) == sorted(figures)  # ordered by name, never by a figure
    mine, theirs = figures["key:reviewer"], figures["key:reviewer2"]
    assert (mine["decisions"], mine["by_outcome"]) == (3, {"confirm": 2, "dismiss": 1})
    assert (mine["undone"], mine["overturned"], mine["overturn_rate"]) == (1, 0, 0.0)
    assert (theirs["decisions"], theirs["undone"], theirs["overturned"], theirs["overturn_rate"]) == (
        1,
        0,
        1,
        1.0,
    )
    expected = [
        s for case in (first, second) for s in _handling_seconds(client, keys, case["id"], "key:reviewer")
    ]
    assert mine["handled"] == 3 and mine["median_handling_seconds"] == statistics.median(expected)
    assert "key:senior" not in figures  # a reopen is not a decision


def test_reviewer_report_is_for_the_reports_permission_and_checks_its_period(
    client: TestClient, keys: dict
) -> None:
    for role in ("reviewer", "integrator"):
        assert client.get("/v1/reports/reviewers", headers=keys[role]).status_code == 403
    for role in ("senior", "admin", "auditor"):
        empty = client.get("/v1/reports/reviewers", headers=keys[role])
        assert empty.status_code == 200 and empty.json()["reviewers"] == []
    for params in (
        {"start": "2026-02-01T00:00:00Z", "end": "2026-01-01T00:00:00Z"},
        {"start": "1900-01-01T00:00:00Z", "end": "2026-01-01T00:00:00Z"},
        {"start": "2026-01-01T00:00:00"},  # naive
        {"end": "1e400"},
    ):
        assert client.get("/v1/reports/reviewers", params=params, headers=keys["senior"]).status_code == 422
