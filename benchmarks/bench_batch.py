"""Archive scoring throughput: plain `vigil score` against the Ray engine with 1 and 2 workers, one run.

Every contender is a real `vigil score` subprocess on the same input (distinct corpus postings, JSONL)
and is timed end to end, start-up included: the baseline is the single-process command, and the Ray
rows show what the engine costs (starting Ray, its actors each loading the model, shipping parts) and
what a second worker buys. A second, one-posting run of each contender measures its fixed start-up, so
the steady rate (postings / (wall - start-up)) is reported too. The machine's load average is recorded
beside the figures: on a shared machine only ratios from one run mean anything.

    python benchmarks/bench_batch.py                 # 1,200 postings (~3 min on 2 idle cores)
    python benchmarks/bench_batch.py --postings 40 --part-rows 20 --no-startup   # smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
BASELINE = "vigil score"


def write_input(path: Path, count: int) -> None:
    sys.path.insert(0, str(REPO_ROOT))
    from benchmarks.bench_scoring import benchmark_texts

    with path.open("w", encoding="utf-8") as handle:
        for number, text in enumerate(benchmark_texts(count)):
            handle.write(json.dumps({"id": number, "text": text}) + "\n")


def run_contender(workers: int | None, source: Path, output: Path, part_rows: int) -> float:
    """Wall seconds of one `vigil score` run (``workers`` None = the single-process command)."""
    command = [
        sys.executable,
        "-m",
        "classifier.cli",
        "score",
        str(source),
        "--output",
        str(output),
        "--quiet",
    ]
    if workers is not None:
        command += ["--engine", "ray", "--workers", str(workers), "--part-rows", str(part_rows)]
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "RAY_USAGE_STATS_ENABLED": "0",
        "TOKENIZERS_PARALLELISM": "false",
    }
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO_ROOT, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[3:])} failed:\n{done.stderr[-2000:]}")
    return wall


def measure(args: argparse.Namespace) -> dict[str, Any]:
    contenders: list[tuple[str, int | None]] = [(BASELINE, None), ("ray 1 worker", 1), ("ray 2 workers", 2)]
    load_before = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory(prefix="vigil-bench-batch-") as scratch:
        root = Path(scratch)
        source, single = root / "postings.jsonl", root / "one.jsonl"
        write_input(source, args.postings)
        single.write_text(source.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        for name, workers in contenders:
            print(f"measuring {name} …", file=sys.stderr, flush=True)
            suffix = "out.jsonl" if workers is None else "out"
            wall = run_contender(workers, source, root / f"{name.replace(' ', '-')}-{suffix}", args.part_rows)
            row: dict[str, Any] = {"contender": name, "workers": workers or 1, "wall_s": round(wall, 2)}
            row["per_s"] = round(args.postings / wall, 1)
            if not args.no_startup:
                startup = run_contender(workers, single, root / f"{name.replace(' ', '-')}-one-{suffix}", 1)
                row["startup_s"] = round(startup, 2)
                row["steady_per_s"] = round((args.postings - 1) / max(wall - startup, 1e-3), 1)
            rows.append(row)
    base = rows[0]
    for row in rows:
        row["vs_plain"] = round(row["per_s"] / base["per_s"], 2)
        if "steady_per_s" in row:
            row["steady_vs_plain"] = round(row["steady_per_s"] / base["steady_per_s"], 2)
    one = next(row for row in rows if row["workers"] == 1 and row["contender"] != BASELINE)
    two = next(row for row in rows if row["workers"] == 2)
    key = "steady_per_s" if "steady_per_s" in two else "per_s"
    return {
        "postings": args.postings,
        "part_rows": args.part_rows,
        "cpus": os.cpu_count(),
        "load_average_before": [round(value, 1) for value in load_before],
        "load_average_after": [round(value, 1) for value in os.getloadavg()],
        "contenders": rows,
        "ray_2_vs_1_workers": round(two[key] / one[key], 2),
    }


def report(result: dict[str, Any]) -> str:
    header = (
        f"{'contender':<15} {'wall s':>7} {'per s':>7} {'vs plain':>8} "
        f"{'start-up s':>10} {'steady/s':>8} {'vs plain':>8}"
    )
    lines = [header, "-" * len(header)]
    for row in result["contenders"]:
        line = f"{row['contender']:<15} {row['wall_s']:>7.1f} {row['per_s']:>7.1f} {row['vs_plain']:>7.2f}x"
        if "startup_s" in row:
            line += f" {row['startup_s']:>10.1f} {row['steady_per_s']:>8.1f} {row['steady_vs_plain']:>7.2f}x"
        lines.append(line)
    lines.append(
        f"ray 2 vs 1 workers: x{result['ray_2_vs_1_workers']:.2f}; {result['postings']} postings, "
        f"parts of {result['part_rows']}; {result['cpus']} CPU(s); load average "
        f"{result['load_average_before'][0]} before, {result['load_average_after'][0]} after"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postings", type=int, default=1200)
    parser.add_argument("--part-rows", type=int, default=200, help="Ray part size (records)")
    parser.add_argument("--no-startup", action="store_true", help="skip the one-posting start-up runs")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    result = measure(args)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
