"""Internal notes on a case without deciding it: audited, shown in the history to whoever may see it, refused
where the access policy withholds the history, and never a state change (SQLite and PostgreSQL)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from moderation_api.audit import service as audit
from tests.moderation_api.test_workflow_api import MINOR_AD, URGENT_AD, claim, ingest


def note(client: TestClient, keys: dict, case_id: int, who: str, text: object) -> object:
    return client.post(f"/v1/cases/{case_id}/notes", json={"notes": text}, headers=keys[who])


def test_a_note_is_audited_in_the_history_and_leaves_the_case_as_it_was(
    client: TestClient, keys: dict, session
) -> None:
    ingest(client, keys, ("n1", URGENT_AD))
    (case,) = claim(client, keys)
    before = client.get(f"/v1/cases/{case['id']}", headers=keys["reviewer"]).json()["case"]

    # Someone who does not hold the case may note it, too (a second reviewer, a senior).
    for who, text in (("reviewer2", "  same phone as case 12  "), ("senior", "watch this account")):
        response = note(client, keys, case["id"], who, text)
        assert response.status_code == 201, response.text
        assert response.json()["action"] == "note" and response.json()["to_state"] == "assigned"

    detail = client.get(f"/v1/cases/{case['id']}", headers=keys["reviewer"]).json()
    notes = [(e["actor"], e["notes"]) for e in detail["history"] if e["action"] == "note"]
    assert notes == [("key:reviewer2", "same phone as case 12"), ("key:senior", "watch this account")]
    after = detail["case"]
    assert (after["state"], after["assignee"], after["lease_expires_at"]) == (
        before["state"],
        before["assignee"],
        before["lease_expires_at"],
    )
    # The holder's decision is not made stale by the notes.
    decided = client.post(
        f"/v1/cases/{case['id']}/decision", json={"decision": "confirm"}, headers=keys["reviewer"]
    )
    assert decided.status_code == 200, decided.text
    assert note(client, keys, case["id"], "reviewer", "decided after a call").status_code == 201
    assert audit.verify(session).ok


def test_notes_follow_the_history_policy(client: TestClient, keys: dict) -> None:
    ingest(client, keys, ("n2", MINOR_AD))
    (case,) = claim(client, keys, "senior", queue="senior")
    refused = note(client, keys, case["id"], "reviewer", "MINOR_NOTE_TEXT")
    assert refused.status_code == 403 and "MINOR_NOTE_TEXT" not in refused.text
    for role in ("auditor", "integrator"):  # may not work cases
        assert note(client, keys, case["id"], role, "x").status_code == 403
    assert note(client, keys, case["id"], "senior", "called the hotline").status_code == 201
    history = client.get(f"/v1/cases/{case['id']}", headers=keys["auditor"]).json()["history"]
    assert ("note", "called the hotline") in [(e["action"], e["notes"]) for e in history]


def test_bad_notes_are_refused_without_writing(client: TestClient, keys: dict) -> None:
    ingest(client, keys, ("n3", URGENT_AD))
    (case,) = claim(client, keys)
    for body in ("", "   \n ", "x" * 4001, None, 12, "a\x00b"):
        response = note(client, keys, case["id"], "reviewer", body)
        assert 400 <= response.status_code < 500, (body, response.status_code)
        assert "x" * 100 not in response.text
    lone_surrogate = client.post(
        f"/v1/cases/{case['id']}/notes",
        content=b'{"notes": "bad \\ud800 note"}',
        headers={**keys["reviewer"], "content-type": "application/json"},
    )
    assert lone_surrogate.status_code == 422 and "bad" not in lone_surrogate.text
    assert note(client, keys, 10**9, "reviewer", "nothing there").status_code == 404
    history = client.get(f"/v1/cases/{case['id']}", headers=keys["reviewer"]).json()["history"]
    assert not [e for e in history if e["action"] == "note"]
