"""Delivering outbox events to webhook endpoints: claim, sign, send, record — at least once, in order per
posting, with exponential backoff and a dead letter.

Any number of dispatchers (threads of API processes, `vigil dispatcher` processes) can run against one
database. A dispatcher claims due deliveries in a short transaction — on PostgreSQL with
``FOR UPDATE SKIP LOCKED``, so concurrent dispatchers take different rows and never wait — and leases
them for three times the HTTP timeout; a delivery is never sent by two dispatchers at once. The HTTP
request happens outside any transaction, so a slow or failing endpoint holds no lock that ingest or a
decision could wait for. The result is recorded only if the claim is still the dispatcher's own.

Signatures follow the Standard Webhooks specification (``webhook-id``, ``webhook-timestamp``,
``webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>``), through the ``standardwebhooks``
package. ``webhook-id`` is the event's id, the same on every attempt and replay: receivers de-duplicate by it.
"""

from __future__ import annotations

import json
import logging
import random
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import exists, or_, select, update
from sqlalchemy.orm import Session, aliased, sessionmaker
from standardwebhooks.webhooks import Webhook

from moderation_api.db import is_postgres, utcnow
from moderation_api.reports.dsa import make_puid
from moderation_api.settings import Settings
from moderation_api.webhooks.models import DeliveryAttempt, OutboxEvent, WebhookDelivery, WebhookEndpoint
from moderation_api.webhooks.schemas import DeliveryStatus
from moderation_api.webhooks.service import TargetRefusedError, check_target

log = logging.getLogger("vigil.webhooks")
USER_AGENT = "Vigil-Webhooks/1"


@dataclass(frozen=True, slots=True)
class Claimed:
    """A delivery this dispatcher holds, with what it needs to send it."""

    delivery_id: int
    token: str
    attempt: int
    endpoint_id: int
    url: str
    secret: str
    event_id: int
    event_type: str
    occurred_at: datetime
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Outcome:
    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def lease_seconds(settings: Settings) -> float:
    """How long a claim lasts: the longest attempt (connect, write and read each bounded by the timeout;
    the response body is never read), with room to record its result."""
    return settings.webhook_timeout * 4


def backoff(attempt: int, *, base: float, cap: float) -> float:
    """Seconds before retry number ``attempt`` + 1: exponential, capped, with "equal jitter" (half fixed,
    half random), so retries of many deliveries spread out and never come back sooner than half the step."""
    step = min(cap, base * 2 ** (attempt - 1))
    return step / 2 + random.uniform(0, step / 2)


def claim_due(session: Session, *, limit: int, lease: float, now: datetime | None = None) -> list[Claimed]:
    """Claim up to ``limit`` due deliveries, oldest first, and commit the claim.

    A delivery is due when it is pending, its retry time has come, nobody holds a live lease on it, and no
    earlier delivery of the same posting to the same endpoint is still pending (so events of a posting
    arrive in order; a dead earlier one no longer holds the later ones back).
    """
    now = now or utcnow()
    earlier = aliased(WebhookDelivery)
    blocked = exists().where(
        earlier.endpoint_id == WebhookDelivery.endpoint_id,
        earlier.order_key == WebhookDelivery.order_key,
        earlier.status == str(DeliveryStatus.PENDING),
        earlier.id < WebhookDelivery.id,
    )
    query = (
        select(WebhookDelivery.id)
        .where(
            WebhookDelivery.status == str(DeliveryStatus.PENDING),
            WebhookDelivery.next_attempt_at <= now,
            or_(WebhookDelivery.lease_until.is_(None), WebhookDelivery.lease_until < now),
            ~blocked,
        )
        .order_by(WebhookDelivery.id)
        .limit(limit)
    )
    if is_postgres(session):
        query = query.with_for_update(skip_locked=True)
    ids = list(session.scalars(query))
    claimed: list[Claimed] = []
    if ids:
        token = secrets.token_hex(16)
        session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id.in_(ids))
            .values(
                lease_until=now + timedelta(seconds=lease),
                lease_token=token,
                attempts=WebhookDelivery.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        rows = session.execute(
            select(
                WebhookDelivery.id,
                WebhookDelivery.attempts,
                WebhookEndpoint.id.label("endpoint_id"),
                WebhookEndpoint.url,
                WebhookEndpoint.secret,
                OutboxEvent.id.label("event_id"),
                OutboxEvent.type,
                OutboxEvent.occurred_at,
                OutboxEvent.payload,
            )
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .join(OutboxEvent, OutboxEvent.id == WebhookDelivery.event_id)
            .where(WebhookDelivery.id.in_(ids))
            .order_by(WebhookDelivery.id)
        ).all()
        claimed = [
            Claimed(
                delivery_id=row.id,
                token=token,
                attempt=row.attempts,
                endpoint_id=row.endpoint_id,
                url=row.url,
                secret=row.secret,
                event_id=row.event_id,
                event_type=row.type,
                occurred_at=row.occurred_at,
                payload=row.payload,
            )
            for row in rows
        ]
    session.commit()
    return claimed


def message_id(event_id: int) -> str:
    return f"evt_{event_id}"


def render_body(claim: Claimed, *, puid_secret: bytes) -> str:
    """The JSON body (Standard Webhooks shape: type, timestamp, data). The DSA statement's puid is keyed
    with the deployment's secret, so it is added here rather than stored with the event."""
    data = dict(claim.payload)
    statement = data.get("dsa_statement")
    case = data.get("case")
    if isinstance(statement, dict) and isinstance(case, dict):
        data["dsa_statement"] = {**statement, "puid": make_puid(case["id"], secret=puid_secret)}
    body = {"type": claim.event_type, "timestamp": claim.occurred_at.isoformat(), "data": data}
    return json.dumps(body, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def signed_headers(claim: Claimed, body: str, *, now: datetime) -> dict[str, str]:
    msg_id = message_id(claim.event_id)
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(claim.secret).sign(msg_id=msg_id, timestamp=now, data=body),
    }


def send(claim: Claimed, *, client: httpx.Client, settings: Settings, puid_secret: bytes) -> Outcome:
    """One HTTP attempt, bounded by ``webhook_timeout``; never raises."""
    started = time.monotonic()

    def outcome(status_code: int | None, error: str | None) -> Outcome:
        return Outcome(status_code, error, round((time.monotonic() - started) * 1000))

    try:
        check_target(claim.url, allow_private=settings.webhook_allow_private_targets)
    except TargetRefusedError as exc:
        return outcome(None, str(exc)[:200])
    body = render_body(claim, puid_secret=puid_secret)
    try:
        # Streamed and closed unread: only the status line matters, and a receiver that sends a long or
        # slow body cannot stretch the attempt.
        with client.stream(
            "POST",
            claim.url,
            content=body.encode(),
            headers=signed_headers(claim, body, now=utcnow()),
            timeout=settings.webhook_timeout,
        ) as response:
            status_code = response.status_code
    except httpx.HTTPError as exc:
        # The class only: a transport error's text is the receiver's business, and can be long.
        return outcome(None, type(exc).__name__)
    return outcome(status_code, None if 200 <= status_code < 300 else f"HTTP {status_code}")


def record(session: Session, *, claim: Claimed, outcome: Outcome, settings: Settings) -> DeliveryStatus:
    """Store an attempt's result (if the claim is still ours) and its log line; commits."""
    now = utcnow()
    next_at = None
    if outcome.delivered:
        status = DeliveryStatus.DELIVERED
    elif claim.attempt >= settings.webhook_max_attempts:
        status = DeliveryStatus.DEAD
    else:
        status = DeliveryStatus.PENDING
        wait = backoff(
            claim.attempt, base=settings.webhook_backoff_seconds, cap=settings.webhook_backoff_max_seconds
        )
        next_at = now + timedelta(seconds=wait)
    values: dict[str, Any] = {
        "status": str(status),
        "lease_until": None,
        "lease_token": None,
        "last_status_code": outcome.status_code,
        "last_error": outcome.error,
    }
    if status is DeliveryStatus.DELIVERED:
        values["delivered_at"] = now
    if next_at is not None:
        values["next_attempt_at"] = next_at
    result = session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == claim.delivery_id, WebhookDelivery.lease_token == claim.token)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        # The lease ran out and another dispatcher (or a replay) took the delivery over: its result wins.
        log.warning("webhook_claim_lost", extra={"delivery_id": claim.delivery_id})
    session.add(
        DeliveryAttempt(
            delivery_id=claim.delivery_id,
            endpoint_id=claim.endpoint_id,
            attempt=claim.attempt,
            at=now,
            status_code=outcome.status_code,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
            outcome={DeliveryStatus.PENDING: "retry"}.get(status, str(status)),
            next_attempt_at=next_at,
        )
    )
    session.commit()
    if status is DeliveryStatus.DEAD:
        log.warning(
            "webhook_dead_letter",
            extra={
                "delivery_id": claim.delivery_id,
                "endpoint_id": claim.endpoint_id,
                "error": outcome.error,
            },
        )
    return status


def new_client() -> httpx.Client:
    # No redirects: a 3xx is a failed attempt, never a request to a URL nobody registered.
    return httpx.Client(follow_redirects=False, trust_env=False)


def dispatch_once(
    session_factory: sessionmaker[Session],
    *,
    client: httpx.Client,
    settings: Settings,
    puid_secret: bytes,
) -> int:
    """Claim one batch of due deliveries, send them concurrently, record the results; returns how many."""
    with session_factory() as session:
        claims = claim_due(session, limit=settings.webhook_batch, lease=lease_seconds(settings))
    if not claims:
        return 0

    def deliver(claim: Claimed) -> None:
        outcome = send(claim, client=client, settings=settings, puid_secret=puid_secret)
        with session_factory() as session:
            record(session, claim=claim, outcome=outcome, settings=settings)

    if len(claims) == 1:
        deliver(claims[0])
    else:
        with ThreadPoolExecutor(max_workers=len(claims), thread_name_prefix="vigil-webhook") as pool:
            list(pool.map(deliver, claims))
    return len(claims)


def run(
    session_factory: sessionmaker[Session],
    *,
    settings: Settings,
    puid_secret: bytes,
    interval: float,
    stop: threading.Event | None = None,
    on_error: Callable[[Exception], None] | None = None,
) -> None:
    """Dispatch until ``stop`` is set: straight on while there is work, every ``interval`` s when idle."""
    stop = stop or threading.Event()
    with new_client() as client:
        while not stop.is_set():
            try:
                sent = dispatch_once(
                    session_factory, client=client, settings=settings, puid_secret=puid_secret
                )
            except Exception as exc:  # e.g. the database is down: try again next round
                sent = 0
                if on_error is not None:
                    on_error(exc)
                log.warning("webhook_dispatch_failed", extra={"error": type(exc).__name__})
            if not sent:
                stop.wait(interval)
