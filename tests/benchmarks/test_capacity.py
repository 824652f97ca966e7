"""benchmarks/capacity.py turns measured benchmark JSON into the README's capacity table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_capacity_sizes_replicas_workers_storage_and_network_load_from_the_measured_rates(
    tmp_path: Path,
) -> None:
    storage = {
        # 100 postings measured, 10 of them opened a case with 3 audit rows each.
        "postings": {"rows": 100, "table_bytes": 800_000, "index_bytes": 200_000},
        "posting_contacts": {"rows": 300, "table_bytes": 30_000, "index_bytes": 30_000},
        "cases": {"rows": 10, "table_bytes": 20_000, "index_bytes": 10_000},
        "audit_events": {"rows": 30, "table_bytes": 30_000, "index_bytes": 0},
    }
    api = _write(
        tmp_path / "api.json",
        {"ingest": {"api_ingest_per_s": 50.0, "bare_scorer_per_s": 60.0, "storage": storage}},
    )
    batch = _write(
        tmp_path / "batch.json",
        {
            "contenders": [
                {"contender": "vigil score", "workers": 1, "per_s": 50.0},
                {"contender": "ray 2 workers", "workers": 2, "per_s": 40.0, "steady_per_s": 40.0},
            ],
            "ray_2_vs_1_workers": 0.9,
            "load_average_before": [0.5, 0.5, 0.5],
        },
    )
    clusters = _write(
        tmp_path / "clusters.json",
        [
            {"size": 10_000, "tail_batch": 50, "tail_per_s": 900.0, "load_1min": 1.0},
            {"size": 1_000_000, "tail_batch": 50, "tail_per_s": 500.0, "load_1min": 1.1},
        ],
    )
    out = tmp_path / "model.json"
    args = ["--api", str(api), "--batch", str(batch), "--clusters", str(clusters), "--json", str(out)]
    done = subprocess.run(
        [sys.executable, "benchmarks/capacity.py", *args],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    rows = {row["postings_per_day"]: row for row in json.loads(out.read_text())["rows"]}
    hundred_million = rows[100_000_000]
    # Peak 2x the average: 2,314.8/s; a replica is planned at 60% of 50/s -> 78 replicas.
    assert round(hundred_million["peak_per_s"], 1) == 2314.8
    assert hundred_million["api_replicas"] == 78
    assert rows[1_000_000]["api_replicas"] == 2  # never fewer than two
    # 180 days re-scored within 7 days at 20 postings/s per worker (two workers share 40/s).
    assert hundred_million["rescore_workers"] == -(-100_000_000 * 180 // (7 * 86_400 * 20))
    # The serialized network index is measured at its largest size (500/s), not its smallest.
    assert round(hundred_million["network_index_load"], 2) == round(2314.8148 / 500, 2)
    # Index rows scale with postings: 3 contact rows per posting measured.
    assert hundred_million["rows_by_table"]["posting_contacts"] == 300_000_000
    assert "network index load" in done.stdout and "463%" in done.stdout
