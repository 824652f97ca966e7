"""Every model version the deployment knows, and which one serves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String, text
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
