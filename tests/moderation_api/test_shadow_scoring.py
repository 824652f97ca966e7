"""Shadow scoring with the real model (SQLite and PostgreSQL): the shadow version scores every new posting
and routes nothing; its failure never fails ingest; a running API loads it without a restart; the
comparison matches a hand computation on reviewers' decisions; bad shadow requests change nothing.

The shadow is a copy of the shipped 1.1.0 registered as ``1.1.0-strict``, whose review threshold is 0.95
instead of 0.5416: postings between the two are flagged by the active model only (a model that really
disagrees, without training one in a test). The shipped directory is registered, never written.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from classifier.artifacts import copy_as_version, load_config
from classifier.results import ScoreResult, TextScorer
from moderation_api.app import create_app, load_scorer_for
from moderation_api.audit.models import AuditEvent
from moderation_api.audit.schemas import ActorKind
from moderation_api.auth.schemas import Role
from moderation_api.auth.service import create_key
from moderation_api.cases.models import Case
from moderation_api.cli import main
from moderation_api.model_versions import service
from moderation_api.model_versions.compare import compare
from moderation_api.model_versions.models import ShadowScore
from moderation_api.model_versions.shadow import Shadow
from moderation_api.postings.models import Posting
from moderation_api.postings.schemas import PostingIn
from moderation_api.postings.service import ingest
from moderation_api.settings import Settings
from tests.conftest import REPO_ROOT
from tests.moderation_api.test_model_versions import model_dir, model_events, statuses

SHIPPED = REPO_ROOT / "models" / "vigil-risk-1.1.0"
HELDOUT = REPO_ROOT / "classifier" / "training" / "corpus" / "heldout.jsonl"
STRICT = "1.1.0-strict"
HUMAN = ActorKind.HUMAN
CUTOFF = Settings(database_url="sqlite://").category_cutoff


def heldout(count: int, *, skip: int = 0) -> list[dict[str, Any]]:
    with HELDOUT.open(encoding="utf-8") as rows:
        return [json.loads(line) for line in rows][skip : skip + count]


@pytest.fixture(scope="module")
def strict_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    thresholds = replace(load_config(SHIPPED).thresholds, review=0.95)
    target = tmp_path_factory.mktemp("models") / "vigil-risk-1.1.0-strict"
    return copy_as_version(SHIPPED, target, version=STRICT, thresholds=thresholds)


class Loader:
    """Loads real scorers, each directory once per module (loading is deterministic), counting loads."""

    def __init__(self) -> None:
        self.settings = Settings(database_url="sqlite://")
        self.cache: dict[Path, TextScorer] = {}
        self.loads: list[str] = []

    def __call__(self, path: Path) -> TextScorer:
        self.loads.append(path.name)
        key = path.resolve()
        if key not in self.cache:
            self.cache[key] = load_scorer_for(self.settings, key)
        return self.cache[key]


@pytest.fixture(scope="module")
def loader() -> Loader:
    return Loader()


def registry(session: Session, strict_dir: Path) -> None:
    """1.1.0 active, the strict copy in shadow."""
    service.register(session, model_dir=SHIPPED, actor="ops", actor_kind=HUMAN)
    service.register(session, model_dir=strict_dir, actor="ops", actor_kind=HUMAN)
    service.promote(session, version="1.1.0", actor="ops", actor_kind=HUMAN)
    service.shadow(session, version=STRICT, actor="ana", actor_kind=HUMAN)


def items(rows: list[dict[str, Any]], source: str = "site") -> list[PostingIn]:
    return [PostingIn(source=source, external_id=row["id"], text=row["text"]) for row in rows]


def test_shadow_scores_every_new_posting_and_routes_nothing(
    session: Session, loader: Loader, strict_dir: Path
) -> None:
    registry(session, strict_dir)
    rows = heldout(40)
    shadow = Shadow(version=STRICT, scorer=loader(strict_dir))
    results = ingest(
        session,
        scorer=loader(SHIPPED),
        items=items(rows),
        actor="key:integrator",
        category_cutoff=CUTOFF,
        shadow=shadow,
    )
    stored = {row.posting_id: row for row in session.scalars(select(ShadowScore))}
    assert set(stored) == {result.posting_id for result in results}
    expected = loader(strict_dir).score_texts([row["text"] for row in rows])
    for result, again in zip(results, expected, strict=True):
        row = stored[result.posting_id]
        assert (row.model_version, row.band) == (STRICT, str(again.band))
        assert row.risk_score == pytest.approx(again.risk_score, abs=1e-6)
        assert set(row.categories) == set(again.category_scores)
        assert row.latency_ms > 0 and row.active_latency_ms is not None and row.active_latency_ms > 0
    # The strict copy disagrees on some postings; whatever it says, routing follows the active model.
    disagree = [r for r in results if (r.band != "low") != (stored[r.posting_id].band != "low")]
    assert disagree, "the strict shadow should drop some of the active model's flags"
    for result in results:
        opened = result.band != "low" or bool(result.network_signals)
        assert (result.case_id is not None) == opened
    assert session.scalar(select(func.count()).select_from(Case)) == sum(1 for r in results if r.case_id)
    assert session.scalar(select(func.count()).where(Case.model_version == STRICT)) == 0
    assert set(session.scalars(select(Posting.model_version))) == {"1.1.0"}
    assert session.scalar(select(func.count()).where(AuditEvent.actor.like(f"%{STRICT}%"))) == 0
    # Retrying the batch stores nothing new, so the shadow scores nothing new.
    again_results = ingest(
        session,
        scorer=loader(SHIPPED),
        items=items(rows),
        actor="key:integrator",
        category_cutoff=CUTOFF,
        shadow=shadow,
    )
    assert not any(r.created for r in again_results)
    assert session.scalar(select(func.count()).select_from(ShadowScore)) == len(rows)


class Recorder:
    """A :class:`~moderation_api.model_versions.shadow.ShadowCounters` that keeps what it was told."""

    def __init__(self) -> None:
        self.scored_calls: list[tuple[str, int]] = []
        self.failed_calls: list[tuple[str, str]] = []

    def scored(self, version: str, count: int) -> None:
        self.scored_calls.append((version, count))

    def failed(self, version: str, error: str) -> None:
        self.failed_calls.append((version, error))


class QuotingFailure:
    """A shadow model that breaks, with an error message quoting the posting (which must not be logged)."""

    model_version = "broken"

    def score_texts(self, texts: list[str]) -> list[ScoreResult]:
        raise RuntimeError(f"cannot score {texts[0]!r}")


def test_a_failing_shadow_never_fails_ingest_and_is_logged_without_text_and_counted(
    session: Session, loader: Loader, caplog: pytest.LogCaptureFixture
) -> None:
    rows = heldout(6, skip=40)
    counters = Recorder()
    broken = Shadow(version="broken", scorer=QuotingFailure(), counters=counters)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="vigil.shadow"):
        results = ingest(
            session,
            scorer=loader(SHIPPED),
            items=items(rows),
            actor="key:integrator",
            category_cutoff=CUTOFF,
            shadow=broken,
        )
    assert [r.created for r in results] == [True] * len(rows)
    assert session.scalar(select(func.count()).select_from(Posting)) == len(rows)
    assert session.scalar(select(func.count()).select_from(ShadowScore)) == 0
    assert counters.failed_calls == [("broken", "RuntimeError")] and counters.scored_calls == []
    logged = [record for record in caplog.records if record.getMessage() == "shadow_scoring_failed"]
    assert len(logged) == 1
    dump = json.dumps(logged[0].__dict__, default=str)
    assert all(row["text"][:30] not in dump for row in rows)


def decide_all(client: TestClient, keys: dict, labels: dict[int, int]) -> dict[int, str]:
    """An admin claims every open case and decides it by the posting's held-out label: violation →
    confirm, none → dismiss as false positive; one case of each kind is dismissed as a duplicate instead
    (no label: left out of the comparison). Returns posting id → decision kind."""
    decided: dict[int, str] = {}
    duplicate_done = False
    for queue in ("standard", "senior"):
        while True:
            response = client.post(
                "/v1/cases/claim", json={"count": 20, "queue": queue}, headers=keys["admin"]
            )
            assert response.status_code == 200, response.text
            claimed = response.json()
            if not claimed:
                break
            for case in claimed:
                label = labels[case["posting_id"]]
                if not duplicate_done:
                    body, kind = {"decision": "dismiss", "reason": "duplicate"}, "duplicate"
                    duplicate_done = True
                elif label >= 1:
                    body, kind = {"decision": "confirm"}, "violation"
                else:
                    body, kind = {"decision": "dismiss", "reason": "false_positive"}, "none"
                answer = client.post(
                    f"/v1/cases/{case['id']}/decision",
                    json={**body, "notes": "checked"},
                    headers=keys["admin"],
                )
                assert answer.status_code == 200, answer.text
                decided[case["posting_id"]] = kind
    return decided


def wilson_ok(figure: dict[str, Any], successes: int, n: int) -> None:
    assert (figure["successes"], figure["n"]) == (successes, n)
    if n == 0:
        assert figure["value"] is None and figure["ci95"] is None
    else:
        assert figure["value"] == pytest.approx(successes / n, abs=1e-4)
        low, high = figure["ci95"]
        assert low <= successes / n <= high


def test_compare_matches_a_hand_computation_on_reviewers_decisions(
    settings: Settings,
    session_factory: sessionmaker[Session],
    session: Session,
    keys: dict,
    loader: Loader,
    strict_dir: Path,
) -> None:
    registry(session, strict_dir)
    session.commit()
    app = create_app(settings, scorer=loader(SHIPPED), session_factory=session_factory)
    app.state.shadow = Shadow(version=STRICT, scorer=loader(strict_dir))  # what the follower would load
    rows = heldout(60)
    with TestClient(app) as client:
        body = {"postings": [{"source": "site", "external_id": r["id"], "text": r["text"]} for r in rows]}
        response = client.post("/v1/postings", json=body, headers=keys["integrator"])
        assert response.status_code == 200, response.text
        results = response.json()["results"]
        labels = {r["posting_id"]: row["label"] for r, row in zip(results, rows, strict=True)}
        decisions = decide_all(client, keys, labels)
        for role in ("integrator", "reviewer", "auditor"):
            assert client.get("/v1/model/compare", headers=keys[role]).status_code == 403
        answer = client.get("/v1/model/compare", headers=keys["senior"])
        assert answer.status_code == 200, answer.text
        figures = answer.json()
    # By hand: the active band is what ingest answered, the shadow band its stored row.
    shadow_band = {
        pid: band for pid, band in session.execute(select(ShadowScore.posting_id, ShadowScore.band))
    }
    pairs = [(r["posting_id"], r["band"] != "low", shadow_band[r["posting_id"]] != "low") for r in results]
    truth = {pid: kind == "violation" for pid, kind in decisions.items() if kind != "duplicate"}
    decided = [p for p in pairs if p[0] in truth]
    assert figures["shadow_version"] == STRICT and figures["shadow_status"] == "shadow"
    assert (figures["scored"], figures["decided"]) == (len(rows), len(truth))
    wilson_ok(figures["case_agreement"], sum(a == s for _, a, s in decided), len(decided))
    band_same = sum(r["band"] == shadow_band[r["posting_id"]] for r in results if r["posting_id"] in truth)
    wilson_ok(figures["band_agreement"], band_same, len(decided))
    for side, index in (("active", 1), ("shadow", 2)):
        flagged = [p for p in decided if p[index]]
        hits = sum(truth[p[0]] for p in flagged)
        wilson_ok(figures[side]["precision"], hits, len(flagged))
        wilson_ok(figures[side]["recall"], hits, sum(truth.values()))
        assert (
            figures[side]["latency_p50_ms"] > 0
            and figures[side]["latency_p95_ms"] >= figures[side]["latency_p50_ms"]
        )
    assert figures["active"]["versions"] == {"1.1.0": len(rows)}
    active_only = [p for p in pairs if p[1] and not p[2]]
    assert active_only, "the strict shadow drops some of the active model's flags"
    assert figures["active_only"] == {
        "postings": len(active_only),
        "violation": sum(truth.get(p[0]) is True for p in active_only),
        "no_violation": sum(truth.get(p[0]) is False for p in active_only),
        "undecided": sum(p[0] not in truth for p in active_only),
    }
    assert figures["shadow_only"]["postings"] == sum(1 for p in pairs if p[2] and not p[1])
    assert sum(cell["postings"] for cell in figures["bands"]) == len(rows)
    # The service answers the same for a past shadow named explicitly.
    assert compare(session, version=STRICT).model_dump(mode="json") == figures


def test_bad_shadow_requests_are_clear_errors_and_change_nothing(
    session: Session, tmp_path: Path, strict_dir: Path, client: TestClient, keys: dict
) -> None:
    registry(session, strict_dir)
    other = model_dir(tmp_path / "b", "2.0.0", encoder="b" * 64)
    unknown = model_dir(tmp_path / "c", "3.0.0")
    config = json.loads((unknown / "config.json").read_text())
    del config["encoder"]
    (unknown / "config.json").write_text(json.dumps(config))
    gone = model_dir(tmp_path / "d", "4.0.0", encoder=service.active_version(session).encoder_sha256 or "")
    for path in (other, unknown, gone):
        service.register(session, model_dir=path, actor="ops", actor_kind=HUMAN)
    shutil.rmtree(gone)
    session.commit()
    before = (statuses(session), model_events(session))
    with pytest.raises(service.ModelNotFoundError, match=r"9\.9\.9"):
        service.shadow(session, version="9.9.9", actor="ops", actor_kind=HUMAN)
    with pytest.raises(service.EncoderMismatchError, match="encoder"):
        service.shadow(session, version="2.0.0", actor="ops", actor_kind=HUMAN)
    with pytest.raises(service.EncoderMismatchError, match="names no encoder"):
        service.shadow(session, version="3.0.0", actor="ops", actor_kind=HUMAN)
    with pytest.raises(service.EncoderMismatchError, match="names no encoder"):
        service.promote(session, version="3.0.0", actor="ops", actor_kind=HUMAN)
    with pytest.raises(service.InvalidModelDirError, match="is gone"):
        service.shadow(session, version="4.0.0", actor="ops", actor_kind=HUMAN)
    with pytest.raises(service.InvalidModelTransitionError):
        service.shadow(session, version="1.1.0", actor="ops", actor_kind=HUMAN)  # active → shadow
    assert client.post("/v1/model/versions/9.9.9/shadow", headers=keys["admin"]).status_code == 404
    mismatch = client.post("/v1/model/versions/2.0.0/shadow", headers=keys["admin"])
    assert mismatch.status_code == 409 and "encoder" in mismatch.json()["detail"]
    assert client.post("/v1/model/versions/2.0.0/promote", headers=keys["admin"]).status_code == 409
    assert client.get("/v1/model/compare?version=9.9.9", headers=keys["admin"]).status_code == 404
    assert client.get("/v1/model/compare?version=a%20b", headers=keys["admin"]).status_code == 422
    session.rollback()
    assert (statuses(session), model_events(session)) == before


def test_a_new_shadow_retires_the_previous_one_and_no_shadow_means_nothing_to_compare(
    session: Session, tmp_path: Path, strict_dir: Path, client: TestClient, keys: dict
) -> None:
    service.register(session, model_dir=SHIPPED, actor="ops", actor_kind=HUMAN)
    service.promote(session, version="1.1.0", actor="ops", actor_kind=HUMAN)
    session.commit()
    none = client.get("/v1/model/compare", headers=keys["senior"])
    assert none.status_code == 404 and "no version is in shadow" in none.json()["detail"]
    service.register(session, model_dir=strict_dir, actor="ops", actor_kind=HUMAN)
    service.shadow(session, version=STRICT, actor="ana", actor_kind=HUMAN)
    second = model_dir(tmp_path, "1.2.0", encoder=service.active_version(session).encoder_sha256 or "")
    service.register(session, model_dir=second, actor="ops", actor_kind=HUMAN)
    service.shadow(session, version="1.2.0", actor="bo", actor_kind=HUMAN)
    assert statuses(session) == {"1.1.0": "active", STRICT: "retired", "1.2.0": "shadow"}
    assert model_events(session)[-2:] == [
        (STRICT, "shadow", "retired", "bo"),
        ("1.2.0", "candidate", "shadow", "bo"),
    ]
    empty = client.get("/v1/model/compare", headers=keys["senior"]).json()
    assert (empty["shadow_version"], empty["scored"], empty["decided"]) == ("1.2.0", 0, 0)
    assert empty["active"]["precision"] == {"value": None, "ci95": None, "successes": 0, "n": 0}


@pytest.fixture
def following_app(
    engine: Engine, committed_factory: sessionmaker[Session], loader: Loader, strict_dir: Path
) -> Iterator[tuple[TestClient, dict[Role, dict[str, str]], Any]]:
    with committed_factory() as session:
        service.register(session, model_dir=SHIPPED, actor="ops", actor_kind=HUMAN)
        service.register(session, model_dir=strict_dir, actor="ops", actor_kind=HUMAN)
        service.promote(session, version="1.1.0", actor="ops", actor_kind=HUMAN)
        keys = {r: {"X-API-Key": create_key(session, name=r.value, role=r, actor="t")} for r in Role}
        session.commit()
    settings = Settings(
        database_url=engine.url.render_as_string(hide_password=False),
        run_migrations=False,
        model_check_seconds=0.05,
        metrics_public=True,
    )
    app = create_app(settings, session_factory=committed_factory, scorer_loader=loader)
    with TestClient(app) as client:
        yield client, keys, app


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_a_running_api_loads_the_shadow_without_restart_and_a_promoted_shadow_is_not_loaded_again(
    following_app: tuple[TestClient, dict[Role, dict[str, str]], Any],
    committed_factory: sessionmaker[Session],
    engine: Engine,
    loader: Loader,
    capsys: pytest.CaptureFixture[str],
) -> None:
    client, keys, app = following_app
    assert app.state.shadow is None
    loader.loads.clear()
    shadowed = client.post(f"/v1/model/versions/{STRICT}/shadow", headers=keys[Role.ADMIN])
    assert shadowed.status_code == 200, shadowed.text
    wait_for(lambda: app.state.shadow is not None, "the shadow to load")
    assert app.state.shadow.version == STRICT
    rows = heldout(8, skip=60)
    body = {"postings": [{"source": "s", "external_id": r["id"], "text": r["text"]} for r in rows]}
    assert client.post("/v1/postings", json=body, headers=keys[Role.INTEGRATOR]).status_code == 200
    with committed_factory() as session:
        assert session.scalar(select(func.count()).where(ShadowScore.model_version == STRICT)) == len(rows)
    metrics = client.get("/metrics").text
    assert f'vigil_shadow_scored_total{{version="{STRICT}"}} {float(len(rows))}' in metrics
    url = engine.url.render_as_string(hide_password=False)
    assert main(["model", "compare", "--database-url", url]) == 0
    printed = capsys.readouterr().out
    assert f"shadow {STRICT} (shadow)" in printed and f"{len(rows)} postings scored" in printed
    shadow_scorer = app.state.shadow.scorer
    promoted = client.post(f"/v1/model/versions/{STRICT}/promote", headers=keys[Role.ADMIN])
    assert promoted.status_code == 200, promoted.text
    wait_for(lambda: app.state.scorer is shadow_scorer and app.state.shadow is None, "the promotion")
    assert loader.loads == ["vigil-risk-1.1.0-strict"]  # loaded once, as the shadow


def test_concurrent_ingests_with_a_shadow_store_exactly_one_shadow_score_per_posting(
    committed_factory: sessionmaker[Session], loader: Loader, strict_dir: Path
) -> None:
    with committed_factory() as session:
        registry(session, strict_dir)
    rows = heldout(24, skip=70)
    # Four writers, overlapping halves: each posting is created by one of them, scored in shadow once.
    batches = [rows[:12], rows[6:18], rows[12:], rows[:6] + rows[18:]]
    shadow = Shadow(version=STRICT, scorer=loader(strict_dir))
    barrier = threading.Barrier(len(batches))
    errors: list[BaseException] = []

    def run(batch: list[dict[str, Any]]) -> None:
        with committed_factory() as session:
            barrier.wait()
            try:
                ingest(
                    session,
                    scorer=loader(SHIPPED),
                    items=items(batch),
                    actor="key:integrator",
                    category_cutoff=CUTOFF,
                    shadow=shadow,
                )
            except BaseException as exc:
                errors.append(exc)

    threads = [threading.Thread(target=run, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with committed_factory() as session:
        posting_ids = set(session.scalars(select(Posting.id)))
        scored = list(session.scalars(select(ShadowScore.posting_id)))
    assert len(posting_ids) == len(rows) and sorted(scored) == sorted(posting_ids)
