"""Appeals (DSA Art. 20) through the API, on SQLite and PostgreSQL: filing, the queue, who may decide,
an overturn's effects, and the transparency figures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from moderation_api.appeals import service as appeals
from moderation_api.appeals.models import Appeal
from moderation_api.appeals.schemas import AppealOutcome
from moderation_api.audit.models import AuditEvent
from moderation_api.auth.policy import Viewer
from moderation_api.auth.schemas import Principal, Role
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import Queue
from moderation_api.db import utcnow
from moderation_api.webhooks.models import OutboxEvent
from tests.moderation_api.test_workflow_api import BENIGN, MINOR_AD, URGENT_AD, claim, ingest

STATEMENT = "This is my bicycle shop's ad; nothing illegal in it."


def decided_case(client: TestClient, keys: dict, body: dict[str, Any], who: str = "reviewer") -> dict:
    (result,) = ingest(client, keys, ("p" + str(len(body)) + who, URGENT_AD))
    (case,) = claim(client, keys, who)
    response = client.post(f"/v1/cases/{case['id']}/decision", json=body, headers=keys[who])
    assert response.status_code == 200, response.text
    return {**response.json(), "posting_id": result["posting_id"]}


def file(client: TestClient, keys: dict, case_id: int, **extra: Any) -> Any:
    body = {"case_id": case_id, "statement": STATEMENT, "appellant_ref": "user-81", **extra}
    return client.post("/v1/appeals", json=body, headers=keys["integrator"])


def claim_appeal(client: TestClient, keys: dict, who: str) -> list[dict]:
    response = client.post("/v1/appeals/claim", json={}, headers=keys[who])
    assert response.status_code == 200, response.text
    return list(response.json())


def event_types(session: Session, case_id: int) -> list[str]:
    session.expire_all()
    return list(
        session.scalars(
            select(OutboxEvent.type).where(OutboxEvent.case_id == case_id).order_by(OutboxEvent.id)
        )
    )


def test_overturned_confirmation_is_dismissed_its_statement_withdrawn_and_the_platform_told(
    client: TestClient, keys: dict, session: Session
) -> None:
    case = decided_case(client, keys, {"decision": "confirm", "notes": "control indicators"})
    statements = client.get("/v1/reports/dsa-statements", headers=keys["admin"]).json()["items"]
    assert len(statements) == 1
    filed = file(client, keys, case["id"])
    assert filed.status_code == 201, filed.text
    appeal = filed.json()
    assert appeal["state"] == "open" and appeal["appellant"] == "poster"
    assert appeal["original_decision"] == "confirm"

    assert claim_appeal(client, keys, "reviewer") == []  # the reviewer who confirmed never gets it
    (taken,) = claim_appeal(client, keys, "reviewer2")
    assert taken["id"] == appeal["id"] and taken["assignee"] == "key:reviewer2"
    detail = client.get(f"/v1/appeals/{appeal['id']}", headers=keys["reviewer2"]).json()
    assert detail["statement"] == STATEMENT
    assert detail["original"]["decision"] == "confirm" and detail["original"]["notes"] == "control indicators"
    assert detail["original"]["decided_by"] == "key:reviewer" and detail["case"]["id"] == case["id"]

    by_other = client.post(
        f"/v1/appeals/{appeal['id']}/decision",
        json={"outcome": "overturned", "reason": "x"},
        headers=keys["reviewer"],
    )
    assert by_other.status_code == 409  # not theirs
    decided = client.post(
        f"/v1/appeals/{appeal['id']}/decision",
        json={"outcome": "overturned", "reason": "A bicycle shop: the indicators misfired."},
        headers=keys["reviewer2"],
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["outcome"] == "overturned" and decided.json()["state"] == "decided"

    after = client.get(f"/v1/cases/{case['id']}", headers=keys["admin"]).json()
    assert (
        after["case"]["decision"] == "dismiss" and after["case"]["decision_reason"] == "overturned_on_appeal"
    )
    assert [e["action"] for e in after["history"]][-3:] == ["appeal_claimed", "overturn", "appeal_decided"]
    assert client.get("/v1/reports/dsa-statements", headers=keys["admin"]).json()["items"] == []
    assert event_types(session, case["id"])[-3:] == ["appeal.opened", "case.overturned", "appeal.decided"]
    events = session.scalars(select(OutboxEvent).where(OutboxEvent.case_id == case["id"])).all()
    overturned = next(e for e in events if e.type == "case.overturned").payload
    assert overturned["case"]["decision"] == "dismiss" and overturned["previous_decision"] == "confirm"
    assert overturned["dsa_statement"]["status"] == "withdrawn"
    told = next(e for e in events if e.type == "appeal.decided").payload["appeal"]
    assert told["outcome"] == "overturned" and told["appellant_ref"] == "user-81"
    assert told["reason"] == "A bicycle shop: the indicators misfired."
    assert STATEMENT not in str([e.payload for e in events])  # the appellant's words stay in Vigil

    again = file(client, keys, case["id"])
    assert again.status_code == 409 and "already been appealed" in again.json()["detail"]


def test_appeals_are_refused_outside_their_rules(client: TestClient, keys: dict, session: Session) -> None:
    (open_case,) = ingest(client, keys, ("u1", URGENT_AD))
    assert file(client, keys, open_case["case_id"]).status_code == 409  # not decided yet
    assert file(client, keys, 999_999).status_code == 404
    dismissed = decided_case(client, keys, {"decision": "dismiss", "reason": "false_positive", "notes": "ok"})
    refused = file(client, keys, dismissed["id"])
    assert refused.status_code == 409 and "without a notice" in refused.json()["detail"]
    confirmed = decided_case(client, keys, {"decision": "confirm"}, who="reviewer2")
    for role in ("reviewer", "senior", "auditor"):
        body = {"case_id": confirmed["id"], "statement": STATEMENT}
        assert client.post("/v1/appeals", json=body, headers=keys[role]).status_code == 403
    session.execute(
        update(Case).where(Case.id == confirmed["id"]).values(decided_at=utcnow() - timedelta(days=184))
    )
    session.commit()
    late = file(client, keys, confirmed["id"])
    assert late.status_code == 409 and "window" in late.json()["detail"]
    for bad in ({"statement": "nul \x00 byte"}, {"statement": ""}, {"statement": "x" * 5001}):
        assert file(client, keys, confirmed["id"], **bad).status_code == 422


def test_upheld_appeal_keeps_the_decision_and_the_report_counts_appeals(
    client: TestClient, keys: dict, session: Session
) -> None:
    first = decided_case(client, keys, {"decision": "confirm"})
    second = decided_case(client, keys, {"decision": "confirm"}, who="reviewer2")
    a1 = file(client, keys, first["id"]).json()
    a2 = file(client, keys, second["id"]).json()
    (mine,) = claim_appeal(client, keys, "reviewer2")  # reviewer2 may only take the first one
    assert mine["id"] == a1["id"]
    (theirs,) = claim_appeal(client, keys, "reviewer")
    assert theirs["id"] == a2["id"]
    for appeal, who, outcome in ((a1, "reviewer2", "upheld"), (a2, "reviewer", "overturned")):
        body = {"outcome": outcome, "reason": "reviewed again"}
        assert (
            client.post(f"/v1/appeals/{appeal['id']}/decision", json=body, headers=keys[who]).status_code
            == 200
        )
    kept = client.get(f"/v1/cases/{first['id']}", headers=keys["admin"]).json()["case"]
    assert kept["decision"] == "confirm"
    report = client.get("/v1/reports/transparency", headers=keys["auditor"]).json()["appeals"]
    assert report["received"] == 2 and report["decided"] == 2
    assert report["upheld"] == 1 and report["overturned"] == 1
    assert report["median_seconds_to_decision"] is not None and report["median_seconds_to_decision"] >= 0
    assert report["by_category"]["sex_trafficking"] == {
        "received": 2,
        "decided": 2,
        "upheld": 1,
        "overturned": 1,
    }
    csv_text = client.get("/v1/reports/transparency", params={"format": "csv"}, headers=keys["auditor"]).text
    assert "appeals,overturned,1" in csv_text and "appeals_by_category,sex_trafficking/upheld,1" in csv_text


def test_appeal_of_a_dismissed_notice_is_filed_by_the_notifier_and_an_overturn_issues_a_statement(
    client: TestClient, keys: dict, session: Session
) -> None:
    sent = client.post(
        "/v1/notices",
        json={"source": "site", "external_id": "nn", "text": BENIGN, "notice_ref": "n-1"},
        headers=keys["integrator"],
    ).json()
    (case,) = claim(client, keys)
    client.post(
        f"/v1/cases/{case['id']}/decision",
        json={"decision": "dismiss", "reason": "false_positive"},
        headers=keys["reviewer"],
    )
    appeal = file(client, keys, sent["case_id"]).json()
    assert appeal["appellant"] == "notifier" and appeal["original_decision"] == "dismiss"
    claim_appeal(client, keys, "senior")
    body = {"outcome": "overturned", "reason": "The notice was right."}
    assert (
        client.post(f"/v1/appeals/{appeal['id']}/decision", json=body, headers=keys["senior"]).status_code
        == 200
    )
    assert (
        client.get(f"/v1/cases/{case['id']}", headers=keys["admin"]).json()["case"]["decision"] == "confirm"
    )
    assert len(client.get("/v1/reports/dsa-statements", headers=keys["admin"]).json()["items"]) == 1
    overturned = session.scalars(
        select(OutboxEvent).where(OutboxEvent.case_id == case["id"], OutboxEvent.type == "case.overturned")
    ).one()
    assert overturned.payload["dsa_statement"]["status"] == "issued"
    assert overturned.payload["notice_refs"] == ["n-1"]


def test_appeals_of_restricted_cases_are_for_senior_staff_and_never_release_a_legal_hold(
    client: TestClient, keys: dict, session: Session
) -> None:
    (posting,) = ingest(client, keys, ("m1", URGENT_AD))
    (case,) = claim(client, keys)
    client.post(
        f"/v1/cases/{case['id']}/decision",
        json={"decision": "escalate", "escalation_kind": "minor_involved", "notes": "looks young"},
        headers=keys["reviewer"],
    )
    ingest(client, keys, ("m2", MINOR_AD))  # another senior case the admin may take meanwhile
    (senior_case,) = [
        c for c in claim(client, keys, "senior", queue="senior", count=5) if c["id"] == case["id"]
    ]
    confirmed = client.post(
        f"/v1/cases/{senior_case['id']}/decision", json={"decision": "confirm"}, headers=keys["senior"]
    )
    assert confirmed.status_code == 200
    appeal = file(client, keys, case["id"]).json()
    assert appeal["restricted"] is True
    assert claim_appeal(client, keys, "reviewer2") == []  # restricted: not for reviewers
    assert client.get(f"/v1/appeals/{appeal['id']}", headers=keys["reviewer2"]).status_code == 403
    assert client.get("/v1/appeals", headers=keys["reviewer2"]).json() == []
    assert claim_appeal(client, keys, "senior") == []  # decided it
    assert claim_appeal(client, keys, "reviewer") == []  # escalated it (and it is restricted)
    (taken,) = claim_appeal(client, keys, "admin")
    body = {"outcome": "overturned", "reason": "Adult; no minor."}
    assert (
        client.post(f"/v1/appeals/{taken['id']}/decision", json=body, headers=keys["admin"]).status_code
        == 200
    )
    deleted = client.delete(f"/v1/postings/{posting['posting_id']}", headers=keys["integrator"])
    assert deleted.status_code == 409 and "legal hold" in deleted.json()["detail"]
    assert "legal_hold.released" not in event_types(session, case["id"])
    held = client.get(f"/v1/postings/{posting['posting_id']}", headers=keys["admin"]).json()
    assert held["legal_hold_until"] is not None


def test_the_service_refuses_an_appeal_to_its_case_decider_even_when_assigned(
    client: TestClient, keys: dict, session: Session
) -> None:
    case = decided_case(client, keys, {"decision": "confirm"})
    appeal_id = file(client, keys, case["id"]).json()["id"]
    decider = Principal(key_id=0, name="reviewer", role=Role.REVIEWER)
    appeal = session.get_one(Appeal, appeal_id)
    # Bypass the queue, as a buggy client path would: the decision itself still refuses.
    appeals.transition(
        session,
        appeal=appeal,
        action="appeal_claimed",
        actor=decider.actor,
        changes={"assignee": decider.actor, "lease_expires_at": utcnow() + timedelta(minutes=5)},
    )
    session.commit()
    with pytest.raises(appeals.AppealForbiddenError):
        appeals.decide(
            session,
            principal=decider,
            viewer=Viewer(role=Role.REVIEWER, category_cutoff=0.5),
            appeal_id=appeal_id,
            outcome=AppealOutcome.OVERTURNED,
            reason="mine",
        )
    assert session.get_one(Case, case["id"]).decision == "confirm"


def test_concurrent_claims_never_share_an_appeal(committed_factory: Any) -> None:
    import threading

    from classifier.baseline import KeywordScorer
    from moderation_api.cases import flows
    from moderation_api.cases import service as cases
    from moderation_api.cases.schemas import Decision
    from moderation_api.postings.schemas import PostingIn
    from moderation_api.postings.service import ingest as ingest_postings

    decider = Principal(key_id=0, name="decider", role=Role.REVIEWER)
    platform = Principal(key_id=0, name="platform", role=Role.INTEGRATOR)
    with committed_factory() as session:
        items = [PostingIn(source="c", external_id=str(n), text=URGENT_AD + f" #{n}") for n in range(12)]
        ingest_postings(session, scorer=KeywordScorer(), items=items, actor="t", category_cutoff=0.5)
        for case in cases.claim(
            session, principal=decider, queue=Queue.STANDARD, count=12, lease_seconds=600
        ):
            flows.decide(session, principal=decider, case_id=case.id, decision=Decision.CONFIRM, reason=None,
                         escalation_kind=None, notes=None, hold_days=365, category_cutoff=0.5)  # fmt: skip
            appeals.file_appeal(
                session,
                principal=platform,
                case_id=case.id,
                statement=STATEMENT,
                appellant_ref=None,
                window_days=183,
            )
    taken: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def work(name: str) -> None:
        principal = Principal(key_id=0, name=name, role=Role.REVIEWER)
        viewer = Viewer(role=Role.REVIEWER, category_cutoff=0.5)
        mine: list[int] = []
        try:
            with committed_factory() as session:
                while claimed := appeals.claim(
                    session, principal=principal, viewer=viewer, count=2, lease_seconds=600
                ):
                    mine += [a.id for a in claimed]
        except BaseException as exc:
            errors.append(exc)
        taken[name] = mine

    threads = [threading.Thread(target=work, args=(f"r{n}",)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    everything = [appeal_id for ids in taken.values() for appeal_id in ids]
    assert len(everything) == 12 and len(set(everything)) == 12  # each appeal claimed exactly once


def _network_cases(session: Session, posting_id: int) -> list[Case]:
    session.expire_all()
    return list(session.scalars(select(Case).where(Case.posting_id == posting_id)))


def test_overturning_a_confirmation_withdraws_the_boost_it_gave_its_cluster(
    client: TestClient, keys: dict, session: Session
) -> None:
    """A confirmation opens a case for its cluster's unreviewed member and moves it up; reversing the
    confirmation on appeal lowers that case again (audited), since nothing else links the cluster."""
    flagged, linked = ingest(
        client, keys, ("net-a", URGENT_AD), ("net-b", BENIGN + " Call or text seven one three 555 o1 4 2")
    )
    assert linked["case_id"] is None and linked["cluster_id"] == flagged["cluster_id"]
    (case,) = claim(client, keys, "reviewer")
    confirmed = client.post(
        f"/v1/cases/{case['id']}/decision", json={"decision": "confirm"}, headers=keys["reviewer"]
    )
    assert confirmed.status_code == 200, confirmed.text
    (opened,) = _network_cases(session, linked["posting_id"])
    assert opened.source == "network" and opened.network_boost is True

    appeal = file(client, keys, case["id"]).json()
    claim_appeal(client, keys, "reviewer2")
    decided = client.post(
        f"/v1/appeals/{appeal['id']}/decision",
        json={"outcome": "overturned", "reason": "a bike shop"},
        headers=keys["reviewer2"],
    )
    assert decided.status_code == 200, decided.text
    (lowered,) = _network_cases(session, linked["posting_id"])
    assert lowered.network_boost is False and lowered.state == "open"  # a reviewer still closes it
    withdrawn = session.scalars(
        select(AuditEvent).where(AuditEvent.case_id == lowered.id, AuditEvent.action == "priority_withdrawn")
    ).all()
    assert [e.details for e in withdrawn] == [
        {"cluster_id": flagged["cluster_id"], "overturned_case_id": case["id"], "appeal_id": appeal["id"]}
    ]


def test_overturn_keeps_a_boost_another_confirmed_member_still_justifies(
    client: TestClient, keys: dict, session: Session
) -> None:
    first, second, linked = ingest(
        client, keys, ("two-a", URGENT_AD), ("two-b", URGENT_AD + " again"),
        ("two-c", BENIGN + " text seven one three 555 o1 4 2"),
    )  # fmt: skip
    assert first["cluster_id"] == second["cluster_id"] == linked["cluster_id"]
    confirmed_ids = []
    for _ in range(2):
        (case,) = claim(client, keys, "reviewer")
        response = client.post(
            f"/v1/cases/{case['id']}/decision", json={"decision": "confirm"}, headers=keys["reviewer"]
        )
        assert response.status_code == 200, response.text
        confirmed_ids.append(case["id"])
    appeal = file(client, keys, confirmed_ids[0]).json()
    claim_appeal(client, keys, "reviewer2")
    client.post(
        f"/v1/appeals/{appeal['id']}/decision",
        json={"outcome": "overturned", "reason": "x"},
        headers=keys["reviewer2"],
    ).raise_for_status()
    (still,) = _network_cases(session, linked["posting_id"])
    assert still.network_boost is True  # the other confirmation still stands
