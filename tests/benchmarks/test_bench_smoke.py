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
