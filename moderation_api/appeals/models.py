"""Appeals (DSA Art. 20 complaints) against decided cases: their own queue, leased like cases."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from moderation_api.db import Base, UTCDateTime, utcnow


class Appeal(Base):
    __tablename__ = "appeals"

    id: Mapped[int] = mapped_column(primary_key=True)
    # One appeal per case: the complaint-handling decision is final inside Vigil (out-of-court settlement,
    # DSA Art. 21, is the next step).
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    state: Mapped[str] = mapped_column(String(20))
    appellant: Mapped[str] = mapped_column(String(20))  # poster | notifier
    appellant_ref: Mapped[str | None] = mapped_column(String(200), default=None)  # the platform's user ref
    statement: Mapped[str] = mapped_column(Text)  # the appellant's own words: untrusted text
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    original_decision: Mapped[str] = mapped_column(String(20))
    # ",key:anna,key:lead-bo," — everyone who decided or escalated the case: none of them may handle it.
    deciders: Mapped[str] = mapped_column(String(1000))
    # Copied from the case when filed: appeals of restricted cases are for senior reviewers only, and the
    # report counts appeals by the case's categories.
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    categories: Mapped[str] = mapped_column(String(100), default="")
    assignee: Mapped[str | None] = mapped_column(String(120), default=None)
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None, index=True)
    decided_by: Mapped[str | None] = mapped_column(String(120), default=None)
    outcome: Mapped[str | None] = mapped_column(String(20), default=None)  # upheld | overturned
    outcome_reason: Mapped[str | None] = mapped_column(Text, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)


Index("ix_appeals_queue", Appeal.state, Appeal.restricted, Appeal.received_at, Appeal.id)
Index("ix_appeals_received_at", Appeal.received_at)
