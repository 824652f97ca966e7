"""Concurrent ingest load against a real `vigil api` (uvicorn) process, with a one-client baseline.

Starts ``python -m moderation_api.cli api`` on loopback against ``--database-url`` (PostgreSQL is the
point; SQLite works) and replays one bounded workload twice, in separate key namespaces:

1. baseline: ONE client sends every request of the workload, one after another;
2. load: ``--clients`` clients (default 8) send their share of the same requests at once.

Each client posts ``--rounds`` batches of ``--batch`` postings. Keys and contacts overlap on purpose: in
every round each batch carries a ``--shared`` share of keys drawn from a pool that all clients draw from
at the same moment (raced keys, which must be stored exactly once; ``--shared 1`` races every key), the
rest are the client's own; every phone number comes from one small pool, so postings link, clusters merge
and network cases open while other requests do the same. A raced key can be scored by several requests
before one stores it (scoring happens before the write lock): that waste is part of what is measured.

Printed per phase: requests/s, postings/s (sent), new postings stored, p50/p99 request latency and the
error count (non-2xx responses and transport failures; must be 0); then the load/baseline ratios. After
the run the database is checked: one posting per key, at most one case per posting, cluster sizes equal
to their member counts. Exit status 1 on any error or inconsistency.

Nothing is dropped: rows are namespaced by a run id and the bench key is revoked at the end.

    python benchmarks/bench_ingest_load.py --database-url postgresql+psycopg://postgres@127.0.0.1/vigil_x
    python benchmarks/bench_ingest_load.py --database-url ... --scorer keyword --clients 16 --rounds 20
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from classifier.training.corpus import load_corpus
from moderation_api.auth.schemas import Role
from moderation_api.auth.service import create_key, revoke_key
from moderation_api.cases.models import Case
from moderation_api.db import make_engine, make_session_factory
from moderation_api.migrations import upgrade
from moderation_api.network.models import Cluster
from moderation_api.postings.models import Posting
from moderation_api.reports.quantiles import quantile

REPO_ROOT = Path(__file__).resolve().parent.parent
CITIES = ("Houston", "Dallas", "Austin", "Miami", "Denver", "Phoenix", "Atlanta", "Tampa")
PHONE_POOL = 24
PHONE_PREFIX = "AAA-EEE"  # replaced per phase and run (area code, exchange): see namespaced()


@dataclass
class Phase:
    name: str
    clients: int
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    sent: int = 0
    stored: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.latencies_ms)
        return {
            "phase": self.name,
            "clients": self.clients,
            "requests": len(ordered),
            "seconds": round(self.seconds, 2),
            "requests_per_s": round(len(ordered) / self.seconds, 2),
            "postings_per_s": round(self.sent / self.seconds, 1),
            "stored": self.stored,
            "p50_ms": round(quantile(ordered, 0.5) or 0.0, 1),
            "p99_ms": round(quantile(ordered, 0.99) or 0.0, 1),
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors),
        }


def workload(args: argparse.Namespace, texts: list[str]) -> list[list[list[dict[str, Any]]]]:
    """Per client, per round, one batch: its own new keys plus keys raced by other clients, in a random
    order; every posting's phone comes from one small pool (contacts overlap across all clients)."""
    rng = random.Random(args.seed)
    raced = max(1, round(args.batch * args.shared))
    counter = iter(range(10**9))

    def posting() -> dict[str, Any]:
        n = next(counter)
        text = f"{texts[n % len(texts)]} Call or text {PHONE_PREFIX}-01{rng.randrange(PHONE_POOL):02d}."
        return {"external_id": f"k{n:06d}", "text": text, "location": CITIES[n % len(CITIES)]}

    plan: list[list[list[dict[str, Any]]]] = [[] for _ in range(args.clients)]
    for _ in range(args.rounds):
        pool = [posting() for _ in range(2 * raced)]  # each raced key is sent by about half the clients
        for client in plan:
            batch = rng.sample(pool, raced) + [posting() for _ in range(args.batch - raced)]
            rng.shuffle(batch)
            client.append(batch)
    return plan


def namespaced(batch: list[dict[str, Any]], source: str, phones: str) -> dict[str, Any]:
    """The batch as a request body of one phase: its own source and phone numbers (``phones`` is an area
    code and exchange), so phases and runs neither share keys nor link into each other's clusters."""
    return {"postings": [{**p, "source": source, "text": p["text"].replace(PHONE_PREFIX, phones)}
                         for p in batch]}  # fmt: skip


def run_phase(phase: Phase, queues: list[list[dict[str, Any]]], urls: list[str], key: str) -> None:
    """Each queue is one client's requests, sent in order; all clients start together."""
    barrier = threading.Barrier(len(queues) + 1)
    lock = threading.Lock()

    def client(n: int) -> None:
        with httpx.Client(base_url=urls[n % len(urls)], headers={"X-API-Key": key}, timeout=120) as http:
            barrier.wait()
            for body in queues[n]:
                started = time.perf_counter()
                try:
                    response = http.post("/v1/postings", json=body)
                    outcome = None if response.is_success else f"HTTP {response.status_code}"
                except httpx.HTTPError as exc:
                    response, outcome = None, type(exc).__name__
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    phase.latencies_ms.append(elapsed)
                    phase.sent += len(body["postings"])
                    if outcome:
                        phase.errors[outcome] += 1
                    elif response is not None:
                        phase.stored += sum(1 for r in response.json()["results"] if r["created"])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(len(queues))]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    phase.seconds = time.perf_counter() - started


def start_servers(args: argparse.Namespace, logs: Path) -> tuple[list[subprocess.Popen[bytes]], list[str]]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "VIGIL_SCORER": args.scorer, "HF_HUB_OFFLINE": "1"}
    processes, urls = [], []
    for n in range(args.servers):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        command = [sys.executable, "-m", "moderation_api.cli", "api", "--host", "127.0.0.1", "--port",
                   str(port), "--database-url", args.database_url]  # fmt: skip
        log = (logs / f"api-{n}.log").open("wb")
        processes.append(
            subprocess.Popen(command, env=env, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
        )
        urls.append(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 180
    for process, url in zip(processes, urls, strict=True):
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the API at {url} did not start; see {logs}")
            try:
                if httpx.get(url + "/readyz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
    return processes, urls


def check_database(session_factory: Any, source: str, expected_keys: int) -> list[str]:
    """Invariants after the load: one posting per key, at most one case each, consistent cluster sizes."""
    problems = []
    with session_factory() as session:
        keys = session.scalar(
            select(func.count(func.distinct(Posting.external_id))).where(Posting.source == source)
        )
        rows = session.scalar(select(func.count()).where(Posting.source == source))
        if not keys == rows == expected_keys:
            problems.append(f"{rows} postings for {keys} keys, expected {expected_keys}")
        doubled = session.scalar(
            select(func.count())
            .select_from(select(Case.posting_id).join(Posting, Posting.id == Case.posting_id)
                         .where(Posting.source == source).group_by(Case.posting_id)
                         .having(func.count() > 1).subquery())
        )  # fmt: skip
        if doubled:
            problems.append(f"{doubled} postings with more than one case")
        clusters = select(Posting.cluster_id).where(Posting.source == source)
        members = dict(
            session.execute(
                select(Posting.cluster_id, func.count())
                .where(Posting.cluster_id.in_(clusters))
                .group_by(Posting.cluster_id)
            ).all()
        )
        sizes = dict(session.execute(select(Cluster.id, Cluster.size).where(Cluster.id.in_(clusters))).all())
        if members != sizes:
            problems.append("cluster sizes differ from their member counts")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", required=True, help="PostgreSQL (or SQLite) URL; migrated first")
    parser.add_argument("--scorer", choices=("model", "keyword"), default="model")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=8, help="batches per client")
    parser.add_argument("--batch", type=int, default=10, help="postings per request")
    parser.add_argument("--shared", type=float, default=0.3, help="share of each batch raced by others")
    parser.add_argument("--servers", type=int, default=1, help="API processes (clients spread over them)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    engine = make_engine(args.database_url)
    upgrade(engine)
    session_factory = make_session_factory(engine)
    run = f"{int(time.time())}-{os.getpid()}"
    exchange = random.Random(run).choice([n for n in range(200, 1000) if n % 100 != 11 and n != 555])
    with session_factory() as session:
        key = create_key(session, name=f"bench-load-{run}", role=Role.INTEGRATOR, actor="bench_ingest_load")
        session.commit()
    rows = load_corpus("generated") + load_corpus("craigslist_sample")
    random.Random(args.seed).shuffle(rows)
    plan = workload(args, [row["text"] for row in rows])
    base = Phase("baseline", 1)
    load = Phase("load", args.clients)
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as logs:
        processes, urls = start_servers(args, Path(logs))
        try:
            for url in urls:  # the first scoring call of a process pays the model's warm-up: not measured
                httpx.post(
                    url + "/v1/score", json={"text": "warm up"}, headers={"X-API-Key": key}, timeout=120
                )
            # The baseline sends exactly the load's requests, serially, round by round.
            serial = [batch for round_ in zip(*plan, strict=True) for batch in round_]
            run_phase(
                base, [[namespaced(b, f"base-{run}", f"713-{exchange}") for b in serial]], urls[:1], key
            )
            queues = [[namespaced(b, f"load-{run}", f"214-{exchange}") for b in client] for client in plan]
            run_phase(load, queues, urls, key)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=30)
    distinct = len({p["external_id"] for client in plan for batch in client for p in batch})
    for phase, source in ((base, f"base-{run}"), (load, f"load-{run}")):
        problems += [f"{phase.name}: {p}" for p in check_database(session_factory, source, distinct)]
    with session_factory() as session:
        revoke_key(session, name=f"bench-load-{run}", actor="bench_ingest_load")
        session.commit()
    engine.dispose()

    backend = make_url(args.database_url).get_backend_name()
    for phase in (base, load):
        s = phase.summary()
        print(
            f"[{backend}, {args.scorer}] {s['phase']:<8} {s['clients']:>2} client(s) x{args.servers} api: "
            f"{s['requests']} requests in {s['seconds']:.1f} s = {s['requests_per_s']:.1f} req/s, "
            f"{s['postings_per_s']:.0f} postings/s sent, {s['stored']} stored; "
            f"latency p50 {s['p50_ms']:.0f} ms p99 {s['p99_ms']:.0f} ms; errors {s['errors']}",
            flush=True,
        )
    speedup = base.seconds / load.seconds
    print(
        f"[{backend}, {args.scorer}] load vs baseline: x{speedup:.2f} throughput (same requests), "
        f"p50 latency x{load.summary()['p50_ms'] / max(base.summary()['p50_ms'], 0.1):.2f}"
    )
    print("database consistency: " + ("ok" if not problems else "; ".join(problems)))
    if args.json:
        result = {"backend": backend, "scorer": args.scorer, "distinct_keys": distinct,
                  "phases": [base.summary(), load.summary()], "throughput_ratio": round(speedup, 2),
                  "problems": problems}  # fmt: skip
        args.json.write_text(json.dumps(result, indent=2))
    return 1 if problems or base.errors or load.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
