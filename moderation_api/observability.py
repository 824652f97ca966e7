"""Operations: the access log, request metrics, the last-resort 500, and /healthz, /readyz, /metrics.

:class:`RequestObserver` is a plain ASGI middleware around the whole application, so it sees every
response — including the 500 it writes itself for an exception nothing else handled. That exception is
logged as types and code locations only (:func:`moderation_api.logs.error_summary`), counted, and
answered with a generic body; because it never propagates to the server, the client's keep-alive
connection stays usable.
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, Response, status
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from sqlalchemy import text
from starlette.exceptions import HTTPException as StarletteHTTPException

from moderation_api.logs import error_summary
from moderation_api.settings import Settings

access_log = logging.getLogger("vigil.access")
error_log = logging.getLogger("vigil.errors")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass
class HttpMetrics:
    """The Prometheus series of one app (own registry: several apps in one process never collide)."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        self.requests = Counter(
            "vigil_http_requests_total",
            "HTTP requests by route template and status (5xx included)",
            ("method", "route", "status"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "vigil_http_request_seconds", "HTTP request latency", ("method", "route"), registry=self.registry
        )
        self.unhandled = Counter(
            "vigil_http_unhandled_errors_total",
            "Exceptions no handler mapped to a response (answered 500), by exception type",
            ("error",),
            registry=self.registry,
        )


class ShadowMetrics:
    """Shadow scoring's series in an app's registry (``app.state.shadow_counters``): what it scored, and
    the batches it failed on — which ingest answered as usual."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self._scored = Counter(
            "vigil_shadow_scored_total",
            "Ingested postings the shadow model version scored",
            ("version",),
            registry=registry,
        )
        self._failed = Counter(
            "vigil_shadow_failures_total",
            "Ingest batches the shadow model version failed to score or store (ingest unaffected)",
            ("version", "error"),
            registry=registry,
        )

    def scored(self, version: str, count: int) -> None:
        self._scored.labels(version).inc(count)

    def failed(self, version: str, error: str) -> None:
        self._failed.labels(version, error).inc()


def _route(scope: Scope) -> str:
    return str(getattr(scope.get("route"), "path", "unmatched"))


class RequestObserver:
    """Count, time and access-log every HTTP request; turn an unhandled exception into a logged 500."""

    def __init__(self, app: ASGIApp, metrics: HttpMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status_code: int | None = None
        sending_failed = False

        async def observed_send(message: Message) -> None:
            nonlocal status_code, sending_failed
            if message["type"] == "http.response.start":
                status_code = int(message["status"])
            try:
                await send(message)
            except BaseException:
                sending_failed = True
                raise

        try:
            await self.app(scope, receive, observed_send)
        except StarletteHTTPException:
            raise  # a framework signal (the body limit's 413) that the framework's outer layer answers
        except Exception as exc:
            if sending_failed:
                raise  # the outer layers' own signal (the body limit replaced our response), or a gone client
            summary = error_summary(exc)
            self.metrics.unhandled.labels(summary["error"]).inc()
            error_log.error(
                "unhandled error", extra={"method": scope["method"], "route": _route(scope), **summary}
            )
            if status_code is None:
                status_code = 500
                body = {"detail": "internal error; it has been logged"}
                await JSONResponse(body, status_code=500)(scope, receive, send)
        finally:
            self._record(scope, status_code or 500, time.perf_counter() - started)

    def _record(self, scope: Scope, status_code: int, elapsed: float) -> None:
        route, method = _route(scope), scope["method"]
        self.metrics.requests.labels(method, route, str(status_code)).inc()
        self.metrics.latency.labels(method, route).observe(elapsed)
        # Route template and status only: never the path's ids, the query string, bodies or keys.
        access_log.info(
            "request",
            extra={"method": method, "route": route, "status": status_code, "ms": round(elapsed * 1000, 1)},
        )


metrics_bearer = HTTPBearer(auto_error=False, description="VIGIL_METRICS_TOKEN")


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def require_metrics_access(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(metrics_bearer)],
) -> None:
    """``/metrics`` is open only with ``VIGIL_METRICS_PUBLIC=true`` or the ``VIGIL_METRICS_TOKEN`` bearer.

    A token, not an API key: scraping must keep working while the database (where keys live) is down,
    and a scraper needs no role that can read cases.
    """
    settings = _settings(request)
    if settings.metrics_public:
        return
    if settings.metrics_token is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "metrics are not exposed: set VIGIL_METRICS_TOKEN (scrapers send it as a bearer token) "
            "or VIGIL_METRICS_PUBLIC=true",
        )
    expected = settings.metrics_token.get_secret_value().encode()
    given = credentials.credentials.encode() if credentials is not None else b""
    if not hmac.compare_digest(given, expected):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "send the metrics token as 'Authorization: Bearer <VIGIL_METRICS_TOKEN>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _ping_database(request: Request) -> None:
    with request.app.state.session_factory() as session:
        session.execute(text("SELECT 1"))


def operations_router(metrics: HttpMetrics) -> APIRouter:
    router = APIRouter(tags=["operations"])
    # Readiness checks run in their own two threads: a database that stopped answering can tie them up
    # but never the request threads, and /readyz still answers on time.
    limiter = anyio.CapacityLimiter(2)

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        """Liveness: the process answers (no database, no thread pool)."""
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        """Readiness: the database answers within ``VIGIL_READYZ_TIMEOUT`` and the model is loaded."""
        settings = _settings(request)
        problems = []
        if request.app.state.scorer is None:
            problems.append("model not loaded")
        try:
            with anyio.fail_after(settings.readyz_timeout):
                await anyio.to_thread.run_sync(
                    _ping_database, request, abandon_on_cancel=True, limiter=limiter
                )
        except TimeoutError:
            problems.append(f"database: no answer within {settings.readyz_timeout:g} s")
        except Exception as exc:  # any driver error means not ready
            problems.append(f"database: {type(exc).__name__}")
        body = {"status": "ready" if not problems else "not ready", "problems": problems}
        if not problems:
            return JSONResponse(body)
        return JSONResponse(body, status_code=503, headers={"Retry-After": str(settings.db_retry_after)})

    @router.get("/metrics", response_class=Response, dependencies=[Depends(require_metrics_access)])
    def prometheus_metrics() -> Response:
        """Prometheus metrics (see ``require_metrics_access`` for who may read them)."""
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return router


def install(app: FastAPI) -> None:
    """Add the operations endpoints and the request observer (outermost of the app's middleware)."""
    metrics = HttpMetrics()
    app.state.shadow_counters = ShadowMetrics(metrics.registry)
    app.include_router(operations_router(metrics))
    app.add_middleware(RequestObserver, metrics=metrics)
