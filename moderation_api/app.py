"""The FastAPI application: ``create_app(settings)`` wires routers, lifespan, limits, error answers and
operations (access log, metrics, health). Logging itself is configured by the process (`vigil api`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from classifier.results import TextScorer, Thresholds
from moderation_api import http_errors, observability
from moderation_api.appeals.router import router as appeals_router
from moderation_api.auth.router import router as auth_router
from moderation_api.cases import service as cases_service
from moderation_api.cases.router import router as cases_router
from moderation_api.datasets.router import router as datasets_router
from moderation_api.db import make_engine, make_session_factory
from moderation_api.model_info.router import router as model_router
from moderation_api.model_versions.router import router as model_versions_router
from moderation_api.model_versions.serving import ModelFollower, ScorerLoader, read_active
from moderation_api.network.router import router as network_router
from moderation_api.notices.router import router as notices_router
from moderation_api.postings.router import router as postings_router
from moderation_api.qa.router import router as qa_router
from moderation_api.reports.dsa import puid_key
from moderation_api.reports.router import router as reports_router
from moderation_api.rescoring import worker as rescore_worker
from moderation_api.settings import Settings
from moderation_api.webhooks import dispatcher
from moderation_api.webhooks.router import router as webhooks_router

log = logging.getLogger("vigil.api")

ROUTERS = (
    auth_router,
    postings_router,
    network_router,
    cases_router,
    notices_router,
    appeals_router,
    reports_router,
    model_router,
    model_versions_router,
    datasets_router,
    webhooks_router,
    qa_router,
)


def load_scorer_for(settings: Settings, model_dir: Path | None = None) -> TextScorer:
    """The scorer of a registered model directory, or else the configured one (imports the model stack
    only when asked for); the settings' threshold overrides apply to either."""
    scorer: TextScorer
    if model_dir is None and settings.scorer == "keyword":
        from classifier.baseline import KeywordScorer

        scorer = KeywordScorer()
    else:
        from classifier.scoring import load_scorer

        scorer = load_scorer(
            model_dir or settings.model_dir,
            encoder_dir=settings.encoder_dir,
            encoder_threads=settings.encoder_threads,
        )
    if settings.threshold_review is not None or settings.threshold_urgent is not None:
        base = scorer.thresholds
        scorer = scorer.with_thresholds(
            Thresholds(
                review=settings.threshold_review if settings.threshold_review is not None else base.review,
                urgent=settings.threshold_urgent if settings.threshold_urgent is not None else base.urgent,
            )
        )
    return scorer


def _sweep_once(session_factory: sessionmaker[Session]) -> int:
    with session_factory() as session:
        return cases_service.expire_leases(session)


async def _sweep_leases(session_factory: sessionmaker[Session], interval: float) -> None:
    """Return expired leases to the queue now and every ``interval`` seconds, for the process's lifetime.

    Every API process runs one; :func:`~moderation_api.cases.service.expire_leases` is safe to run from
    several at once.
    """
    while True:
        try:
            moved = await run_in_threadpool(_sweep_once, session_factory)
        except Exception as exc:  # e.g. the database is down: log it and try again next round
            log.warning("lease_sweep_failed", extra={"error": type(exc).__name__})
        else:
            if moved:
                log.info("lease_sweep", extra={"returned": moved})
        await asyncio.sleep(interval)


def _served_scorer(state: Any, version: str) -> TextScorer | None:
    """The scorer this process serves if it is ``version``'s (else None: the follower has not swapped yet)."""
    scorer: TextScorer | None = state.scorer
    return scorer if scorer is not None and scorer.model_version == version else None


def _startup_scorer(
    settings: Settings, session_factory: sessionmaker[Session], loader: ScorerLoader
) -> tuple[TextScorer, str | None]:
    """The registry's active version if there is one and it loads, else the configured model."""
    try:
        stamp = read_active(session_factory)
        if stamp is not None:
            return loader(Path(stamp.model_dir)), stamp.version
    except Exception as exc:  # serve the configured model; the follower tries the active one again
        log.error("active_model_unavailable", extra={"error": type(exc).__name__})
    return load_scorer_for(settings), None


def create_app(
    settings: Settings,
    *,
    scorer: TextScorer | None = None,
    session_factory: sessionmaker[Session] | None = None,
    scorer_loader: ScorerLoader | None = None,
) -> FastAPI:
    """Build the API. ``scorer`` / ``session_factory`` / ``scorer_loader`` (how a registered model
    directory becomes a scorer) are injected by tests; otherwise built in lifespan. The process follows
    the registry's active model when it owns its engine or is given a loader."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = None
        if session_factory is None:
            engine = make_engine(settings.database_url, settings=settings)
            if settings.run_migrations:
                from moderation_api.migrations import upgrade

                upgrade(engine)
            app.state.session_factory = make_session_factory(engine)
        loader = scorer_loader or partial(load_scorer_for, settings)
        served = None
        if scorer is not None:
            app.state.scorer = scorer
        else:
            app.state.scorer, served = await run_in_threadpool(
                _startup_scorer, settings, app.state.session_factory, loader
            )
        log.info("startup", extra={"model": app.state.scorer.model_version})
        follower = None
        if settings.model_check_seconds > 0 and (engine is not None or scorer_loader is not None):
            follower = ModelFollower(
                app.state,
                session_factory=app.state.session_factory,
                loader=loader,
                interval=settings.model_check_seconds,
                served=served,
            )
            follower.start()
        app.state.model_follower = follower
        # Only when the app owns its engine: an injected session factory may be one test connection.
        sweeper = None
        if engine is not None and settings.lease_sweep_seconds > 0:
            sweeper = asyncio.create_task(
                _sweep_leases(app.state.session_factory, settings.lease_sweep_seconds)
            )
        stop_dispatch = threading.Event()
        dispatch_thread = None
        if engine is not None and settings.webhook_dispatch_seconds > 0:
            # A thread of its own: HTTP attempts to slow endpoints never occupy the request thread pool.
            dispatch_thread = threading.Thread(
                target=dispatcher.run,
                kwargs={
                    "session_factory": app.state.session_factory,
                    "settings": settings,
                    "puid_secret": app.state.puid_secret,
                    "interval": settings.webhook_dispatch_seconds,
                    "stop": stop_dispatch,
                },
                name="vigil-webhook-dispatcher",
                daemon=True,
            )
            dispatch_thread.start()
        rescore_thread = None
        if engine is not None and settings.rescore_poll_seconds > 0:
            # Pending re-scoring runs of the model this process serves, scored with that same scorer (no
            # second copy of the model in memory), in a thread so requests never wait for a chunk.
            rescore_thread = threading.Thread(
                target=rescore_worker.run,
                kwargs={
                    "session_factory": app.state.session_factory,
                    "scorer_for": partial(_served_scorer, app.state),
                    "settings": settings,
                    "interval": settings.rescore_poll_seconds,
                    "stop": stop_dispatch,
                },
                name="vigil-rescore",
                daemon=True,
            )
            rescore_thread.start()
        yield
        if follower is not None:
            await follower.stop()
        stop_dispatch.set()
        if rescore_thread is not None:
            rescore_thread.join(timeout=5)  # a chunk cut short is given back (or its lease runs out)
        if dispatch_thread is not None:
            dispatch_thread.join(timeout=settings.webhook_timeout * 4)
        if sweeper is not None:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper
        if engine is not None:
            engine.dispose()

    app = FastAPI(
        title="Vigil moderation API",
        version="0.1.0",
        description="Trafficking-risk scoring of marketplace postings and the human review queue.",
        lifespan=lifespan,
        # FastAPI's limit answers 413 whether or not Content-Length was sent (chunked bodies too).
        max_body_size=settings.max_body_bytes,
    )
    app.state.settings = settings
    app.state.session_factory = session_factory
    app.state.scorer = scorer
    app.state.model_follower = None
    app.state.shadow = None  # the shadow version's scorer, when the registry has one (ModelFollower)
    app.state.puid_secret = puid_key(
        settings.puid_secret.get_secret_value() if settings.puid_secret else None
    )
    for router in ROUTERS:
        app.include_router(router)
    http_errors.install(app, settings)
    observability.install(app)
    return app
