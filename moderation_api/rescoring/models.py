"""Re-scoring runs and their chunks: the durable plan that lets several workers share a run and a killed one
resume where it stopped."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from moderation_api.db import Base, UTCDateTime, utcnow


class RescoreRun(Base):
    """Re-score open cases' postings and postings ingested since ``since`` with ``model_version``."""

    __tablename__ = "rescore_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    model_version: Mapped[str] = mapped_column(String(50), index=True)
    since: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), index=True)
    trigger: Mapped[str] = mapped_column(String(20))  # promotion | rollback | command
    chunk_size: Mapped[int] = mapped_column(Integer)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    requested_by: Mapped[str] = mapped_column(String(120))
    # Set once the chunks are written (a promotion only records the run; the first worker plans it).
    planned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class RescoreChunk(Base):
    """A range of posting ids of a run: claimed with a lease, scored, then written and marked done at once."""

    __tablename__ = "rescore_chunks"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("rescore_runs.id"))
    seq: Mapped[int] = mapped_column(Integer)
    first_posting_id: Mapped[int] = mapped_column(Integer)
    last_posting_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    claim_token: Mapped[str | None] = mapped_column(String(32), default=None)
    claimed_by: Mapped[str | None] = mapped_column(String(120), default=None)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # What writing the chunk did: postings re-scored, bands changed, cases updated and opened.
    rescored: Mapped[int] = mapped_column(Integer, default=0)
    bands_changed: Mapped[int] = mapped_column(Integer, default=0)
    cases_updated: Mapped[int] = mapped_column(Integer, default=0)
    cases_opened: Mapped[int] = mapped_column(Integer, default=0)


# The claim query: a run's pending chunks in order.
Index("ix_rescore_chunks_claim", RescoreChunk.run_id, RescoreChunk.status, RescoreChunk.seq)
