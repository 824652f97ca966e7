"""The review workflow through the HTTP API, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

URGENT_AD = (
    "NEW girls every week!! Asian & Latina girls available 24/7. She is sweet. Incall only at motel. "
    "Daddy handles all booking. 150 roses, no LE. Text seven one three 555 o1 4 2"
)
MINOR_AD = (
    "Sweet little Mia only 15 looking for a generous daddy after school 🎀🍒 her cousin arranges. incall"
)
BENIGN = "Trek mountain bike, 21 speeds, great condition, $300 or best offer."


def ingest(client: TestClient, keys: dict, *postings: tuple[str, str], **extra: Any) -> list[dict]:
    body = {
        "postings": [{"source": "site", "external_id": eid, "text": text, **extra} for eid, text in postings]
    }
    response = client.post("/v1/postings", json=body, headers=keys["integrator"])
    assert response.status_code == 200, response.text
    return response.json()["results"]


def claim(client: TestClient, keys: dict, who: str = "reviewer", **body: Any) -> list[dict]:
    response = client.post("/v1/cases/claim", json=body, headers=keys[who])
    assert response.status_code == 200, response.text
    return response.json()


def test_ingest_opens_cases_and_is_idempotent(client: TestClient, keys: dict) -> None:
    first = ingest(client, keys, ("a1", URGENT_AD), ("a2", BENIGN))
    assert first[0]["created"] and first[0]["band"] == "urgent" and first[0]["case_id"]
    assert first[1]["band"] == "low" and first[1]["case_id"] is None
    again = ingest(client, keys, ("a1", URGENT_AD), ("a2", BENIGN + " edited"))
    assert [r["created"] for r in again] == [False, False]
    assert again[0]["case_id"] == first[0]["case_id"] and again[0]["posting_id"] == first[0]["posting_id"]
    assert again[1]["text_changed"] is True
    cases = client.get("/v1/cases", headers=keys["reviewer"]).json()
    assert cases["total"] == 1


def test_claim_decide_and_audit_history(client: TestClient, keys: dict) -> None:
    (result,) = ingest(client, keys, ("b1", URGENT_AD))
    (case,) = claim(client, keys)
    assert case["id"] == result["case_id"] and case["state"] == "assigned" and case["lease_expires_at"]
    assert claim(client, keys, "reviewer2") == []  # nothing else to take
    other = client.post(
        f"/v1/cases/{case['id']}/decision", json={"decision": "confirm"}, headers=keys["reviewer2"]
    )
    assert other.status_code == 409 and "not assigned to you" in other.json()["detail"]
    missing_reason = client.post(
        f"/v1/cases/{case['id']}/decision", json={"decision": "dismiss"}, headers=keys["reviewer"]
    )
    assert missing_reason.status_code == 422 and "reason" in missing_reason.json()["detail"]
    done = client.post(
        f"/v1/cases/{case['id']}/decision",
        json={"decision": "confirm", "notes": "clear control indicators"},
        headers=keys["reviewer"],
    )
    assert done.status_code == 200 and done.json()["state"] == "decided"
    twice = client.post(
        f"/v1/cases/{case['id']}/decision", json={"decision": "confirm"}, headers=keys["reviewer"]
    )
    assert twice.status_code == 409 and "already decided" in twice.json()["detail"]
    detail = client.get(f"/v1/cases/{case['id']}", headers=keys["auditor"]).json()
    assert [e["action"] for e in detail["history"]] == ["open", "claim", "decide"]
    assert (
        detail["history"][0]["actor_kind"] == "model"
        and detail["history"][2]["notes"] == "clear control indicators"
    )
    assert detail["posting"]["text"] == URGENT_AD
    assert any(hit["id"] == "sex.law_enforcement_evasion" for hit in detail["posting"]["score"]["indicators"])


def test_minor_cases_go_to_senior_queue_and_escalation_places_legal_hold(
    client: TestClient, keys: dict
) -> None:
    (minor,) = ingest(client, keys, ("m1", MINOR_AD))
    case = client.get(f"/v1/cases/{minor['case_id']}", headers=keys["senior"]).json()["case"]
    assert case["queue"] == "senior" and case["minor"] is True
    forbidden = client.post("/v1/cases/claim", json={"queue": "senior"}, headers=keys["reviewer"])
    assert forbidden.status_code == 403

    (adult,) = ingest(client, keys, ("e1", URGENT_AD))
    (claimed,) = claim(client, keys)
    escalated = client.post(
        f"/v1/cases/{claimed['id']}/decision",
        json={"decision": "escalate", "escalation_kind": "minor_involved", "notes": "looks underage"},
        headers=keys["reviewer"],
    ).json()
    assert escalated["queue"] == "senior" and escalated["state"] == "open"
    deleted = client.delete(f"/v1/postings/{adult['posting_id']}", headers=keys["integrator"])
    assert deleted.status_code == 409 and "legal hold" in deleted.json()["detail"]
    senior_cases = claim(client, keys, "senior", queue="senior", count=5)
    assert [c["minor"] for c in senior_cases] == [True, True]
    final = client.post(
        f"/v1/cases/{claimed['id']}/decision", json={"decision": "confirm"}, headers=keys["senior"]
    )
    assert final.status_code == 200 and final.json()["decision"] == "confirm"


def test_release_and_renew(client: TestClient, keys: dict) -> None:
    ingest(client, keys, ("r1", URGENT_AD))
    (case,) = claim(client, keys)
    renewed = client.post(f"/v1/cases/{case['id']}/renew", headers=keys["reviewer"])
    assert renewed.status_code == 200 and renewed.json()["lease_expires_at"] >= case["lease_expires_at"]
    released = client.post(f"/v1/cases/{case['id']}/release", headers=keys["reviewer"])
    assert released.json()["state"] == "open" and released.json()["assignee"] is None
    assert [c["id"] for c in claim(client, keys, "reviewer2")] == [case["id"]]


def test_notices_open_or_join_cases(client: TestClient, keys: dict) -> None:
    created = client.post(
        "/v1/notices",
        json={"source": "site", "external_id": "n1", "text": BENIGN, "category": "trafficking"},
        headers=keys["integrator"],
    )
    assert created.status_code == 201 and created.json()["case_created"] is True
    case = client.get(f"/v1/cases/{created.json()['case_id']}", headers=keys["reviewer"]).json()["case"]
    assert case["source"] == "notice" and case["notice_count"] == 1
    ingest(client, keys, ("n2", URGENT_AD))
    joined = client.post(
        "/v1/notices", json={"source": "site", "external_id": "n2"}, headers=keys["integrator"]
    ).json()
    assert joined["case_created"] is False
    unknown = client.post(
        "/v1/notices", json={"source": "site", "external_id": "zz"}, headers=keys["integrator"]
    )
    assert unknown.status_code == 422 and "text" in unknown.json()["detail"]


def test_note_policy_escalation_and_urgent_dismissal(client: TestClient, keys: dict) -> None:
    ingest(client, keys, ("n1", URGENT_AD))
    (case,) = claim(client, keys)
    url = f"/v1/cases/{case['id']}/decision"
    for body in (
        {"decision": "escalate", "escalation_kind": "policy_question"},
        {"decision": "dismiss", "reason": "false_positive", "notes": "   "},
    ):
        refused = client.post(url, json=body, headers=keys["reviewer"])
        assert refused.status_code == 422 and "a note is required" in refused.json()["detail"]
    still_held = client.get(f"/v1/cases/{case['id']}", headers=keys["reviewer"]).json()
    assert still_held["case"]["state"] == "assigned" and len(still_held["history"]) == 2  # opened, claimed
    ok = client.post(
        url,
        json={"decision": "dismiss", "reason": "false_positive", "notes": "a bakery"},
        headers=keys["reviewer"],
    )
    assert ok.status_code == 200 and ok.json()["decision"] == "dismiss"


def test_deleting_a_posting_erases_everything_quoted_from_it(client: TestClient, keys: dict) -> None:
    (first,) = ingest(client, keys, ("d1", URGENT_AD))
    (twin,) = ingest(client, keys, ("d2", URGENT_AD.replace("Daddy", "Papa")))
    related = client.get(f"/v1/postings/{twin['posting_id']}/related", headers=keys["reviewer"]).json()
    assert first["posting_id"] in [m["id"] for m in related["related"]]
    deleted = client.delete(f"/v1/postings/{first['posting_id']}", headers=keys["integrator"])
    assert deleted.status_code == 200
    detail = client.get(f"/v1/cases/{first['case_id']}", headers=keys["reviewer"]).json()
    posting = detail["posting"]
    assert posting["text"] is None and posting["score"]["entities"] == []
    assert posting["score"]["entities_removed"] >= 1 and posting["score"]["indicators"]
    assert all(hit["spans"] == [] for hit in posting["score"]["indicators"])
    assert "555" not in str(posting["score"]) and "Daddy" not in str(posting["score"])
    related = client.get(f"/v1/postings/{twin['posting_id']}/related", headers=keys["reviewer"]).json()
    assert first["posting_id"] not in [m["id"] for m in related["related"]]  # its index entries are gone
