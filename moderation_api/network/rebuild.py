"""Rebuilding the network index from the stored postings (after a change to linking, e.g. its thresholds).

The index (contacts, template buckets, clusters) is wiped once, then every posting is linked again in id
order, a batch per transaction, by the same code ingest uses. A posting without a cluster is one still to
link, so an interrupted rebuild resumes where it stopped (``resume=True`` skips the wipe). Ingest may go
on meanwhile: links are pairwise facts, and whichever posting of a pair is linked second finds the other
in the index, so the clusters converge to the same memberships.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from moderation_api.db import AppLock, take_lock
from moderation_api.network.models import Cluster, PostingBucket, PostingContact
from moderation_api.network.service import link_postings
from moderation_api.postings.models import Posting

REBUILD_BATCH = 1000


@dataclass
class RebuildReport:
    linked: int
    remaining: int
    clusters: int


def reset_index(session: Session) -> None:
    """Drop every contact, bucket and cluster; every posting becomes one still to link."""
    take_lock(session, AppLock.NETWORK)
    session.execute(update(Posting).values(cluster_id=None, minhash=None))
    session.execute(delete(PostingContact))
    session.execute(delete(PostingBucket))
    session.execute(delete(Cluster))


def pending(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Posting).where(Posting.cluster_id.is_(None))) or 0


def link_pending(session: Session, *, batch: int = REBUILD_BATCH) -> int:
    """Link the next ``batch`` postings still without a cluster, in id order; how many were linked."""
    take_lock(session, AppLock.NETWORK)
    postings = session.scalars(
        select(Posting).where(Posting.cluster_id.is_(None)).order_by(Posting.id).limit(batch)
    ).all()
    if postings:
        link_postings(session, postings=postings)
    return len(postings)


def rebuild(
    factory: sessionmaker[Session],
    *,
    resume: bool = False,
    batch: int = REBUILD_BATCH,
    max_batches: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RebuildReport:
    """Wipe the index (unless ``resume``) and link the postings without a cluster, committing per batch.

    ``max_batches`` stops early (what an interruption leaves); ``progress(linked, remaining)`` per batch.
    """
    if not resume:
        with factory() as session:
            reset_index(session)
            session.commit()
    linked = done = 0
    while max_batches is None or done < max_batches:
        with factory() as session:
            count = link_pending(session, batch=batch)
            session.commit()
        if not count:
            break
        linked += count
        done += 1
        if progress is not None:
            with factory() as session:
                progress(linked, pending(session))
    with factory() as session:
        remaining = pending(session)
        clusters = session.scalar(
            select(func.count()).select_from(Cluster).where(Cluster.merged_into.is_(None))
        )
    return RebuildReport(linked=linked, remaining=remaining, clusters=clusters or 0)
