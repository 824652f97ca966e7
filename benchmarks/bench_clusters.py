"""Network index growth: indexing throughput and lookup latency at growing index sizes, SQLite or PostgreSQL.

For each size N a fresh database is filled with N synthetic postings through the real linking code
(`moderation_api.network.service`: contact + LSH lookups, incremental union-find). About a third of
postings re-use a contact or re-post a template, as operations do, so a few clusters grow very large. The
first N - tail postings are seeded in batches (`link_postings`, the path an ingest batch takes; postings are
inserted in bulk), the last `tail` are timed one posting per `link_posting` call (`--tail-batch K`: K postings
per `link_postings` call, as an ingest request of K postings). Reported per size:

- indexing throughput over the LAST `tail` postings (the marginal cost at that size — a flat index keeps
  it constant),
- p50 / p99 latency of `related()` and of the cluster view (`cluster_view`, what GET /v1/clusters/{id}
  serves, validated into its response model) for random postings / their clusters,
- ratios against the smallest size, measured in the same run.

    python benchmarks/bench_clusters.py                      # SQLite, 10k and 100k
    python benchmarks/bench_clusters.py --sizes 10000 100000 1000000 \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/vigil_network   # WIPED per size
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from classifier.entities import extract_entities
from moderation_api.auth.policy import Viewer
from moderation_api.auth.schemas import Role
from moderation_api.db import make_engine, make_session_factory, utcnow
from moderation_api.migrations import upgrade
from moderation_api.network.schemas import ClusterOut
from moderation_api.network.service import cluster_view, link_posting, link_postings, related
from moderation_api.postings.models import Posting
from moderation_api.reports.quantiles import quantile
from moderation_api.settings import Settings

TEMPLATES = (
    "Sweet {name} visiting {city} this week, upscale companion for dinner dates. Call {phone} to meet",
    "Hiring {n} hotel cleaners for {city}, good pay, housing provided, contact {phone} on whatsapp today",
    "Selling {item} in great condition, barely used, pickup in {city}, text {phone}, price negotiable",
    "Room for rent in {city}, utilities included, close to the bus line, call {phone} for a viewing",
)
CITIES = ("Houston", "Dallas", "Austin", "Miami", "Denver", "Phoenix", "Atlanta", "Tampa", "Reno", "Boise")
ITEMS = ("a mountain bike", "an oak dining table", "a gaming laptop", "a baby stroller", "a fridge")
SEED_BATCH = 2000


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randrange(4, 9)))


def synthetic_postings(count: int, seed: int = 3) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    phones = [f"+1{rng.randrange(2, 10)}{rng.randrange(10**9):09d}" for _ in range(max(10, count // 3))]
    rows = []
    for index in range(count):
        unique_words = " ".join(_word(rng) for _ in range(8))
        if rng.random() < 0.35:  # a re-used template / contact
            text = rng.choice(TEMPLATES).format(
                name=rng.choice(("Lola", "Mia", "Ana")), city=rng.choice(CITIES), phone=rng.choice(phones),
                n=rng.randrange(2, 9), item=rng.choice(ITEMS),
            )  # fmt: skip
        else:  # an ordinary, unique posting with its own number
            number = f"+1{rng.randrange(10**10):010d}"
            text = f"{unique_words} {rng.choice(ITEMS)} in {rng.choice(CITIES)}, call {number}"
        rows.append({"text": text, "location": rng.choice(CITIES), "index": index})
    return rows


def _posting(row: dict[str, Any]) -> Posting:
    entities = [e.to_dict() for e in extract_entities(row["text"])]
    return Posting(
        source="bench", external_id=str(row["index"]), text=row["text"], text_sha256="-",
        location=row["location"], ingested_at=utcnow(), model_name="bench", model_version="0",
        risk_score=0.0, urgent_score=0.0, band="low", score={"entities": entities},
    )  # fmt: skip


@contextmanager
def fresh_engine(database_url: str | None) -> Iterator[Engine]:
    """An empty, migrated database: a temporary SQLite file, or ``database_url`` wiped (schema dropped)."""
    if database_url is None:
        with tempfile.TemporaryDirectory() as tmp:
            engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
            upgrade(engine)
            yield engine
            engine.dispose()
        return
    # Seeding 1M postings runs longer than a request may; the bench is not a request.
    engine = make_engine(
        database_url, settings=Settings(database_url=database_url, db_statement_timeout=3600)
    )
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


def _analyze(engine: Engine) -> None:
    """Fresh planner statistics and visibility map after bulk seeding: the steady state autovacuum keeps
    a live database in (index-only scans need the visibility map)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM (ANALYZE)"))
    else:
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))


def _ms(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return round(statistics.median(ordered), 2), round(quantile(ordered, 0.99) or 0.0, 2)


def run_size(
    size: int, *, database_url: str | None, tail: int, lookups: int, tail_batch: int = 1
) -> dict[str, Any]:
    rows = synthetic_postings(size)
    with fresh_engine(database_url) as engine:
        factory = make_session_factory(engine)
        started = time.perf_counter()
        with factory() as session:
            for start in range(0, size - tail, SEED_BATCH):
                batch = [_posting(row) for row in rows[start : min(start + SEED_BATCH, size - tail)]]
                session.add_all(batch)
                session.flush()
                link_postings(session, postings=batch)
                session.commit()
                session.expunge_all()
        seeded = time.perf_counter()
        _analyze(engine)
        tail_started, tail_cpu = time.perf_counter(), time.process_time()
        with factory() as session:
            timed = rows[size - tail :]
            for number, start in enumerate(range(0, tail, tail_batch)):
                postings = [_posting(row) for row in timed[start : start + tail_batch]]
                session.add_all(postings)
                session.flush()
                if tail_batch == 1:
                    link_posting(session, posting=postings[0])
                else:  # what one ingest request of that many postings does
                    link_postings(session, postings=postings)
                if (number + 1) * tail_batch % 100 < tail_batch:
                    session.commit()
                    session.expunge_all()
            session.commit()
        ended, ended_cpu = time.perf_counter(), time.process_time()
        rng = random.Random(5)
        # A reviewer's lookup: the access policy's restriction check is part of what a lookup costs.
        viewer = Viewer(role=Role.REVIEWER, category_cutoff=Settings().category_cutoff)
        related_ms, cluster_ms, biggest = [], [], 0
        with factory() as session:
            for _ in range(lookups):
                posting_id = rng.randrange(1, size + 1)
                t0 = time.perf_counter()
                view = related(session, posting_id=posting_id, viewer=viewer)
                related_ms.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                cluster = ClusterOut(**cluster_view(session, cluster_id=view["cluster_id"], viewer=viewer))
                cluster_ms.append((time.perf_counter() - t0) * 1000)
                biggest = max(biggest, cluster.size)
                session.expunge_all()
    related_p50, related_p99 = _ms(related_ms)
    cluster_p50, cluster_p99 = _ms(cluster_ms)
    return {
        "size": size,
        "backend": "postgresql" if database_url else "sqlite",
        "seed_per_s": round((size - tail) / max(seeded - started, 1e-9), 1),
        "tail_batch": tail_batch,
        "tail_per_s": round(tail / (ended - tail_started), 1),
        # Per CPU second of this process (the database server's own CPU not included): on a machine shared
        # with other work, wall-clock throughput measures the scheduler as much as the code.
        "tail_per_cpu_s": round(tail / max(ended_cpu - tail_cpu, 1e-9), 1),
        "related_p50_ms": related_p50,
        "related_p99_ms": related_p99,
        "cluster_p50_ms": cluster_p50,
        "cluster_p99_ms": cluster_p99,
        "largest_cluster_seen": biggest,
        # The machine's 1-minute load when the size finished: a figure taken on a busy machine says so.
        "load_1min": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--database-url", default=None, help="PostgreSQL URL (wiped!); SQLite temp file if unset"
    )
    parser.add_argument(
        "--tail", type=int, default=2000, help="postings timed one by one at the end of each size"
    )
    parser.add_argument(
        "--tail-batch",
        type=int,
        default=1,
        help="postings per linking call in the timed tail (1: one by one; an ingest request sends several)",
    )
    parser.add_argument("--lookups", type=int, default=300)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        result = run_size(
            size,
            database_url=args.database_url,
            tail=min(args.tail, size // 2),
            lookups=args.lookups,
            tail_batch=args.tail_batch,
        )
        results.append(result)
        base = results[0]
        result["tail_ratio"] = round(result["tail_per_s"] / base["tail_per_s"], 2)
        result["tail_cpu_ratio"] = round(result["tail_per_cpu_s"] / base["tail_per_cpu_s"], 2)
        result["related_p99_ratio"] = round(result["related_p99_ms"] / base["related_p99_ms"], 2)
        result["cluster_p99_ratio"] = round(result["cluster_p99_ms"] / base["cluster_p99_ms"], 2)
        print(
            f"{result['backend']} N={size:>9,}  seeded {result['seed_per_s']:>7.1f}/s  "
            f"index {result['tail_per_s']:>6.1f}/s at size ({args.tail_batch} per call, "
            f"x{result['tail_ratio']:.2f} vs N={base['size']:,}; per CPU s {result['tail_per_cpu_s']:.1f}, "
            f"x{result['tail_cpu_ratio']:.2f})  "
            f"related p50 {result['related_p50_ms']:.2f} p99 {result['related_p99_ms']:.2f} ms "
            f"(p99 x{result['related_p99_ratio']:.2f})  cluster p50 {result['cluster_p50_ms']:.2f} "
            f"p99 {result['cluster_p99_ms']:.2f} ms (p99 x{result['cluster_p99_ratio']:.2f}; "
            f"largest {result['largest_cluster_seen']:,})",
            flush=True,
        )
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
