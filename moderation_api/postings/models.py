"""Ingested postings with their score, and legal holds that preserve them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from moderation_api.db import Base, UTCDateTime, utcnow


class Posting(Base):
    __tablename__ = "postings"
    __table_args__ = (
        UniqueConstraint("source", "external_id", name="uq_postings_source_external_id"),
        # A page of a cluster's members in id order, read from the index (no sort of a 50,000-member cluster).
        Index("ix_postings_cluster_member", "cluster_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(100))
    external_id: Mapped[str] = mapped_column(String(200))
    text: Mapped[str | None] = mapped_column(Text)  # None once deleted (no hold)
    # Dropped with the text: a plain hash of a short text can be matched against guesses.
    text_sha256: Mapped[str | None] = mapped_column(String(64))
    location: Mapped[str | None] = mapped_column(String(200), default=None)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    model_name: Mapped[str] = mapped_column(String(100))
    model_version: Mapped[str] = mapped_column(String(50))
    risk_score: Mapped[float] = mapped_column(Float)
    urgent_score: Mapped[float] = mapped_column(Float)
    band: Mapped[str] = mapped_column(String(10), index=True)
    score: Mapped[dict[str, Any]] = mapped_column(JSON)  # the full score response
    # Network layer: the cluster this posting belongs to, its template signature and the signals that fired.
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id"), default=None)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    network: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)


class LegalHold(Base):
    """Content snapshot kept for law enforcement (US REPORT Act: ≥ 1 year); blocks deletion."""

    __tablename__ = "legal_holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id"), index=True)
    case_id: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(50))
    # Cleared by the retention sweep once ``hold_until`` has passed.
    snapshot_text: Mapped[str | None] = mapped_column(Text)
    snapshot_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    hold_until: Mapped[datetime] = mapped_column(UTCDateTime)
