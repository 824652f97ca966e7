"""benchmarks/bench_shadow.py runs end to end on a few postings: both contenders measured, every
with-shadow posting scored in shadow (speed itself is the benchmark's job, not a timed assertion)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_bench_shadow_tiny_on_sqlite(tmp_path: Path) -> None:
    out = tmp_path / "shadow.json"
    done = subprocess.run(
        [sys.executable, "benchmarks/bench_shadow.py", "--postings", "12", "--json", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text())
    assert result["backend"] == "sqlite" and result["shadow_scores_stored"] == result["postings"] == 12
    assert result["with_shadow_per_s"] > 0 and result["without_shadow_per_s"] > 0 and result["ratio"] > 0
    assert "without a shadow" in done.stdout
