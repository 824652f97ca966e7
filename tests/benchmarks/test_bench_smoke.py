"""benchmarks/bench_scoring.py --quick runs every contender end to end and reports sane numbers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_scoring_quick(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            "benchmarks/bench_scoring.py",
            "--quick",
            "--batch",
            "16",
            "--single",
            "8",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = {row["contender"]: row for row in json.loads(out.read_text())}
    assert set(results) == {"torch-encoder", "onnx-encoder", "onnx-scorer", "keyword"}
    for row in results.values():
        assert row["batch_per_s"] > 0 and row["p99_ms"] >= row["p50_ms"] > 0 and row["peak_rss_mb"] > 0
    # Speed itself is the benchmark's job (numbers in the closing note), not a timed assertion here.
    assert "vs torch" in done.stdout


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=REPO_ROOT, timeout=600, check=False
    )


@pytest.mark.slow
def test_bench_api_tiny_on_sqlite(tmp_path: Path) -> None:
    out = tmp_path / "api.json"
    done = _run(
        ["benchmarks/bench_api.py", "--sqlite", "--postings", "20", "--sizes", "100", "300",
         "--claims", "5", "--reports", "2", "--json", str(out)]
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text())
    assert result["ingest"]["api_ingest_per_s"] > 0 and result["ingest"]["bare_scorer_per_s"] > 0
    assert [row["cases"] for row in result["queue"]] == [100, 300]
    # The seeded cases really are half decided, half open (read back from the database).
    assert all(row["open"] + row["decided"] == row["cases"] for row in result["queue"])
    assert 0.35 < result["queue"][-1]["decided"] / 300 < 0.65
    assert all(row["claim_release_p99_ms"] >= row["claim_release_p50_ms"] > 0 for row in result["queue"])


def test_bench_clusters_tiny(tmp_path: Path) -> None:
    out = tmp_path / "clusters.json"
    args = ["--sizes", "300", "600", "--tail", "100", "--lookups", "20", "--json", str(out)]
    done = _run(["benchmarks/bench_clusters.py", *args])
    assert done.returncode == 0, done.stderr[-2000:]
    rows = json.loads(out.read_text())
    assert [row["size"] for row in rows] == [300, 600] and all(row["tail_per_s"] > 0 for row in rows)


def test_bench_ingest_load_tiny_on_sqlite(tmp_path: Path) -> None:
    out = tmp_path / "load.json"
    args = ["--database-url", f"sqlite:///{tmp_path / 'load.db'}", "--scorer", "keyword", "--clients", "3",
            "--rounds", "2", "--batch", "3", "--json", str(out)]  # fmt: skip
    done = _run(["benchmarks/bench_ingest_load.py", *args])
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text())
    baseline, load = result["phases"]
    assert (baseline["clients"], load["clients"]) == (1, 3) and baseline["requests"] == load["requests"] == 6
    assert baseline["errors"] == load["errors"] == 0 and result["problems"] == []
    assert baseline["stored"] == load["stored"] == result["distinct_keys"] > 3  # overlapping keys, once each
    assert all(phase["p99_ms"] >= phase["p50_ms"] > 0 for phase in (baseline, load))
    assert "load vs baseline: x" in done.stdout


@pytest.mark.slow
def test_bench_clusters_tiny_on_sqlite(tmp_path: Path) -> None:
    out = tmp_path / "clusters.json"
    done = _run(["benchmarks/bench_clusters.py", "--sizes", "200", "400", "--tail", "40", "--lookups", "10",
                 "--json", str(out)])  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    small, large = json.loads(out.read_text())
    assert small["size"] == 200 and large["size"] == 400 and large["tail_ratio"] > 0
    assert large["related_p99_ms"] >= large["related_p50_ms"] > 0 and large["largest_cluster_seen"] >= 2
