"""The audit trail: one append-only, hash-chained row per recorded action."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from moderation_api.cases.models import Case
from moderation_api.db import Base, UTCDateTime, utcnow


class AuditEvent(Base):
    """One recorded action: a case transition, a deletion, a key change, a priority boost…

    Rows are written through :func:`moderation_api.audit.service.record` and sealed into the hash chain
    when their transaction commits (``seq``, ``prev_hash``, ``row_hash``; see :mod:`.chain`). There is no
    update or delete path; on PostgreSQL a trigger refuses both.
    """

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_seq", "seq", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Position in the hash chain (1, 2, …): gap-free, so a removed row shows as a gap.
    seq: Mapped[int] = mapped_column(BigInteger)
    # None for actions on no case (API keys, deleting a posting that never had a case).
    case_id: Mapped[int | None] = mapped_column(ForeignKey(Case.id), default=None, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(120))
    actor_kind: Mapped[str] = mapped_column(String(10))  # human | model | system
    action: Mapped[str] = mapped_column(String(30))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    decision: Mapped[str | None] = mapped_column(String(20), default=None)
    reason: Mapped[str | None] = mapped_column(String(60), default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))
