"""`vigil score --engine ray`: archive scoring on a pool of Ray workers, resumable part by part.

The input (a file or a directory of JSONL / CSV / Parquet parts) is cut into shards of ``part_rows``
records; each shard becomes one output part ``part-NNNNN.<jsonl|parquet>``. A Ray Data pipeline
(``map_batches`` with a callable class on a fixed actor pool) hands shards to workers; each worker
loads the scorer once and scores a shard through :func:`classifier.batch.score_into`, the same code
the single-process command runs, so the parts concatenated in order equal its output row for row.

A part is written to a temporary name and renamed into place; the driver then records it in
``_manifest.json`` (with its bad lines), also atomically. A rerun skips every part the manifest lists
and whose file exists, and refuses to mix parts from another input, model or output format.

This is the only module that imports Ray; ``vigil score`` imports it only for ``--engine ray``.
Workers read inputs and write parts on paths the driver gives, so on a multi-node cluster the input
and output directories must be on storage every node mounts at the same path.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import ray

from classifier.batch import (
    BadLine,
    InputError,
    InputFile,
    RowWriter,
    ScorerSpec,
    count_records,
    read_postings,
    score_into,
)

MANIFEST = "_manifest.json"
# Only shard descriptors and part summaries cross the object store: the minimum Ray accepts is ample.
OBJECT_STORE_BYTES = 80 * 1024 * 1024


class ManifestMismatch(Exception):
    """The output directory holds parts of another run (other input, model, thresholds or format)."""


@dataclass(frozen=True)
class Shard:
    index: int
    path: str
    fmt: str
    start: int
    stop: int

    def part_name(self, out_fmt: str) -> str:
        return f"part-{self.index:05d}.{out_fmt}"


@dataclass
class RunResult:
    scorer: str
    parts: int
    skipped_parts: int
    scored: int = 0
    bad: list[BadLine] = field(default_factory=list)


def plan_shards(files: Sequence[InputFile], part_rows: int) -> list[Shard]:
    """Cut every input file into shards of at most ``part_rows`` records, in file order."""
    if part_rows < 1:
        raise InputError("--part-rows must be at least 1")
    shards: list[Shard] = []
    for item in files:
        total = count_records(item.path, item.fmt)
        for start in range(0, total, part_rows):
            stop = min(total, start + part_rows)
            shards.append(Shard(len(shards), str(item.path.resolve()), item.fmt, start, stop))
    return shards


def score_part(
    *, scorer: Any, shard: Shard, output_dir: Path, out_fmt: str, include_text: bool
) -> dict[str, Any]:
    """Score one shard into its part file; returns what the manifest records about it."""
    source = InputFile(Path(shard.path), shard.fmt)
    bad: list[BadLine] = []
    records = (
        (source, number, record, error)
        for number, record, error in read_postings(
            source.path, source.fmt, start=shard.start, stop=shard.stop
        )
    )
    with RowWriter(output_dir / shard.part_name(out_fmt), out_fmt) as writer:
        scored = score_into(
            scorer=scorer, records=records, writer=writer, include_text=include_text, on_bad=bad.append
        )
    return {
        "part": shard.part_name(out_fmt),
        "file": source.label,
        "start": shard.start,
        "stop": shard.stop,
        "scored": scored,
        "bad": [[item.file, item.line, item.reason] for item in bad],
    }


class _PartScorer:
    """A Ray Data actor: loads the scorer once, then scores one shard per call."""

    def __init__(self, *, spec: ScorerSpec, output_dir: str, out_fmt: str, include_text: bool) -> None:
        self.scorer = spec.build()
        self.output_dir, self.out_fmt, self.include_text = Path(output_dir), out_fmt, include_text

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        summaries = []
        for position in range(len(batch["index"])):
            shard = Shard(
                index=int(batch["index"][position]),
                path=str(batch["path"][position]),
                fmt=str(batch["fmt"][position]),
                start=int(batch["start"][position]),
                stop=int(batch["stop"][position]),
            )
            summary = score_part(
                scorer=self.scorer,
                shard=shard,
                output_dir=self.output_dir,
                out_fmt=self.out_fmt,
                include_text=self.include_text,
            )
            summary["node"] = ray.get_runtime_context().get_node_id()  # which machine scored it
            # One JSON string per part keeps the nested bad-line list out of Arrow type inference.
            summaries.append(json.dumps(summary))
        return {"summary": summaries}


def _fingerprint(
    *,
    files: Sequence[InputFile],
    input_root: Path,
    scorer: Any,
    out_fmt: str,
    include_text: bool,
    part_rows: int,
) -> dict[str, Any]:
    root = input_root if input_root.is_dir() else input_root.parent
    return {
        "inputs": [
            [str(item.path.relative_to(root)), item.path.stat().st_size, item.path.stat().st_mtime_ns]
            for item in files
        ],
        "part_rows": part_rows,
        "output_format": out_fmt,
        "include_text": include_text,
        "model": [scorer.model_name, scorer.model_version],
        "thresholds": [scorer.thresholds.review, scorer.thresholds.urgent],
    }


def _write_manifest(output_dir: Path, manifest: dict[str, Any]) -> None:
    temporary = output_dir / f".{MANIFEST}.partial"
    temporary.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.replace(temporary, output_dir / MANIFEST)


def _load_manifest(output_dir: Path, fingerprint: dict[str, Any]) -> dict[str, Any]:
    path = output_dir / MANIFEST
    if not path.exists():
        if any(output_dir.glob("part-*")):
            raise ManifestMismatch(f"{output_dir} holds parts but no {MANIFEST}; use an empty directory")
        return {"fingerprint": fingerprint, "parts": {}}
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("fingerprint") != fingerprint:
        raise ManifestMismatch(
            f"{output_dir} holds parts of another run (input files, model, thresholds, output format or "
            "--part-rows differ); use a new output directory"
        )
    return manifest


@contextmanager
def ray_session(address: str | None, workers: int | None) -> Iterator[int]:
    """Join the cluster at ``address``, or start a local Ray on loopback; yields the CPUs available."""
    # Ray reports usage statistics over the network unless told not to.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    # Ray starts workers at nice 15 by default; here scoring is the job, so a local instance does not
    # starve its own workers behind other processes (a joined cluster keeps its operator's setting).
    if not address:
        os.environ.setdefault("RAY_worker_niceness", "0")
    common: dict[str, Any] = {"logging_level": "WARNING", "log_to_driver": False}
    if address:
        ray.init(address=address, **_join_options(address), **common)
    else:
        ray.init(
            # "local": always a new instance of our own, never a cluster another process left running
            address="local",
            num_cpus=workers or os.cpu_count() or 1,
            include_dashboard=False,
            object_store_memory=OBJECT_STORE_BYTES,
            _node_ip_address="127.0.0.1",
            **common,
        )
    try:
        yield int(ray.cluster_resources().get("CPU", 1))
    finally:
        ray.shutdown()


def _join_options(address: str) -> dict[str, Any]:
    """Joining a cluster bound to a loopback address: this driver's node is that address too.

    Ray rewrites ``127.0.0.1`` / ``localhost`` in a bootstrap address to the machine's routable IP, where a
    loopback-only cluster does not listen; a cluster on another loopback address (``127.0.0.2``) is left
    alone, and the driver must then say it lives on that node, or it finds no local raylet.
    """
    host = address.rpartition(":")[0].strip("[]")
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        return {}
    return {"_node_ip_address": host} if loopback else {}


def score_parts(
    *,
    files: Sequence[InputFile],
    input_root: Path,
    output_dir: Path,
    spec: ScorerSpec,
    out_fmt: str,
    include_text: bool,
    address: str | None,
    workers: int | None,
    part_rows: int,
    progress: bool,
    log: Callable[[str], None],
) -> RunResult:
    """Score every pending part on Ray; parts already listed in the manifest are left as they are."""
    from tqdm import tqdm

    if output_dir.exists() and not output_dir.is_dir():
        raise InputError(f"{output_dir} is a file; --engine ray writes a directory of parts")
    output_dir.mkdir(parents=True, exist_ok=True)
    shards = plan_shards(files, part_rows)
    scorer = spec.build()  # its identity goes into the manifest; the workers build their own
    fingerprint = _fingerprint(
        files=files,
        input_root=input_root,
        scorer=scorer,
        out_fmt=out_fmt,
        include_text=include_text,
        part_rows=part_rows,
    )
    result = RunResult(
        scorer=f"{scorer.model_name} {scorer.model_version} on Ray", parts=len(shards), skipped_parts=0
    )
    del scorer
    manifest = _load_manifest(output_dir, fingerprint)
    for stale in output_dir.glob(".part-*.partial"):  # left by a killed run; one run per directory
        stale.unlink(missing_ok=True)
    done = {name for name in manifest["parts"] if (output_dir / name).is_file()}
    pending = [shard for shard in shards if shard.part_name(out_fmt) not in done]
    result.skipped_parts = len(shards) - len(pending)
    for name in sorted(done):
        entry = manifest["parts"][name]
        result.scored += entry["scored"]
        for file, line, reason in entry["bad"]:
            result.bad.append(BadLine(file, line, reason))
            log(f"{file}:{line}: skipped: {reason} (in an earlier run)")
    log(f"{len(shards)} part(s): {result.skipped_parts} already done, {len(pending)} to score")
    _write_manifest(output_dir, manifest)
    if not pending:
        return result
    with ray_session(address, workers) as cpus:
        size = max(1, min(workers or cpus, cpus, len(pending)))
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # ours counts postings, across runs
        context.print_on_execution_start = False
        rows = [asdict(shard) for shard in pending]
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
            _PartScorer,
            fn_constructor_kwargs={
                "spec": spec,
                "output_dir": str(output_dir.resolve()),
                "out_fmt": out_fmt,
                "include_text": include_text,
            },
            batch_size=1,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=size),
            num_cpus=1,
        )
        log(f"scoring on {size} Ray worker(s)")
        total = sum(shard.stop - shard.start for shard in pending)
        with tqdm(total=total, desc="scoring", unit="posting", disable=not progress, file=sys.stderr) as bar:
            for row in dataset.iter_rows():
                summary = json.loads(row["summary"])
                manifest["parts"][summary["part"]] = summary
                _write_manifest(output_dir, manifest)
                result.scored += summary["scored"]
                for file, line, reason in summary["bad"]:
                    result.bad.append(BadLine(file, line, reason))
                    tqdm.write(f"{file}:{line}: skipped: {reason}", file=sys.stderr)
                bar.update(summary["stop"] - summary["start"])
    result.bad.sort(key=lambda item: (item.file, item.line))
    return result
