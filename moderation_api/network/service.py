"""Linking postings into clusters as they arrive, cluster features, and the network risk signals.

Linking is incremental union-find kept in the database: a new posting looks up the postings that share
one of its contacts (indexed) or one of its template LSH buckets (indexed, then verified by MinHash
similarity), and joins or merges their clusters — the smaller clusters are relabelled into the largest,
so no full recomputation ever happens. Because links are pairwise facts (same contact; similarity over a
fixed threshold), the resulting clusters do not depend on the order postings arrive in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from moderation_api.audit import service as audit
from moderation_api.audit.schemas import ActorKind, AuditAction
from moderation_api.auth.policy import Data, Restriction, Viewer
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseSource
from moderation_api.cases.service import case_facts, open_case, posting_restrictions
from moderation_api.db import TransientConflictError, utcnow
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
# A contact shared by thousands of postings needs no full scan to show it moves: the latest postings with
# it, ingested within two windows (platforms ingest with some delay), are the evidence a reviewer reads.
MULTI_CITY_SCAN = 500
# Boilerplate shared by thousands of postings would make LSH buckets huge and every lookup O(N). A bucket
# stops taking members at this size: its members already link any new posting of that template into
# the template's cluster, so indexing and lookups stay bounded at 32 x 64 rows whatever the volume.
MAX_BUCKET_MEMBERS = 64
# How often a join re-reads clusters merged away under it before the whole transaction starts over.
MAX_RELOCKS = 5


class ClusterNotFoundError(Exception):
    pass


class ClusterMergedError(TransientConflictError):
    """The clusters to join kept being merged by concurrent transactions; the ingest starts over."""


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
    open_buckets: list[tuple[int, int]] = []
    if signature is not None:
        buckets = sig.bands(signature)
        members = _bucket_members(session, buckets=buckets)
        template_neighbours = set(
            _verified(session, signature=signature, candidates=members, exclude=posting.id)
        )
        open_buckets = [
            (band, bucket)
            for band, bucket in enumerate(buckets)
            if len(members.get(bucket, ())) < MAX_BUCKET_MEMBERS
        ]
        posting.minhash = sig.to_bytes(signature)
    # Core bulk inserts: the ORM unit of work for ~35 tiny rows per posting cost more than the lookups.
    if contacts:
        session.execute(
            insert(PostingContact),
            [{"posting_id": posting.id, "kind": kind, "value": value} for kind, value in contacts],
        )
    if open_buckets:
        session.execute(
            insert(PostingBucket),
            [{"posting_id": posting.id, "band": band, "bucket": bucket} for band, bucket in open_buckets],
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


def _bucket_members(session: Session, *, buckets: list[int]) -> dict[int, list[int]]:
    """bucket -> posting ids in it (each bucket holds at most MAX_BUCKET_MEMBERS)."""
    members: dict[int, list[int]] = {}
    rows = session.execute(
        select(PostingBucket.bucket, PostingBucket.posting_id).where(PostingBucket.bucket.in_(buckets))
    )
    for bucket, posting_id in rows:
        members.setdefault(bucket, []).append(posting_id)
    return members


def _verified(
    session: Session, *, signature: np.ndarray, candidates: dict[int, list[int]], exclude: int
) -> dict[int, float]:
    """The LSH candidates whose estimated similarity to ``signature`` reaches the threshold."""
    ids = {posting_id for members in candidates.values() for posting_id in members}
    ids.discard(exclude)
    if not ids:
        return {}
    rows = [
        (pid, blob)
        for pid, blob in session.execute(select(Posting.id, Posting.minhash).where(Posting.id.in_(ids)))
        if blob
    ]
    if not rows:
        return {}
    scores = sig.similarities(signature, [blob for _, blob in rows])
    return {
        pid: float(score) for (pid, _), score in zip(rows, scores, strict=True) if score >= sig.SIMILARITY
    }


def template_matches(session: Session, *, signature: np.ndarray, exclude: int) -> dict[int, float]:
    """Postings whose template similarity to ``signature`` reaches the threshold: LSH candidates, verified."""
    members = _bucket_members(session, buckets=sig.bands(signature))
    return _verified(session, signature=signature, candidates=members, exclude=exclude)


def _join(session: Session, *, posting: Posting, neighbours: set[int]) -> Cluster:
    now = utcnow()
    clusters: list[Cluster] = []
    for _ in range(MAX_RELOCKS):
        cluster_ids = _cluster_ids(session, neighbours)
        if not cluster_ids:
            cluster = Cluster(size=1, created_at=now, updated_at=now)
            session.add(cluster)
            session.flush()
            posting.cluster_id = cluster.id
            return cluster
        # Locked in id order, so transactions joining overlapping clusters queue instead of deadlocking.
        clusters = list(
            session.scalars(
                select(Cluster)
                .where(Cluster.id.in_(cluster_ids))
                .order_by(Cluster.id)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        )
        if [c.id for c in clusters] == cluster_ids:
            break
        # A cluster was merged away by a transaction that committed between the two reads: read the
        # neighbours' clusters again (now the survivor) and lock those.
    else:
        raise ClusterMergedError(f"the clusters of posting {posting.id}'s neighbours kept changing")
    # Union by size: relabel the smaller clusters into the largest one.
    survivor = max(clusters, key=lambda c: (c.size, -c.id))
    merged = [c for c in clusters if c.id != survivor.id]
    if merged:
        merged_ids = [c.id for c in merged]
        session.execute(
            update(Posting)
            .where(Posting.cluster_id.in_(merged_ids))
            .values(cluster_id=survivor.id)
            # "evaluate" relabels the postings loaded in this session too (earlier ones of the same batch).
            .execution_options(synchronize_session="evaluate")
        )
        survivor.size += sum(c.size for c in merged)
        session.flush()
        session.execute(delete(Cluster).where(Cluster.id.in_(merged_ids)))
    survivor.size += 1
    survivor.updated_at = now
    posting.cluster_id = survivor.id
    session.flush()
    return survivor


def _cluster_ids(session: Session, posting_ids: set[int]) -> list[int]:
    """The distinct clusters of ``posting_ids``, sorted."""
    if not posting_ids:
        return []
    rows = session.scalars(select(Posting.cluster_id).where(Posting.id.in_(posting_ids)).distinct())
    return sorted(cid for cid in rows if cid is not None)


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
            .where(PostingContact.value == value, Posting.ingested_at >= since - MULTI_CITY_WINDOW)
            .order_by(Posting.id.desc())
            .limit(MULTI_CITY_SCAN)
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


def boost_cluster_cases(session: Session, *, cluster_id: int, cause: dict[str, Any] | None = None) -> int:
    """Raise the priority of the cluster's undecided cases (a network signal fired on a member); each
    boosted case gets an audit event saying why (``cause``)."""
    member_ids = select(Posting.id).where(Posting.cluster_id == cluster_id)
    boosted = session.execute(
        update(Case)
        .where(Case.posting_id.in_(member_ids), Case.state != "decided", Case.network_boost.is_(False))
        .values(network_boost=True)
        .returning(Case.id, Case.state)
        .execution_options(synchronize_session=False)
    ).all()
    for case_id, state in sorted(boosted):
        audit.record(
            session,
            case_id=case_id,
            actor="system:network",
            actor_kind=ActorKind.SYSTEM,
            action=AuditAction.PRIORITY_BOOST,
            from_state=state,
            to_state=state,
            details={"cluster_id": cluster_id, **(cause or {})},
        )
    return len(boosted)


def related(session: Session, *, posting_id: int, viewer: Viewer, limit: int = 100) -> dict[str, Any]:
    """The posting's cluster id and the postings sharing a contact or a template with it, with the reason;
    members ``viewer`` may not see are listed as withheld, with why."""
    viewer.require(Data.NETWORK, None, item="the posting's network")
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
    view: dict[str, Any] = {"posting_id": posting_id, "cluster_id": posting.cluster_id, "related": []}
    if reasons:
        rows = session.scalars(select(Posting).where(Posting.id.in_(list(reasons)[: limit * 2]))).all()
        out = [member | {"reasons": sorted(reasons[member["id"]])} for member in _members(session, rows)]
        members = sorted(out, key=lambda m: m["id"])[:limit]
        view["related"] = _as_seen_by(viewer, members, _restrictions(session, rows, viewer))
    return view


def _restrictions(
    session: Session, postings: Sequence[Posting], viewer: Viewer
) -> dict[int, Restriction | None]:
    return posting_restrictions(session, postings=postings, category_cutoff=viewer.category_cutoff)


def _as_seen_by(
    viewer: Viewer, members: list[dict[str, Any]], restrictions: dict[int, Restriction | None]
) -> list[dict[str, Any]]:
    """Member rows with the restricted members ``viewer`` may not see reduced to their id and the reason."""
    shown = []
    for member in members:
        restriction = restrictions.get(member["id"])
        if restriction is None or viewer.sees(Data.NETWORK, restriction):
            excerpt = member["excerpt"] if viewer.sees(Data.TEXT, restriction) else None
            shown.append({**member, "excerpt": excerpt})
        else:
            shown.append({"id": member["id"], "restricted": str(restriction), "reason": restriction.reason})
    return shown


EXCERPT_CHARS = 160  # enough to recognise a posting in a list (a bulk decision's picker)


def _members(session: Session, postings: Sequence[Posting]) -> list[dict[str, Any]]:
    """Member rows with each posting's latest case, loaded in one query (no query per member)."""
    latest: dict[int, Case] = {}
    ids = [posting.id for posting in postings]
    for case in session.scalars(select(Case).where(Case.posting_id.in_(ids)).order_by(Case.id)):
        latest[case.posting_id] = case
    rows = []
    for posting in postings:
        latest_case = latest.get(posting.id)
        rows.append(
            {
                "id": posting.id,
                "external_id": posting.external_id,
                "source": posting.source,
                "location": posting.location,
                "posted_at": posting.posted_at,
                "ingested_at": posting.ingested_at,
                "band": posting.band,
                "risk_score": posting.risk_score,
                "case_id": latest_case.id if latest_case else None,
                "case_state": latest_case.state if latest_case else None,
                "decision": latest_case.decision if latest_case else None,
                "excerpt": posting.text[:EXCERPT_CHARS] if posting.text else None,
            }
        )
    return rows


MAX_MEMBERS = 500


def cluster_view(session: Session, *, cluster_id: int, viewer: Viewer) -> dict[str, Any]:
    """Members, shared contacts, places, timeline and features of a cluster.

    The features are counts over every member; the member rows, shared contacts, places and timeline
    come only from members ``viewer`` may see (the others are listed as withheld, with why).
    """
    viewer.require(Data.NETWORK, None, item=f"cluster {cluster_id}")
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise ClusterNotFoundError(f"cluster {cluster_id} not found")
    members = session.scalars(
        select(Posting).where(Posting.cluster_id == cluster_id).order_by(Posting.id).limit(MAX_MEMBERS)
    ).all()
    member_rows = _members(session, members)
    restrictions = _restrictions(session, members, viewer)
    visible = [posting for posting in members if viewer.sees(Data.NETWORK, restrictions[posting.id])]
    contacts = session.execute(
        select(PostingContact.posting_id, PostingContact.value).where(
            PostingContact.posting_id.in_([posting.id for posting in members])
        )
    ).all()
    visible_ids = {posting.id for posting in visible}
    visible_counts = Counter(value for posting_id, value in contacts if posting_id in visible_ids)
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
            "distinct_contacts": len({value for _, value in contacts}),
            "postings_per_day": round(len(members) / span_days, 3),
            "confirmed_share": round(len(confirmed) / len(member_rows), 3) if member_rows else 0.0,
            "first_seen": times[0] if times else None,
            "last_seen": times[-1] if times else None,
        },
        "shared_contacts": {value: n for value, n in visible_counts.most_common() if n >= 2},
        "locations": sorted({p.location for p in visible if p.location}),
        "members": _as_seen_by(viewer, member_rows, restrictions),
        "withheld_members": len(members) - len(visible),
        "timeline": [{"posting_id": p.id, "at": _when(p), "location": p.location} for p in visible],
    }


def open_cases_for_confirmed_cluster(
    session: Session, *, cluster_id: int, category_cutoff: float, limit: int = 200
) -> int:
    """After a confirmation, members of the cluster that never got a case get one (source ``network``);
    a member with minor cues goes to the senior queue like any other minor's case."""
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
        facts = case_facts(posting.score, category_cutoff=category_cutoff)
        open_case(
            session,
            posting=posting,
            source=CaseSource.NETWORK,
            actor="system:network",
            actor_kind="system",
            minor=facts.minor,
            categories=facts.categories,
            network_signals=[signal.id],
        )
    return len(without_case)
