"""Transparency report and DSA statements over a worked queue."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

AD = "New girls every week, Asian & Latina girls available. Incall only at motel. Daddy books. No LE. #{n}"


def _work_queue(client: TestClient, keys: dict) -> None:
    postings = [{"source": "s", "external_id": str(n), "text": AD.format(n=n)} for n in range(5)]
    client.post("/v1/postings", json={"postings": postings}, headers=keys["integrator"])
    client.post(
        "/v1/notices",
        json={
            "source": "s",
            "external_id": "u1",
            "text": "Selling my old sofa, $40.",
            "category": "trafficking",
        },
        headers=keys["integrator"],
    )
    claimed = client.post("/v1/cases/claim", json={"count": 6}, headers=keys["reviewer"]).json()
    decisions = [
        {"decision": "confirm"},
        {"decision": "confirm"},
        {"decision": "dismiss", "reason": "false_positive", "notes": "checked"},
        {
            "decision": "escalate",
            "escalation_kind": "adult_trafficking_law_enforcement",
            "notes": "pimp control",
        },
        {"decision": "dismiss", "reason": "duplicate", "notes": "checked"},
        {"decision": "dismiss", "reason": "out_of_scope", "notes": "checked"},
    ]
    for case, body in zip(claimed, decisions, strict=True):
        response = client.post(f"/v1/cases/{case['id']}/decision", json=body, headers=keys["reviewer"])
        assert response.status_code == 200, response.text


def test_transparency_report_counts(client: TestClient, keys: dict) -> None:
    _work_queue(client, keys)
    start = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    end = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    report = client.get(
        "/v1/reports/transparency",
        params={"start": start, "end": end, "daily": True},
        headers=keys["auditor"],
    ).json()
    assert report["cases_opened"] == {
        "total": 6,
        "by_source": {"automated": 5, "notice": 1, "network": 0, "qa_sample": 0, "double_review": 0},
    }
    assert report["decisions"]["by_outcome"] == {"confirm": 2, "dismiss": 3, "escalate": 1}
    assert report["escalations_by_kind"] == {"adult_trafficking_law_enforcement": 1}
    assert report["dismissals_by_reason"] == {"duplicate": 1, "false_positive": 1, "out_of_scope": 1}
    assert report["time_to_decision"]["count"] == 5 and report["time_to_decision"]["median_seconds"] >= 0
    (precision,) = report["automated_precision"]
    assert precision["confirmed"] == 2
    assert precision["decided"] == precision["confirmed"] + precision["dismissed"]
    assert report["notices"]["received"] == 1
    assert sum(point["opened"] for point in report["daily"]) == 6

    csv_response = client.get(
        "/v1/reports/transparency",
        params={"start": start, "end": end, "format": "csv"},
        headers=keys["auditor"],
    )
    assert csv_response.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(csv_response.text)))
    assert rows[0] == ["section", "key", "value"] and ["cases_opened", "total", "6"] in rows


def test_report_period_validation(client: TestClient, keys: dict) -> None:
    response = client.get(
        "/v1/reports/transparency",
        params={"start": "2026-02-01T00:00:00Z", "end": "2026-01-01T00:00:00Z"},
        headers=keys["auditor"],
    )
    assert response.status_code == 422 and "after" in response.json()["detail"]


def test_dsa_statements_paginate_and_carry_no_personal_data(client: TestClient, keys: dict) -> None:
    _work_queue(client, keys)
    page = client.get("/v1/reports/dsa-statements", params={"limit": 1}, headers=keys["auditor"]).json()
    assert len(page["items"]) == 1 and page["next_cursor"]
    statement = page["items"][0]
    assert statement["category"] == "STATEMENT_CATEGORY_VIOLENCE"
    assert statement["source_type"] == "SOURCE_VOLUNTARY" and statement["automated_detection"] == "Yes"
    assert statement["automated_decision"] == "AUTOMATED_DECISION_NOT_AUTOMATED"
    assert len(statement["puid"]) == 64 and "Daddy" not in str(statement)
    second = client.get(
        "/v1/reports/dsa-statements",
        params={"limit": 1, "cursor": page["next_cursor"]},
        headers=keys["auditor"],
    ).json()
    assert len(second["items"]) == 1 and second["next_cursor"] is None
    assert second["items"][0]["puid"] != statement["puid"]
    bad = client.get("/v1/reports/dsa-statements", params={"cursor": "nonsense"}, headers=keys["auditor"])
    assert bad.status_code == 422
    assert (
        client.get("/v1/reports/dsa-statements", params={"limit": 101}, headers=keys["auditor"]).status_code
        == 422
    )
