"""benchmarks/bench_batch.py runs plain `vigil score` and the Ray engine (1 and 2 workers) end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

if not os.environ.get("VIGIL_REQUIRE_RAY"):
    pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[scale]'; CI installs it)")

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.ray
def test_bench_batch_tiny(tmp_path: Path) -> None:
    out = tmp_path / "batch.json"
    args = ["--postings", "40", "--part-rows", "20", "--no-startup", "--json", str(out)]
    done = subprocess.run(
        [sys.executable, "benchmarks/bench_batch.py", *args],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=900, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text())
    assert [row["contender"] for row in result["contenders"]] == [
        "vigil score",
        "ray 1 worker",
        "ray 2 workers",
    ]
    assert all(row["per_s"] > 0 and row["wall_s"] > 0 for row in result["contenders"])
    assert result["contenders"][0]["vs_plain"] == 1.0 and result["ray_2_vs_1_workers"] > 0
    # Speed is the benchmark's output (README), never a timed assertion here.
    assert "ray 2 vs 1 workers: x" in done.stdout
