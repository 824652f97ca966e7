"""Every model version the deployment knows, and which one serves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from moderation_api.db import Base, UTCDateTime, utcnow


class ModelVersion(Base):
    __tablename__ = "model_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    model_dir: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(20), index=True)
    # The headline of the model directory's metrics.json (held-out AP, precision / recall, thresholds).
    metrics: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # The encoder the model was trained on: a promotion to another encoder is refused.
    encoder_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    registered_by: Mapped[str] = mapped_column(String(120))
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status_changed_by: Mapped[str] = mapped_column(String(120))
    # When it last became active: a rollback returns to the version active before the current one.
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


# At most one active version, whatever races the service loses (both backends support partial indexes).
Index(
    "uq_model_versions_one_active",
    ModelVersion.status,
    unique=True,
    postgresql_where=text("status = 'active'"),
    sqlite_where=text("status = 'active'"),
)

# At most one version in shadow: the comparison is always the active model against one challenger.
Index(
    "uq_model_versions_one_shadow",
    ModelVersion.status,
    unique=True,
    postgresql_where=text("status = 'shadow'"),
    sqlite_where=text("status = 'shadow'"),
)


class ShadowScore(Base):
    """What a shadow version scored on one ingested posting. Routes nothing: no case, no network effect,
    no event reads this table; only the comparison does. Holds numbers only (no evidence quoted from the
    text), so erasing a posting's text leaves nothing here to erase."""

    __tablename__ = "shadow_scores"
    __table_args__ = (
        UniqueConstraint("posting_id", "model_version", name="uq_shadow_scores_posting_version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id"), index=True)
    model_name: Mapped[str] = mapped_column(String(100))
    model_version: Mapped[str] = mapped_column(String(50), index=True)
    risk_score: Mapped[float] = mapped_column(Float)
    urgent_score: Mapped[float] = mapped_column(Float)
    band: Mapped[str] = mapped_column(String(10))
    categories: Mapped[dict[str, float]] = mapped_column(JSON)
    # Per posting, ms: the shadow's batch scoring time over the batch size, and the active model's on
    # the same batch (a paired measure: both saw the same texts at the same moment).
    latency_ms: Mapped[float] = mapped_column(Float)
    active_latency_ms: Mapped[float | None] = mapped_column(Float, default=None)
    scored_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
