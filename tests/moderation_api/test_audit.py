"""The audit trail: who did what is recorded, rows are hash-chained, tampering is found (both backends)."""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from moderation_api.audit import service as audit
from moderation_api.audit.models import AuditEvent
from moderation_api.auth.schemas import Role
from moderation_api.auth.service import create_key, revoke_key
from moderation_api.cli import main
from moderation_api.migrations import alembic_config

AD = (
    "NEW girls every week!! Asian & Latina girls available. Incall only at motel. Daddy handles booking. "
    "No LE. Text {phone}"
)


def ingest(client: TestClient, keys: dict, *rows: tuple[str, str, str]) -> list[dict[str, Any]]:
    body = {
        "postings": [
            {"source": "site", "external_id": eid, "text": text, "location": city} for eid, text, city in rows
        ]
    }
    response = client.post("/v1/postings", json=body, headers=keys["integrator"])
    assert response.status_code == 200, response.text
    return list(response.json()["results"])


def events(session: Session, **where: Any) -> list[AuditEvent]:
    session.expire_all()
    query = select(AuditEvent).filter_by(**where).order_by(AuditEvent.seq)
    return list(session.scalars(query))


@pytest.fixture
def tamper(connection: Connection) -> Iterator[Any]:
    """Run raw SQL on the audit table as an attacker with database access would (rolled back after the
    test). On PostgreSQL that needs a superuser switching the append-only trigger off."""
    postgres = connection.dialect.name == "postgresql"

    def run(sql: str, **params: Any) -> None:
        if postgres:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(text(sql), params)
        if postgres:
            connection.execute(text("SET LOCAL session_replication_role = origin"))

    yield run


def test_chain_verifies_after_a_realistic_workflow(client: TestClient, keys: dict, session: Session) -> None:
    (first, second, third) = ingest(
        client,
        keys,
        ("w1", AD.format(phone="(702) 555-0101"), "Las Vegas"),
        ("w2", AD.format(phone="702 555 0101") + " Fresh faces.", "Phoenix"),
        ("w3", AD.format(phone="seven 0 two 555 0101") + " Call now.", "Denver"),
    )
    ingest(client, keys, ("w4", "Trek mountain bike, 21 speeds, $300.", "Austin"))
    confirm, escalate = client.post("/v1/cases/claim", json={"count": 2}, headers=keys["reviewer"]).json()
    assert (
        client.post(
            f"/v1/cases/{confirm['id']}/decision", json={"decision": "confirm"}, headers=keys["reviewer"]
        ).status_code
        == 200
    )
    escalated = client.post(
        f"/v1/cases/{escalate['id']}/decision",
        json={"decision": "escalate", "escalation_kind": "minor_involved", "notes": "school mention"},
        headers=keys["reviewer"],
    )
    assert escalated.status_code == 200
    notice = {"source": "site", "external_id": "w4", "category": "human_trafficking"}
    for _ in range(2):  # opens a notice case, then joins it
        assert client.post("/v1/notices", json=notice, headers=keys["integrator"]).status_code == 201
    held = escalate["posting_id"]
    unheld = next(r["posting_id"] for r in (first, second, third) if r["posting_id"] != held)
    assert client.delete(f"/v1/postings/{held}", headers=keys["integrator"]).status_code == 409
    assert client.delete(f"/v1/postings/{unheld}", headers=keys["integrator"]).status_code == 200
    create_key(session, name="late-key", role=Role.AUDITOR, actor="cli:ops")
    revoke_key(session, name="late-key", actor="cli:ops")
    session.commit()

    report = audit.verify(session)
    total = session.scalar(select(func.count()).select_from(AuditEvent))
    assert report.ok and report.broken is None
    assert report.rows_checked == total and report.head_seq == total
    seqs = list(session.scalars(select(AuditEvent.seq).order_by(AuditEvent.id)))
    assert seqs == list(range(1, total + 1))  # chain order is commit order, without gaps
    actions = Counter(e.action for e in events(session))
    for action in ("open", "claim", "decide", "escalate", "notice_added", "legal_hold_placed"):
        assert actions[action] >= 1, action
    for action in ("priority_boost", "posting_deleted", "key_created", "key_revoked"):
        assert actions[action] >= 1, action


def test_ingest_records_the_integrator_next_to_the_model(
    client: TestClient, keys: dict, session: Session
) -> None:
    (result,) = ingest(client, keys, ("i1", AD.format(phone="713 555 0142"), "Houston"))
    (opened,) = events(session, case_id=result["case_id"])
    assert opened.action == "open" and opened.actor_kind == "model" and opened.actor.startswith("model:")
    assert opened.details is not None and opened.details["ingested_by"] == "key:integrator"


def test_cluster_priority_boosts_are_audited_with_their_cause(
    client: TestClient, keys: dict, session: Session
) -> None:
    rows = [
        (f"b{n}", AD.format(phone="713 555 0142") + f" Ref {n}.", city)
        for n, city in enumerate(["Houston", "Dallas", "Austin"])
    ]
    first, second, third = ingest(client, keys, *rows)
    assert "network.contact_multi_city" in [s["id"] for s in third["network_signals"]]
    boosts = events(session, action="priority_boost")
    assert {e.case_id for e in boosts} >= {first["case_id"], second["case_id"]}
    for boost in boosts:
        assert boost.actor == "system:network" and boost.actor_kind == "system"
        assert boost.details is not None and boost.details["cluster_id"] == third["cluster_id"]
        assert boost.details["posting_id"] == third["posting_id"]
        assert "network.contact_multi_city" in boost.details["signals"]
        assert boost.from_state == boost.to_state == "open"


def test_legal_hold_placement_is_audited_with_the_reviewer(
    client: TestClient, keys: dict, session: Session
) -> None:
    (result,) = ingest(client, keys, ("h1", AD.format(phone="713 555 0199"), "Houston"))
    claimed = client.post("/v1/cases/claim", json={}, headers=keys["reviewer"]).json()
    assert claimed[0]["id"] == result["case_id"]
    body = {"decision": "escalate", "escalation_kind": "minor_involved", "notes": "looks underage"}
    client.post(f"/v1/cases/{result['case_id']}/decision", json=body, headers=keys["reviewer"])
    (placed,) = events(session, action="legal_hold_placed")
    assert placed.case_id == result["case_id"] and placed.actor == "key:reviewer"
    assert placed.details is not None and placed.details["posting_id"] == result["posting_id"]
    assert placed.reason == "minor_involved"


def test_key_creation_and_revocation_are_audited_with_the_operator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    assert (
        main(["create-key", "carol", "--role", "senior", "--actor", "ops:dana", "--database-url", url]) == 0
    )
    assert main(["revoke-key", "carol", "--database-url", url]) == 0
    assert main(["revoke-key", "carol", "--database-url", url]) == 0  # already revoked: no second event
    from moderation_api.db import make_engine, make_session_factory

    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        created, revoked = events(session)
        assert (created.action, created.actor, created.case_id) == ("key_created", "ops:dana", None)
        assert created.details == {"key_id": 1, "key_name": "carol", "role": "senior"}
        assert revoked.action == "key_revoked" and revoked.actor.startswith("cli:")
        assert audit.verify(session).ok
    engine.dispose()
    assert "vgl_" not in capsys.readouterr().err


def _three_events(session: Session) -> list[AuditEvent]:
    for n in range(3):
        audit.record(session, action="test_note", actor=f"test:{n}", actor_kind="human", notes=f"entry {n}")
        session.commit()
    return events(session, action="test_note")


def test_a_changed_audit_row_is_found_at_that_row(session: Session, tamper: Any) -> None:
    first, middle, _ = _three_events(session)
    assert audit.verify(session).ok
    tamper("UPDATE audit_events SET notes = 'nothing to see' WHERE id = :id", id=middle.id)
    report = audit.verify(session)
    assert not report.ok and report.broken is not None
    assert (report.broken.seq, report.broken.event_id) == (middle.seq, middle.id)
    assert "changed" in report.broken.problem and report.head_seq == first.seq


def test_a_recomputed_row_hash_is_found_at_that_row(session: Session, tamper: Any) -> None:
    """Changing a row and recomputing its own hash still breaks the link from the next row."""
    _, middle, last = _three_events(session)
    forged = {
        **{name: getattr(middle, name) for name in audit.chain.FIELDS},
        "actor": "test:someone-else",
    }
    new_hash = audit.chain.row_hash(forged, prev_hash=middle.prev_hash)
    tamper(
        "UPDATE audit_events SET actor = 'test:someone-else', row_hash = :h WHERE id = :id",
        h=new_hash,
        id=middle.id,
    )
    report = audit.verify(session)
    assert report.broken is not None and report.broken.event_id == last.id
    assert "does not link" in report.broken.problem


def test_a_removed_audit_row_is_reported_as_missing(session: Session, tamper: Any) -> None:
    _, middle, _ = _three_events(session)
    tamper("DELETE FROM audit_events WHERE id = :id", id=middle.id)
    report = audit.verify(session)
    assert report.broken is not None and report.broken.seq == middle.seq
    assert "missing" in report.broken.problem


def test_an_anchor_exposes_a_wholesale_rewrite(session: Session, connection: Connection, tamper: Any) -> None:
    _, middle, _ = _three_events(session)
    anchor = audit.verify(session)
    assert anchor.ok
    tamper("UPDATE audit_events SET notes = 'rewritten' WHERE id = :id", id=middle.id)
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL session_replication_role = replica"))
    audit.rebuild_chain(connection)  # the attacker recomputes every hash: the chain is consistent again
    assert audit.verify(session).ok
    report = audit.verify(session, anchor=f"{anchor.head_seq}:{anchor.head_hash}")
    assert not report.ok and report.broken is not None and "anchor" in report.broken.problem
    with pytest.raises(ValueError, match="SEQ:HASH"):
        audit.verify(session, anchor="not-an-anchor")


def test_events_of_a_rolled_back_transaction_never_reach_the_chain(session: Session) -> None:
    audit.record(session, action="test_note", actor="test:a", actor_kind="human")
    session.flush()
    session.rollback()
    audit.record(session, action="test_note", actor="test:b", actor_kind="human")
    session.commit()
    assert [e.actor for e in events(session, action="test_note")] == ["test:b"]
    assert audit.verify(session).ok


def test_postgres_refuses_update_delete_and_truncate_of_audit_rows(
    session: Session, connection: Connection
) -> None:
    if connection.dialect.name != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    (row, *_) = _three_events(session)
    for statement in (
        "UPDATE audit_events SET notes = 'x' WHERE id = :id",
        "DELETE FROM audit_events WHERE id = :id",
        "TRUNCATE audit_events",
    ):
        savepoint = connection.begin_nested()
        with pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text(statement), {"id": row.id})
        savepoint.rollback()
    assert audit.verify(session).rows_checked == 3


def test_concurrent_writers_keep_one_unbroken_chain(committed_factory: sessionmaker[Session]) -> None:
    writers, transactions, per_transaction = 8, 15, 3
    barrier = threading.Barrier(writers)

    def write(n: int) -> None:
        barrier.wait()
        with committed_factory() as session:
            for t in range(transactions):
                for e in range(per_transaction):
                    audit.record(session, action="test_note", actor=f"test:{n}", actor_kind="human",
                                 details={"transaction": t, "event": e})  # fmt: skip
                session.commit()

    with ThreadPoolExecutor(writers) as pool:
        list(pool.map(write, range(writers)))
    with committed_factory() as session:
        report = audit.verify(session)
        assert report.ok, report.broken
        assert report.rows_checked == writers * transactions * per_transaction
        by_writer = Counter(session.scalars(select(AuditEvent.actor)))
        assert set(by_writer.values()) == {transactions * per_transaction}
        # A transaction's events are consecutive in the chain: the chain lock is held from seal to commit.
        rows = session.execute(select(AuditEvent.actor, AuditEvent.details).order_by(AuditEvent.seq)).all()
        for start in range(0, len(rows), per_transaction):
            group = rows[start : start + per_transaction]
            assert len({(actor, details["transaction"]) for actor, details in group}) == 1


def test_migration_chains_the_rows_written_before_it(engine: Engine) -> None:
    """Rows from before 0005_audit_chain are chained in id order by the migration, content unchanged."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # as the migration environment does: batch table rebuilds need foreign keys off
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        transaction = connection.begin()
        try:
            config = alembic_config(engine)
            config.attributes["connection"] = connection
            command.downgrade(config, "0004")
            connection.execute(
                text(
                    "INSERT INTO postings (id, source, external_id, text, text_sha256, ingested_at,"
                    " model_name, model_version, risk_score, urgent_score, band, score)"
                    " VALUES (900, 's', 'e', 't', 'h',"
                    " :at, 'm', '1', 0.9, 0.1, 'review', '{}')"
                ),
                {"at": "2024-05-01 10:00:00+00"},
            )
            connection.execute(
                text(
                    "INSERT INTO cases (id, posting_id, state, queue, source, band, risk_score, minor,"
                    " categories, opened_at, notice_count, network_boost, version) VALUES (900, 900, 'open',"
                    " 'standard', 'automated', 'review', 0.9, false, '', :at, 0, false, 1)"
                ),
                {"at": "2024-05-01 10:00:00+00"},
            )
            for n, action in enumerate(["open", "claim", "release"]):
                connection.execute(
                    text(
                        "INSERT INTO audit_events (case_id, at, actor, actor_kind, action, to_state, details)"
                        " VALUES (900, :at, 'old', 'human', :action, 'open', :details)"
                    ),
                    {"at": f"2024-05-01 10:0{n}:00+00", "action": action, "details": f'{{"n": {n}}}'},
                )
            command.upgrade(config, "head")
            with Session(bind=connection) as session:
                report = audit.verify(session)
                assert report.ok and report.rows_checked == 3
                rows = session.execute(
                    select(AuditEvent.seq, AuditEvent.action).order_by(AuditEvent.id)
                ).all()
                assert [tuple(r) for r in rows] == [(1, "open"), (2, "claim"), (3, "release")]
        finally:
            transaction.rollback()
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def test_audit_verify_cli_names_the_first_broken_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    for name in ("k1", "k2", "k3"):
        assert main(["create-key", name, "--role", "reviewer", "--database-url", url]) == 0
    capsys.readouterr()
    assert main(["audit", "verify", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "audit chain OK: 3 rows" in out
    anchor = out.split("--anchor later): ")[1].strip()
    assert main(["audit", "verify", "--anchor", anchor, "--database-url", url]) == 0
    from moderation_api.db import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor = 'someone' WHERE seq = 2"))
    engine.dispose()
    capsys.readouterr()
    assert main(["audit", "verify", "--database-url", url]) == 1
    assert "BROKEN at seq 2" in capsys.readouterr().out
    assert main(["audit", "verify", "--anchor", "nonsense", "--database-url", url]) == 2


def test_chain_format_v1_is_the_documented_serialization() -> None:
    """Stored chains are verified with this format forever: any change to it must be a new version."""
    from datetime import UTC, datetime

    values = {
        "case_id": 7,
        "at": datetime(2026, 5, 1, 12, 0, 0, 5, tzinfo=UTC),
        "actor": "key:ana",
        "actor_kind": "human",
        "action": "decide",
        "from_state": "assigned",
        "to_state": "decided",
        "decision": "dismiss",
        "reason": "false_positive",
        "notes": "bakery — not an ad",
        "details": {"b": [1, 2.5], "a": None},
    }
    head = audit.chain.link(audit.chain.Head(41, "ab" * 32), values)
    expected = (
        '{"action":"decide","actor":"key:ana","actor_kind":"human","at":"2026-05-01T12:00:00.000005+00:00",'
        '"case_id":7,"decision":"dismiss","details":{"a":null,"b":[1,2.5]},"from_state":"assigned",'
        '"notes":"bakery \\u2014 not an ad","prev_hash":"' + "ab" * 32 + '","reason":"false_positive",'
        '"seq":42,"to_state":"decided"}'
    ).encode()
    assert audit.chain.canonical(values, prev_hash="ab" * 32) == expected
    assert values["row_hash"] == hashlib.sha256(b"vigil-audit-chain/v1\n" + expected).hexdigest()
    assert (head.seq, head.row_hash, values["prev_hash"]) == (42, values["row_hash"], "ab" * 32)
