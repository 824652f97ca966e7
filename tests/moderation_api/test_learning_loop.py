"""The learning loop end to end (issue 13), with the real model on both backends: postings in → reviewers'
decisions, blind QA answers and blind double reviews → `dataset export` → a small candidate trained on it →
shadow → compare → promote → rollback, each step audited; the transparency report's error rates equal a
hand computation from the answers this test gave."""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from classifier.encoders import MODELS_DIR
from classifier.results import TextScorer
from classifier.scoring import load_scorer
from moderation_api.app import create_app
from moderation_api.audit.models import AuditEvent
from moderation_api.auth.schemas import Role
from moderation_api.auth.service import create_key
from moderation_api.cli import main
from moderation_api.db import utcnow
from moderation_api.demo import demo_postings
from moderation_api.model_versions.shadow import Shadow
from moderation_api.settings import Settings

pytestmark = pytest.mark.slow

SHIPPED = MODELS_DIR / "vigil-risk-1.1.0"
CANDIDATE = "1.1.1-loop"
Z = 1.959963984540054


@pytest.fixture(scope="module")
def shipped_scorer() -> TextScorer:
    return load_scorer(SHIPPED)


@pytest.fixture
def loop(
    settings: Settings, session_factory: sessionmaker[Session], shipped_scorer: TextScorer, tmp_path: Path
) -> Iterator[tuple[TestClient, Path]]:
    """The API serving the shipped model, every low-band posting sampled and every decision double reviewed
    (the rates are the rules under test here, not their sampling)."""
    root = tmp_path / "models"
    shutil.copytree(SHIPPED, root / SHIPPED.name)
    rules = {"qa_sample_rate": 1.0, "double_review_rate": 1.0, "models_root": root, "rescore_poll_seconds": 0}
    app = create_app(
        settings.model_copy(update=rules), scorer=shipped_scorer, session_factory=session_factory
    )
    with TestClient(app) as client:
        yield client, root


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _ingest(client: TestClient, keys: dict, rows: list[dict[str, Any]]) -> dict[int, int]:
    """Posting id → the posting's true label (demo rows carry one)."""
    labels: dict[int, int] = {}
    for start in range(0, len(rows), 20):
        batch = rows[start : start + 20]
        postings = [{k: v for k, v in row.items() if k != "label"} for row in batch]
        body = {"postings": json.loads(json.dumps(postings, default=lambda at: at.isoformat()))}
        results = _ok(client.post("/v1/postings", json=body, headers=keys["integrator"]))["results"]
        labels.update(
            {result["posting_id"]: row["label"] for result, row in zip(results, batch, strict=True)}
        )
    return labels


def _decide_queues(client: TestClient, keys: dict, labels: dict[int, int]) -> dict[int, tuple[str, bool]]:
    """Reviewers decide every standard and senior case by the truth; case id → (source, confirmed)."""
    decided: dict[int, tuple[str, bool]] = {}
    for who, queue in (("reviewer", "standard"), ("senior", "senior")):
        while cases := _ok(
            client.post("/v1/cases/claim", json={"count": 20, "queue": queue}, headers=keys[who])
        ):
            for case in cases:
                violation = labels.get(case["posting_id"], 1) > 0
                body: dict[str, Any] = (
                    {"decision": "confirm", "notes": "checked"}
                    if violation
                    else {"decision": "dismiss", "reason": "false_positive", "notes": "benign listing"}
                )
                _ok(client.post(f"/v1/cases/{case['id']}/decision", json=body, headers=keys[who]))
                decided[case["id"]] = (case["source"], violation)
    return decided


def _answer_blind(
    client: TestClient, keys: dict, labels: dict[int, int], decided: dict[int, tuple[str, bool]]
) -> tuple[list[bool], list[tuple[bool, bool]]]:
    """Other reviewers answer the blind cases until none is left: QA samples by the truth, double reviews
    agreeing except on every third (a QA answer is double reviewed too, by someone else). Returns the QA
    answers (violation?) and the (first decision, second review) pairs."""
    qa_answers: list[bool] = []
    pairs: list[tuple[bool, bool]] = []
    answerers = [("reviewer2", "qa"), ("senior2", "senior"), ("reviewer", "qa")]
    while True:
        answered = 0
        for who, queue in answerers:
            body = {"count": 20, "queue": queue}
            for case in _ok(client.post("/v1/cases/claim", json=body, headers=keys[who])):
                assert case["source"] in ("qa_sample", "double_review"), case["source"]
                assert case["band"] is None and case["risk_score"] is None  # blind
                if case["source"] == "qa_sample":
                    violation = labels[case["posting_id"]] > 0
                    qa_answers.append(violation)
                    decided[case["id"]] = ("qa_sample", violation)
                else:
                    first = decided[case["review_of"]][1]
                    violation = first if len(pairs) % 3 else not first
                    pairs.append((first, violation))
                answer = (
                    {"violation": True, "category": "sex_trafficking"} if violation else {"violation": False}
                )
                _ok(client.post(f"/v1/qa/cases/{case['id']}/answer", json=answer, headers=keys[who]))
                answered += 1
        if not answered:
            return qa_answers, pairs


def _wilson(k: int, n: int) -> tuple[float, float]:
    p, z2 = k / n, Z * Z
    centre, half = (
        (p + z2 / (2 * n)) / (1 + z2 / n),
        Z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n),
    )
    return centre - half, centre + half


def _kappa(pairs: list[tuple[bool, bool]]) -> float:
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    expected = first * second + (1 - first) * (1 - second)
    return (observed - expected) / (1 - expected)


def test_decisions_train_a_candidate_that_goes_through_shadow_promotion_and_rollback(
    loop: tuple[TestClient, Path], keys: dict, session: Session
) -> None:
    client, root = loop
    admin, senior = keys["admin"], keys["senior"]
    keys["senior2"] = {"X-API-Key": create_key(session, name="senior2", role=Role.SENIOR, actor="test")}
    session.commit()
    _ok(client.post("/v1/model/versions", json={"directory": SHIPPED.name}, headers=admin), 201)
    _ok(client.post("/v1/model/versions/1.1.0/promote", headers=admin))
    rows = demo_postings(90)
    labels = _ingest(client, keys, rows[:70])

    # Reviewers work the queues; blind QA samples and double reviews are answered by a second reviewer.
    decided = _decide_queues(client, keys, labels)
    qa_answers, pairs = _answer_blind(client, keys, labels, decided)
    assert qa_answers and pairs and len(pairs) == len(decided)  # every decision and QA answer re-reviewed

    # Export → a small real candidate (the runbook's commands).
    export = _ok(client.post("/v1/datasets/reviewed", headers=admin))
    assert export["summary"]["excluded"]["second_review"] == len(pairs)  # agreement data, not labels
    assert export["summary"]["labels"]["0"] >= len(qa_answers) - sum(qa_answers)  # "no violation" = benign
    reviewed = root / "reviewed.jsonl"
    reviewed.write_text("".join(json.dumps(row) + "\n" for row in export["rows"]), encoding="utf-8")
    args = ["train", "--version", CANDIDATE, "--reviewed", str(reviewed), "--compare-with", str(SHIPPED)]
    assert main([*args, "--corpus-limit", "60", "--models-dir", str(root), "--quiet"]) == 0
    candidate_dir = root / f"vigil-risk-{CANDIDATE}"
    card = json.loads((candidate_dir / "metrics.json").read_text(encoding="utf-8"))
    assert "reviewed" in json.dumps(card)

    # Shadow: registered, put in shadow, and (as the API's follower would) loaded beside the active model.
    _ok(client.post("/v1/model/versions", json={"directory": candidate_dir.name}, headers=admin), 201)
    _ok(client.post(f"/v1/model/versions/{CANDIDATE}/shadow", headers=admin))
    client.app.state.shadow = Shadow(version=CANDIDATE, scorer=load_scorer(candidate_dir))  # type: ignore[attr-defined]
    new_labels = _ingest(client, keys, rows[70:])
    labels.update(new_labels)
    decided.update(_decide_queues(client, keys, labels))
    comparison = _ok(client.get("/v1/model/compare", headers=senior))
    assert comparison["shadow_version"] == CANDIDATE and comparison["scored"] == len(new_labels)
    assert comparison["decided"] > 0 and comparison["shadow"] and comparison["active"]

    # Promote, then roll back: exactly one active version at each step, the API names it.
    _ok(client.post(f"/v1/model/versions/{CANDIDATE}/promote", headers=admin))
    versions = {v["version"]: v["status"] for v in _ok(client.get("/v1/model/versions", headers=admin))}
    assert versions == {"1.1.0": "retired", CANDIDATE: "active"}
    assert _ok(client.post("/v1/model/rollback", headers=admin))["version"] == "1.1.0"
    versions = {v["version"]: v["status"] for v in _ok(client.get("/v1/model/versions", headers=admin))}
    assert versions == {"1.1.0": "active", CANDIDATE: "retired"}

    actions = [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions.count("dataset_exported") == 1 and actions.count("model_registered") == 2
    # 1.1.0 promoted; candidate shadowed, promoted; rollback: candidate retired, 1.1.0 reactivated.
    assert actions.count("model_status_changed") >= 5 and actions.count("rescore_requested") == 3

    # The published error rates equal the hand computation on this test's answers.
    window = {
        "start": (utcnow() - timedelta(days=1)).isoformat(),
        "end": (utcnow() + timedelta(hours=1)).isoformat(),
    }
    report = _ok(client.get("/v1/reports/transparency", params=window, headers=keys["auditor"]))
    (whole,) = [
        r for r in report["error_rates"]["rows"] if r["whole_window"] and r["model_version"] == "1.1.0"
    ]
    miss = whole["miss_rate"]
    assert (miss["k"], miss["n"]) == (sum(qa_answers), len(qa_answers))
    assert (miss["low"], miss["high"]) == pytest.approx(_wilson(sum(qa_answers), len(qa_answers)))
    flags = [confirmed for source, confirmed in decided.values() if source == "automated"]
    assert (whole["flag_precision"]["k"], whole["flag_precision"]["n"]) == (sum(flags), len(flags))
    assert whole["agreement"]["n"] == len(pairs)
    assert whole["agreement"]["kappa"] == pytest.approx(_kappa(pairs))
    assert whole["miss_rate"]["small_sample"] == (len(qa_answers) < 30)
