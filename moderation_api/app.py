"""The FastAPI application: ``create_app(settings)`` wires routers, lifespan, limits, logs and metrics."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from sqlalchemy import text
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from classifier.results import TextScorer, Thresholds
from moderation_api.auth.router import router as auth_router
from moderation_api.cases import service as cases_service
from moderation_api.cases.router import router as cases_router
from moderation_api.db import make_engine, make_session_factory
from moderation_api.model_info.router import router as model_router
from moderation_api.network.router import router as network_router
from moderation_api.notices.router import router as notices_router
from moderation_api.postings.router import router as postings_router
from moderation_api.reports.router import router as reports_router
from moderation_api.settings import Settings

log = logging.getLogger("vigil.api")

ROUTERS = (
    auth_router,
    postings_router,
    network_router,
    cases_router,
    notices_router,
    reports_router,
    model_router,
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodySizeLimit:
    """Refuse request bodies over ``max_bytes`` with 413, whether or not Content-Length is sent."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLargeError
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLargeError:
            await self._too_large(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {"detail": f"request body exceeds the limit of {self.max_bytes} bytes"}, status_code=413
        )
        await response(scope, receive, send)


class _TooLargeError(Exception):
    pass


def load_scorer_for(settings: Settings) -> TextScorer:
    """The configured scorer (imports the model stack only when asked for)."""
    scorer: TextScorer
    if settings.scorer == "keyword":
        from classifier.baseline import KeywordScorer

        scorer = KeywordScorer()
    else:
        from classifier.scoring import load_scorer

        scorer = load_scorer(
            settings.model_dir, encoder_dir=settings.encoder_dir, encoder_threads=settings.encoder_threads
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
            log.warning(json.dumps({"event": "lease_sweep_failed", "error": type(exc).__name__}))
        else:
            if moved:
                log.info(json.dumps({"event": "lease_sweep", "returned": moved}))
        await asyncio.sleep(interval)


def create_app(
    settings: Settings,
    *,
    scorer: TextScorer | None = None,
    session_factory: sessionmaker[Session] | None = None,
) -> FastAPI:
    """Build the API. ``scorer`` / ``session_factory`` are injected by tests; otherwise built in lifespan."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = None
        if session_factory is None:
            engine = make_engine(settings.database_url)
            if settings.run_migrations:
                from moderation_api.migrations import upgrade

                upgrade(engine)
            app.state.session_factory = make_session_factory(engine)
        app.state.scorer = scorer if scorer is not None else load_scorer_for(settings)
        log.info(json.dumps({"event": "startup", "model": app.state.scorer.model_version}))
        # Only when the app owns its engine: an injected session factory may be one test connection.
        sweeper = None
        if engine is not None and settings.lease_sweep_seconds > 0:
            sweeper = asyncio.create_task(
                _sweep_leases(app.state.session_factory, settings.lease_sweep_seconds)
            )
        yield
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
    )
    app.state.settings = settings
    app.state.session_factory = session_factory
    app.state.scorer = scorer
    secret = (
        settings.puid_secret.get_secret_value().encode() if settings.puid_secret else secrets.token_bytes(32)
    )
    app.state.puid_secret = secret
    for router in ROUTERS:
        app.include_router(router)
    _add_operations(app)
    app.add_exception_handler(DataError, _data_error)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    return app


async def _data_error(request: Request, exc: Exception) -> JSONResponse:
    """A value the database refuses (e.g. NUL in a query parameter) is the client's input, not a crash."""
    log.warning("database refused a request value: %s", type(exc).__name__)
    return JSONResponse(
        status_code=422,
        content={"detail": "a value in the request cannot be used: out of range, or it contains NUL"},
    )


def _add_operations(app: FastAPI) -> None:
    registry = CollectorRegistry()
    requests = Counter(
        "vigil_http_requests_total", "HTTP requests", ("method", "route", "status"), registry=registry
    )
    latency = Histogram(
        "vigil_http_request_seconds", "HTTP request latency", ("method", "route"), registry=registry
    )

    @app.middleware("http")
    async def observe(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        response = await call_next(request)
        route = getattr(request.scope.get("route"), "path", "unmatched")
        elapsed = time.perf_counter() - started
        requests.labels(request.method, route, str(response.status_code)).inc()
        latency.labels(request.method, route).observe(elapsed)
        # Structured access log: route template and status only — never posting text or keys.
        log.info(
            json.dumps(
                {
                    "event": "request",
                    "method": request.method,
                    "route": route,
                    "status": response.status_code,
                    "ms": round(elapsed * 1000, 1),
                }
            )
        )
        return response

    @app.get("/healthz", tags=["operations"])
    def healthz() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["operations"])
    def readyz(request: Request) -> JSONResponse:
        """Readiness: the database answers and the model is loaded."""
        problems = []
        if request.app.state.scorer is None:
            problems.append("model not loaded")
        try:
            with request.app.state.session_factory() as session:
                session.execute(text("SELECT 1"))
        except Exception as exc:  # any driver error means not ready
            problems.append(f"database: {type(exc).__name__}")
        body = {"status": "ready" if not problems else "not ready", "problems": problems}
        return JSONResponse(body, status_code=200 if not problems else 503)

    @app.get("/metrics", tags=["operations"], response_class=Response)
    def metrics() -> Response:
        """Prometheus metrics."""
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
