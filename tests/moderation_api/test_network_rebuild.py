"""Incremental linking at scale equals a from-scratch batch computation of the clusters, in any arrival
order; `vigil network rebuild` (resumable) restores the same clusters; a hot contact stays bounded."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from classifier.entities import extract_entities
from moderation_api.network import signature as sig
from moderation_api.network.models import Cluster
from moderation_api.network.rebuild import rebuild, reset_index
from moderation_api.network.service import CONTACT_SAMPLE, contacts_of, link_postings
from moderation_api.postings.models import Posting

TEMPLATES = (
    "Sweet {name} visiting {city} this week, upscale companion for dinner dates and more. Call {phone}",
    "Hiring hotel cleaners for {city}, good pay, housing provided, contact {phone} on whatsapp today, {name}",
    "Room for rent in {city}, utilities included, close to the bus line, ask for {name} at {phone}",
)
CITIES = ("Houston", "Dallas", "Austin", "Miami", "Denver", "Phoenix", "Atlanta", "Tampa")
NAMES = ("Lola", "Mia", "Ana", "Kim")
HOT_PHONE = "+1 713 555 0100"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randrange(4, 9)))


def _phone(rng: random.Random) -> str:
    return f"+1 {rng.choice((713, 214, 305, 404, 602))} {rng.randrange(200, 999)} {rng.randrange(1000, 9999)}"


def corpus(count: int, seed: int = 11) -> list[dict[str, Any]]:
    """Template re-posts (city and name varied), shared phones across unrelated texts, bridges (one
    template's text with another group's phone: merges), a phone on hundreds of postings, and noise."""
    rng = random.Random(seed)
    phones = [_phone(rng) for _ in range(count // 6)]
    rows = []
    for index in range(count):
        roll = rng.random()
        phone = rng.choice(phones)
        if roll < 0.3:
            template = rng.choice(TEMPLATES)
            text = template.format(name=rng.choice(NAMES), city=rng.choice(CITIES), phone=phone)
        elif roll < 0.4:
            text = " ".join(_word(rng) for _ in range(10)) + f" call {HOT_PHONE}"
        elif roll < 0.6:
            text = " ".join(_word(rng) for _ in range(10)) + f" text {phone}"
        else:
            text = " ".join(_word(rng) for _ in range(10)) + f" in {rng.choice(CITIES)}"
        rows.append({"external_id": f"x{index}", "text": text, "location": rng.choice(CITIES)})
    return rows


def batch_clusters(rows: list[dict[str, Any]]) -> set[frozenset[str]]:
    """The clusters by definition, computed at once over all postings: two postings are linked when they
    share a contact, or when they share an LSH band and their MinHash similarity reaches the threshold."""
    parent = list(range(len(rows)))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(left: int, right: int) -> None:
        parent[find(left)] = find(right)

    holders: dict[str, list[int]] = defaultdict(list)
    signatures: list[np.ndarray | None] = []
    for index, row in enumerate(rows):
        entities = [e.to_dict() for e in extract_entities(row["text"])]
        for _, value in contacts_of({"entities": entities}):
            holders[value].append(index)
        signatures.append(sig.signature(row["text"]))
    for group in holders.values():
        for other in group[1:]:
            union(group[0], other)
    with_sig = [i for i, s in enumerate(signatures) if s is not None]
    matrix = np.stack([signatures[i] for i in with_sig])  # type: ignore[misc]
    bands = matrix.reshape(len(with_sig), sig.BANDS, sig.ROWS)
    for position, index in enumerate(with_sig):
        same = matrix == matrix[position]
        similar = same.mean(axis=1) >= sig.SIMILARITY
        shares_band = (bands == bands[position]).all(axis=2).any(axis=1)
        for other in np.flatnonzero(similar & shares_band):
            union(index, with_sig[other])
    groups: dict[int, set[str]] = defaultdict(set)
    for index, row in enumerate(rows):
        groups[find(index)].add(row["external_id"])
    return {frozenset(group) for group in groups.values()}


def _store(session: Session, rows: list[dict[str, Any]]) -> list[Posting]:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    postings = [
        Posting(
            source="site",
            external_id=row["external_id"],
            text=row["text"],
            text_sha256="-",
            location=row["location"],
            posted_at=start + timedelta(minutes=index),
            model_name="t",
            model_version="0",
            risk_score=0.0,
            urgent_score=0.0,
            band="low",
            score={"entities": [e.to_dict() for e in extract_entities(row["text"])]},
        )
        for index, row in enumerate(rows)
    ]
    session.add_all(postings)
    session.flush()
    return postings


def stored_clusters(session: Session) -> set[frozenset[str]]:
    groups: dict[int | None, set[str]] = defaultdict(set)
    for external_id, cluster_id in session.execute(select(Posting.external_id, Posting.cluster_id)):
        assert cluster_id is not None
        groups[cluster_id].add(external_id)
    return {frozenset(group) for group in groups.values()}


def _wipe(session: Session) -> None:
    reset_index(session)
    session.execute(delete(Posting))
    session.flush()


ROWS = corpus(2000)


@pytest.fixture(scope="module")
def expected() -> set[frozenset[str]]:
    return batch_clusters(ROWS)


def test_batch_definition_has_merges_and_a_hot_contact(expected: set[frozenset[str]]) -> None:
    """The corpus exercises what the comparison is about (else an empty index would pass it)."""
    sizes = sorted((len(group) for group in expected), reverse=True)
    assert sizes[0] > 200 and sizes[1] > 20  # big merged template/phone clusters
    assert sum(1 for size in sizes if size == 1) > 500  # and many singletons
    assert sum(1 for row in ROWS if HOT_PHONE in row["text"]) > 10 * CONTACT_SAMPLE


@pytest.mark.parametrize("order_seed", [1, 2, 3])
def test_incremental_clusters_equal_the_batch_definition_in_any_order(
    session: Session, expected: set[frozenset[str]], order_seed: int
) -> None:
    rng = random.Random(order_seed)
    rows = ROWS[:]
    rng.shuffle(rows)
    start = 0
    while start < len(rows):  # arrival in ingest batches of varying size, some of one posting
        size = rng.choice((1, 1, 7, 40, 200))
        link_postings(session, postings=_store(session, rows[start : start + size]))
        start += size
    assert stored_clusters(session) == expected
    sizes = session.execute(select(Cluster.id, Cluster.size).where(Cluster.merged_into.is_(None))).all()
    counted = dict(
        session.execute(select(Posting.cluster_id, func.count()).group_by(Posting.cluster_id)).all()
    )
    assert {cluster_id: size for cluster_id, size in sizes} == counted  # sizes kept right through merges
    _wipe(session)


def test_rebuild_interrupted_then_resumed_restores_the_same_clusters(
    session_factory: sessionmaker[Session], expected: set[frozenset[str]]
) -> None:
    with session_factory() as session:
        postings = _store(session, ROWS)
        link_postings(session, postings=postings)
        session.commit()
        before = stored_clusters(session)
    assert before == expected
    partial = rebuild(session_factory, batch=500, max_batches=2)
    assert partial.linked == 1000 and partial.remaining == len(ROWS) - 1000
    report = rebuild(session_factory, resume=True, batch=500)
    assert report.linked == len(ROWS) - 1000 and report.remaining == 0
    with session_factory() as session:
        assert stored_clusters(session) == expected
        assert report.clusters == len(expected)
        _wipe(session)
        session.commit()
