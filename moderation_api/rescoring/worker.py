"""Working re-scoring runs: the loop shared by `vigil rescore --since`, `vigil rescore --worker` and the
background thread of each API process (see :mod:`moderation_api.rescoring.service` for the protocol).

Logs carry run ids, chunk numbers and counts, never posting text.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from classifier.results import TextScorer
from moderation_api.db import utcnow
from moderation_api.model_versions.models import ModelVersion
from moderation_api.rescoring import service
from moderation_api.rescoring.schemas import RunStatus
from moderation_api.settings import Settings

log = logging.getLogger("vigil.rescore")

# The scorer of a model version, or None while it is not available (e.g. an API process still loading it).
ScorerFor = Callable[[str], TextScorer | None]


def worker_id() -> str:
    """Who claims chunks, for the chunk rows and logs: host, process and a per-worker nonce."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(3)}"


class ScorerCache:
    """Loads the scorer of a registered version once (a process re-scoring for several runs in a row)."""

    def __init__(self, session_factory: sessionmaker[Session], loader: Callable[[Path], TextScorer]) -> None:
        self._session_factory, self._loader = session_factory, loader
        self._version: str | None = None
        self._scorer: TextScorer | None = None

    def __call__(self, version: str) -> TextScorer | None:
        if version != self._version:
            with self._session_factory() as session:
                model_dir = session.scalar(
                    select(ModelVersion.model_dir).where(ModelVersion.version == version)
                )
            if model_dir is None:
                return None
            self._scorer, self._version = None, None  # free the old model before loading the next
            self._scorer, self._version = self._loader(Path(model_dir)), version
        return self._scorer


def work_run(
    session_factory: sessionmaker[Session],
    *,
    run_id: int,
    scorer_for: ScorerFor,
    settings: Settings,
    worker: str,
    wait: bool,
    stop: threading.Event | None = None,
) -> RunStatus:
    """Claim, score and write the run's chunks. With ``wait`` return only when the run is finished (waiting
    for chunks other workers hold, or whose worker died and whose lease must run out); without, return when
    no chunk is free. Returns the run's status then."""
    stop = stop or threading.Event()
    with session_factory() as session:
        run = service.get_run(session, run_id=run_id)
        session.commit()
        if run.status != str(RunStatus.PENDING):
            return RunStatus(run.status)
        scorer = scorer_for(run.model_version)
        if scorer is None or scorer.model_version != run.model_version:
            return RunStatus.PENDING
        if run.planned_at is None:
            run = service.plan(session, run_id=run_id)
        while not stop.is_set():
            if not service.still_active(session, run=run):
                log.info("rescore_superseded", extra={"run_id": run_id, "model": run.model_version})
                return RunStatus.SUPERSEDED
            claim = service.claim_chunk(
                session, run=run, worker=worker, lease_seconds=settings.rescore_lease_seconds
            )
            if claim is None:
                if service.finish_if_complete(session, run_id=run_id):
                    status = RunStatus(service.get_run(session, run_id=run_id).status)
                    session.commit()
                    log.info("rescore_finished", extra={"run_id": run_id, "status": str(status)})
                    return status
                if not wait:
                    return RunStatus.PENDING
                until = service.next_lease_end(session, run_id=run_id)
                delay = 1.0 if until is None else (until - utcnow()).total_seconds()
                stop.wait(min(max(delay, 0.05), 1.0))
                continue
            try:
                _work_chunk(session, claim=claim, scorer=scorer, settings=settings, worker=worker)
            except BaseException:
                # Stopped (Ctrl-C, SIGTERM) or failed before the write: give the chunk back at once rather
                # than leave it to its lease. (A killed process cannot; its lease runs out.)
                with contextlib.suppress(Exception):
                    session.rollback()
                    service.release_chunk(session, claim=claim)
                raise
    return RunStatus.PENDING


def _work_chunk(
    session: Session, *, claim: service.Claim, scorer: TextScorer, settings: Settings, worker: str
) -> None:
    items = service.read_chunk(session, claim=claim)
    # Scored with no transaction open: the write below is short and holds its locks only for the writes.
    results = scorer.score_texts([item.text for item in items]) if items else []
    outcome = service.apply_chunk(
        session,
        claim=claim,
        scored=list(zip(items, results, strict=True)),
        category_cutoff=settings.category_cutoff,
    )
    where = {"run_id": claim.run_id, "chunk": claim.seq, "worker": worker}
    if outcome is None:
        log.warning("rescore_chunk_lost", extra=where)  # its lease ran out and another worker wrote it
        return
    log.info(
        "rescore_chunk_done",
        extra={
            **where,
            "rescored": outcome.rescored,
            "bands_changed": outcome.bands_changed,
            "cases_updated": outcome.cases_updated,
            "cases_opened": outcome.cases_opened,
        },
    )


def work_pending(
    session_factory: sessionmaker[Session],
    *,
    scorer_for: ScorerFor,
    settings: Settings,
    worker: str,
    stop: threading.Event | None = None,
) -> int:
    """One round: work every pending run of the active version as far as chunks are free; runs of versions
    that no longer serve are marked superseded. Returns how many runs were looked at."""
    with session_factory() as session:
        stale = service.stale_runs(session)
        model = service.active_version(session)
        version = model.version if model is not None else None
        session.commit()
        for run_id in stale:
            service.still_active(session, run=service.get_run(session, run_id=run_id))
        runs = service.pending_runs(session, model_version=version) if version is not None else []
    for run_id in runs:
        work_run(
            session_factory,
            run_id=run_id,
            scorer_for=scorer_for,
            settings=settings,
            worker=worker,
            wait=False,
            stop=stop,
        )
    return len(runs)


def run(
    session_factory: sessionmaker[Session],
    *,
    scorer_for: ScorerFor,
    settings: Settings,
    interval: float,
    stop: threading.Event | None = None,
) -> None:
    """Work pending runs every ``interval`` seconds until ``stop`` is set (API thread, `--worker`)."""
    stop = stop or threading.Event()
    worker = worker_id()
    while not stop.is_set():
        try:
            work_pending(session_factory, scorer_for=scorer_for, settings=settings, worker=worker, stop=stop)
        except Exception as exc:  # e.g. the database is down: try again next round
            log.warning("rescore_failed", extra={"error": type(exc).__name__})
        stop.wait(interval)
