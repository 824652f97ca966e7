"""Linking postings into clusters as they arrive, cluster features, and the network risk signals.

Linking is incremental union-find kept in the database: a new posting looks up the postings that share
one of its contacts (indexed) or one of its template LSH buckets (indexed, then verified by MinHash
similarity), and joins or merges their clusters — the smaller clusters are relabelled into the largest,
so no full recomputation ever happens. Because links are pairwise facts (same contact; similarity over a
fixed threshold), the resulting clusters do not depend on the order postings arrive in.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, NamedTuple, cast

import numpy as np
from sqlalchemy import ColumnElement, any_, bindparam, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from moderation_api.audit import service as audit
from moderation_api.audit.schemas import ActorKind, AuditAction
from moderation_api.auth.policy import Data, Restriction, Viewer
from moderation_api.cases.models import Case
from moderation_api.cases.schemas import CaseSource
from moderation_api.cases.service import case_facts, open_case, posting_restrictions
from moderation_api.db import TransientConflictError, is_postgres, utcnow
from moderation_api.errors import NotFoundError
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
# A candidate must share this many LSH bands before its MinHash is read and compared. A pair at the
# similarity threshold (0.5) shares 32 x 0.5^2 = 8 bands on average and fewer than 2 with probability
# 0.0012; a posting that merely shares boilerplate with a full bucket's members mostly shares one. Reading
# only these keeps the candidates' MinHash reads small where buckets are full.
MIN_SHARED_BANDS = 2
# Every posting with a contact joined the cluster of the postings stored with it before, so all postings of
# one contact are always in one cluster: linking needs only some of them. The latest CONTACT_SAMPLE are
# read (from the (value, posting_id) index), so a phone on 50,000 postings costs what a phone on 16 does.
CONTACT_SAMPLE = 16
CONFIRMED_MEMBER = "network.confirmed_member"
# How often a join re-reads clusters merged away under it before the whole transaction starts over.
MAX_RELOCKS = 5


class ClusterNotFoundError(NotFoundError):
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
    return link_postings(session, postings=[posting])[0]


# Rows per IN (...) list: far below SQLite's 32,766 bound variables, large enough for few round trips.
IN_CHUNK = 5000


def _chunked(values: Sequence[Any]) -> list[Sequence[Any]]:
    return [values[start : start + IN_CHUNK] for start in range(0, len(values), IN_CHUNK)]


def _among(session: Session, column: Any, values: Sequence[Any]) -> ColumnElement[bool]:
    """``column IN values``; on PostgreSQL as ``= ANY(array)``, one parameter however long the list (a
    list of a thousand placeholders cost more in the driver's query parsing than on the server)."""
    if is_postgres(session):
        return cast(
            ColumnElement[bool], column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
        )
    return cast(ColumnElement[bool], column.in_(values))


@dataclass
class _Candidate:
    """A stored posting one of the batch's postings may link to."""

    minhash: bytes | None
    band: str
    cluster_id: int | None


def link_postings(session: Session, *, postings: Sequence[Posting]) -> list[NetworkFacts]:
    """Index new postings (flushed, with their scores) and attach each to its cluster; facts in input order.

    The result is the one linking them one by one in id order would give — each posting links to the
    stored postings and to the batch's earlier ones — but with a fixed number of queries per batch: the
    contact and template indexes, the candidates' signatures and clusters, the cluster locks and the
    signals are each read once for the whole batch, and the index rows are inserted in two statements.
    """
    ordered = sorted(postings, key=lambda p: p.id)
    batch_ids = {p.id for p in ordered}
    contacts = {p.id: contacts_of(p.score) for p in ordered}
    signatures = {p.id: sig.signature(p.text or "") for p in ordered}
    buckets = {pid: sig.bands(s) for pid, s in signatures.items() if s is not None}

    sightings = _contact_sightings(session, values=sorted({v for cs in contacts.values() for _, v in cs}))
    # Neighbours by contact: the latest CONTACT_SAMPLE postings per value (all of them share one cluster).
    stored_contacts = {
        value: [row.posting_id for row in rows[:CONTACT_SAMPLE]] for value, rows in sightings.items()
    }
    stored = _template_candidates(session, buckets=sorted({b for bs in buckets.values() for b in bs}))
    stored_members = stored.members
    candidates = {pid: candidate for pid, candidate in stored.candidates.items() if pid not in batch_ids}
    # Every stored neighbour's cluster as read with it: the cluster locks start from these.
    known_clusters = {row.posting_id: row.cluster_id for rows in sightings.values() for row in rows} | {
        pid: c.cluster_id for pid, c in candidates.items()
    }

    # In id order, as if linked one by one: each posting sees the stored rows and the batch's earlier ones.
    batch_contacts: dict[str, list[int]] = defaultdict(list)
    batch_members: dict[int, list[int]] = defaultdict(list)
    contact_rows: list[dict[str, Any]] = []
    bucket_rows: list[dict[str, Any]] = []
    linked: dict[int, tuple[set[int], set[int]]] = {}
    for posting in ordered:
        values = [value for _, value in contacts[posting.id]]
        by_contact: set[int] = set()
        for value in values:
            by_contact.update(stored_contacts.get(value, ()))
            by_contact.update(batch_contacts[value])
        by_template: set[int] = set()
        signature = signatures[posting.id]
        if signature is not None:
            mine = buckets[posting.id]
            shared = Counter(pid for b in mine for pid in (*stored_members.get(b, ()), *batch_members[b]))
            shared.pop(posting.id, None)
            seen = {pid for pid, bands_shared in shared.items() if bands_shared >= MIN_SHARED_BANDS}
            blobs: list[tuple[int, bytes]] = []
            for pid in sorted(seen):
                blob = candidates[pid].minhash if pid in candidates else _batch_blob(signatures, pid)
                if blob:
                    blobs.append((pid, blob))
            matches = _verified(signature, blobs)
            by_template = set(matches)
            twin = any(score >= 1.0 for score in matches.values())
            # An exact re-post (the same signature as a posting already in its buckets) links to that twin
            # and adds nothing to the buckets: whatever would match it matches the twin. Boilerplate
            # re-posted thousands of times then leaves its buckets' room to genuinely different variants.
            for band, bucket in enumerate(() if twin else mine):
                if stored.filled.get(bucket, 0) + len(batch_members[bucket]) < MAX_BUCKET_MEMBERS:
                    batch_members[bucket].append(posting.id)
                    bucket_rows.append({"posting_id": posting.id, "band": band, "bucket": bucket})
            posting.minhash = sig.to_bytes(signature)
        for kind, value in contacts[posting.id]:
            batch_contacts[value].append(posting.id)
            contact_rows.append({"posting_id": posting.id, "kind": kind, "value": value})
        linked[posting.id] = (by_contact, by_template)
    _insert_index_rows(session, contact_rows=contact_rows, bucket_rows=bucket_rows)

    neighbours = {pid: by_contact | by_template for pid, (by_contact, by_template) in linked.items()}
    clusters, stored_clusters = _join_all(
        session, postings=ordered, neighbours=neighbours, known_clusters=known_clusters
    )
    bands = {pid: c.band for pid, c in candidates.items()} | {p.id: p.band for p in ordered}
    facts_by_id: dict[int, NetworkFacts] = {}
    for posting in ordered:
        by_contact, by_template = linked[posting.id]
        cluster = clusters[posting.id]
        facts_by_id[posting.id] = NetworkFacts(
            cluster_id=cluster.id,
            cluster_size=cluster.size,
            contact_neighbours=by_contact,
            template_neighbours=by_template,
        )
    _add_signals(
        session,
        postings=ordered,
        facts=facts_by_id,
        contacts=contacts,
        bands=bands,
        sightings=sightings,
        stored_clusters=stored_clusters,
    )
    for posting in ordered:
        posting.network = facts_by_id[posting.id].to_dict()
    session.flush()
    return [facts_by_id[p.id] for p in postings]


# Above this many index rows a batch streams them with COPY; below, one statement carries both tables.
COPY_ROWS = 1000


def _insert_index_rows(
    session: Session, *, contact_rows: list[dict[str, Any]], bucket_rows: list[dict[str, Any]]
) -> None:
    """Insert the batch's contact and bucket rows (~35 per posting) in the session's transaction.

    SQLite: an executemany per table, a loop inside the sqlite3 module. PostgreSQL, a few postings: one
    statement for both tables, each column sent as one array and unnested on the server (one round trip;
    COPY needs two per table). Large batches: COPY, which streams the rows in binary-ready form where the
    driver would spend ~10 µs per array item rendering a 70,000-item array as text.
    """
    if not contact_rows and not bucket_rows:
        return
    if not is_postgres(session):
        for model, rows in ((PostingContact, contact_rows), (PostingBucket, bucket_rows)):
            if rows:
                session.execute(insert(model), rows)
        return
    if len(contact_rows) + len(bucket_rows) > COPY_ROWS:
        driver: Any = session.connection().connection.driver_connection
        for table, rows in (("posting_contacts", contact_rows), ("posting_buckets", bucket_rows)):
            if not rows:
                continue
            columns = list(rows[0])
            with (
                driver.cursor() as cursor,
                cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row([row[column] for column in columns])
        return
    session.execute(
        _INSERT_INDEX_ROWS,
        {
            "c_ids": [row["posting_id"] for row in contact_rows],
            "c_kinds": [row["kind"] for row in contact_rows],
            "c_values": [row["value"] for row in contact_rows],
            "b_ids": [row["posting_id"] for row in bucket_rows],
            "b_bands": [row["band"] for row in bucket_rows],
            "b_buckets": [row["bucket"] for row in bucket_rows],
        },
    )


_INSERT_INDEX_ROWS = text(
    "WITH contacts AS (INSERT INTO posting_contacts (posting_id, kind, value) "
    "SELECT * FROM unnest(CAST(:c_ids AS integer[]), CAST(:c_kinds AS varchar[]), "
    "CAST(:c_values AS varchar[]))) "
    "INSERT INTO posting_buckets (posting_id, band, bucket) "
    "SELECT * FROM unnest(CAST(:b_ids AS integer[]), CAST(:b_bands AS smallint[]), "
    "CAST(:b_buckets AS bigint[]))"
)


def _batch_blob(signatures: dict[int, np.ndarray | None], posting_id: int) -> bytes | None:
    signature = signatures.get(posting_id)
    return sig.to_bytes(signature) if signature is not None else None


class Sighting(NamedTuple):
    """A stored posting with a given contact: where and when it was posted, and its cluster."""

    posting_id: int
    location: str | None
    when: datetime
    ingested_at: datetime
    cluster_id: int | None


def _contact_sightings(
    session: Session, *, values: Sequence[str], limit: int = MULTI_CITY_SCAN
) -> dict[str, list[Sighting]]:
    """contact value -> its latest ``limit`` stored postings, newest first (ids grow with ingestion).

    Read off the (value, posting_id) index with each posting's place, time and cluster joined: the cost is
    per value and per row returned, never per row stored under a value (a line on 50,000 postings).
    """
    found: dict[str, list[Sighting]] = defaultdict(list)
    if not values:
        return found
    if is_postgres(session):
        rows: list[Any] = []
        for chunk in _chunked(values):
            rows.extend(session.execute(_SIGHTINGS_PG, {"values": list(chunk), "limit": limit}))
    else:
        # SQLite runs in-process: a statement per value costs microseconds.
        latest = (
            select(PostingContact.posting_id)
            .where(PostingContact.value == bindparam("value"))
            .order_by(PostingContact.posting_id.desc())
            .limit(limit)
            .scalar_subquery()
        )
        query = select(
            Posting.id, Posting.location, Posting.posted_at, Posting.ingested_at, Posting.cluster_id
        ).where(Posting.id.in_(latest))
        rows = [(value, *row) for value in values for row in session.execute(query, {"value": value})]
    for value, pid, location, posted_at, ingested_at, cluster_id in rows:
        found[value].append(Sighting(pid, location, posted_at or ingested_at, ingested_at, cluster_id))
    for sightings in found.values():
        sightings.sort(key=lambda row: row.posting_id, reverse=True)
    return found


# One statement per batch: a LATERAL index scan per contact value, each row joined to its posting.
_SIGHTINGS_PG = text(
    "SELECT k.value, p.id, p.location, p.posted_at, p.ingested_at, p.cluster_id "
    "FROM unnest(CAST(:values AS varchar[])) AS k(value) CROSS JOIN LATERAL "
    "(SELECT posting_id FROM posting_contacts WHERE value = k.value ORDER BY posting_id DESC "
    "LIMIT :limit) AS t JOIN postings AS p ON p.id = t.posting_id"
)


@dataclass
class _Buckets:
    """What a batch's LSH buckets hold: how many postings each has, and the candidates among them."""

    filled: dict[int, int]  # bucket -> postings stored in it
    members: dict[int, list[int]]  # bucket -> the candidates in it
    candidates: dict[int, _Candidate]


def _template_candidates(
    session: Session, *, buckets: Sequence[int], min_shared: int = MIN_SHARED_BANDS
) -> _Buckets:
    """The postings stored in at least ``min_shared`` of ``buckets`` with their MinHash, band, cluster and
    buckets, and each bucket's fill — one statement per chunk of buckets. Members in fewer buckets are
    only counted: full buckets of boilerplate send 32 counts, not 2,048 ids."""
    found = _Buckets(filled={}, members={}, candidates={})
    postgres = is_postgres(session)
    for chunk in _chunked(buckets):
        params = {"buckets": list(chunk) if postgres else json.dumps(list(chunk)), "min_shared": min_shared}
        rows = session.execute(_BUCKET_ROWS[postgres], params)
        for pid, in_these, blob, band, cluster_id, bucket, filled in rows:
            if pid is None:
                found.filled[bucket] = filled
                continue
            found.candidates[pid] = _Candidate(minhash=blob, band=band, cluster_id=cluster_id)
            for shared in in_these if postgres else json.loads(in_these):
                found.members.setdefault(shared, []).append(pid)
    return found


# One statement per backend (plain SQL: a typed ARRAY column would be re-processed item by item by
# SQLAlchemy): candidate rows (posting, its buckets, MinHash, band, cluster) then fill rows (bucket, count).
_BUCKET_ROWS = {
    True: text(
        "WITH m AS (SELECT bucket, posting_id FROM posting_buckets "
        "WHERE bucket = ANY(CAST(:buckets AS bigint[]))), "
        "c AS (SELECT posting_id, array_agg(bucket) AS buckets FROM m GROUP BY posting_id "
        "HAVING count(*) >= :min_shared) "
        "SELECT p.id, c.buckets, p.minhash, p.band, p.cluster_id, NULL::bigint, NULL::bigint "
        "FROM c JOIN postings AS p ON p.id = c.posting_id "
        "UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, bucket, count(*) FROM m GROUP BY bucket"
    ),
    False: text(
        "WITH m AS (SELECT bucket, posting_id FROM posting_buckets "
        "WHERE bucket IN (SELECT value FROM json_each(:buckets))), "
        "c AS (SELECT posting_id, json_group_array(bucket) AS buckets FROM m GROUP BY posting_id "
        "HAVING count(*) >= :min_shared) "
        "SELECT p.id, c.buckets, p.minhash, p.band, p.cluster_id, NULL, NULL "
        "FROM c JOIN postings AS p ON p.id = c.posting_id "
        "UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, bucket, count(*) FROM m GROUP BY bucket"
    ),
}


def template_matches(session: Session, *, signature: np.ndarray, exclude: int) -> dict[int, float]:
    """Postings whose template similarity to ``signature`` reaches the threshold: LSH candidates, verified."""
    candidates = _template_candidates(session, buckets=sig.bands(signature)).candidates
    return _verified(
        signature, [(pid, c.minhash) for pid, c in candidates.items() if pid != exclude and c.minhash]
    )


def _verified(signature: np.ndarray, blobs: list[tuple[int, bytes]]) -> dict[int, float]:
    """Of the (posting id, MinHash) candidates, those whose estimated similarity reaches the threshold."""
    if not blobs:
        return {}
    scores = sig.similarities(signature, [blob for _, blob in blobs])
    return {
        pid: float(score) for (pid, _), score in zip(blobs, scores, strict=True) if score >= sig.SIMILARITY
    }


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, item: Any) -> Any:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, left: Any, right: Any) -> None:
        self.parent[self.find(left)] = self.find(right)


def _lock_clusters(
    session: Session, stored: set[int], known: dict[int, int | None]
) -> tuple[dict[int, int], dict[int, Cluster]]:
    """The clusters of the stored neighbours, locked in id order, and each neighbour's cluster.

    The first attempt trusts ``known`` (the clusters read with the neighbours); a cluster merged away by a
    transaction that committed since is noticed under the locks (it is a tombstone), and the neighbours'
    clusters are then read again and the survivors locked instead. A posting changes cluster only when its
    cluster is merged, so unmerged locked clusters mean the clusters read are current.
    """
    for attempt in range(MAX_RELOCKS):
        cluster_of: dict[int, int] = {}
        if attempt == 0 and stored <= known.keys():
            cluster_of = {pid: cid for pid in stored if (cid := known[pid]) is not None}
        else:
            for chunk in _chunked(sorted(stored)):
                for posting_id, cluster_id in session.execute(
                    select(Posting.id, Posting.cluster_id).where(_among(session, Posting.id, chunk))
                ):
                    if cluster_id is not None:
                        cluster_of[posting_id] = cluster_id
        wanted = sorted(set(cluster_of.values()))
        if not wanted:
            return cluster_of, {}
        # Locked in id order, so transactions joining overlapping clusters queue instead of deadlocking.
        locked = {
            c.id: c
            for c in session.scalars(
                select(Cluster)
                .where(Cluster.id.in_(wanted))
                .order_by(Cluster.id)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        }
        # A merged cluster stays as a tombstone: one merged meanwhile is re-read like a vanished one.
        if sorted(locked) == wanted and all(c.merged_into is None for c in locked.values()):
            return cluster_of, locked
    raise ClusterMergedError("the clusters of the batch's neighbours kept changing")


def _join_all(
    session: Session,
    *,
    postings: Sequence[Posting],
    neighbours: dict[int, set[int]],
    known_clusters: dict[int, int | None],
) -> tuple[dict[int, Cluster], set[int]]:
    """Union-find over the batch and its neighbours' clusters: each group of linked postings ends in one
    cluster, the largest stored one it touches (the others are relabelled into it), or a new one.

    Returns each posting's cluster and the ids of the stored clusters the batch joined."""
    now = utcnow()
    batch_ids = {p.id for p in postings}
    stored = {n for ns in neighbours.values() for n in ns} - batch_ids
    cluster_of, locked = _lock_clusters(session, stored, known_clusters)
    groups = _UnionFind()
    for posting in postings:
        groups.find(("posting", posting.id))
        for other in neighbours[posting.id]:
            if other in batch_ids:
                groups.union(("posting", posting.id), ("posting", other))
            elif other in cluster_of:
                groups.union(("posting", posting.id), ("cluster", cluster_of[other]))
    members: dict[Any, list[Posting]] = defaultdict(list)
    for posting in postings:
        members[groups.find(("posting", posting.id))].append(posting)
    joined: dict[Any, list[Cluster]] = defaultdict(list)
    for cluster in locked.values():
        root = groups.find(("cluster", cluster.id))
        if root in members:
            joined[root].append(cluster)
    result: dict[int, Cluster] = {}
    fresh: list[tuple[Cluster, list[Posting]]] = []
    for root, group in members.items():
        clusters = joined.get(root, [])
        first, last = min(_when(p) for p in group), max(_when(p) for p in group)
        if not clusters:
            cluster = Cluster(
                size=len(group), created_at=now, updated_at=now, first_seen=first, last_seen=last
            )
            session.add(cluster)
            fresh.append((cluster, group))
            continue
        # Union by size: relabel the smaller clusters into the largest one.
        survivor = max(clusters, key=lambda c: (c.size, -c.id))
        merged = [c for c in clusters if c.id != survivor.id]
        if merged:
            merged_ids = [c.id for c in merged]
            session.execute(
                update(Posting)
                .where(Posting.cluster_id.in_(merged_ids))
                .values(cluster_id=survivor.id)
                # "evaluate" relabels the postings loaded in this session too.
                .execution_options(synchronize_session="evaluate")
            )
            survivor.size += sum(c.size for c in merged)
            for cluster in merged:
                _widen(survivor, cluster.first_seen, cluster.last_seen)
                cluster.merged_into, cluster.size, cluster.updated_at = survivor.id, 0, now
        survivor.size += len(group)
        survivor.updated_at = now
        _widen(survivor, first, last)
        for posting in group:
            posting.cluster_id = survivor.id
            result[posting.id] = survivor
    joined_ids = {cluster.id for cluster in result.values()}
    if fresh:
        session.flush()  # the new clusters' ids, in one round trip
        for cluster, group in fresh:
            for posting in group:
                posting.cluster_id = cluster.id
                result[posting.id] = cluster
    return result, joined_ids


def _widen(cluster: Cluster, first: datetime | None, last: datetime | None) -> None:
    """Stretch the cluster's first/last sighting to cover [first, last]."""
    if first is not None and (cluster.first_seen is None or first < cluster.first_seen):
        cluster.first_seen = first
    if last is not None and (cluster.last_seen is None or last > cluster.last_seen):
        cluster.last_seen = last


def _add_signals(
    session: Session,
    *,
    postings: Sequence[Posting],
    facts: dict[int, NetworkFacts],
    contacts: dict[int, list[tuple[str, str]]],
    bands: dict[int, str],
    sightings: dict[str, list[Sighting]],
    stored_clusters: set[int],
) -> None:
    """Which network signals fire for each posting and why, in words a reviewer can check.

    Each posting is judged on the postings stored before it and the batch's earlier ones (lower ids), as
    when linked one by one. ``sightings`` are the stored postings per contact, newest first.
    """
    # The batch's own postings per contact, newest first, ahead of the stored ones.
    in_batch: dict[str, list[Sighting]] = defaultdict(list)
    for posting in sorted(postings, key=lambda p: p.id, reverse=True):
        for _, value in contacts[posting.id]:
            sighting = Sighting(posting.id, posting.location, _when(posting), posting.ingested_at, None)
            in_batch[value].append(sighting)
    # A cluster made by this batch has no decided members: only the stored ones need reading.
    cluster_ids = sorted({f.cluster_id for f in facts.values()} & stored_clusters)
    # coalesce() keeps the planner off the cluster index (which would walk every member of a hot cluster):
    # the confirmed cases are read from their own index and their postings looked up by id.
    member_of = func.coalesce(Posting.cluster_id, 0)
    confirmed: dict[int | None, int] = {}
    if cluster_ids:
        # No autoflush: the batch's pending cluster ids are not what is counted (decided postings are stored
        # ones), and flushing now would write each posting twice — cluster id now, network facts below.
        with session.no_autoflush:
            confirmed = {
                cluster_id: count
                for cluster_id, count in session.execute(
                    select(member_of, func.count())
                    .select_from(Case)
                    .join(Posting, Posting.id == Case.posting_id)
                    .where(Case.decision == "confirm", member_of.in_(cluster_ids))
                    .group_by(member_of)
                )
            }
    for posting in postings:
        found = facts[posting.id]
        signals = found.signals
        since = _when(posting) - MULTI_CITY_WINDOW
        stored_since = since - MULTI_CITY_WINDOW
        for _, value in contacts[posting.id]:
            seen = [
                row
                for row in (*in_batch.get(value, ()), *sightings.get(value, ()))
                if row.posting_id <= posting.id and row.ingested_at >= stored_since
            ][:MULTI_CITY_SCAN]
            recent = [row for row in seen if row.when >= since]
            ids = {row.posting_id for row in recent} | {posting.id}
            places = {row.location.strip().lower() for row in recent if row.location}
            if posting.location:
                places.add(posting.location.strip().lower())
            if len(ids) >= MULTI_CITY_POSTINGS and len(places) >= MULTI_CITY_PLACES:
                signals.append(
                    NetworkSignal(
                        "network.contact_multi_city",
                        f"The contact {value} appears in {len(ids)} postings from {len(places)} places "
                        f"within {MULTI_CITY_WINDOW.days} days: the movement pattern of an operation.",
                    )
                )
                break
        if confirmed.get(found.cluster_id):
            signals.append(
                NetworkSignal(
                    CONFIRMED_MEMBER,
                    f"Linked by contact or template to {confirmed[found.cluster_id]} posting(s) reviewers "
                    "already confirmed.",
                )
            )
        if len(found.template_neighbours) + 1 >= TEMPLATE_MIN_MEMBERS:
            flagged = sum(1 for pid in found.template_neighbours if bands.get(pid, "low") != "low")
            if flagged:
                signals.append(
                    NetworkSignal(
                        "network.flagged_template",
                        f"Near-duplicate of {len(found.template_neighbours)} other postings ({flagged} "
                        "flagged): the same template re-posted.",
                    )
                )


def boost_cluster_cases(session: Session, *, cluster_id: int, cause: dict[str, Any] | None = None) -> int:
    """Raise the priority of the cluster's undecided cases (a network signal fired on a member); each
    boosted case gets an audit event saying why (``cause``)."""
    member_ids = select(Posting.id).where(Posting.cluster_id == cluster_id)
    return _set_boost(
        session,
        member_ids=member_ids,
        boost=True,
        action=AuditAction.PRIORITY_BOOST,
        details={"cluster_id": cluster_id, **(cause or {})},
    )


def _set_boost(
    session: Session, *, member_ids: Any, boost: bool, action: AuditAction, details: dict[str, Any]
) -> int:
    """Set ``network_boost`` on the members' undecided cases that differ; audit each change; how many."""
    changed = session.execute(
        update(Case)
        .where(Case.posting_id.in_(member_ids), Case.state != "decided", Case.network_boost.is_(not boost))
        .values(network_boost=boost)
        .returning(Case.id, Case.state)
        .execution_options(synchronize_session=False)
    ).all()
    for case_id, state in sorted(changed):
        audit.record(
            session,
            case_id=case_id,
            actor="system:network",
            actor_kind=ActorKind.SYSTEM,
            action=action,
            from_state=state,
            to_state=state,
            details=details,
        )
    return len(changed)


def withdraw_cluster_boost(session: Session, *, cluster_id: int, cause: dict[str, Any]) -> int:
    """After a confirmation was reversed: lower the cluster's undecided cases again unless something still
    justifies their boost — another confirmed member, or a network signal on a member that does not come
    from a confirmation (a contact across cities, a flagged template). Each lowered case is audited with
    ``cause``; returns how many. Cases the confirmation opened stay in the queue: only a reviewer closes a
    case, and their postings no longer count as linked to a confirmed posting for new ingests (that count
    is read from current decisions)."""
    members = session.execute(
        select(Posting.id, Posting.network).where(Posting.cluster_id == cluster_id)
    ).all()
    member_ids = [row.id for row in members]
    confirmed = session.scalar(
        select(func.count()).where(Case.posting_id.in_(member_ids), Case.decision == "confirm")
    )
    own_signals = any(
        signal.get("id") != CONFIRMED_MEMBER
        for row in members
        for signal in (row.network or {}).get("signals", [])
        if isinstance(signal, dict)
    )
    if confirmed or own_signals:
        return 0
    return _set_boost(
        session,
        member_ids=member_ids,
        boost=False,
        action=AuditAction.PRIORITY_WITHDRAWN,
        details={"cluster_id": cluster_id, **cause},
    )


def related(session: Session, *, posting_id: int, viewer: Viewer, limit: int = 100) -> dict[str, Any]:
    """The posting's cluster id and the postings sharing a contact or a template with it, with the reason;
    members ``viewer`` may not see are listed as withheld, with why."""
    viewer.require(Data.NETWORK, None, item="the posting's network")
    posting = session.get(Posting, posting_id)
    if posting is None:
        raise ClusterNotFoundError(f"posting {posting_id} not found")
    reasons: dict[int, set[str]] = {}
    values = [value for _, value in contacts_of(posting.score)]
    # The latest postings of each contact (a hot contact is on thousands; the view shows ``limit``).
    for value, sightings in _contact_sightings(session, values=values, limit=limit + 1).items():
        for sighting in sightings:
            if sighting.posting_id != posting_id:
                reasons.setdefault(sighting.posting_id, set()).add(f"shares contact {value}")
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


MEMBER_PAGE = 50
MAX_MEMBER_PAGE = 500
# The summary's counts that need the members themselves (places, contacts, decisions) are taken over the
# latest FEATURE_SAMPLE members: a view of a 50,000-member cluster then costs what one of 1,000 does.
# Size and first/last sighting are kept on the cluster row and cover every member.
FEATURE_SAMPLE = 1000


def current_cluster(session: Session, *, cluster_id: int) -> Cluster:
    """The cluster, or the one it was merged into (followed to the live survivor)."""
    cluster = session.get(Cluster, cluster_id)
    for _ in range(64):  # union by size: a chain of merges is at most log2(postings) long
        if cluster is None or cluster.merged_into is None:
            break
        cluster = session.get(Cluster, cluster.merged_into)
    if cluster is None or cluster.merged_into is not None:
        raise ClusterNotFoundError(f"cluster {cluster_id} not found")
    return cluster


def cluster_view(
    session: Session,
    *,
    cluster_id: int,
    viewer: Viewer,
    after: int | None = None,
    limit: int = MEMBER_PAGE,
) -> dict[str, Any]:
    """A cluster's summary (features, shared contacts, places), then one page of its members.

    Members come in id order, ``limit`` of them with ids above ``after``; ``next_after`` continues. The
    summary's member-based counts cover the latest FEATURE_SAMPLE members (``features_sample`` says how
    many); the shared contacts, places, timeline and member rows come only from members ``viewer`` may
    see (the others are listed as withheld, with why). A merged cluster's id shows the cluster it joined.
    """
    viewer.require(Data.NETWORK, None, item=f"cluster {cluster_id}")
    cluster = current_cluster(session, cluster_id=cluster_id)
    limit = max(1, min(limit, MAX_MEMBER_PAGE))
    sample = session.scalars(
        select(Posting)
        .where(Posting.cluster_id == cluster.id)
        .order_by(Posting.id.desc())
        .limit(FEATURE_SAMPLE)
    ).all()
    sample_rows = _members(session, sample)
    restrictions = _restrictions(session, sample, viewer)
    visible_ids = {p.id for p in sample if viewer.sees(Data.NETWORK, restrictions[p.id])}
    contacts = session.execute(
        select(PostingContact.posting_id, PostingContact.value).where(
            _among(session, PostingContact.posting_id, [p.id for p in sample])
        )
    ).all()
    visible_counts = Counter(value for posting_id, value in contacts if posting_id in visible_ids)
    decided = [m for m in sample_rows if m["decision"] in ("confirm", "dismiss")]
    confirmed = [m for m in decided if m["decision"] == "confirm"]
    first, last = cluster.first_seen, cluster.last_seen
    span_days = max((last - first).total_seconds() / 86400, 1.0) if first and last else 1.0

    page_query = select(Posting).where(Posting.cluster_id == cluster.id)
    if after is not None:
        page_query = page_query.where(Posting.id > after)
    page = session.scalars(page_query.order_by(Posting.id).limit(limit + 1)).all()
    more = len(page) > limit
    page = page[:limit]
    page_restrictions = _restrictions(session, page, viewer)
    page_visible = [p for p in page if viewer.sees(Data.NETWORK, page_restrictions[p.id])]
    return {
        "id": cluster.id,
        "size": cluster.size,
        "features": {
            "size": cluster.size,
            "distinct_locations": len({p.location.strip().lower() for p in sample if p.location}),
            "distinct_contacts": len({value for _, value in contacts}),
            "postings_per_day": round(cluster.size / span_days, 3),
            "confirmed_share": round(len(confirmed) / len(sample_rows), 3) if sample_rows else 0.0,
            "first_seen": first,
            "last_seen": last,
        },
        "features_sample": len(sample),
        "shared_contacts": {value: n for value, n in visible_counts.most_common() if n >= 2},
        "locations": sorted({p.location for p in sample if p.location and p.id in visible_ids}),
        "members": _as_seen_by(viewer, _members(session, page), page_restrictions),
        "withheld_members": len(page) - len(page_visible),
        "timeline": [{"posting_id": p.id, "at": _when(p), "location": p.location} for p in page_visible],
        "next_after": page[-1].id if more else None,
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
            CONFIRMED_MEMBER, "Linked by contact or template to a posting reviewers confirmed."
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
