"""Network index growth: indexing throughput and related-lookup latency at growing database sizes.

For each size N a fresh SQLite database is filled with N synthetic postings through the real linking
code (`moderation_api.network.service.link_posting`: contact + LSH lookups, incremental union-find). About
a third of postings re-use a contact or re-post a template, as operations do. Reported per size:

- indexing throughput over the LAST 2,000 postings (the marginal cost at that size — near-linear total
  cost means this stays flat),
- p50 / p99 latency of `related()` for 300 random postings (should stay near-constant),
- ratios against the smallest size, measured in the same run.

    python benchmarks/bench_clusters.py                      # 10k and 100k (~10 min on 2 cores)
    python benchmarks/bench_clusters.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from classifier.entities import extract_entities
from moderation_api.auth.policy import Viewer
from moderation_api.auth.schemas import Role
from moderation_api.db import make_engine, make_session_factory, utcnow
from moderation_api.migrations import upgrade
from moderation_api.network.service import link_posting, related
from moderation_api.postings.models import Posting
from moderation_api.reports.quantiles import quantile
from moderation_api.settings import Settings

TEMPLATES = (
    "Sweet {name} visiting {city} this week, upscale companion for dinner dates. Call {phone} to meet",
    "Hiring {n} hotel cleaners for {city}, good pay, housing provided, contact {phone} on whatsapp today",
    "Selling {item} in great condition, barely used, pickup in {city}, text {phone}, price negotiable",
    "Room for rent in {city}, utilities included, close to the bus line, call {phone} for a viewing",
)
WORDS = (
    "alpha",
    "bravo",
    "delta",
    "echo",
    "gold",
    "hotel",
    "india",
    "kilo",
    "lima",
    "metro",
    "nova",
    "oscar",
)
CITIES = ("Houston", "Dallas", "Austin", "Miami", "Denver", "Phoenix", "Atlanta", "Tampa", "Reno", "Boise")
ITEMS = ("a mountain bike", "an oak dining table", "a gaming laptop", "a baby stroller", "a fridge")


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


def run_size(size: int, *, tail: int = 2000, lookups: int = 300) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(engine)
        factory = make_session_factory(engine)
        rows = synthetic_postings(size)
        tail_started = 0.0
        started = time.perf_counter()
        with factory() as session:
            for number, row in enumerate(rows):
                if number == size - tail:
                    session.commit()
                    tail_started = time.perf_counter()
                entities = [e.to_dict() for e in extract_entities(row["text"])]
                posting_id = session.execute(
                    insert(Posting).returning(Posting.id),
                    {
                        "source": "bench", "external_id": str(number), "text": row["text"],
                        "text_sha256": "-", "location": row["location"], "ingested_at": utcnow(),
                        "model_name": "bench", "model_version": "0", "risk_score": 0.0, "urgent_score": 0.0,
                        "band": "low", "score": {"entities": entities},
                    },
                ).scalar_one()  # fmt: skip
                posting = session.get(Posting, posting_id)
                assert posting is not None
                link_posting(session, posting=posting)
                if number % 1000 == 999:
                    session.commit()
                    session.expunge_all()
            session.commit()
        ended = time.perf_counter()
        rng = random.Random(5)
        latencies = []
        # A reviewer's lookup: the access policy's restriction check is part of what a lookup costs.
        viewer = Viewer(role=Role.REVIEWER, category_cutoff=Settings().category_cutoff)
        with factory() as session:
            for _ in range(lookups):
                posting_id = rng.randrange(1, size + 1)
                t0 = time.perf_counter()
                related(session, posting_id=posting_id, viewer=viewer)
                latencies.append((time.perf_counter() - t0) * 1000)
        engine.dispose()
    return {
        "size": size,
        "total_s": round(ended - started, 1),
        "overall_per_s": round(size / (ended - started), 1),
        "tail_per_s": round(tail / (ended - tail_started), 1),
        "related_p50_ms": round(statistics.median(latencies), 2),
        "related_p99_ms": round(quantile(sorted(latencies), 0.99) or 0.0, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--tail", type=int, default=2000, help="postings timed at the end of each size")
    parser.add_argument("--lookups", type=int, default=300)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        result = run_size(size, tail=min(args.tail, size), lookups=args.lookups)
        results.append(result)
        base = results[0]
        print(
            f"N={size:>9,}  index {result['overall_per_s']:>8.1f}/s overall, {result['tail_per_s']:>8.1f}/s "
            f"at size (x{result['tail_per_s'] / base['tail_per_s']:.2f} vs N={base['size']:,})  "
            f"related p50 {result['related_p50_ms']:.2f} ms p99 {result['related_p99_ms']:.2f} ms "
            f"(p50 x{result['related_p50_ms'] / base['related_p50_ms']:.2f})",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
