"""The capacity table in the README, computed from measured benchmark results (nothing typed in by hand).

Inputs are the JSON files the benchmarks write (``--json``):

- ``bench_api.py``: API ingest postings/s per process (HTTP, validation, scoring, storage, network index,
  case opening), and on PostgreSQL the rows and bytes (heap + TOAST, indexes) each table holds after ingest;
- ``bench_batch.py``: archive scoring postings/s per Ray worker (steady rate, start-up excluded);
- ``bench_clusters.py`` on PostgreSQL (``--tail-batch`` as an ingest request): network indexing
  postings/s at the largest index size measured. Network-index writers are serialized across all API
  processes (one advisory lock), so this rate caps the whole deployment's ingest, however many replicas.

Everything else is an assumption, printed with the table and settable here: the peak-to-average ratio of
the posting stream, the utilisation a replica is planned at, the share of postings the platform's real
traffic flags (the benchmark corpus is enriched with risky postings, so its own share is far too high),
the audit rows a decided case adds, the retention window and how fast the archive must be re-scored.

    python benchmarks/capacity.py --api benchmarks/results/api.json --batch benchmarks/results/batch.json
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

DAILY = (1_000_000, 10_000_000, 100_000_000)
# Tables with one or more rows per ingested posting, and tables whose rows come with a case.
PER_POSTING = ("postings", "posting_contacts", "posting_buckets", "clusters")
PER_CASE = ("cases", "audit_events", "outbox_events", "webhook_deliveries")
# Rows that the retention sweep deletes with the text (bounded by the retention window); the rest stay.
ERASED_WITH_TEXT = ("posting_contacts", "posting_buckets")
GB = 1024**3


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def per_row(storage: dict[str, dict[str, int]]) -> dict[str, dict[str, float]]:
    return {
        name: {
            "table_bytes": entry["table_bytes"] / entry["rows"],
            "index_bytes": entry["index_bytes"] / entry["rows"],
            "rows": entry["rows"],
        }
        for name, entry in storage.items()
    }


def model(args: argparse.Namespace) -> dict[str, Any]:
    api = load(args.api)
    batch = load(args.batch)
    ingest = api["ingest"]
    storage = ingest["storage"]
    if not storage:
        raise SystemExit("the bench_api result has no table sizes: run it on PostgreSQL")
    sizes = per_row(storage)
    postings = storage["postings"]["rows"]
    measured_cases = storage.get("cases", {}).get("rows", 0)
    audit_per_case = storage["audit_events"]["rows"] / max(measured_cases, 1)
    two = next(
        row for row in batch["contenders"] if row["workers"] == 2 and row["contender"] != "vigil score"
    )
    worker_rate = two.get("steady_per_s", two["per_s"]) / 2  # per worker, with two sharing the machine
    network = load(args.clusters)[-1] if args.clusters else None
    queue = api.get("queue") or []
    rows_out = []
    for daily in DAILY:
        peak = daily / 86_400 * args.peak_factor
        replicas = max(2, math.ceil(peak / (ingest["api_ingest_per_s"] * args.utilisation)))
        window = daily * args.retention_days
        workers = math.ceil(window / (args.rescore_days * 86_400 * worker_rate))
        cases = daily * args.flag_rate
        rows: dict[str, float] = {}
        for name in PER_POSTING:
            if name in storage:
                rows[name] = daily * storage[name]["rows"] / postings
        for name in PER_CASE:
            if name in storage and name != "audit_events":
                rows[name] = cases * storage[name]["rows"] / max(measured_cases, 1)
        # Audit: the rows case opening wrote (measured) + the reviewers' claim and decision per case
        # + one erasure row per posting once the retention sweep reaches it.
        rows["audit_events"] = cases * (audit_per_case + args.audit_per_decision) + daily
        table = sum(rows[name] * sizes[name]["table_bytes"] for name in rows)
        index = sum(rows[name] * sizes[name]["index_bytes"] for name in rows)
        bounded = sum(
            rows[name] * (sizes[name]["table_bytes"] + sizes[name]["index_bytes"])
            for name in rows
            if name in ERASED_WITH_TEXT
        )
        year = (table + index - bounded) * 365 + bounded * min(365, args.retention_days)
        rows_out.append(
            {
                "postings_per_day": daily,
                "peak_per_s": peak,
                "api_replicas": replicas,
                "rescore_workers": workers,
                "rows_per_day": sum(rows.values()),
                "table_gb_per_day": table / GB,
                "index_gb_per_day": index / GB,
                "gb_after_a_year": year / GB,
                # Share of the serialized network index's measured rate the peak needs (>100%: it cannot).
                "network_index_load": peak / network["tail_per_s"] if network else None,
                # Each case is claimed and decided once: cases/s at the peak against what one process claims.
                "peak_cases_per_s": peak * args.flag_rate,
                "rows_by_table": rows,
            }
        )
    return {
        "inputs": {
            "api_ingest_per_s": ingest["api_ingest_per_s"],
            "bare_scorer_per_s": ingest["bare_scorer_per_s"],
            "ray_worker_per_s": round(worker_rate, 1),
            "ray_2_vs_1_workers": batch["ray_2_vs_1_workers"],
            "bench_postings": postings,
            "bench_flag_rate": round(measured_cases / postings, 3),
            "bytes_per_row": {name: round(v["table_bytes"] + v["index_bytes"]) for name, v in sizes.items()},
            "batch_load_average": batch["load_average_before"][0],
            "queue": queue[-1] if queue else None,
            "network_index": (
                {key: network[key] for key in ("size", "tail_batch", "tail_per_s", "load_1min")}
                if network
                else None
            ),
        },
        "rows": rows_out,
    }


def markdown(result: dict[str, Any], args: argparse.Namespace) -> str:
    inputs = result["inputs"]
    network, queue = inputs["network_index"], inputs["queue"]
    lines = [
        "| postings/day | peak ingest/s | API replicas | re-score workers | PostgreSQL rows/day "
        "| table GB/day | index GB/day | GB kept after a year |"
        + (" network index load |" if network else ""),
        "|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if network else ""),
    ]
    for row in result["rows"]:
        load_cell = f" {row['network_index_load']:.0%} |" if network else ""
        lines.append(
            f"| {row['postings_per_day']:,} | {row['peak_per_s']:,.0f} | {row['api_replicas']} "
            f"| {row['rescore_workers']} | {row['rows_per_day']:,.0f} | {row['table_gb_per_day']:.1f} "
            f"| {row['index_gb_per_day']:.1f} | {row['gb_after_a_year']:,.0f} |" + load_cell
        )
    sizes = ", ".join(f"{name} {size:,}" for name, size in sorted(inputs["bytes_per_row"].items()))
    lines += [
        "",
        f"Measured: one API process ingests {inputs['api_ingest_per_s']} postings/s (bare scorer "
        f"{inputs['bare_scorer_per_s']}/s, same run); a Ray worker re-scores {inputs['ray_worker_per_s']} "
        f"postings/s (2 vs 1 workers x{inputs['ray_2_vs_1_workers']}, load average "
        f"{inputs['batch_load_average']})"
        + (
            f"; a claim + release takes {queue['claim_release_p50_ms']} ms p50 "
            f"({queue['claim_release_p99_ms']} ms p99) at {queue['open']:,} open cases and the "
            f"transparency report {queue['report_median_ms']} ms: one client claiming in sequence gets "
            f"~{1000 / queue['claim_release_p50_ms']:.0f} claims/s, against "
            f"{result['rows'][-1]['peak_cases_per_s']:,.0f} new cases/s at the largest peak"
            if queue
            else ""
        )
        + "; bytes per row incl. indexes after ingesting "
        f"{inputs['bench_postings']} postings on PostgreSQL: {sizes}."
        + (
            f" The network index links {network['tail_per_s']} postings/s on PostgreSQL at "
            f"{network['size']:,} indexed postings, {network['tail_batch']} per ingest request (load average "
            f"{network['load_1min']}); its writers are serialized, so a load above 100% needs the index "
            "sharded (e.g. by source) or linking moved off the request path."
            if network
            else ""
        ),
        f"Assumed: peak = {args.peak_factor}x the daily average; replicas planned at "
        f"{args.utilisation:.0%} of the measured rate, at least 2; {args.flag_rate:.1%} of postings open a "
        f"case (the benchmark corpus flags {inputs['bench_flag_rate']:.0%}); "
        f"{args.audit_per_decision} audit rows per case for claim and decision; every posting gets one "
        f"erasure audit row after {args.retention_days} days; re-scoring the {args.retention_days}-day "
        f"window (text is erased after it) within {args.rescore_days} days; contact and template index "
        f"rows are deleted at erasure, posting, case and audit rows stay.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--api", type=Path, required=True, help="bench_api.py --json output (PostgreSQL)")
    parser.add_argument("--batch", type=Path, required=True, help="bench_batch.py --json output")
    parser.add_argument(
        "--clusters", type=Path, default=None, help="bench_clusters.py --json output (PostgreSQL, optional)"
    )
    parser.add_argument("--peak-factor", type=float, default=2.0)
    parser.add_argument("--utilisation", type=float, default=0.6)
    parser.add_argument("--flag-rate", type=float, default=0.02)
    parser.add_argument("--audit-per-decision", type=int, default=2)
    parser.add_argument("--retention-days", type=int, default=180)
    parser.add_argument("--rescore-days", type=float, default=7.0)
    parser.add_argument("--json", type=Path, default=None, help="also write the model as JSON here")
    args = parser.parse_args(argv)
    result = model(args)
    print(markdown(result, args))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
