"""Moderation API benchmarks, each against a baseline measured in the same run.

1. Ingest throughput: ``POST /v1/postings`` (HTTP stack, validation, scoring, storage, network index,
   case opening) in batches of 50, against the bare scorer (``score_texts``) on a same-sized, disjoint
   set of postings, the two alternating batch by batch — the ratio is the share of scoring capacity that
   reaches the database.
2. Claim latency: ``POST /v1/cases/claim`` p50 / p99 as the cases grow (1,000 / 100,000 / 1,000,000 by
   default, half of them decided, half open), against the first size (the queue index should keep it flat).
3. Report generation: ``GET /v1/reports/transparency`` (last 30 days, daily series included) over the same
   sizes, against the first; the growth ratio from the first to the last size is printed.

PostgreSQL is the production database, so it is the default (a ``vigil_bench`` database, or
``--bench-database``, is created on the server of ``--postgres`` and dropped); ``--sqlite`` runs the same on
the embedded default.

    python benchmarks/bench_api.py                       # full run (~15 min on 2 cores)
    python benchmarks/bench_api.py --sizes 1000 20000 --postings 200   # quicker
    python benchmarks/bench_api.py --skip-ingest         # claims and reports only
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import JSON, Connection, Engine, func, insert, select, text
from sqlalchemy.engine import make_url

from classifier.scoring import load_scorer
from classifier.training.corpus import load_corpus
from moderation_api.app import create_app
from moderation_api.audit import chain
from moderation_api.audit.models import AuditEvent
from moderation_api.audit.service import chain_head
from moderation_api.auth.schemas import Role
from moderation_api.auth.service import create_key
from moderation_api.cases import rollups
from moderation_api.cases.models import Case
from moderation_api.db import make_engine, make_session_factory, utcnow
from moderation_api.migrations import upgrade
from moderation_api.postings.models import Posting
from moderation_api.reports.quantiles import quantile
from moderation_api.settings import Settings

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BATCH = 50
INSERT_CHUNK = 5_000


@contextmanager
def fresh_database(args: argparse.Namespace) -> Iterator[str]:
    """An empty, migrated database; dropped afterwards."""
    if args.sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'bench.db'}"
            upgrade(make_engine(url))
            yield url
        return
    admin = make_engine(args.postgres)
    with admin.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.execute(text(f'DROP DATABASE IF EXISTS "{args.bench_database}"'))
        connection.execute(text(f'CREATE DATABASE "{args.bench_database}"'))
    url = make_url(args.postgres).set(database=args.bench_database).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.execute(text(f'DROP DATABASE IF EXISTS "{args.bench_database}" WITH (FORCE)'))
        admin.dispose()


def api_client(url: str, scorer: Any, role: Role) -> tuple[TestClient, dict[str, str], Engine]:
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        key = create_key(session, name=f"bench-{role}-{time.monotonic_ns()}", role=role, actor="bench")
        session.commit()
    settings = Settings(database_url=url, scorer="model" if scorer else "keyword", run_migrations=False)
    client = TestClient(create_app(settings, scorer=scorer))
    return client, {"X-API-Key": key}, engine


def bench_ingest(args: argparse.Namespace, scorer: Any) -> dict[str, Any]:
    """Batches of the bare scorer and of the API alternate (bare, API, API, bare, ...) on interleaved halves
    of one shuffled sample, so both see the same mix of text lengths and the same machine load over the
    run; each text is scored once (the scorer caches repeated texts)."""
    rows = load_corpus("generated") + load_corpus("craigslist_sample")
    random.Random(7).shuffle(rows)
    texts = [row["text"] for row in rows[: 2 * args.postings + 16]]
    warm, texts = texts[:16], texts[16:]
    bare_texts, api_texts = texts[0::2], texts[1::2]
    scorer.score_texts(warm)  # warm up the ONNX session
    spent = {"bare": 0.0, "api": 0.0}
    with fresh_database(args) as url:
        client, headers, engine = api_client(url, scorer, Role.INTEGRATOR)
        with client:
            client.post(
                "/v1/postings",
                json={"postings": [{"source": "warm", "external_id": "w", "text": "warm up the API path"}]},
                headers=headers,
            ).raise_for_status()
            for number, start in enumerate(range(0, len(api_texts), BATCH)):
                order = ("bare", "api") if number % 2 == 0 else ("api", "bare")
                for contender in order:
                    started = time.perf_counter()
                    if contender == "bare":
                        scorer.score_texts(bare_texts[start : start + BATCH])
                    else:
                        body = {
                            "postings": [
                                {"source": "bench", "external_id": f"p{start + n}", "text": t}
                                for n, t in enumerate(api_texts[start : start + BATCH])
                            ]
                        }
                        client.post("/v1/postings", json=body, headers=headers).raise_for_status()
                    spent[contender] += time.perf_counter() - started
        storage = table_sizes(engine)
        engine.dispose()
    bare_rate, api_rate = len(bare_texts) / spent["bare"], len(api_texts) / spent["api"]
    return {
        "postings": len(api_texts),
        "bare_scorer_per_s": round(bare_rate, 1),
        "api_ingest_per_s": round(api_rate, 1),
        "ratio": round(api_rate / bare_rate, 2),
        "storage": storage,
    }


def table_sizes(engine: Engine) -> dict[str, dict[str, int]]:
    """Rows and on-disk bytes (heap + TOAST, indexes) per table after ingest: the capacity model's input.

    PostgreSQL only (SQLite keeps every table in one file); tables without rows are left out.
    """
    if engine.dialect.name != "postgresql":
        return {}
    sizes: dict[str, dict[str, int]] = {}
    with engine.connect() as connection:
        tables = connection.execute(
            text(
                "SELECT c.relname, pg_total_relation_size(c.oid) - pg_indexes_size(c.oid), "
                "pg_indexes_size(c.oid) "
                "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'alembic_version'"
            )
        ).all()
        for name, table_bytes, index_bytes in tables:
            rows = connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
            if rows:
                sizes[name] = {"rows": rows, "table_bytes": table_bytes, "index_bytes": index_bytes}
    return sizes


def seed_cases(engine: Engine, *, count: int, decided_share: float, rng: random.Random) -> None:
    """Insert ``count`` postings with one case each, fast (multi-row inserts, one transaction): a share
    ``decided_share`` of them decided (confirm or dismiss, 2:1, with their audit events), the rest open —
    one in eight of those escalated to the senior queue, where an escalated case waits, open. The report
    rollups get the same rows every transition would have added (:mod:`moderation_api.cases.rollups`)."""
    now = utcnow()
    totals: rollups.Totals = {}
    with engine.begin() as connection:
        first_id = connection.execute(text("SELECT COALESCE(MAX(id), 0) FROM postings")).scalar_one() + 1
        head = chain_head(connection)
        for chunk_start in range(0, count, INSERT_CHUNK):
            ids = range(first_id + chunk_start, first_id + min(count, chunk_start + INSERT_CHUNK))
            postings, cases, events = [], [], []
            for posting_id in ids:
                risk = rng.random()
                band = "urgent" if risk > 0.9 else "review"
                opened = now - timedelta(minutes=rng.uniform(10, 60 * 24 * 29))
                postings.append(
                    {"id": posting_id, "source": "bench", "external_id": f"s{posting_id}", "text": "seeded",
                     "text_sha256": "-", "ingested_at": opened, "model_name": "bench",
                     "model_version": "1.0.0", "risk_score": risk, "urgent_score": risk, "band": band,
                     "score": {}}
                )  # fmt: skip
                if rng.random() < decided_share:
                    decision = rng.choice(("confirm", "confirm", "dismiss"))
                elif rng.random() < 0.125:
                    decision = "escalate"
                else:
                    decision = None
                final = decision in ("confirm", "dismiss")
                decided_at = opened + timedelta(hours=rng.uniform(0.1, 20)) if decision else None
                case = {"id": posting_id, "posting_id": posting_id, "source": "automated",
                        "queue": "senior" if decision == "escalate" else "standard",
                        "state": "decided" if final else "open", "band": band, "risk_score": risk,
                        "minor": rng.random() < 0.05, "categories": ",sex_trafficking,",
                        "model_version": "1.0.0", "opened_at": opened,
                        "decided_at": decided_at if final else None,
                        "decision": decision if final else None,
                        "decision_reason": "false_positive" if decision == "dismiss" else None,
                        "escalation_kind": "policy_question" if decision == "escalate" else None}  # fmt: skip
                cases.append(case)
                events.append(
                    {"case_id": posting_id, "at": opened, "actor": "model:bench", "actor_kind": "model",
                     "action": "open", "from_state": None, "to_state": "open"}
                )  # fmt: skip
                _count(totals, rollups.Key(opened.date(), rollups.Metric.OPENED, source="automated"), 0.0)
                if decision is not None and decided_at is not None:
                    reason = {"dismiss": "false_positive", "escalate": "policy_question"}.get(decision)
                    events.append(
                        {"case_id": posting_id, "at": decided_at, "actor": "key:bench", "actor_kind": "human",
                         "action": "escalate" if decision == "escalate" else "decide",
                         "from_state": "assigned", "decision": decision,
                         "to_state": "decided" if final else "open", "reason": reason}
                    )  # fmt: skip
                    key = rollups.decision_key(
                        at=decided_at, decision=decision, reason=reason, case=SimpleNamespace(**case)
                    )
                    _count(totals, key, 0.0)
                    found = rollups.decided_key(
                        state=case["state"], decided_at=case["decided_at"], opened_at=opened,
                        source="automated", model_version="1.0.0", decision=case["decision"],
                    )  # fmt: skip
                    if found is not None:
                        _count(totals, *found)
            # Seeded events join the audit hash chain like any other (every row carries every column).
            chained = []
            for event in events:
                values = {name: event.get(name) for name in chain.FIELDS if name != "seq"}
                head = chain.link(head, values)
                chained.append(values)
            for model, rows in ((Posting, postings), (Case, cases), (AuditEvent, chained)):
                bulk_insert(connection, model, rows)
        rollups.apply(connection, totals)
        if engine.dialect.name == "postgresql":
            # Explicit ids were inserted: move the sequences past them, and refresh planner statistics.
            for table in ("postings", "cases", "audit_events"):
                sequence = f"pg_get_serial_sequence('{table}', 'id')"
                connection.execute(text(f"SELECT setval({sequence}, (SELECT MAX(id) FROM {table}))"))
            connection.execute(text("ANALYZE"))


def bulk_insert(connection: Connection, model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts of the same keys): PostgreSQL's COPY (several times faster than INSERT, which
    makes a million cases practical on two cores), or a multi-row INSERT elsewhere."""
    if connection.dialect.name != "postgresql":
        connection.execute(insert(model), rows)
        return
    table = model.__table__
    # COPY applies no ORM-side defaults: the columns the rows leave out get their scalar defaults here.
    defaults = {
        column.name: column.default.arg
        for column in table.columns
        if column.name not in rows[0] and column.default is not None and column.default.is_scalar
    }
    rows = [{**defaults, **row} for row in rows] if defaults else rows
    columns = [column.name for column in table.columns if column.name in rows[0]]
    json_columns = {name for name in columns if isinstance(table.c[name].type, JSON)}
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_copy_value(row.get(name), json_column=name in json_columns) for name in columns])


def _copy_value(value: Any, *, json_column: bool) -> Any:
    return json.dumps(value) if json_column and value is not None else value


def _count(totals: rollups.Totals, key: rollups.Key, seconds: float) -> None:
    tally = totals.setdefault(key, rollups.Tally())
    tally.n += 1
    tally.seconds += seconds


def case_states(engine: Engine) -> dict[str, int]:
    """How many seeded cases are open (escalated ones included) and decided, read back from the database."""
    with engine.connect() as connection:
        return dict(connection.execute(select(Case.state, func.count()).group_by(Case.state)).all())  # type: ignore[arg-type]


def timed(call: Callable[[], Any], repeat: int) -> list[float]:
    latencies = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def bench_queue_and_reports(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Claim latency and report time at each of ``args.sizes`` (cases), same database, growing."""
    results = []
    rng = random.Random(11)
    with fresh_database(args) as url:
        client, headers, engine = api_client(url, None, Role.SENIOR)
        seeded = 0
        with client:
            for size in args.sizes:
                started = time.perf_counter()
                seed_cases(engine, count=size - seeded, decided_share=0.5, rng=rng)
                seed_seconds = time.perf_counter() - started
                seeded = size
                states = case_states(engine)

                def claim_one() -> None:
                    response = client.post("/v1/cases/claim", json={"count": 1}, headers=headers)
                    response.raise_for_status()
                    (case,) = response.json()
                    client.post(f"/v1/cases/{case['id']}/release", headers=headers).raise_for_status()

                claim_one()  # warm up
                claims = timed(claim_one, args.claims)
                report = timed(
                    lambda: client.get(
                        "/v1/reports/transparency", params={"daily": "true"}, headers=headers
                    ).raise_for_status(),
                    args.reports,
                )
                results.append(
                    {
                        "cases": size,
                        "open": states.get("open", 0) + states.get("assigned", 0),
                        "decided": states.get("decided", 0),
                        "seed_seconds": round(seed_seconds, 1),
                        "claim_release_p50_ms": round(statistics.median(claims), 2),
                        "claim_release_p99_ms": round(quantile(sorted(claims), 0.99) or 0.0, 2),
                        "report_median_ms": round(statistics.median(report), 1),
                    }
                )
        engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="server URL (its maintenance db)")
    parser.add_argument("--sqlite", action="store_true", help="use a temporary SQLite file instead")
    parser.add_argument(
        "--bench-database",
        default="vigil_bench",
        help="name of the PostgreSQL database created (and dropped) for the run; keep runs apart by name",
    )
    parser.add_argument("--postings", type=int, default=400, help="postings per ingest contender")
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1_000, 100_000, 1_000_000], help="case counts, growing"
    )
    parser.add_argument("--skip-ingest", action="store_true", help="claims and reports only")
    parser.add_argument("--claims", type=int, default=200)
    parser.add_argument("--reports", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    backend = "sqlite" if args.sqlite else "postgresql"
    ingest = None
    if not args.skip_ingest:
        ingest = bench_ingest(args, load_scorer())
        print(
            f"[{backend}] ingest  API {ingest['api_ingest_per_s']:.1f} postings/s vs bare scorer "
            f"{ingest['bare_scorer_per_s']:.1f}/s  (x{ingest['ratio']:.2f})",
            flush=True,
        )
    queue = bench_queue_and_reports(args)
    base = queue[0]
    for row in queue:
        claim_ratio = row["claim_release_p50_ms"] / base["claim_release_p50_ms"]
        report_ratio = row["report_median_ms"] / base["report_median_ms"]
        print(
            f"[{backend}] {row['cases']:>9,} cases ({row['open']:,} open, {row['decided']:,} decided; "
            f"seeded in {row['seed_seconds']:.0f} s)  claim+release p50 {row['claim_release_p50_ms']:.2f} ms "
            f"p99 {row['claim_release_p99_ms']:.2f} ms (p50 x{claim_ratio:.2f})"
            f"  report {row['report_median_ms']:.0f} ms (x{report_ratio:.2f})",
            flush=True,
        )
    growth = queue[-1]["cases"] / base["cases"]
    print(
        f"[{backend}] report growth {base['cases']:,} -> {queue[-1]['cases']:,} cases (x{growth:,.0f}): "
        f"x{queue[-1]['report_median_ms'] / base['report_median_ms']:.2f} time",
        flush=True,
    )
    if args.json:
        args.json.write_text(json.dumps({"backend": backend, "ingest": ingest, "queue": queue}, indent=2))


if __name__ == "__main__":
    main()
