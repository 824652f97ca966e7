"""Moderation cases (their audit trail lives in :mod:`moderation_api.audit`)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from moderation_api.db import Base, UTCDateTime, utcnow


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    queue: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20))
    band: Mapped[str] = mapped_column(String(10))
    risk_score: Mapped[float] = mapped_column(Float)
    minor: Mapped[bool] = mapped_column(Boolean, default=False)
    # ",sex_trafficking,minor_involved," — a plain string so a category filter is a portable LIKE.
    categories: Mapped[str] = mapped_column(String(100), default="")
    model_version: Mapped[str | None] = mapped_column(String(50), default=None)
    assignee: Mapped[str | None] = mapped_column(String(100), default=None, index=True)
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Indexed for the transparency report's partial first and last days (whole days come from rollups).
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None, index=True)
    decision: Mapped[str | None] = mapped_column(String(20), default=None)
    decision_reason: Mapped[str | None] = mapped_column(String(40), default=None)
    escalation_kind: Mapped[str | None] = mapped_column(String(60), default=None)
    notice_count: Mapped[int] = mapped_column(Integer, default=0)
    # A network signal (shared contact across cities, confirmed cluster member…) moves the case up.
    network_boost: Mapped[bool] = mapped_column(Boolean, default=False)
    # A double review (source double_review): the decided case it re-reviews blind.
    review_of: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), default=None, index=True)
    # Bumped on every transition: a stale writer's conditional UPDATE matches no row.
    version: Mapped[int] = mapped_column(Integer, default=1)


# The claim query: the next open case of a queue in priority order, read straight off this index (its
# column directions match the ORDER BY, so no sort of the open queue happens, whatever its size).
Index(
    "ix_cases_claim_order",
    Case.queue,
    Case.state,
    Case.minor.desc(),
    Case.network_boost.desc(),
    Case.risk_score.desc(),
    Case.opened_at.asc(),
    Case.id.asc(),
)

# "Has this cluster confirmed members?" (network signals) is read from the confirmed cases' side: their
# number grows with reviewers' decisions, not with the index or with the size of a hot cluster.
Index("ix_cases_decision_posting", Case.decision, Case.posting_id)


class CaseRollup(Base):
    """Per-day counts the transparency report reads instead of every case (see :mod:`.rollups`).

    One row per day and combination of dimensions; a dimension a metric does not use is ``''`` (never NULL,
    so the primary key, which the upserts conflict on, treats it as a value).
    """

    __tablename__ = "case_rollups"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    metric: Mapped[str] = mapped_column(String(12), primary_key=True)
    source: Mapped[str] = mapped_column(String(20), primary_key=True, default="")
    outcome: Mapped[str] = mapped_column(String(20), primary_key=True, default="")
    reason: Mapped[str] = mapped_column(String(60), primary_key=True, default="")
    categories: Mapped[str] = mapped_column(String(100), primary_key=True, default="")
    model_version: Mapped[str] = mapped_column(String(50), primary_key=True, default="")
    # Time-to-decision histogram bucket (metric ``decided``), else -1.
    bucket: Mapped[int] = mapped_column(Integer, primary_key=True, default=-1)
    n: Mapped[int] = mapped_column(BigInteger, default=0)
    # Sum of the bucket's durations in seconds (exact mean time to decision).
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
