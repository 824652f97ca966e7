"""Deletion and retention: erased text leaves no trace in any table, holds end, rules are audited."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, func, inspect, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from classifier.baseline import KeywordScorer
from moderation_api.app import create_app
from moderation_api.appeals.models import Appeal
from moderation_api.audit import service as audit
from moderation_api.audit.models import AuditEvent
from moderation_api.auth.schemas import Role
from moderation_api.auth.service import create_key
from moderation_api.cases.models import Case
from moderation_api.cli import main
from moderation_api.db import utcnow
from moderation_api.network.models import PostingBucket, PostingContact
from moderation_api.postings.models import LegalHold, Posting
from moderation_api.postings.schemas import PostingIn
from moderation_api.postings.service import ingest
from moderation_api.retention.service import sweep
from moderation_api.settings import Settings
from moderation_api.webhooks.models import DeliveryAttempt, OutboxEvent, WebhookDelivery, WebhookEndpoint

MARKER = "Zorblaxian Quimbleberry"
# One phone, written three ways; the classifier normalizes all of them to +17025550148.
PHONE_WRITTEN = ("(702) 555-0148", "702.555.0148", "seven 0 two 555 o1 4 8")
PHONE_FORMS = ("+17025550148", "17025550148", "7025550148", "555-0148", "5550148", "555 o1 4 8")
AD = (
    "{marker} NEW girls every week!! Asian & Latina girls available. Incall only at motel. "
    "Daddy handles booking. No LE. Text {phone} {suffix}"
)
URGENT = "NEW girls every week!! Asian & Latina girls available. Incall only at motel. No LE. {n}"
RULES = {
    "posting_retention_days": 180,
    "appeal_window_days": 183,
    "webhook_retention_days": 30,
    "webhook_dead_retention_days": 90,
}
BENIGN = "Trek mountain bike, 21 speeds, great condition, $300 or best offer. {n}"


def dump(connection: Connection) -> str:
    """Every row of every table in the database (not only the mapped ones), as text."""
    rows = []
    for table in inspect(connection).get_table_names():
        for row in connection.execute(text(f'SELECT * FROM "{table}"')):
            rows.append(f"{table}: {tuple(row)!r}")
    return "\n".join(rows)


def assert_no_trace(haystack: str, texts: list[str]) -> None:
    """Neither the texts, their SHA-256 (matchable against a guessed text), the marker nor the phone."""
    hashes = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
    for needle in [*texts, *hashes, MARKER, *MARKER.split(), *PHONE_WRITTEN, *PHONE_FORMS]:
        assert needle not in haystack, f"{needle!r} survived deletion"
    assert not re.search(r"\+?1?\D?702\D{0,2}555\D?0148", haystack)


@pytest.fixture
def committed_api(
    committed_factory: sessionmaker[Session], settings: Settings
) -> Iterator[tuple[TestClient, dict[str, dict[str, str]]]]:
    """The API on sessions that really commit (so pg_dump, another process, sees the data)."""
    with committed_factory() as session:
        keys = {
            role.value: {"X-API-Key": create_key(session, name=f"k-{role.value}", role=role, actor="test")}
            for role in Role
        }
        session.commit()
    app = create_app(settings, scorer=KeywordScorer(), session_factory=committed_factory)
    with TestClient(app) as client:
        yield client, keys


def test_deleted_postings_leave_no_trace_of_text_or_phone_in_any_table(
    committed_api: tuple[TestClient, dict], committed_factory: sessionmaker[Session], engine: Engine
) -> None:
    client, keys = committed_api
    texts = [
        AD.format(marker=MARKER, phone=phone, suffix=suffix)
        for phone, suffix in zip(PHONE_WRITTEN, ("", "Fresh faces.", "Call now."), strict=True)
    ]
    body = {
        "postings": [
            {"source": "site", "external_id": f"x{n}", "text": posting_text, "location": city}
            for n, (posting_text, city) in enumerate(
                zip(texts, ("Las Vegas", "Phoenix", "Denver"), strict=True)
            )
        ]
        + [{"source": "site", "external_id": "keep", "text": BENIGN.format(n=1), "location": "Austin"}]
    }
    results = client.post("/v1/postings", json=body, headers=keys["integrator"]).json()["results"]
    assert "+17025550148" in str(results[2]["network_signals"])  # the summary quotes the contact
    claimed = client.post("/v1/cases/claim", json={"count": 3}, headers=keys["reviewer"]).json()
    escalation = {"decision": "escalate", "escalation_kind": "minor_involved", "notes": "school reference"}
    assert (
        client.post(
            f"/v1/cases/{claimed[0]['id']}/decision", json=escalation, headers=keys["reviewer"]
        ).status_code
        == 200
    )
    notice = {"source": "site", "external_id": "x1", "category": "human_trafficking"}
    assert client.post("/v1/notices", json=notice, headers=keys["integrator"]).status_code == 201
    held = claimed[0]["posting_id"]
    assert client.delete(f"/v1/postings/{held}", headers=keys["integrator"]).status_code == 409
    with committed_factory() as session:
        assert MARKER in (session.scalar(select(LegalHold.snapshot_text)) or "")
        # The hold's period ends (the hold itself stays, as a record); deletion may then go ahead.
        session.execute(update(LegalHold).values(hold_until=utcnow() - timedelta(days=1)))
        session.commit()
    period = {
        "start": (utcnow() - timedelta(days=1)).isoformat(),
        "end": (utcnow() + timedelta(days=1)).isoformat(),
    }
    before = client.get("/v1/reports/transparency", params=period, headers=keys["auditor"]).json()

    for result in results[:3]:
        deleted = client.delete(f"/v1/postings/{result['posting_id']}", headers=keys["integrator"])
        assert deleted.status_code == 200 and deleted.json()["text"] is None

    after = client.get("/v1/reports/transparency", params=period, headers=keys["auditor"]).json()
    assert {**after, "generated_at": None} == {**before, "generated_at": None}  # counts survive deletion
    with engine.connect() as connection:
        everything = dump(connection)
    assert BENIGN.format(n=1) in everything  # the dump does see posting text that was not deleted
    assert_no_trace(everything, texts)
    if engine.dialect.name == "sqlite":
        # Physically too: the file (after a checkpoint moves the write-ahead log in) keeps no erased bytes.
        path = Path(engine.url.database or "")
        with sqlite3.connect(path, isolation_level=None) as raw:
            assert raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0  # not busy
        raw_bytes = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        assert BENIGN.format(n=1).encode() in raw_bytes
        assert_no_trace(raw_bytes.decode("latin-1"), texts)
    if engine.dialect.name == "postgresql" and shutil.which("pg_dump"):
        url = make_url(str(engine.url.render_as_string(hide_password=False)))
        done = subprocess.run(
            ["pg_dump", "--data-only", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432),
             "-U", url.username or "postgres", url.database or ""],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert BENIGN.format(n=1) in done.stdout
        assert_no_trace(done.stdout, texts)
    with committed_factory() as session:
        deletions = session.scalars(select(AuditEvent).where(AuditEvent.action == "posting_deleted")).all()
        assert {e.details["posting_id"] for e in deletions if e.details} == {
            r["posting_id"] for r in results[:3]
        }
        assert {(e.actor, (e.details or {}).get("role")) for e in deletions} == {
            ("key:k-integrator", "integrator")
        }
        expired = session.scalars(select(AuditEvent).where(AuditEvent.action == "legal_hold_expired")).all()
        assert [e.details["posting_id"] for e in expired if e.details] == [held]
        assert audit.verify(session).ok


def test_deletion_is_audited_with_the_caller_in_the_case_history(client: TestClient, keys: dict) -> None:
    body = {
        "postings": [
            {"source": "site", "external_id": "c1", "text": URGENT.format(n=1)},
            {"source": "site", "external_id": "c2", "text": BENIGN.format(n=2)},
        ]
    }
    flagged, benign = client.post("/v1/postings", json=body, headers=keys["integrator"]).json()["results"]
    assert benign["case_id"] is None
    for result in (flagged, benign):
        assert client.delete(f"/v1/postings/{result['posting_id']}", headers=keys["admin"]).status_code == 200
    history = client.get(f"/v1/cases/{flagged['case_id']}", headers=keys["auditor"]).json()["history"]
    deleted = history[-1]
    assert (deleted["action"], deleted["actor"], deleted["actor_kind"]) == (
        "posting_deleted",
        "key:admin",
        "human",
    )
    assert deleted["details"] == {"posting_id": flagged["posting_id"], "role": "admin"}
    assert deleted["from_state"] == deleted["to_state"] == "open"


def test_deleting_a_posting_without_a_case_is_audited_too(session: Session) -> None:
    from moderation_api.auth.schemas import Principal
    from moderation_api.postings.service import delete_posting

    item = PostingIn(source="s", external_id="n", text=BENIGN.format(n=3))
    (result,) = ingest(
        session, scorer=KeywordScorer(), items=[item], actor="key:integrator", category_cutoff=0.5
    )
    principal = Principal(key_id=1, name="platform", role=Role.INTEGRATOR)
    delete_posting(session, posting_id=result.posting_id, principal=principal)
    (event,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "posting_deleted")).all()
    assert (event.case_id, event.actor, event.details) == (
        None,
        "key:platform",
        {"posting_id": result.posting_id, "role": "integrator"},
    )


def test_deletion_under_an_active_hold_is_refused_and_changes_nothing(client: TestClient, keys: dict) -> None:
    body = {
        "postings": [{"source": "site", "external_id": "h", "text": URGENT.format(n=4) + " 713-555-0100"}]
    }
    (result,) = client.post("/v1/postings", json=body, headers=keys["integrator"]).json()["results"]
    client.post("/v1/cases/claim", json={}, headers=keys["reviewer"])
    escalation = {"decision": "escalate", "escalation_kind": "minor_involved", "notes": "underage"}
    client.post(f"/v1/cases/{result['case_id']}/decision", json=escalation, headers=keys["reviewer"])
    before = client.get(f"/v1/postings/{result['posting_id']}", headers=keys["senior"]).json()
    refused = client.delete(f"/v1/postings/{result['posting_id']}", headers=keys["integrator"])
    assert refused.status_code == 409 and "legal hold" in refused.json()["detail"]
    after = client.get(f"/v1/postings/{result['posting_id']}", headers=keys["senior"]).json()
    assert after == before and after["text"] and after["network"]
    history = client.get(f"/v1/cases/{result['case_id']}", headers=keys["senior"]).json()["history"]
    assert "posting_deleted" not in [e["action"] for e in history]


def _escalate_minor(session: Session, posting_id: int) -> Case:
    from moderation_api.auth.schemas import Principal
    from moderation_api.cases import flows
    from moderation_api.cases import service as cases
    from moderation_api.cases.schemas import Decision, EscalationKind

    reviewer = Principal(key_id=1, name="rev", role=Role.REVIEWER)
    case = session.scalars(select(Case).where(Case.posting_id == posting_id)).one()
    cases.claim_case(session, principal=reviewer, case_id=case.id, lease_seconds=600)
    return flows.decide(
        session, principal=reviewer, case_id=case.id, decision=Decision.ESCALATE, reason=None,
        escalation_kind=EscalationKind.MINOR_INVOLVED, notes="underage", hold_days=365, category_cutoff=0.5,
    )  # fmt: skip


def _ingest(session: Session, *texts: str) -> list[Posting]:
    items = [PostingIn(source="s", external_id=f"r{n}", text=t) for n, t in enumerate(texts)]
    results = ingest(
        session, scorer=KeywordScorer(), items=items, actor="key:integrator", category_cutoff=0.5
    )
    return [session.get_one(Posting, r.posting_id) for r in results]


def test_sweep_clears_only_the_snapshots_of_ended_holds(session: Session) -> None:
    ended, active = _ingest(session, URGENT.format(n=5), URGENT.format(n=6))
    for posting in (ended, active):
        _escalate_minor(session, posting.id)
    session.execute(
        update(LegalHold)
        .where(LegalHold.posting_id == ended.id)
        .values(hold_until=utcnow() - timedelta(hours=1))
    )
    report = sweep(session, **RULES)
    assert (report.holds_expired, report.deleted_erased, report.retention_erased) == (1, 0, 0)
    holds = {h.posting_id: h for h in session.scalars(select(LegalHold))}
    assert holds[ended.id].snapshot_text is None and holds[ended.id].snapshot_sha256 is None
    assert holds[active.id].snapshot_text == active.text and holds[active.id].snapshot_sha256
    assert ended.text  # the posting itself is not erased: its case is still undecided
    (event,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "legal_hold_expired")).all()
    assert (event.actor, event.actor_kind, event.reason) == ("system:retention", "system", "minor_involved")
    assert event.details is not None and event.details["posting_id"] == ended.id
    assert sweep(session, **RULES).holds_expired == 0  # idempotent


def test_sweep_erases_text_past_the_retention_period_and_keeps_what_is_still_needed(session: Session) -> None:
    old_unflagged, new_unflagged, old_decided, recently_decided, old_open, held = _ingest(
        session,
        BENIGN.format(n="a") + " call 713-555-0111",
        BENIGN.format(n="b"),
        URGENT.format(n="c") + " call 713-555-0122",
        URGENT.format(n="d"),
        URGENT.format(n="e"),
        URGENT.format(n="f"),
    )
    _escalate_minor(session, held.id)
    now = utcnow()
    for posting in (old_unflagged, old_decided, recently_decided, old_open, held):
        posting.ingested_at = now - timedelta(days=400)
    for posting, decided_days_ago in ((old_decided, 200), (recently_decided, 30), (held, 200)):
        session.execute(
            update(Case)
            .where(Case.posting_id == posting.id)
            .values(state="decided", decision="confirm", decided_at=now - timedelta(days=decided_days_ago))
        )
    session.commit()
    report = sweep(session, **RULES)
    assert (report.holds_expired, report.deleted_erased, report.retention_erased) == (0, 0, 2)
    session.expire_all()
    for posting in (old_unflagged, old_decided):
        assert posting.text is None and posting.text_sha256 is None and posting.minhash is None
        assert posting.score["entities"] == [] and posting.deleted_at is None
        assert (
            session.scalars(select(PostingContact).where(PostingContact.posting_id == posting.id)).all() == []
        )
    for posting in (new_unflagged, recently_decided, old_open, held):
        assert posting.text and posting.text_sha256
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "retention_erased")).all()
    assert {(e.details or {}).get("posting_id") for e in events} == {old_unflagged.id, old_decided.id}
    assert {(e.details or {}).get("rule") for e in events} == {"retention_period"}
    assert {e.case_id for e in events} == {
        None,
        session.scalar(select(Case.id).where(Case.posting_id == old_decided.id)),
    }
    assert sweep(session, **RULES).retention_erased == 0


def _appeal(session: Session, posting: Posting, *, state: str, decided_days_ago: float | None) -> None:
    case_id = session.scalar(select(Case.id).where(Case.posting_id == posting.id))
    decided_at = None if decided_days_ago is None else utcnow() - timedelta(days=decided_days_ago)
    session.add(
        Appeal(case_id=case_id, state=state, appellant="poster", statement="it was mine",
               original_decision="confirm", deciders=",key:reviewer,",
               received_at=utcnow() - timedelta(days=250), decided_at=decided_at,
               outcome="upheld" if decided_at else None)
    )  # fmt: skip


def test_text_is_kept_while_its_decision_can_be_appealed_or_is_under_appeal(session: Session) -> None:
    """The appeal window (183 days) outlasts the retention period (180): text stays while a decision can
    still be contested or its appeal is open, then goes once the window closes or the appeal is decided."""
    appealable, under_appeal, appeal_decided_long_ago, window_closed, appeal_decided_lately = _ingest(
        session, *(URGENT.format(n=f"appeal-{n}") for n in range(5))
    )
    now = utcnow()
    for posting, decided_days_ago in (
        (appealable, 181), (under_appeal, 260), (appeal_decided_long_ago, 400), (window_closed, 190),
        (appeal_decided_lately, 400),
    ):  # fmt: skip
        posting.ingested_at = now - timedelta(days=500)
        session.execute(
            update(Case)
            .where(Case.posting_id == posting.id)
            .values(state="decided", decision="confirm", decided_at=now - timedelta(days=decided_days_ago))
        )
    _appeal(session, under_appeal, state="assigned", decided_days_ago=None)
    _appeal(session, appeal_decided_long_ago, state="decided", decided_days_ago=200)
    _appeal(session, appeal_decided_lately, state="decided", decided_days_ago=20)
    session.commit()
    report = sweep(session, **RULES)
    assert report.retention_erased == 2
    session.expire_all()
    for kept in (appealable, under_appeal, appeal_decided_lately):
        assert kept.text is not None
    for erased in (appeal_decided_long_ago, window_closed):
        assert erased.text is None and erased.text_sha256 is None
    # Three days later the first decision's window has closed too.
    later = sweep(session, **RULES, now=now + timedelta(days=3))
    assert later.retention_erased == 1
    session.expire_all()
    assert appealable.text is None and under_appeal.text is not None


def _outbox_event(
    session: Session, endpoint: WebhookEndpoint, days_ago: float, statuses: tuple[str, ...]
) -> OutboxEvent:
    at = utcnow() - timedelta(days=days_ago)
    event = OutboxEvent(type="case.decided", occurred_at=at, payload={"case": None})
    session.add(event)
    session.flush()
    for status in statuses:
        delivery = WebhookDelivery(event_id=event.id, endpoint_id=endpoint.id, status=status, attempts=1,
                                   created_at=at, next_attempt_at=at)  # fmt: skip
        session.add(delivery)
        session.flush()
        code = 200 if status == "delivered" else 500
        session.add(DeliveryAttempt(delivery_id=delivery.id, endpoint_id=endpoint.id, attempt=1, at=at,
                                    status_code=code, outcome=status))  # fmt: skip
    return event


@pytest.mark.parametrize("batch", [1, 200])
def test_sweep_prunes_delivered_and_long_dead_webhook_events_never_pending_ones(
    session: Session, batch: int
) -> None:
    endpoint = WebhookEndpoint(url="https://platform.example/hook", event_types=",case.decided,",
                               secret="whsec_x", created_by="key:admin")  # fmt: skip
    session.add(endpoint)
    session.flush()
    gone = [
        _outbox_event(session, endpoint, 40, ("delivered", "delivered")),
        _outbox_event(session, endpoint, 100, ("dead", "delivered")),
        _outbox_event(session, endpoint, 40, ()),
    ]
    kept = [
        _outbox_event(session, endpoint, 40, ("dead",)),  # dead, younger than its own retention (90 days)
        _outbox_event(session, endpoint, 400, ("pending", "delivered")),  # still being retried: never
        _outbox_event(session, endpoint, 5, ("delivered",)),  # recent
    ]
    gone_ids, kept_ids = [e.id for e in gone], [e.id for e in kept]
    session.commit()
    report = sweep(session, **RULES, batch=batch)
    pruned = (report.webhook_events_pruned, report.webhook_deliveries_pruned, report.webhook_attempts_pruned)
    assert pruned == (3, 4, 4)
    session.expire_all()
    remaining = set(session.scalars(select(OutboxEvent.id)))
    assert not remaining & set(gone_ids) and set(kept_ids) <= remaining
    assert session.scalar(select(func.count()).select_from(WebhookDelivery)) == 4
    assert session.scalar(select(func.count()).select_from(DeliveryAttempt)) == 4
    (audited,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "webhooks_pruned")).all()
    assert audited.details and audited.details["events"] == 3
    assert sweep(session, **RULES, batch=batch).webhook_events_pruned == 0  # nothing left to do: resumable


def test_sweep_finishes_deletions_made_before_erasure_was_complete(session: Session) -> None:
    # A posting deleted by an earlier version: text gone, but its hash, network summary and index rows kept.
    (a, b, c) = _ingest(
        session,
        URGENT.format(n="g") + " text 713-555-0133",
        URGENT.format(n="h") + " text 713 555 0133",
        URGENT.format(n="i") + " text (713) 555-0133",
    )
    session.execute(update(Posting).where(Posting.id == a.id).values(text=None, deleted_at=utcnow()))
    session.commit()
    report = sweep(session, **RULES)
    assert report.deleted_erased == 1
    session.expire_all()
    assert a.text_sha256 is None and a.minhash is None and "0133" not in str(a.network) + str(a.score)
    assert session.scalars(select(PostingContact).where(PostingContact.posting_id == a.id)).all() == []
    assert session.scalars(select(PostingBucket).where(PostingBucket.posting_id == a.id)).all() == []
    assert (
        b.text
        and c.text
        and session.scalars(select(PostingContact).where(PostingContact.posting_id == b.id)).all()
    )


def test_retention_sweep_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'retention.db'}"
    assert main(["db", "upgrade", "--database-url", url]) == 0
    capsys.readouterr()
    assert main(["retention", "sweep", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "0 expired legal-hold snapshots cleared" in out and "after 180 days" in out
    assert main(["retention", "sweep", "--posting-days", "30", "--database-url", url]) == 2
    assert "180" in capsys.readouterr().err
