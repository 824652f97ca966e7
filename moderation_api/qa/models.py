"""Sampling state of blind QA: one row per stratum (language × posting kind) of low-band postings."""

from __future__ import annotations

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from moderation_api.db import Base


class QaStratum(Base):
    """Systematic sampling of one stratum: every low-band posting adds the sampling rate (in millionths) to
    ``credit``; each time it reaches one whole million, a posting is sampled and a million is taken off."""

    __tablename__ = "qa_strata"
    __table_args__ = (UniqueConstraint("language", "kind", name="uq_qa_strata_language_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(40))
    seen: Mapped[int] = mapped_column(Integer, default=0)
    sampled: Mapped[int] = mapped_column(Integer, default=0)
    credit: Mapped[int] = mapped_column(Integer, default=0)
