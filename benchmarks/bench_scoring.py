"""Scoring throughput, latency and memory — the shipped scorer against the plain torch encoder.

Each contender runs in its own fresh Python process (so imports, load time and peak RSS are its own):

- ``torch-encoder``  the baseline: sentence-transformers all-MiniLM-L6-v2 on torch, embeddings only;
- ``onnx-encoder``   the shipped int8 ONNX encoder, embeddings only (the ceiling for full scoring);
- ``onnx-scorer``    the full ``vigil-risk`` pipeline: normalization, entities, indicators,
                     embedding and the calibrated heads (what the API and ``vigil score`` run);
- ``keyword``        the no-ML keyword baseline scorer, for reference.

Reported per contender: startup (import + load), batch throughput (one call over N distinct postings),
single-posting throughput and p50/p99 latency, peak RSS; plus ratios against ``torch-encoder``.

    python benchmarks/bench_scoring.py            # full run (~2 min on 2 cores)
    python benchmarks/bench_scoring.py --quick    # smoke run (a few seconds per contender)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
CONTENDERS = ("torch-encoder", "onnx-encoder", "onnx-scorer", "keyword")
BASELINE = "torch-encoder"


def benchmark_texts(limit: int) -> list[str]:
    """Distinct ad-length postings from the project corpus (all genres, languages) and Craigslist."""
    import random

    from classifier.training.corpus import load_corpus

    rows = [*load_corpus("generated"), *load_corpus("written"), *load_corpus("craigslist_sample")]
    texts = list(dict.fromkeys(row["text"] for row in rows))
    random.Random(7).shuffle(texts)
    if len(texts) < limit:
        raise SystemExit(f"only {len(texts)} distinct texts available, asked for {limit}")
    return texts[:limit]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def run_worker(kind: str, n_batch: int, n_single: int) -> dict[str, Any]:
    """Measure one contender inside this process; prints nothing but the JSON result."""
    texts = benchmark_texts(n_batch + n_single)
    batch_texts, single_texts = texts[:n_batch], texts[n_batch:]
    started = time.perf_counter()
    if kind == "torch-encoder":
        from classifier.encoders import SentenceTransformerEncoder

        encoder = SentenceTransformerEncoder(cache_size=0)

        def run(items: list[str]) -> object:
            return encoder.encode(items)
    elif kind == "onnx-encoder":
        from classifier.encoders import OnnxEncoder

        onnx = OnnxEncoder(cache_size=0)

        def run(items: list[str]) -> object:
            return onnx.encode(items)
    elif kind == "onnx-scorer":
        from classifier.scoring import load_scorer

        scorer = load_scorer()

        def run(items: list[str]) -> object:
            return scorer.score_texts(items)
    elif kind == "keyword":
        from classifier.baseline import KeywordScorer

        keyword = KeywordScorer()

        def run(items: list[str]) -> object:
            return keyword.score_texts(items)
    else:
        raise SystemExit(f"unknown contender {kind}")
    run(["warm-up posting: bike for sale, good condition"])
    startup = time.perf_counter() - started

    t0 = time.perf_counter()
    run(batch_texts)
    batch_seconds = time.perf_counter() - t0

    latencies = []
    for text in single_texts:
        t0 = time.perf_counter()
        run([text])
        latencies.append(time.perf_counter() - t0)
    return {
        "contender": kind,
        "startup_s": startup,
        "batch_postings": len(batch_texts),
        "batch_per_s": len(batch_texts) / batch_seconds,
        "single_postings": len(single_texts),
        "single_per_s": len(single_texts) / sum(latencies),
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * _percentile(latencies, 0.99),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "mean_chars": sum(map(len, texts)) / len(texts),
    }


def measure(kind: str, n_batch: int, n_single: int) -> dict[str, Any]:
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }
    command = [sys.executable, __file__, "--worker", kind, "--batch", str(n_batch), "--single", str(n_single)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO_ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(results: list[dict[str, Any]]) -> str:
    base = next((r for r in results if r["contender"] == BASELINE), None)
    header = (
        f"{'contender':<14} {'startup s':>9} {'batch/s':>8} {'single/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'RSS MB':>7}   vs torch: batch  single  p50  RSS"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        line = (
            f"{r['contender']:<14} {r['startup_s']:>9.2f} {r['batch_per_s']:>8.1f} {r['single_per_s']:>8.1f} "
            f"{r['p50_ms']:>7.1f} {r['p99_ms']:>7.1f} {r['peak_rss_mb']:>7.0f}"
        )
        if base is not None:
            batch = r["batch_per_s"] / base["batch_per_s"]
            single = r["single_per_s"] / base["single_per_s"]
            p50 = r["p50_ms"] / base["p50_ms"]
            rss = r["peak_rss_mb"] / base["peak_rss_mb"]
            line += f"   {batch:>13.2f}x {single:>6.2f}x {p50:>4.2f}x {rss:>4.2f}x"
        lines.append(line)
    by_name = {r["contender"]: r for r in results}
    if "onnx-scorer" in by_name and "onnx-encoder" in by_name:
        scorer, encoder = by_name["onnx-scorer"], by_name["onnx-encoder"]
        lines.append(
            f"full scorer vs bare int8 encoder (same run): batch "
            f"{scorer['batch_per_s'] / encoder['batch_per_s']:.2f}x, single "
            f"{scorer['single_per_s'] / encoder['single_per_s']:.2f}x (target >= 0.75x batch)"
        )
    first = results[0]
    lines.append(
        f"batch = one call over {first['batch_postings']} distinct postings; "
        f"single = {first['single_postings']} one-posting calls; "
        f"mean {first['mean_chars']:.0f} chars/posting; {os.cpu_count()} CPU(s)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small smoke run")
    parser.add_argument("--batch", type=int, default=None, help="postings in the batch measurement")
    parser.add_argument("--single", type=int, default=None, help="one-posting calls for latency")
    parser.add_argument("--only", nargs="+", choices=CONTENDERS, default=list(CONTENDERS))
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON here")
    parser.add_argument("--worker", choices=CONTENDERS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    n_batch = args.batch or (48 if args.quick else 400)
    n_single = args.single or (16 if args.quick else 200)
    if args.worker:
        print(json.dumps(run_worker(args.worker, n_batch, n_single)))
        return 0
    results = []
    for kind in args.only:
        print(f"measuring {kind} …", file=sys.stderr, flush=True)
        results.append(measure(kind, n_batch, n_single))
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO_ROOT))
    raise SystemExit(main())
