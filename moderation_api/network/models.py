"""The network index: contacts and template buckets per posting, and clusters of linked postings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from moderation_api.db import Base, UTCDateTime, utcnow


class Cluster(Base):
    """A connected component of postings linked by a shared contact or a near-duplicate template."""

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    size: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Kept on every join and merge (min / max), so the cluster summary never scans its members.
    first_seen: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # A cluster merged into a larger one stays as a pointer to it: ids are never reused (SQLite would hand a
    # deleted highest id to the next cluster), and a stale link to it leads to the survivor.
    merged_into: Mapped[int | None] = mapped_column(Integer, default=None)


class PostingContact(Base):
    __tablename__ = "posting_contacts"
    __table_args__ = (Index("ix_posting_contacts_value_posting", "value", "posting_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(200))


class PostingBucket(Base):
    """One LSH band bucket of a posting's MinHash signature."""

    __tablename__ = "posting_buckets"
    # Bucket hashes are keyed by their band (see signature.bands), so the value alone finds a bucket.
    __table_args__ = (Index("ix_posting_buckets_bucket_posting", "bucket", "posting_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    posting_id: Mapped[int] = mapped_column(ForeignKey("postings.id"), index=True)
    band: Mapped[int] = mapped_column(SmallInteger)
    bucket: Mapped[int] = mapped_column(BigInteger)
