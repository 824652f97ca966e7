"""The transactional outbox of platform events, webhook endpoints, and the deliveries of events to them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from moderation_api.db import Base, UTCDateTime, utcnow


class OutboxEvent(Base):
    """One event a platform acts on, written in the transaction of the change it reports.

    ``payload`` holds ids, decisions, categories and reason codes — never posting text (see
    :mod:`moderation_api.webhooks.outbox`). Ids grow in commit order: rows are inserted while the audit
    chain lock is held, which every transition's transaction takes at commit.
    """

    __tablename__ = "outbox_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(40), index=True)
    case_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    posting_id: Mapped[int | None] = mapped_column(Integer, default=None)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class WebhookEndpoint(Base):
    """A platform URL subscribed to some event types. The signing secret is stored as issued: an HMAC
    needs the key itself, so unlike API keys it cannot be kept as a hash (see the README)."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    # ",case.decided,appeal.decided," — a plain string, matched like Case.categories.
    event_types: Mapped[str] = mapped_column(String(400))
    description: Mapped[str | None] = mapped_column(String(200), default=None)
    secret: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120))
    # Removed endpoints are kept (their delivery logs stay readable) but get no new deliveries.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class WebhookDelivery(Base):
    """One event for one endpoint: pending until delivered (2xx) or dead after the last allowed attempt."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        # The claim: due pending deliveries, oldest first.
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        # Order per posting and endpoint: a delivery waits for the earlier pending ones of its posting.
        Index("ix_webhook_deliveries_order", "endpoint_id", "order_key", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("outbox_events.id"), index=True)
    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoints.id"))
    # The posting the event concerns (0: none): events of one posting reach an endpoint in order.
    order_key: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A dispatcher's claim: nobody else sends it before ``lease_until``; ``lease_token`` identifies the
    # claim so a dispatcher whose lease ran out cannot record a result over a newer claim's.
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    lease_token: Mapped[str | None] = mapped_column(String(32), default=None)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    last_status_code: Mapped[int | None] = mapped_column(Integer, default=None)
    last_error: Mapped[str | None] = mapped_column(String(200), default=None)

    event: Mapped[OutboxEvent] = relationship(lazy="raise")


class DeliveryAttempt(Base):
    """One HTTP attempt of a delivery: the per-endpoint delivery log."""

    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("webhook_deliveries.id"), index=True)
    endpoint_id: Mapped[int] = mapped_column(Integer, index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status_code: Mapped[int | None] = mapped_column(Integer, default=None)
    error: Mapped[str | None] = mapped_column(String(200), default=None)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    # delivered | retry | dead
    outcome: Mapped[str] = mapped_column(String(12))
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
