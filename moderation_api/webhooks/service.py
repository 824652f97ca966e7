"""Webhook endpoints (registration, removal), delivery logs and replay; admins only (see the router).

Delivering is :mod:`moderation_api.webhooks.dispatcher`'s job; events are written by
:mod:`moderation_api.webhooks.outbox`.
"""

from __future__ import annotations

import base64
import ipaddress
import secrets
import socket
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session

from moderation_api.audit import service as audit
from moderation_api.audit.schemas import ActorKind, AuditAction
from moderation_api.db import is_postgres, utcnow
from moderation_api.errors import ConflictError, InvalidInputError, NotFoundError
from moderation_api.webhooks import outbox  # noqa: F401  (registers the outbox's seal hook)
from moderation_api.webhooks.models import DeliveryAttempt, OutboxEvent, WebhookDelivery, WebhookEndpoint
from moderation_api.webhooks.schemas import AttemptOut, DeliveryOut, DeliveryStatus, EventType

SECRET_PREFIX = "whsec_"


class WebhookError(Exception):
    """Base of the webhook domain errors."""


class EndpointNotFoundError(WebhookError, NotFoundError):
    pass


class TargetRefusedError(WebhookError, InvalidInputError):
    """The URL is not an allowed webhook target (HTTP 422)."""


class EndpointRemovedError(WebhookError, ConflictError):
    """The endpoint was removed: nothing is sent to it again (HTTP 409)."""


def new_secret() -> str:
    """A Standard Webhooks signing secret: ``whsec_`` + base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _address_allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone (fe80::1%eth0) is not part of it
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_target(url: str, *, allow_private: bool, resolve: bool = True) -> None:
    """Refuse anything but an http(s) URL whose host resolves to public addresses only.

    Loopback, private, link-local (cloud metadata), CGNAT and reserved addresses are refused unless
    ``allow_private``: an endpoint is a request the server makes, so it must not reach the internal
    network. The dispatcher checks again before every attempt (a name can be re-pointed after it was
    registered), and never follows redirects.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise TargetRefusedError("the URL cannot be parsed") from exc
    if parts.scheme not in ("http", "https"):
        raise TargetRefusedError("only http and https URLs can receive webhooks")
    if not parts.hostname:
        raise TargetRefusedError("the URL has no host")
    if parts.username is not None or parts.password is not None:
        raise TargetRefusedError("credentials in the URL are not accepted: authenticate by the signature")
    if allow_private or not resolve:
        return
    try:
        found = socket.getaddrinfo(parts.hostname, port or (443 if parts.scheme == "https" else 80))
    except (OSError, UnicodeError) as exc:
        raise TargetRefusedError(f"the host {parts.hostname!r} cannot be resolved") from exc
    for *_, sockaddr in found:
        if not _address_allowed(str(sockaddr[0])):
            raise TargetRefusedError(
                f"the host {parts.hostname!r} resolves to a non-public address; "
                "set VIGIL_WEBHOOK_ALLOW_PRIVATE_TARGETS to allow it"
            )


def add_endpoint(
    session: Session,
    *,
    url: str,
    event_types: Sequence[EventType],
    description: str | None,
    actor: str,
    allow_private: bool,
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint (audited); returns it and its signing secret, which is shown only now."""
    check_target(url, allow_private=allow_private)
    secret = new_secret()
    endpoint = WebhookEndpoint(
        url=url,
        event_types="," + ",".join(sorted({str(t) for t in event_types})) + ",",
        description=description,
        secret=secret,
        created_at=utcnow(),
        created_by=actor,
    )
    session.add(endpoint)
    session.flush()
    _audit(session, endpoint=endpoint, action=AuditAction.WEBHOOK_ADDED, actor=actor)
    session.commit()
    return endpoint, secret


def list_endpoints(session: Session, *, include_removed: bool = False) -> list[WebhookEndpoint]:
    query = select(WebhookEndpoint).order_by(WebhookEndpoint.id)
    if not include_removed:
        query = query.where(WebhookEndpoint.removed_at.is_(None))
    return list(session.scalars(query))


def get_endpoint(session: Session, *, endpoint_id: int) -> WebhookEndpoint:
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        raise EndpointNotFoundError(f"webhook endpoint {endpoint_id} not found")
    return endpoint


def remove_endpoint(session: Session, *, endpoint_id: int, actor: str) -> WebhookEndpoint:
    """Stop sending to an endpoint (audited); its pending deliveries are dead-lettered, its logs kept."""
    endpoint = get_endpoint(session, endpoint_id=endpoint_id)
    if endpoint.removed_at is None:
        endpoint.removed_at = utcnow()
        session.execute(
            update(WebhookDelivery)
            .where(
                WebhookDelivery.endpoint_id == endpoint.id,
                WebhookDelivery.status == str(DeliveryStatus.PENDING),
            )
            .values(status=str(DeliveryStatus.DEAD), last_error="endpoint removed", lease_until=None)
        )
        _audit(session, endpoint=endpoint, action=AuditAction.WEBHOOK_REMOVED, actor=actor)
        session.commit()
    return endpoint


def deliveries(
    session: Session,
    *,
    endpoint_id: int,
    status: DeliveryStatus | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[DeliveryOut], int]:
    """An endpoint's deliveries, newest first, each with its attempt log."""
    get_endpoint(session, endpoint_id=endpoint_id)
    conditions = [WebhookDelivery.endpoint_id == endpoint_id]
    if status is not None:
        conditions.append(WebhookDelivery.status == str(status))
    total = session.scalar(select(func.count()).select_from(WebhookDelivery).where(*conditions)) or 0
    rows = session.execute(
        select(WebhookDelivery, OutboxEvent.type)
        .join(OutboxEvent, OutboxEvent.id == WebhookDelivery.event_id)
        .where(*conditions)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    logs: dict[int, list[AttemptOut]] = defaultdict(list)
    ids = [delivery.id for delivery, _ in rows]
    if ids:
        for attempt in session.scalars(
            select(DeliveryAttempt).where(DeliveryAttempt.delivery_id.in_(ids)).order_by(DeliveryAttempt.id)
        ):
            logs[attempt.delivery_id].append(AttemptOut.model_validate(attempt))
    items = [
        DeliveryOut(
            id=d.id,
            event_id=d.event_id,
            event_type=event_type,
            endpoint_id=d.endpoint_id,
            status=DeliveryStatus(d.status),
            attempts=d.attempts,
            created_at=d.created_at,
            next_attempt_at=d.next_attempt_at,
            delivered_at=d.delivered_at,
            last_status_code=d.last_status_code,
            last_error=d.last_error,
            log=logs[d.id],
        )
        for d, event_type in rows
    ]
    return items, total


def replay(
    session: Session, *, endpoint_id: int, delivery_ids: Sequence[int] | None, dead: bool, actor: str
) -> int:
    """Send deliveries of an endpoint again, with a fresh attempt budget (audited); returns how many.

    ``delivery_ids`` names delivered or dead deliveries; ``dead`` adds every dead one. A pending delivery
    is already on its way and is left alone, so a replay never sends an event twice at the same time.
    """
    endpoint = get_endpoint(session, endpoint_id=endpoint_id)
    if endpoint.removed_at is not None:
        raise EndpointRemovedError(f"webhook endpoint {endpoint_id} was removed; register it again")
    chosen = WebhookDelivery.status == str(DeliveryStatus.DEAD) if dead else None
    if delivery_ids:
        named = WebhookDelivery.id.in_(list(delivery_ids))
        chosen = named if chosen is None else (chosen | named)
    if chosen is None:
        return 0
    result = session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.endpoint_id == endpoint_id,
            WebhookDelivery.status != str(DeliveryStatus.PENDING),
            chosen,
        )
        .values(
            status=str(DeliveryStatus.PENDING),
            attempts=0,
            next_attempt_at=utcnow(),
            lease_until=None,
            lease_token=None,
        )
        .execution_options(synchronize_session=False)
    )
    count = int(result.rowcount)  # type: ignore[attr-defined]
    _audit(
        session, endpoint=endpoint, action=AuditAction.WEBHOOK_REPLAYED, actor=actor, extra={"count": count}
    )
    session.commit()
    return count


def _audit(
    session: Session,
    *,
    endpoint: WebhookEndpoint,
    action: AuditAction,
    actor: str,
    extra: dict[str, int] | None = None,
) -> None:
    audit.record(
        session,
        actor=actor,
        actor_kind=ActorKind.HUMAN,
        action=action,
        # The host only: a URL path or query can carry a token of the receiver's.
        details={"endpoint_id": endpoint.id, "host": urlsplit(endpoint.url).hostname, **(extra or {})},
    )


@dataclass(frozen=True)
class PruneCounts:
    events: int = 0
    deliveries: int = 0
    attempts: int = 0


def prune(
    session: Session,
    *,
    delivered_days: int,
    dead_days: int,
    actor: str,
    now: datetime | None = None,
    batch: int = 500,
) -> PruneCounts:
    """Delete outbox events older than ``delivered_days`` whose every delivery succeeded (or that had none),
    and those older than ``dead_days`` whose deliveries ended delivered or dead; with their deliveries and
    attempt logs. An event with a pending delivery (due, retrying or replayed) is never deleted.

    Batches of ``batch`` events, each its own transaction, so a long purge holds no lock for long and an
    interrupted one resumes where it stopped. On PostgreSQL the events are taken ``FOR UPDATE SKIP LOCKED``
    and their deliveries locked and checked again, so a concurrent replay (dead → pending) is never lost.
    """
    now = now or utcnow()
    delivered_before, dead_before = now - timedelta(days=delivered_days), now - timedelta(days=dead_days)
    pending = exists().where(
        WebhookDelivery.event_id == OutboxEvent.id, WebhookDelivery.status == str(DeliveryStatus.PENDING)
    )
    dead = exists().where(
        WebhookDelivery.event_id == OutboxEvent.id, WebhookDelivery.status == str(DeliveryStatus.DEAD)
    )
    eligible = or_(
        and_(OutboxEvent.occurred_at < delivered_before, ~dead),
        OutboxEvent.occurred_at < dead_before,
    )
    totals = PruneCounts()
    after_id = 0
    while True:
        query = (
            select(OutboxEvent.id, OutboxEvent.occurred_at)
            .where(OutboxEvent.id > after_id, eligible, ~pending)
            .order_by(OutboxEvent.id)
            .limit(batch)
        )
        if is_postgres(session):
            query = query.with_for_update(skip_locked=True)
        events = session.execute(query).all()
        if not events:
            session.commit()
            break
        after_id = events[-1].id
        ids = [row.id for row in events]
        deliveries_query = select(WebhookDelivery.id, WebhookDelivery.event_id, WebhookDelivery.status).where(
            WebhookDelivery.event_id.in_(ids)
        )
        if is_postgres(session):
            deliveries_query = deliveries_query.with_for_update()
        deliveries = session.execute(deliveries_query).all()
        # Checked again on the locked rows: a replay may have made a delivery pending since the read above.
        occurred = {row.id: row.occurred_at for row in events}
        keep = {
            d.event_id
            for d in deliveries
            if d.status == str(DeliveryStatus.PENDING)
            or (d.status == str(DeliveryStatus.DEAD) and occurred[d.event_id] >= dead_before)
        }
        ids = [event_id for event_id in ids if event_id not in keep]
        delivery_ids = [d.id for d in deliveries if d.event_id not in keep]
        attempts = 0
        if delivery_ids:
            attempts = session.execute(
                delete(DeliveryAttempt).where(DeliveryAttempt.delivery_id.in_(delivery_ids))
            ).rowcount  # type: ignore[attr-defined]
            session.execute(delete(WebhookDelivery).where(WebhookDelivery.id.in_(delivery_ids)))
        if ids:
            session.execute(delete(OutboxEvent).where(OutboxEvent.id.in_(ids)))
        session.commit()
        totals = PruneCounts(
            totals.events + len(ids), totals.deliveries + len(delivery_ids), totals.attempts + attempts
        )
        if len(events) < batch:
            break
    if totals.events:
        audit.record(
            session,
            actor=actor,
            actor_kind=ActorKind.SYSTEM,
            action=AuditAction.WEBHOOKS_PRUNED,
            details={
                "events": totals.events,
                "deliveries": totals.deliveries,
                "attempts": totals.attempts,
                "delivered_days": delivered_days,
                "dead_days": dead_days,
            },
        )
        session.commit()
    return totals
