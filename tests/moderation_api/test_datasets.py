"""Reviewed cases exported as labeled training rows: labels per decision, exclusions counted, deleted and
erased postings absent, the export audited, non-admin roles refused (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from classifier.baseline import KeywordScorer
from classifier.language import identify
from moderation_api.app import create_app
from moderation_api.audit.models import AuditEvent
from moderation_api.audit.schemas import ActorKind
from moderation_api.auth.schemas import Role
from moderation_api.auth.service import create_key
from moderation_api.cli import main
from moderation_api.datasets.service import NothingToExportError, export_reviewed
from moderation_api.postings.models import Posting
from moderation_api.settings import Settings
from tests.moderation_api.test_workflow_api import URGENT_AD, claim, ingest

TEXTS = {
    "confirm": URGENT_AD,
    "dismiss_fp": "Fresh young Russian girls just arrived in Denver, our girls do incall at the hotel, 200 "
    "roses, no cops, verify first. Kik only",
    "dismiss_dup": "Waitress job in Dubai, girls 18-25 pretty, no experience needed, visa and ticket "
    "advanced, repaid from salary, employer keeps passport. Telegram only",
    "escalate_minor": "Massage by new Thai girls, late hours, incall only, cash only, 120 donation hh, she "
    "will text you back, no LE",
    "undecided": "Hostess work abroad, all arranged: travel, housing and visa, placement fee 1500 deducted "
    "from wages, leave this week, WhatsApp only",
    "deleted": "Escort agency: our ladies Anna and Kim, outcall never, motel room 12, 180 roses per hour, "
    "no police, booking by our manager on Snap",
    "senior_confirm": "Sweet little Mia only 15 looking for a generous daddy after school her cousin "
    "arranges. incall",
}


def decide(client: TestClient, keys: dict, case_id: int, who: str = "reviewer", **body: Any) -> None:
    body.setdefault("notes", "checked")
    response = client.post(f"/v1/cases/{case_id}/decision", json=body, headers=keys[who])
    assert response.status_code == 200, response.text


def reviewed_database(client: TestClient, keys: dict) -> dict[str, dict]:
    """One case per decision kind, decided through the API; returns the ingest results by name."""
    results = ingest(client, keys, *((name, text) for name, text in TEXTS.items()))
    by_name = {result["external_id"]: result for result in results}
    assert all(result["case_id"] for result in results), results
    claim(client, keys, count=20)
    claim(client, keys, "senior", count=20, queue="senior")
    case = {name: result["case_id"] for name, result in by_name.items()}
    decide(client, keys, case["confirm"], decision="confirm")
    decide(client, keys, case["dismiss_fp"], decision="dismiss", reason="false_positive")
    decide(client, keys, case["dismiss_dup"], decision="dismiss", reason="duplicate")
    decide(client, keys, case["escalate_minor"], decision="escalate", escalation_kind="minor_involved")
    decide(client, keys, case["deleted"], decision="dismiss", reason="false_positive")
    decide(client, keys, case["senior_confirm"], "senior", decision="confirm")
    deleted = client.delete(f"/v1/postings/{by_name['deleted']['posting_id']}", headers=keys["integrator"])
    assert deleted.status_code == 200, deleted.text
    return by_name


def export(client: TestClient, keys: dict, who: str = "admin") -> Any:
    return client.post("/v1/datasets/reviewed", headers=keys[who])


def test_export_labels_each_decision_kind_and_counts_what_it_leaves_out(
    client: TestClient, keys: dict, session: Session
) -> None:
    by_name = reviewed_database(client, keys)
    # The stored score carries the language the scorer identified; this one is overwritten to check the
    # export reads it from the score.
    posting = session.get_one(Posting, by_name["confirm"]["posting_id"])
    session.execute(
        update(Posting).where(Posting.id == posting.id).values(score={**posting.score, "language": "en"})
    )
    session.commit()

    response = export(client, keys)
    assert response.status_code == 200, response.text
    body = response.json()
    rows = {row["posting_id"]: row for row in body["rows"]}
    labels = {
        name: rows[result["posting_id"]]["label"]
        for name, result in by_name.items()
        if result["posting_id"] in rows
    }
    assert labels == {"confirm": 1, "dismiss_fp": 0, "escalate_minor": 2, "senior_confirm": 2}
    assert body["summary"]["rows"] == 4
    assert body["summary"]["labels"] == {"0": 1, "1": 1, "2": 2}
    assert body["summary"]["excluded"] == {
        "undecided": 1,
        "dismissed_other_reason": 1,
        "posting_deleted": 1,
        "text_gone": 0,
        "second_review": 0,
    }
    confirmed = rows[by_name["confirm"]["posting_id"]]
    assert confirmed["text"] == TEXTS["confirm"] and confirmed["categories"] == ["sex_trafficking"]
    assert confirmed["case_id"] == by_name["confirm"]["case_id"]
    assert confirmed["model_version"] == by_name["confirm"]["model_version"]
    assert confirmed["cluster_id"] == by_name["confirm"]["cluster_id"]
    assert confirmed["language"] == "en" and confirmed["decision"] == "confirm" and confirmed["decided_at"]
    escalated = rows[by_name["escalate_minor"]["posting_id"]]
    assert escalated["decision"] == "escalate" and "minor_involved" in escalated["categories"]
    # the language the scorer identified and stored with the score
    assert escalated["decided_at"] is not None
    assert escalated["language"] == identify(TEXTS["escalate_minor"]).language
    assert rows[by_name["dismiss_fp"]["posting_id"]]["categories"] == []
    assert "minor_involved" in rows[by_name["senior_confirm"]["posting_id"]]["categories"]
    assert TEXTS["deleted"] not in response.text  # nor any trace of the deleted posting


def test_export_is_audited_with_who_and_how_many(client: TestClient, keys: dict, session: Session) -> None:
    reviewed_database(client, keys)
    assert export(client, keys).status_code == 200
    (event,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "dataset_exported")).all()
    assert (event.actor, event.actor_kind, event.case_id) == ("key:admin", "human", None)
    assert event.details is not None and event.details["rows"] == 4
    assert event.details["excluded"]["posting_deleted"] == 1
    assert not any(text in json.dumps(event.details) for text in TEXTS.values())


@pytest.mark.parametrize("role", [r.value for r in Role if r is not Role.ADMIN])
def test_non_admin_roles_may_not_export(client: TestClient, keys: dict, session: Session, role: str) -> None:
    reviewed_database(client, keys)
    response = export(client, keys, role)
    assert response.status_code == 403
    assert not any(text in response.text for text in TEXTS.values())
    assert session.scalars(select(AuditEvent).where(AuditEvent.action == "dataset_exported")).all() == []


def test_postings_whose_text_was_erased_are_left_out(
    client: TestClient, keys: dict, session: Session
) -> None:
    by_name = reviewed_database(client, keys)
    session.execute(
        update(Posting)
        .where(Posting.id == by_name["confirm"]["posting_id"])
        .values(text=None, text_sha256=None)
    )
    session.commit()
    body = export(client, keys).json()
    assert body["summary"]["excluded"]["text_gone"] == 1 and body["summary"]["rows"] == 3
    assert by_name["confirm"]["posting_id"] not in {row["posting_id"] for row in body["rows"]}


def test_exporting_with_no_decided_case_is_a_clear_error_and_audits_nothing(
    client: TestClient, keys: dict, session: Session
) -> None:
    ingest(client, keys, ("u1", URGENT_AD))
    response = export(client, keys)
    assert response.status_code == 409 and "undecided 1" in response.json()["detail"]
    with pytest.raises(NothingToExportError):
        export_reviewed(session, actor="test", actor_kind=ActorKind.HUMAN, sink=lambda row: None)
    assert session.scalars(select(AuditEvent).where(AuditEvent.action == "dataset_exported")).all() == []


def test_cli_writes_jsonl_and_leaves_no_file_when_nothing_is_exported(
    engine: Engine, committed_factory: sessionmaker[Session], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    output = tmp_path / "reviewed.jsonl"
    url = engine.url.render_as_string(hide_password=False)
    assert main(["dataset", "export", "--output", str(output), "--database-url", url]) == 2
    assert not output.exists() and not list(tmp_path.iterdir())
    assert "no decided case" in capsys.readouterr().err

    with committed_factory() as session:
        committed_keys = {
            role.value: {"X-API-Key": create_key(session, name=role.value, role=role, actor="test")}
            for role in Role
        }
        session.commit()
    settings = Settings(database_url=url, scorer="keyword", run_migrations=False)
    app = create_app(settings, scorer=KeywordScorer(), session_factory=committed_factory)
    with TestClient(app) as committed_client:
        reviewed_database(committed_client, committed_keys)
    assert main(["dataset", "export", "--output", str(output), "--database-url", url, "--actor", "ops"]) == 0
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert sorted(row["label"] for row in rows) == [0, 1, 2, 2]
    assert "exported 4 rows" in capsys.readouterr().out
    with committed_factory() as session:
        (event,) = session.scalars(select(AuditEvent).where(AuditEvent.action == "dataset_exported")).all()
        assert event.actor == "ops" and event.details is not None and event.details["rows"] == 4
