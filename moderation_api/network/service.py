"""Linking postings into clusters as they arrive, cluster features, and the network risk signals.

Linking is incremental union-find kept in the database: a new posting looks up the postings that share
one of its contacts (indexed) or one of its template LSH buckets (indexed, then verified by MinHash
similarity), and joins or merges their clusters — the smaller clusters are relabelled into the largest,
so no full recomputation ever happens. Because links are pairwise facts (same contact; similarity over a
fixed threshold), the resulting clusters do not depend on the order postings arrive in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from moderation_api.cases.models import Case
from moderation_api.db import utcnow
from moderation_api.network import signature as sig
from moderation_api.network.models import Cluster, PostingBucket, PostingContact
from moderation_api.postings.models import Posting

CONTACT_KINDS = ("phone", "email", "handle")
# A contact seen in at least this many postings from this many places within the window is the
# movement pattern of an operation (DOMAIN.md "Network cues").
MULTI_CITY_POSTINGS = 3
MULTI_CITY_PLACES = 3
MULTI_CITY_WINDOW = timedelta(days=14)
TEMPLATE_MIN_MEMBERS = 3
# Boilerplate shared by thousands of postings would make buckets huge; the most recent bucket members
# are enough to link a new posting into that template's cluster, and keep the lookup cost bounded.
MAX_BUCKET_CANDIDATES = 200


class ClusterNotFoundError(Exception):
    pass


@dataclass
class NetworkSignal:
    id: str
    explanation: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "explanation": self.explanation}


@dataclass
class NetworkFacts:
    cluster_id: int
    cluster_size: int
    contact_neighbours: set[int] = field(default_factory=set)
    template_neighbours: set[int] = field(default_factory=set)
    signals: list[NetworkSignal] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "cluster_size": self.cluster_size,
            "signals": [signal.to_dict() for signal in self.signals],
        }


def contacts_of(score: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, normalized value) of the contacts in a stored score."""
    found = {(e["kind"], e["value"]) for e in score.get("entities", []) if e.get("kind") in CONTACT_KINDS}
    return sorted(found)


def _when(posting: Posting) -> datetime:
    return posting.posted_at or posting.ingested_at


def link_posting(session: Session, *, posting: Posting) -> NetworkFacts:
    """Index ``posting`` (already flushed, with its score) and attach it to its cluster."""
    contacts = contacts_of(posting.score)
    values = [value for _, value in contacts]
    contact_neighbours: set[int] = set()
    if values:
        contact_neighbours = set(
            session.scalars(
                select(PostingContact.posting_id).where(
                    PostingContact.value.in_(values), PostingContact.posting_id != posting.id
                )
            )
        )
    template_neighbours: set[int] = set()
    signature = sig.signature(posting.text or "")
    buckets: list[int] = []
    if signature is not None:
        buckets = sig.bands(signature)
        template_neighbours = set(template_matches(session, signature=signature, exclude=posting.id))
        posting.minhash = sig.to_bytes(signature)
    session.add_all(PostingContact(posting_id=posting.id, kind=kind, value=value) for kind, value in contacts)
    session.add_all(
        PostingBucket(posting_id=posting.id, band=band, bucket=b) for band, b in enumerate(buckets)
    )

    neighbours = contact_neighbours | template_neighbours
    cluster = _join(session, posting=posting, neighbours=neighbours)
    facts = NetworkFacts(
        cluster_id=cluster.id,
        cluster_size=cluster.size,
        contact_neighbours=contact_neighbours,
        template_neighbours=template_neighbours,
    )
    facts.signals = signals_for(session, posting=posting, facts=facts, contact_values=values)
    posting.network = facts.to_dict()
    session.flush()
    return facts


def template_matches(session: Session, *, signature: np.ndarray, exclude: int) -> dict[int, float]:
    """Postings whose template similarity to ``signature`` reaches the threshold: LSH candidates, verified."""
    wanted = [
        and_(PostingBucket.band == b, PostingBucket.bucket == k) for b, k in enumerate(sig.bands(signature))
    ]
    candidates = set(
        session.scalars(
            select(PostingBucket.posting_id)
            .where(or_(*wanted))
            .order_by(PostingBucket.id.desc())
            .limit(MAX_BUCKET_CANDIDATES * sig.BANDS)
        )
    )
    candidates.discard(exclude)
    if not candidates:
        return {}
    matches = {}
    for pid, blob in session.execute(select(Posting.id, Posting.minhash).where(Posting.id.in_(candidates))):
        if blob and (score := sig.similarity(signature, sig.from_bytes(blob))) >= sig.SIMILARITY:
            matches[pid] = score
    return matches


def _join(session: Session, *, posting: Posting, neighbours: set[int]) -> Cluster:
    now = utcnow()
    cluster_ids = set()
    if neighbours:
        cluster_ids = {
            cid
            for cid in session.scalars(select(Posting.cluster_id).where(Posting.id.in_(neighbours)))
            if cid is not None
        }
    if not cluster_ids:
        cluster = Cluster(size=1, created_at=now, updated_at=now)
        session.add(cluster)
        session.flush()
        posting.cluster_id = cluster.id
        return cluster
    clusters = session.scalars(select(Cluster).where(Cluster.id.in_(cluster_ids)).with_for_update()).all()
    # Union by size: relabel the smaller clusters into the largest one.
    survivor = max(clusters, key=lambda c: (c.size, -c.id))
    merged = [c for c in clusters if c.id != survivor.id]
    if merged:
        merged_ids = [c.id for c in merged]
        session.execute(
            update(Posting)
            .where(Posting.cluster_id.in_(merged_ids))
            .values(cluster_id=survivor.id)
            .execution_options(synchronize_session=False)
        )
        survivor.size += sum(c.size for c in merged)
        session.flush()
        session.execute(delete(Cluster).where(Cluster.id.in_(merged_ids)))
    survivor.size += 1
    survivor.updated_at = now
    posting.cluster_id = survivor.id
    session.flush()
    return survivor


def signals_for(
    session: Session, *, posting: Posting, facts: NetworkFacts, contact_values: list[str]
) -> list[NetworkSignal]:
    """Which network signals fire for ``posting`` and why, in words a reviewer can check."""
    signals: list[NetworkSignal] = []
    since = _when(posting) - MULTI_CITY_WINDOW
    for value in contact_values:
        rows = session.execute(
            select(Posting.id, Posting.location, Posting.posted_at, Posting.ingested_at)
            .join(PostingContact, PostingContact.posting_id == Posting.id)
            .where(PostingContact.value == value)
        ).all()
        recent = [r for r in rows if (r.posted_at or r.ingested_at) >= since] + [
            (posting.id, posting.location, posting.posted_at, posting.ingested_at)
        ]
        ids = {r[0] for r in recent}
        places = {r[1].strip().lower() for r in recent if r[1]}
        if len(ids) >= MULTI_CITY_POSTINGS and len(places) >= MULTI_CITY_PLACES:
            signals.append(
                NetworkSignal(
                    "network.contact_multi_city",
                    f"The contact {value} appears in {len(ids)} postings from {len(places)} places within "
                    f"{MULTI_CITY_WINDOW.days} days: the movement pattern of an operation.",
                )
            )
            break
    confirmed = session.scalar(
        select(func.count())
        .select_from(Case)
        .join(Posting, Posting.id == Case.posting_id)
        .where(Posting.cluster_id == facts.cluster_id, Case.decision == "confirm")
    )
    if confirmed:
        signals.append(
            NetworkSignal(
                "network.confirmed_member",
                f"Linked by contact or template to {confirmed} posting(s) reviewers already confirmed.",
            )
        )
    if len(facts.template_neighbours) + 1 >= TEMPLATE_MIN_MEMBERS:
        flagged = session.scalar(
            select(func.count()).where(Posting.id.in_(facts.template_neighbours), Posting.band != "low")
        )
        if flagged:
            signals.append(
                NetworkSignal(
                    "network.flagged_template",
                    f"Near-duplicate of {len(facts.template_neighbours)} other postings ({flagged} flagged): "
                    "the same template re-posted.",
                )
            )
    return signals


def boost_cluster_cases(session: Session, *, cluster_id: int) -> int:
    """Raise the priority of the cluster's undecided cases (a network signal fired on a member)."""
    member_ids = select(Posting.id).where(Posting.cluster_id == cluster_id)
    result = session.execute(
        update(Case)
        .where(Case.posting_id.in_(member_ids), Case.state != "decided", Case.network_boost.is_(False))
        .values(network_boost=True)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def related(session: Session, *, posting_id: int, limit: int = 100) -> list[dict[str, Any]]:
    """Postings sharing a contact or a template bucket with ``posting_id``, with the reason."""
    posting = session.get(Posting, posting_id)
    if posting is None:
        raise ClusterNotFoundError(f"posting {posting_id} not found")
    reasons: dict[int, set[str]] = {}
    values = [value for _, value in contacts_of(posting.score)]
    if values:
        for pid, value in session.execute(
            select(PostingContact.posting_id, PostingContact.value).where(
                PostingContact.value.in_(values), PostingContact.posting_id != posting_id
            )
        ):
            reasons.setdefault(pid, set()).add(f"shares contact {value}")
    if posting.minhash:
        matches = template_matches(session, signature=sig.from_bytes(posting.minhash), exclude=posting_id)
        for pid, score in matches.items():
            reasons.setdefault(pid, set()).add(f"near-duplicate text (similarity {score:.2f})")
    if not reasons:
        return []
    rows = session.scalars(select(Posting).where(Posting.id.in_(list(reasons)[: limit * 2]))).all()
    out = [_member(session, row) | {"reasons": sorted(reasons[row.id])} for row in rows]
    return sorted(out, key=lambda m: m["id"])[:limit]


def _member(session: Session, posting: Posting) -> dict[str, Any]:
    case = session.scalar(select(Case).where(Case.posting_id == posting.id).order_by(Case.id.desc()).limit(1))
    return {
        "id": posting.id,
        "external_id": posting.external_id,
        "source": posting.source,
        "location": posting.location,
        "posted_at": posting.posted_at,
        "ingested_at": posting.ingested_at,
        "band": posting.band,
        "risk_score": posting.risk_score,
        "case_id": case.id if case else None,
        "case_state": case.state if case else None,
        "decision": case.decision if case else None,
    }


MAX_MEMBERS = 500


def cluster_view(session: Session, *, cluster_id: int) -> dict[str, Any]:
    """Members, shared contacts, places, timeline and features of a cluster."""
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise ClusterNotFoundError(f"cluster {cluster_id} not found")
    members = session.scalars(
        select(Posting).where(Posting.cluster_id == cluster_id).order_by(Posting.id).limit(MAX_MEMBERS)
    ).all()
    member_rows = [_member(session, posting) for posting in members]
    ids = [posting.id for posting in members]
    contact_counts = Counter(
        value
        for value in session.scalars(select(PostingContact.value).where(PostingContact.posting_id.in_(ids)))
    )
    shared = {value: n for value, n in contact_counts.most_common() if n >= 2}
    times = sorted(_when(posting) for posting in members)
    span_days = max((times[-1] - times[0]).total_seconds() / 86400, 1.0) if times else 1.0
    decided = [m for m in member_rows if m["decision"] in ("confirm", "dismiss")]
    confirmed = [m for m in decided if m["decision"] == "confirm"]
    return {
        "id": cluster.id,
        "size": cluster.size,
        "features": {
            "size": cluster.size,
            "distinct_locations": len({p.location.strip().lower() for p in members if p.location}),
            "distinct_contacts": len(contact_counts),
            "postings_per_day": round(len(members) / span_days, 3),
            "confirmed_share": round(len(confirmed) / len(member_rows), 3) if member_rows else 0.0,
            "first_seen": times[0] if times else None,
            "last_seen": times[-1] if times else None,
        },
        "shared_contacts": shared,
        "locations": sorted({p.location for p in members if p.location}),
        "members": member_rows,
        "timeline": [{"posting_id": p.id, "at": _when(p), "location": p.location} for p in members],
    }


def open_cases_for_confirmed_cluster(session: Session, *, cluster_id: int, limit: int = 200) -> int:
    """After a confirmation, members of the cluster that never got a case get one (source ``network``)."""
    from moderation_api.cases.schemas import CaseSource
    from moderation_api.cases.service import open_case

    without_case = session.scalars(
        select(Posting)
        .where(
            Posting.cluster_id == cluster_id, ~select(Case.id).where(Case.posting_id == Posting.id).exists()
        )
        .order_by(Posting.id)
        .limit(limit)
    ).all()
    for posting in without_case:
        signal = NetworkSignal(
            "network.confirmed_member", "Linked by contact or template to a posting reviewers confirmed."
        )
        posting.network = {**(posting.network or {}), "signals": [signal.to_dict()]}
        open_case(
            session,
            posting=posting,
            source=CaseSource.NETWORK,
            actor="system:network",
            actor_kind="system",
            minor=False,
            categories=[],
            network_signals=[signal.id],
        )
    return len(without_case)
