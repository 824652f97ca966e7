"""Re-scoring on promotion, with the real model (vigil-risk 1.1.0) and copies of it registered under new
versions with other band thresholds (SQLite and PostgreSQL): priorities follow the new model, decided
cases stay as they were, newly flagged postings get cases, a superseded run stops, a killed `vigil
rescore` resumes and writes every chunk exactly once, two at once on PostgreSQL share the run, and no
posting text reaches their logs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from classifier.artifacts import copy_as_version, load_config
from classifier.results import Thresholds
from classifier.scoring import ModelScorer, load_scorer
from moderation_api.audit.models import AuditEvent
from moderation_api.audit.schemas import ActorKind
from moderation_api.auth.policy import Viewer
from moderation_api.auth.schemas import Principal, Role
from moderation_api.cases import service as cases
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseSource, CaseState, Decision, DismissReason, Queue
from moderation_api.db import utcnow
from moderation_api.model_versions import service as registry
from moderation_api.postings import service as postings
from moderation_api.postings.models import Posting
from moderation_api.postings.schemas import PostingIn
from moderation_api.rescoring import service, worker
from moderation_api.rescoring.models import RescoreChunk, RescoreRun
from moderation_api.settings import Settings
from tests.conftest import REPO_ROOT

SHIPPED = REPO_ROOT / "models" / "vigil-risk-1.1.0"
DEMO = REPO_ROOT / "moderation_api" / "demo_data" / "postings.jsonl"
HUMAN = ActorKind.HUMAN
STRICT = ("1.1.0-strict", Thresholds(review=0.95, urgent=0.9))
LENIENT = ("1.1.0-lenient", Thresholds(review=0.003, urgent=0.3264))


def demo_texts(n: int) -> list[str]:
    with DEMO.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for _, line in zip(range(n), lines, strict=False)]


def model_copy(root: Path, *, version: str, thresholds: Thresholds) -> Path:
    """The shipped model under another version and other band thresholds: the directory is copied (the
    shipped one is never written) and its config.json rewritten through the project's ModelConfig."""
    return copy_as_version(SHIPPED, root / f"vigil-risk-{version}", version=version, thresholds=thresholds)


@pytest.fixture(scope="module")
def base() -> ModelScorer:
    return load_scorer(SHIPPED)


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("models")
    return {version: model_copy(root, version=version, thresholds=t) for version, t in (STRICT, LENIENT)}


def scorer_of(base: ModelScorer, model_dir: Path) -> ModelScorer:
    """What load_scorer(model_dir) builds, sharing the already loaded estimator and encoder (the copy's
    skops file is the shipped one's): its version and thresholds come from the copy's config.json."""
    return ModelScorer(
        estimator=base.estimator, config=load_config(model_dir), encoder=base.encoder, model_dir=model_dir
    )


def ingest(session: Session, scorer: ModelScorer, texts: list[str]) -> None:
    items = [PostingIn(source="demo", external_id=f"ad-{n}", text=text) for n, text in enumerate(texts)]
    postings.ingest(session, scorer=scorer, items=items, actor="key:integrator", category_cutoff=0.5)


def activate(session: Session, model_dir: Path, *, hook: registry.ActivationHook | None) -> None:
    model = registry.register(session, model_dir=model_dir, actor="ops", actor_kind=HUMAN)
    registry.promote(session, version=model.version, actor="ops", actor_kind=HUMAN, on_activated=hook)


def principal(name: str, role: Role = Role.REVIEWER) -> Principal:
    return Principal(key_id=1, name=name, role=role)


def _facts(case: Case) -> tuple[str, str, float, str | None, int]:
    return (case.state, case.band, case.risk_score, case.assignee, case.version)


def rescore_events(session: Session, case_id: int) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.case_id == case_id, AuditEvent.action == "rescore")
    return list(session.scalars(query))


def test_promoting_a_stricter_copy_moves_open_cases_down_and_never_touches_decided_or_claimed_ones(
    session: Session,
    session_factory: sessionmaker[Session],
    settings: Settings,
    base: ModelScorer,
    copies: dict[str, Path],
) -> None:
    texts = demo_texts(80)
    ingest(session, base, texts)
    flagged = select(Case).where(Case.queue == str(Queue.STANDARD), Case.band != "low")
    standard = list(session.scalars(flagged.order_by(Case.risk_score)))
    # The two least risky flagged cases would fall below the strict review threshold: one is decided and
    # one held by a reviewer before the promotion.
    decided, held = standard[0], standard[1]
    assert decided.risk_score < 0.95 and held.risk_score < 0.95
    cases.claim_case(session, principal=principal("rita"), case_id=decided.id, lease_seconds=600)
    cases.record_decision(
        session,
        principal=principal("rita"),
        case_id=decided.id,
        decision=Decision.DISMISS,
        reason=DismissReason.FALSE_POSITIVE,
        escalation_kind=None,
        notes="a bakery",
        hold_days=365,
    )
    cases.claim_case(session, principal=principal("sam"), case_id=held.id, lease_seconds=600)
    session.commit()
    before = {c.id: _facts(c) for c in session.scalars(select(Case))}

    activate(session, SHIPPED, hook=None)
    strict_dir = copies[STRICT[0]]
    activate(session, strict_dir, hook=service.activation_hook(settings))
    (run,) = session.scalars(select(RescoreRun)).all()
    promoted = registry.get_version(session, version=STRICT[0])
    assert (run.model_version, run.trigger, run.status) == (STRICT[0], "promotion", "pending")
    assert run.since == promoted.activated_at - timedelta(days=settings.rescore_recent_days)

    strict = scorer_of(base, strict_dir)
    worker.work_pending(session_factory, scorer_for={STRICT[0]: strict}.get, settings=settings, worker="t")
    done = service.progress(session, run_id=run.id)
    assert (done.status, done.chunks_done, done.rescored) == ("done", done.chunks, len(texts))

    expected = {text: result for text, result in zip(texts, strict.score_texts(texts), strict=True)}
    for posting in session.scalars(select(Posting).execution_options(populate_existing=True)):
        want = expected[posting.text or ""]
        assert (posting.model_version, posting.band) == (STRICT[0], str(want.band))
        assert posting.risk_score == pytest.approx(want.risk_score)
    after = {c.id: c for c in session.scalars(select(Case).execution_options(populate_existing=True))}
    assert _facts(after[decided.id]) == before[decided.id]
    assert rescore_events(session, decided.id) == []
    assert (after[held.id].state, after[held.id].assignee, after[held.id].band) == (
        "assigned",
        "key:sam",
        "low",
    )
    fell = [c for c in after.values() if c.id != decided.id and c.band == "low" and before[c.id][1] != "low"]
    assert held in fell
    for case in after.values():
        if case.id == decided.id:
            continue
        posting = session.get_one(Posting, case.posting_id)
        assert (case.band, case.risk_score) == (posting.band, posting.risk_score)
        assert case.state == before[case.id][0]  # re-scoring never closes, decides or releases
        events = rescore_events(session, case.id)
        changed = (case.band, case.risk_score) != before[case.id][1:3]
        assert len(events) == (1 if changed else 0)
        for event in events:
            assert (event.actor, event.actor_kind) == (f"model:vigil-risk:{STRICT[0]}", "model")
            assert event.details is not None and event.details["run_id"] == run.id
    # The queue follows the new model: open cases that fell to low come after every case still flagged.
    queue, _ = cases.list_cases(
        session,
        viewer=Viewer(role=Role.SENIOR, category_cutoff=0.5),
        state=CaseState.OPEN,
        queue=Queue.STANDARD,
        limit=500,
    )
    plain = [c.band for c in queue if not c.minor and not c.network_boost]
    assert "low" in plain and plain == sorted(plain, key=lambda band: band == "low")


def test_a_lenient_copy_opens_cases_for_newly_flagged_postings_but_never_over_a_decision(
    session: Session,
    session_factory: sessionmaker[Session],
    settings: Settings,
    base: ModelScorer,
    copies: dict[str, Path],
) -> None:
    ingest(session, base, demo_texts(80))
    with_case = select(Case.posting_id)
    newly = list(
        session.scalars(
            select(Posting)
            .where(
                Posting.band == "low", Posting.risk_score >= LENIENT[1].review, Posting.id.not_in(with_case)
            )
            .order_by(Posting.id)
        )
    )
    assert len(newly) >= 2
    # One of them was reported by a user and dismissed: a human decided on it, the new model does not
    # reopen that question.
    reported = newly[0]
    notice = cases.open_case(
        session,
        posting=reported,
        source=CaseSource.NOTICE,
        actor="key:integrator",
        actor_kind="human",
        minor=False,
        categories=[],
    )
    cases.claim_case(session, principal=principal("rita"), case_id=notice.id, lease_seconds=600)
    cases.record_decision(
        session,
        principal=principal("rita"),
        case_id=notice.id,
        decision=Decision.DISMISS,
        reason=DismissReason.OUT_OF_SCOPE,
        escalation_kind=None,
        notes=None,
        hold_days=365,
    )
    session.commit()
    activate(session, SHIPPED, hook=None)
    lenient_dir = copies[LENIENT[0]]
    activate(session, lenient_dir, hook=service.activation_hook(settings))
    lenient = scorer_of(base, lenient_dir)
    worker.work_pending(session_factory, scorer_for={LENIENT[0]: lenient}.get, settings=settings, worker="t")
    (run,) = session.scalars(select(RescoreRun).execution_options(populate_existing=True)).all()
    assert run.status == "done"
    for posting in newly:
        opened = list(session.scalars(select(Case).where(Case.posting_id == posting.id).order_by(Case.id)))
        if posting.id == reported.id:
            assert [c.id for c in opened] == [notice.id]
            continue
        (case,) = opened
        assert (case.source, case.state, case.band, case.model_version) == (
            "automated",
            "open",
            "review",
            LENIENT[0],
        )
        (event,) = session.scalars(select(AuditEvent).where(AuditEvent.case_id == case.id))
        assert (event.action, event.actor, event.details["rescore_run"]) == (  # type: ignore[index]
            "open",
            f"model:vigil-risk:{LENIENT[0]}",
            run.id,
        )
    assert service.progress(session, run_id=run.id).cases_opened == len(newly) - 1


def test_a_run_stops_when_another_version_is_promoted_and_promotion_hooks_follow_the_setting(
    session: Session,
    session_factory: sessionmaker[Session],
    settings: Settings,
    base: ModelScorer,
    copies: dict[str, Path],
) -> None:
    ingest(session, base, demo_texts(12))
    activate(
        session,
        SHIPPED,
        hook=service.activation_hook(settings.model_copy(update={"rescore_on_promotion": False})),
    )
    assert session.scalars(select(RescoreRun)).all() == []
    hook = service.activation_hook(settings)
    activate(session, copies[STRICT[0]], hook=hook)
    activate(session, copies[LENIENT[0]], hook=hook)
    scorers = {v: scorer_of(base, copies[v]) for v in (STRICT[0], LENIENT[0])}
    worker.work_pending(session_factory, scorer_for=scorers.get, settings=settings, worker="t")
    runs = {
        r.model_version: r
        for r in session.scalars(select(RescoreRun).execution_options(populate_existing=True))
    }
    assert (runs[STRICT[0]].status, runs[LENIENT[0]].status) == ("superseded", "done")
    strict_chunks = select(RescoreChunk).where(RescoreChunk.run_id == runs[STRICT[0]].id)
    assert all(chunk.status == "pending" for chunk in session.scalars(strict_chunks))
    assert {p.model_version for p in session.scalars(select(Posting))} == {LENIENT[0]}
    # A rollback is an activation too: the version active before comes back with a run of its own.
    registry.rollback(session, actor="ops", actor_kind=HUMAN, on_activated=hook)
    latest = session.scalars(select(RescoreRun).order_by(RescoreRun.id.desc()).limit(1)).one()
    assert (latest.model_version, latest.trigger, latest.status) == (STRICT[0], "rollback", "pending")
    actions = [
        e.action for e in session.scalars(select(AuditEvent).where(AuditEvent.action.like("rescore_%")))
    ]
    assert Counter(actions) == {"rescore_requested": 3, "rescore_finished": 2}


# ------------------------------------------------------------------------------ processes: kill, share


def _command(url: str, since: str, chunk_size: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "moderation_api.cli",
        "rescore",
        "--since",
        since,
        "--chunk-size",
        str(chunk_size),
        "--database-url",
        url,
        "--actor",
        "ops",
    ]


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "HF_HUB_OFFLINE": "1",
        "VIGIL_ENCODER_THREADS": "1",
        "VIGIL_LOG_LEVEL": "INFO",
        # A killed worker's chunk is claimable again this soon.
        "VIGIL_RESCORE_LEASE_SECONDS": "3",
    }


def _start(url: str, since: str, chunk_size: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as err:
        return subprocess.Popen(
            _command(url, since, chunk_size), cwd=REPO_ROOT, env=_env(), stdout=subprocess.PIPE, stderr=err
        )


def _chunks_written(log: Path) -> list[int]:
    """The chunk numbers a process logged as written (one JSON object per line)."""
    written = []
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            if record.get("message") == "rescore_chunk_done":
                written.append(int(record["chunk"]))
    return written


@pytest.fixture
def prepared(
    engine: Engine, committed_factory: sessionmaker[Session], base: ModelScorer, copies: dict[str, Path]
) -> Iterator[tuple[str, list[str]]]:
    """A committed database: 40 demo postings scored by 1.1.0, then the strict copy active."""
    texts = demo_texts(40)
    with committed_factory() as session:
        ingest(session, base, texts)
        activate(session, SHIPPED, hook=None)
        activate(session, copies[STRICT[0]], hook=None)
    yield engine.url.render_as_string(hide_password=False), texts


def _check_complete(factory: sessionmaker[Session], texts: list[str], written: list[int]) -> RescoreRun:
    with factory() as session:
        (run,) = session.scalars(select(RescoreRun)).all()
        chunks = list(session.scalars(select(RescoreChunk).order_by(RescoreChunk.seq)))
        assert run.status == "done" and all(chunk.status == "done" for chunk in chunks)
        # Every chunk written exactly once, across all processes.
        assert sorted(written) == [chunk.seq for chunk in chunks]
        assert sum(chunk.rescored for chunk in chunks) == len(texts)
        assert {p.model_version for p in session.scalars(select(Posting))} == {STRICT[0]}
        for case_id in session.scalars(select(Case.id).where(Case.state != "decided")):
            assert len(rescore_events(session, case_id)) <= 1
    return run


def _no_text_in(logs: list[str], texts: list[str]) -> None:
    blob = "\n".join(logs)
    for text in texts:
        assert text not in blob and text[:40] not in blob


def test_a_killed_rescore_resumes_where_it_stopped_and_writes_every_chunk_once(
    prepared: tuple[str, list[str]], committed_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    url, texts = prepared
    since = (utcnow() - timedelta(days=1)).date().isoformat()
    first = _start(url, since, 2, tmp_path / "first.log")
    deadline = time.monotonic() + 300
    done = 0
    while done < 2 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        with committed_factory() as session:
            done = len(session.scalars(select(RescoreChunk.id).where(RescoreChunk.status == "done")).all())
    assert first.poll() is None, "the first process ended before it could be killed"
    first.send_signal(signal.SIGKILL)
    first.wait()
    with committed_factory() as session:
        left = session.scalars(select(RescoreChunk.id).where(RescoreChunk.status == "pending")).all()
    assert left, "every chunk was written before the kill"

    second = subprocess.run(
        _command(url, since, 2), cwd=REPO_ROOT, env=_env(), capture_output=True, timeout=600
    )
    assert second.returncode == 0, second.stderr.decode()[-2000:]
    assert "resuming run" in second.stderr.decode()
    (tmp_path / "second.log").write_bytes(second.stderr)
    written = _chunks_written(tmp_path / "first.log") + _chunks_written(tmp_path / "second.log")
    run = _check_complete(committed_factory, texts, written)

    again = subprocess.run(
        _command(url, since, 2), cwd=REPO_ROOT, env=_env(), capture_output=True, timeout=600
    )
    assert again.returncode == 0 and f"nothing to do: run {run.id}" in again.stdout.decode()
    with committed_factory() as session:
        assert len(session.scalars(select(RescoreRun)).all()) == 1
    logs = [(tmp_path / "first.log").read_text(), second.stderr.decode(), second.stdout.decode()]
    _no_text_in([*logs, again.stdout.decode(), again.stderr.decode()], texts)


@pytest.fixture
def postgres_only(engine: Engine) -> None:
    """Skips before the (slow) database preparation: several workers at once is a PostgreSQL setup."""
    if engine.dialect.name != "postgresql":
        pytest.skip("several workers at once is a PostgreSQL setup (SQLite: one worker at a time)")


@pytest.mark.postgres
def test_two_rescore_processes_on_postgres_share_a_run_without_writing_a_chunk_twice(
    postgres_only: None,
    prepared: tuple[str, list[str]],
    committed_factory: sessionmaker[Session],
    tmp_path: Path,
) -> None:
    url, texts = prepared
    since = (utcnow() - timedelta(days=1)).date().isoformat()
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    processes = [_start(url, since, 1, log) for log in logs]
    for process in processes:
        assert process.wait(timeout=600) == 0, process
    written = [_chunks_written(log) for log in logs]
    assert all(written), f"one process wrote no chunk: {[len(w) for w in written]}"
    _check_complete(committed_factory, texts, written[0] + written[1])
    _no_text_in([log.read_text() for log in logs], texts)


def test_an_api_process_rescores_in_the_background_after_a_promotion_through_its_api(
    engine: Engine,
    committed_factory: sessionmaker[Session],
    base: ModelScorer,
    copies: dict[str, Path],
) -> None:
    from fastapi.testclient import TestClient

    from moderation_api.app import create_app
    from moderation_api.auth.service import create_key

    texts = demo_texts(12)
    with committed_factory() as session:
        ingest(session, base, texts)
        activate(session, SHIPPED, hook=None)
        registry.register(session, model_dir=copies[STRICT[0]], actor="ops", actor_kind=HUMAN)
        admin = {"X-API-Key": create_key(session, name="admin", role=Role.ADMIN, actor="test")}
        session.commit()
    loaded = {SHIPPED.resolve(): base, copies[STRICT[0]].resolve(): scorer_of(base, copies[STRICT[0]])}
    settings = Settings(
        database_url=engine.url.render_as_string(hide_password=False),
        run_migrations=False,
        model_check_seconds=0.2,
        rescore_poll_seconds=0.2,
        lease_sweep_seconds=0,
        webhook_dispatch_seconds=0,
    )
    app = create_app(settings, scorer_loader=lambda path: loaded[path.resolve()])
    with TestClient(app) as client:
        response = client.post(f"/v1/model/versions/{STRICT[0]}/promote", headers=admin)
        assert response.status_code == 200, response.text
        deadline = time.monotonic() + 120
        status = "pending"
        while status != "done" and time.monotonic() < deadline:
            time.sleep(0.2)
            with committed_factory() as session:
                status = session.scalars(select(RescoreRun.status)).one()
        assert status == "done"
    with committed_factory() as session:
        assert {p.model_version for p in session.scalars(select(Posting))} == {STRICT[0]}
        (run,) = session.scalars(select(RescoreRun)).all()
        assert (run.trigger, run.requested_by) == ("promotion", "key:admin")


def test_rescore_command_refuses_bad_input_and_a_registry_without_an_active_version(
    engine: Engine, committed_factory: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    from moderation_api.cli import main

    base_args = ["rescore", "--database-url", engine.url.render_as_string(hide_password=False)]
    assert main([*base_args, "--since", "last week"]) == 2
    assert "--since takes an ISO date" in capsys.readouterr().err
    assert main([*base_args, "--since", "2026-11-01", "--chunk-size", "0"]) == 2
    assert main([*base_args, "--since", "2026-11-01"]) == 2
    assert "no model version is active" in capsys.readouterr().err
    with committed_factory() as session:
        assert session.scalars(select(RescoreRun)).all() == []
    assert main([*base_args, "--list"]) == 0
