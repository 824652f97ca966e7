"""Taking a decision back: the decider's undo within the window, a senior's reopen with a reason, who may
do which, the audit trail and the transparency count (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from classifier.baseline import KeywordScorer
from moderation_api.app import create_app
from moderation_api.auth.schemas import Principal, Role
from moderation_api.cases import service
from moderation_api.db import utcnow
from moderation_api.settings import Settings
from tests.moderation_api.test_workflow_api import MINOR_AD, URGENT_AD, claim, ingest


def decide(client: TestClient, keys: dict, case_id: int, who: str = "reviewer", **body: Any) -> dict:
    response = client.post(f"/v1/cases/{case_id}/decision", json=body, headers=keys[who])
    assert response.status_code == 200, response.text
    return response.json()


def reopen(client: TestClient, keys: dict, case_id: int, who: str, reason: str | None = None) -> Any:
    return client.post(f"/v1/cases/{case_id}/reopen", json={"reason": reason}, headers=keys[who])


def decided_case(client: TestClient, keys: dict, **decision: Any) -> int:
    ingest(client, keys, ("r1", URGENT_AD))
    (case,) = claim(client, keys)
    decide(client, keys, case["id"], **(decision or {"decision": "confirm"}))
    return int(case["id"])


def test_the_decider_undoes_within_the_window_and_holds_the_case_again(
    client: TestClient, keys: dict
) -> None:
    ingest(client, keys, ("r1", URGENT_AD))
    (case,) = claim(client, keys)
    decided = decide(client, keys, case["id"], decision="confirm")
    assert decided["state"] == "decided" and decided["undo_until"] is not None
    option = client.get(f"/v1/cases/{case['id']}", headers=keys["reviewer"]).json()["reopen"]
    assert option["allowed"] and option["action"] == "undo" and not option["reason_required"]
    assert option["undo_until"] == decided["undo_until"]

    undone = reopen(client, keys, case["id"], "reviewer")
    assert undone.status_code == 200, undone.text
    body = undone.json()
    assert (body["state"], body["assignee"], body["decision"], body["decided_at"]) == (
        "assigned",
        "key:reviewer",
        None,
        None,
    )
    assert body["lease_expires_at"] is not None
    detail = client.get(f"/v1/cases/{case['id']}", headers=keys["auditor"]).json()
    last = detail["history"][-1]
    assert (last["action"], last["from_state"], last["to_state"], last["actor"]) == (
        "undo",
        "decided",
        "assigned",
        "key:reviewer",
    )
    assert (
        last["details"]["undone"]["decision"] == "confirm"
        and last["details"]["undone"]["by"] == "key:reviewer"
    )
    # The reviewer decides again, differently; both decisions stay in the audit trail.
    decide(client, keys, case["id"], decision="dismiss", reason="false_positive", notes="a bakery")
    actions = [
        event["action"]
        for event in client.get(f"/v1/cases/{case['id']}", headers=keys["auditor"]).json()["history"]
    ]
    assert actions == ["open", "claim", "decide", "undo", "decide"]


def test_who_may_reopen_what(client: TestClient, keys: dict) -> None:
    case_id = decided_case(client, keys)
    other = reopen(client, keys, case_id, "reviewer2", "I disagree")
    assert other.status_code == 403 and "only the reviewer who decided" in other.json()["detail"]
    for role in ("auditor", "integrator"):
        assert reopen(client, keys, case_id, role, "x").status_code == 403
    option = client.get(f"/v1/cases/{case_id}", headers=keys["reviewer2"]).json()["reopen"]
    assert not option["allowed"] and "only the reviewer who decided" in option["why_not"]
    senior_option = client.get(f"/v1/cases/{case_id}", headers=keys["senior"]).json()["reopen"]
    assert (
        senior_option["allowed"] and senior_option["action"] == "reopen" and senior_option["reason_required"]
    )

    no_reason = reopen(client, keys, case_id, "senior", "   ")
    assert no_reason.status_code == 422 and "needs a reason" in no_reason.json()["detail"]
    reopened = reopen(client, keys, case_id, "senior", "the ad is a bakery's; confirmed in error")
    assert reopened.status_code == 200, reopened.text
    assert (reopened.json()["state"], reopened.json()["assignee"]) == ("open", None)
    last = client.get(f"/v1/cases/{case_id}", headers=keys["auditor"]).json()["history"][-1]
    assert (last["action"], last["actor"], last["to_state"]) == ("reopen", "key:senior", "open")
    assert last["notes"] == "the ad is a bakery's; confirmed in error"
    # Open again: nothing to reopen (409), and it is claimable from the queue.
    again = reopen(client, keys, case_id, "senior", "again")
    assert again.status_code == 409 and "nothing to reopen" in again.json()["detail"]
    assert [case["id"] for case in claim(client, keys, "reviewer2")] == [case_id]
    assert reopen(client, keys, case_id, "reviewer2").status_code == 409  # assigned, not decided


def test_after_the_window_only_a_senior_reopens(
    settings: Settings, session_factory: sessionmaker[Session], keys: dict
) -> None:
    closed = settings.model_copy(update={"reopen_window_seconds": 0})
    app = create_app(closed, scorer=KeywordScorer(), session_factory=session_factory)
    with TestClient(app) as client:
        case_id = decided_case(client, keys, decision="dismiss", reason="insufficient_info", notes="unclear")
        late = reopen(client, keys, case_id, "reviewer")
        assert late.status_code == 403 and "undo window has passed" in late.json()["detail"]
        assert reopen(client, keys, case_id, "senior", "second look").json()["state"] == "open"


def test_the_window_ends_exactly_at_its_length(client: TestClient, keys: dict, session: Session) -> None:
    case_id = decided_case(client, keys)
    reviewer = Principal(key_id=0, name="reviewer", role=Role.REVIEWER)
    event = service.last_decision_event(session, case_id=case_id)
    assert event is not None
    window = 120
    args: dict[str, Any] = {"principal": reviewer, "case_id": case_id, "reason": None, "lease_seconds": 600}
    with pytest.raises(service.CaseForbiddenError, match="undo window has passed"):
        service.reopen(
            session, **args, window_seconds=window, now=event.at + timedelta(seconds=window, microseconds=1)
        )
    case = service.reopen(session, **args, window_seconds=window, now=event.at + timedelta(seconds=window))
    assert case.state == "assigned" and case.lease_expires_at is not None
    assert case.lease_expires_at > utcnow()


def test_an_escalation_is_undone_back_to_the_standard_queue(client: TestClient, keys: dict) -> None:
    ingest(client, keys, ("e1", URGENT_AD), ("e2", URGENT_AD.replace("seven one three", "eight")))
    first, second = claim(client, keys, count=2)
    decide(client, keys, first["id"], decision="escalate", escalation_kind="policy_question",
           notes="is a massage parlour ad in scope?")  # fmt: skip
    # A senior sees who escalated and why, in the list and the detail; a reviewer may not open the case.
    listed = client.get("/v1/cases", params={"queue": "senior"}, headers=keys["senior"]).json()["items"]
    (escalated,) = [case for case in listed if case["id"] == first["id"]]
    assert (escalated["escalated_by"], escalated["escalation_note"]) == (
        "key:reviewer",
        "is a massage parlour ad in scope?",
    )
    assert client.get(f"/v1/cases/{first['id']}", headers=keys["senior"]).json()["case"]["escalated_by"] == (
        "key:reviewer"
    )
    assert client.get(f"/v1/cases/{first['id']}", headers=keys["reviewer"]).status_code == 403
    senior_try = reopen(client, keys, first["id"], "senior", "no")
    assert senior_try.status_code == 409 and "awaits senior review" in senior_try.json()["detail"]

    undone = reopen(client, keys, first["id"], "reviewer")
    assert undone.status_code == 200, undone.text
    body = undone.json()
    assert (body["state"], body["queue"], body["assignee"], body["escalation_kind"]) == (
        "assigned",
        "standard",
        "key:reviewer",
        None,
    )
    # A minor-involved escalation restricted the posting: its decider (a reviewer) cannot take it back.
    decide(client, keys, second["id"], decision="escalate", escalation_kind="minor_involved",
           notes="school references")  # fmt: skip
    refused = reopen(client, keys, second["id"], "reviewer")
    assert refused.status_code == 403 and "senior reviewer decides it" in refused.json()["detail"]


def test_a_senior_decision_in_the_senior_queue_stays_with_seniors(client: TestClient, keys: dict) -> None:
    ingest(client, keys, ("m1", MINOR_AD))
    (case,) = claim(client, keys, "senior", queue="senior")
    decide(client, keys, case["id"], "senior", decision="confirm")
    assert reopen(client, keys, case["id"], "reviewer", "x").status_code == 403
    undone = reopen(client, keys, case["id"], "senior")
    assert undone.status_code == 200 and undone.json()["queue"] == "senior"
    assert undone.json()["assignee"] == "key:senior"


def test_reopened_decisions_are_counted_in_the_transparency_report(client: TestClient, keys: dict) -> None:
    ingest(client, keys, ("t1", URGENT_AD), ("t2", URGENT_AD.replace("seven", "six")))
    first, second = claim(client, keys, count=2)
    decide(client, keys, first["id"], decision="confirm")
    decide(client, keys, second["id"], decision="dismiss", reason="duplicate", notes="same as t1")
    assert reopen(client, keys, first["id"], "reviewer").status_code == 200
    assert reopen(client, keys, second["id"], "senior", "not a duplicate").status_code == 200
    report = client.get("/v1/reports/transparency", headers=keys["auditor"]).json()
    assert report["reopened"] == {
        "total": 2,
        "by_action": {"undo": 1, "reopen": 1},
        "by_undone_outcome": {"confirm": 1, "dismiss": 1},
    }
    assert report["decisions"]["total"] == 2  # the decisions taken back were taken: they still count
    response = client.get("/v1/reports/transparency", params={"format": "csv"}, headers=keys["auditor"])
    rows = {(section, key): value for section, key, value in csv.reader(io.StringIO(response.text))}
    assert rows[("reopened", "total")] == "2" and rows[("reopened_by_action", "reopen")] == "1"
