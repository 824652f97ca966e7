"""The transactional outbox: platform events written with the change they report, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from moderation_api.auth.schemas import Principal, Role
from moderation_api.cases import flows
from moderation_api.cases import service as cases
from moderation_api.cases.schemas import Decision
from moderation_api.webhooks.models import OutboxEvent
from tests.moderation_api.test_workflow_api import BENIGN, MINOR_AD, URGENT_AD, claim, ingest


def events(session: Session) -> list[OutboxEvent]:
    session.expire_all()
    return list(session.scalars(select(OutboxEvent).order_by(OutboxEvent.id)))


def types_of(session: Session, case_id: int | None = None) -> list[str]:
    return [e.type for e in events(session) if case_id is None or e.case_id == case_id]


def test_every_transition_a_platform_acts_on_writes_one_event(
    client: TestClient, keys: dict, session: Session
) -> None:
    (flagged, benign) = ingest(client, keys, ("o1", URGENT_AD), ("o2", BENIGN))
    assert types_of(session) == ["case.opened"]  # the benign posting opened no case, so no event
    (case,) = claim(client, keys)
    renewed = client.post(f"/v1/cases/{case['id']}/renew", headers=keys["reviewer"])
    assert renewed.status_code == 200 and types_of(session) == ["case.opened"]  # internal: no event
    escalated = client.post(
        f"/v1/cases/{case['id']}/decision",
        json={"decision": "escalate", "escalation_kind": "minor_involved", "notes": "looks young"},
        headers=keys["reviewer"],
    )
    assert escalated.status_code == 200
    assert types_of(session, case["id"]) == ["case.opened", "case.escalated", "legal_hold.placed"]
    (senior_case,) = claim(client, keys, "senior", queue="senior")
    decided = client.post(
        f"/v1/cases/{senior_case['id']}/decision", json={"decision": "confirm"}, headers=keys["senior"]
    )
    assert decided.status_code == 200
    last = events(session)[-1]
    assert last.type == "case.decided" and last.case_id == case["id"]
    assert last.posting_id == flagged["posting_id"]
    data = last.payload
    assert data["case"]["decision"] == "confirm" and data["case"]["minor_involved"] is True
    assert data["case"]["model_version"] == flagged["model_version"]
    assert data["posting"] == {"id": flagged["posting_id"], "source": "site", "external_id": "o1"}
    minors = "STATEMENT_CATEGORY_PROTECTION_OF_MINORS"
    assert data["dsa_statement"] == {"status": "issued", "category": minors}
    assert data["automated"] is False and "sex_trafficking" in data["case"]["categories"]

    gone = client.delete(f"/v1/postings/{benign['posting_id']}", headers=keys["integrator"])
    assert gone.status_code == 200
    deleted = events(session)[-1]
    assert deleted.type == "posting.deleted" and deleted.case_id is None
    assert deleted.payload["posting"]["external_id"] == "o2"


def test_a_dismissal_names_its_reason_and_the_notices_to_answer(
    client: TestClient, keys: dict, session: Session
) -> None:
    sent = client.post(
        "/v1/notices",
        json={"source": "site", "external_id": "n9", "text": BENIGN, "notice_ref": "ticket-77"},
        headers=keys["integrator"],
    )
    assert sent.status_code == 201
    (case,) = claim(client, keys)
    client.post(
        f"/v1/cases/{case['id']}/decision",
        json={"decision": "dismiss", "reason": "false_positive"},
        headers=keys["reviewer"],
    )
    decided = events(session)[-1]
    assert decided.type == "case.decided"
    assert decided.payload["case"]["decision"] == "dismiss"
    assert decided.payload["case"]["reason"] == "false_positive"
    assert decided.payload["notice_refs"] == ["ticket-77"]
    assert "dsa_statement" not in decided.payload  # nothing was removed: no statement of reasons


def test_event_payloads_never_carry_posting_text_notes_or_reviewers(
    client: TestClient, keys: dict, session: Session
) -> None:
    ingest(client, keys, ("t1", URGENT_AD), ("t2", MINOR_AD))
    (case,) = claim(client, keys)
    client.post(
        f"/v1/cases/{case['id']}/decision",
        json={"decision": "confirm", "notes": "Daddy handles booking, roses"},
        headers=keys["reviewer"],
    )
    written = json.dumps([e.payload for e in events(session)])
    assert len(events(session)) == 3
    for fragment in ("Daddy", "roses", "motel", "Mia", "after school", "555", "o1 4 2", "key:reviewer"):
        assert fragment not in written


def _reviewer() -> Principal:
    return Principal(key_id=0, name="reviewer", role=Role.REVIEWER)


def test_a_rolled_back_decision_writes_no_event(
    client: TestClient, keys: dict, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(client, keys, ("r1", URGENT_AD))
    (case,) = claim(client, keys)
    before = types_of(session)
    real = cases.record_decision

    def decide_then_fail(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        raise RuntimeError("the unit of work fails after the transition")

    monkeypatch.setattr(flows.cases, "record_decision", decide_then_fail)
    with pytest.raises(RuntimeError):
        flows.decide(
            session,
            principal=_reviewer(),
            case_id=case["id"],
            decision=Decision.CONFIRM,
            reason=None,
            escalation_kind=None,
            notes=None,
            hold_days=365,
            category_cutoff=0.5,
        )
    assert types_of(session) == before == ["case.opened"]
    assert cases.get_case(session, case_id=case["id"]).state == "assigned"

    # The same change rolled back by hand before its commit: nothing either.
    real(
        session,
        principal=_reviewer(),
        case_id=case["id"],
        decision=Decision.CONFIRM,
        reason=None,
        escalation_kind=None,
        notes=None,
        hold_days=365,
    )
    session.rollback()
    assert types_of(session) == ["case.opened"]


def test_undo_and_reopen_tell_the_platform_the_decision_is_withdrawn(
    client: TestClient, keys: dict, session: Session
) -> None:
    ingest(client, keys, ("u1", URGENT_AD))
    (case,) = claim(client, keys)
    url = f"/v1/cases/{case['id']}"
    assert (
        client.post(f"{url}/decision", json={"decision": "confirm"}, headers=keys["reviewer"]).status_code
        == 200
    )
    assert client.post(f"{url}/reopen", json={}, headers=keys["reviewer"]).status_code == 200  # the undo
    undone = events(session)[-1]
    assert undone.type == "case.reopened" and undone.payload["previous_decision"] == "confirm"
    assert undone.payload["case"]["decision"] is None and undone.payload["case"]["state"] == "assigned"
    assert undone.payload["dsa_statement"]["status"] == "withdrawn"
    body = {"decision": "dismiss", "reason": "false_positive", "notes": "a bakery"}
    assert client.post(f"{url}/decision", json=body, headers=keys["reviewer"]).status_code == 200
    reopened = client.post(f"{url}/reopen", json={"reason": "second look"}, headers=keys["senior"])
    assert reopened.status_code == 200, reopened.text
    last = events(session)[-1]
    assert last.type == "case.reopened" and last.payload["previous_decision"] == "dismiss"
    assert "dsa_statement" not in last.payload and "second look" not in str(last.payload)
    assert types_of(session, case["id"]) == [
        "case.opened", "case.decided", "case.reopened", "case.decided", "case.reopened"
    ]  # fmt: skip


def test_the_audit_seal_writes_the_outbox_through_a_registered_hook_not_an_import() -> None:
    """The audit trail imports no domain above it: the outbox (and the report rollups) register seal hooks,
    which still run inside the sealing step (the atomicity tests above hold through them)."""
    import ast

    from moderation_api.audit import service as audit_service

    assert {"webhooks.outbox", "cases.rollups"} <= set(audit_service.seal_hooks())
    tree = ast.parse(Path(audit_service.__file__).read_text())
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        alias.name for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names
    }
    assert not [
        name for name in imported if name.startswith(("moderation_api.webhooks", "moderation_api.cases"))
    ]
