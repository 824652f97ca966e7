"""benchmarks/bench_indicators.py --quick counts fires and times analyze on listings end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_bench_indicators_quick_reports_fires_and_timings(tmp_path: Path) -> None:
    listings = tmp_path / "listings.jsonl"
    texts = [
        "Bike for sale, cash only, call 713 555 0142",
        "Hotel staff wanted. Passports are kept by the employer until the season ends.",
        "Sofa, like new, five one zero two six nine three seven five three",
    ]
    listings.write_text("".join(json.dumps({"text": text}) + "\n" for text in texts), encoding="utf-8")
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            "benchmarks/bench_indicators.py",
            "--quick",
            "--listings",
            str(listings),
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
    result = json.loads(out.read_text())
    assert result["listings"] == 3 and result["with_any_indicator"] == 2
    assert result["high_fires"] == {"labor.document_retention": 1}
    assert result["fires"]["general.obfuscated_contact"] == 1
    assert result["analyze_ms"] > 0 and result["detect_ms"] > 0
