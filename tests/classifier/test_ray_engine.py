"""`vigil score --engine ray` on a real local Ray cluster (head + one worker node, loopback only).

The cluster is started by the test; `vigil score` runs as a real subprocess that joins it. The output
must equal single-process scoring with the shipped model row by row, and a run killed with SIGKILL must
resume without re-scoring the parts it had finished.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from classifier.batch import input_files, read_rows

pytestmark = pytest.mark.ray

if not os.environ.get("VIGIL_REQUIRE_RAY"):
    pytest.importorskip("ray", reason="Ray is not installed (pip install -e '.[scale]'; CI installs it)")

REPO_ROOT = Path(__file__).resolve().parents[2]
SECRET = "UNIQUE-POSTING-WORDS-NEVER-ECHOED"
PASSTHROUGH = {"city", "price", "market"}
# Records per input part and part sizes: 802 JSONL records (two bad) -> 4 parts of 250, 700 Parquet -> 3,
# 500 CSV -> 2; the killed run cuts the Parquet part into 14 parts of 50.
A_ROWS, B_ROWS, C_ROWS, PART_ROWS, KILL_PART_ROWS = 800, 700, 500, 250, 50
BAD_AFTER = (A_ROWS // 8, A_ROWS * 5 // 8)
PARTS_KILL = -(-B_ROWS // KILL_PART_ROWS)
BAD_LINES = [("a.jsonl", BAD_AFTER[0] + 2), ("a.jsonl", BAD_AFTER[1] + 3)]
RAY_ENV = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_worker_niceness": "0", "TOKENIZERS_PARALLELISM": "false"}


def _write_corpus(root: Path) -> Path:
    """2,000 postings over three parts (JSONL with two bad lines, Parquet, CSV)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from benchmarks.bench_scoring import benchmark_texts

    texts = benchmark_texts(A_ROWS + B_ROWS + C_ROWS)
    source = root / "postings"
    source.mkdir()
    with (source / "a.jsonl").open("w", encoding="utf-8") as handle:
        for number, text in enumerate(texts[:A_ROWS]):
            handle.write(json.dumps({"id": f"a-{number}", "text": text, "city": "X"}) + "\n")
            if number == BAD_AFTER[0]:
                handle.write('{"id": "broken", "text": "' + SECRET + "\n")  # not JSON
            if number == BAD_AFTER[1]:
                handle.write(json.dumps({"id": "no-text", "body": SECRET}) + "\n")
    ids = [f"b-{number}" for number in range(B_ROWS)]
    table = pa.table({"id": ids, "text": texts[A_ROWS : A_ROWS + B_ROWS], "price": list(range(B_ROWS))})
    pq.write_table(table, source / "b.parquet", row_group_size=128)
    with (source / "c.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "market"])
        for number, text in enumerate(texts[A_ROWS + B_ROWS :]):
            writer.writerow([f"c-{number}", text, "fr"])
    return source


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The input directory and its single-process scoring (the reference), as Parquet."""
    from classifier.batch import ScorerSpec
    from classifier.cli import score_file

    root = tmp_path_factory.mktemp("corpus")
    source = _write_corpus(root)
    reference = root / "reference.parquet"
    scored, bad = score_file(
        scorer=ScorerSpec().build(), input_path=source, output_path=reference, progress=False
    )
    assert scored == A_ROWS + B_ROWS + C_ROWS and [(item.file, item.line) for item in bad] == BAD_LINES
    return {"source": source, "reference": read_rows(reference)}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A head node and one worker node, one CPU each, on loopback; yields the address to join. 127.0.0.2, not
    127.0.0.1: Ray rewrites 127.0.0.1 in an address to join to the machine's routable IP (see
    ``ray_engine._join_options``)."""
    from ray.cluster_utils import Cluster

    saved = {name: os.environ.get(name) for name in RAY_ENV}
    os.environ.update(RAY_ENV)  # the nodes' raylets inherit these
    node = {
        "num_cpus": 1,
        "object_store_memory": 80 * 1024 * 1024,
        "node_ip_address": "127.0.0.2",
        "include_dashboard": False,
    }
    ray_cluster = Cluster(
        initialize_head=True,
        head_node_args={**node, "temp_dir": str(tmp_path_factory.mktemp("ray"))},
    )
    try:
        ray_cluster.add_node(**{key: value for key, value in node.items() if key != "include_dashboard"})
        yield ray_cluster.address
    finally:
        ray_cluster.shutdown()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _command(source: Path, output: Path, address: str, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "classifier.cli", "score", str(source), "--output", str(output),
        "--engine", "ray", "--address", address, "--quiet", *extra,
    ]  # fmt: skip


def _without_absent_columns(row: dict[str, Any]) -> dict[str, Any]:
    """A row without the input columns its own file lacks (a single Parquet file has every file's)."""
    return {key: value for key, value in row.items() if not (key in PASSTHROUGH and value is None)}


def _env() -> dict[str, str]:
    return {**os.environ, **RAY_ENV, "PYTHONPATH": str(REPO_ROOT)}


def test_ray_cluster_scores_2000_postings_like_single_process_row_by_row(
    corpus: dict[str, Any], cluster: str, tmp_path: Path
) -> None:
    output = tmp_path / "scored"
    command = _command(
        corpus["source"], output, cluster, "--output-format", "parquet", "--part-rows", str(PART_ROWS)
    )
    done = subprocess.run(command, capture_output=True, text=True, env=_env(), timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = read_rows(output)
    assert len(rows) == A_ROWS + B_ROWS + C_ROWS
    for ours, theirs in zip(rows, corpus["reference"], strict=True):
        assert _without_absent_columns(ours) == _without_absent_columns(theirs)
    manifest = json.loads((output / "_manifest.json").read_text())
    parts = sum(-(-records // PART_ROWS) for records in (A_ROWS + 2, B_ROWS, C_ROWS))
    assert sorted(manifest["parts"]) == [f"part-{n:05d}.parquet" for n in range(parts)]
    assert sorted(path.name for path in output.iterdir()) == sorted([*manifest["parts"], "_manifest.json"])
    assert len({part["node"] for part in manifest["parts"].values()}) == 2  # head and worker both scored
    # Bad lines: reported by file and line, kept in the manifest, never quoted.
    (first, second) = (f"{file}:{line}" for file, line in BAD_LINES)
    assert f"{first}: skipped: not valid JSON" in done.stderr
    assert f"{second}: skipped: missing 'text'" in done.stderr
    assert f"SKIPPED 2 bad line(s): {first}, {second}" in done.stderr
    assert SECRET not in done.stderr + done.stdout
    recorded = [(bad[0], bad[1]) for part in manifest["parts"].values() for bad in part["bad"]]
    assert sorted(recorded) == BAD_LINES


def test_killed_run_resumes_without_rescoring_finished_parts(
    corpus: dict[str, Any], cluster: str, tmp_path: Path
) -> None:
    source = corpus["source"] / "b.parquet"
    output = tmp_path / "scored"
    command = _command(
        source, output, cluster, "--output-format", "jsonl", "--part-rows", str(KILL_PART_ROWS)
    )
    manifest_path = output / "_manifest.json"
    with subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(), start_new_session=True
    ) as run:
        deadline = time.monotonic() + 300
        finished: dict[str, Any] = {}
        while time.monotonic() < deadline and run.poll() is None:
            if manifest_path.exists():
                finished = json.loads(manifest_path.read_text())["parts"]
                if len(finished) >= 3:
                    break
            time.sleep(0.2)
        assert run.poll() is None, "the run ended before it could be killed"
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
    finished = json.loads(manifest_path.read_text())["parts"]
    assert 3 <= len(finished) < PARTS_KILL
    before = {name: (output / name).stat().st_mtime_ns for name in finished}

    done = subprocess.run(command, capture_output=True, text=True, env=_env(), timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    pending = PARTS_KILL - len(finished)
    assert f"{PARTS_KILL} part(s): {len(finished)} already done, {pending} to score" in done.stderr
    # The finished parts were not written again: same files, same modification times, same manifest entry.
    assert {name: (output / name).stat().st_mtime_ns for name in finished} == before
    manifest = json.loads(manifest_path.read_text())["parts"]
    assert all(manifest[name] == entry for name, entry in finished.items())
    assert len(manifest) == PARTS_KILL and not list(output.glob(".*partial"))
    reference = [row for row in corpus["reference"] if row["id"].startswith("b-")]
    rows = read_rows(output)
    # JSONL keeps the Parquet input's ids as they were; the reference is Parquet (ids as strings).
    assert [row["id"] for row in rows] == [row["id"] for row in reference]
    for ours, theirs in zip(rows, reference, strict=True):
        assert ours == _without_absent_columns(theirs)


def test_an_output_directory_of_another_run_is_refused(tmp_path: Path) -> None:
    from classifier import ray_engine
    from classifier.batch import ScorerSpec

    source = tmp_path / "p.jsonl"
    source.write_text(json.dumps({"id": 1, "text": "Bike for sale, good tires"}) + "\n", encoding="utf-8")
    output = tmp_path / "out"
    output.mkdir()
    (output / "_manifest.json").write_text(json.dumps({"fingerprint": {"model": ["x", "0"]}, "parts": {}}))
    with pytest.raises(ray_engine.ManifestMismatch, match="another run"):
        ray_engine.score_parts(
            files=input_files(source),
            input_root=source,
            output_dir=output,
            spec=ScorerSpec(scorer="keyword"),
            out_fmt="jsonl",
            include_text=False,
            address=None,
            workers=1,
            part_rows=10,
            progress=False,
            log=lambda message: None,
        )


def test_shards_cover_every_record_once(tmp_path: Path) -> None:
    from classifier.ray_engine import plan_shards

    source = tmp_path / "p.jsonl"
    source.write_text("\n".join(json.dumps({"id": n, "text": f"t {n}"}) for n in range(23)) + "\n\n")
    shards = plan_shards(input_files(source), 10)
    assert [(shard.start, shard.stop) for shard in shards] == [(0, 10), (10, 20), (20, 23)]


def test_the_base_install_never_imports_ray() -> None:
    code = (
        "import sys, classifier.cli, classifier.batch, moderation_api.cli, moderation_api.app; "
        "sys.exit(1 if 'ray' in sys.modules else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], env=_env(), timeout=120, check=False)
    assert done.returncode == 0
