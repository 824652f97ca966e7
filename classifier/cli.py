"""Classifier subcommands of the `vigil` CLI: train, score, evaluate, export-encoder.

``moderation_api/cli.py`` builds the top-level parser and calls :func:`register`; ``python -m
classifier.cli`` runs the same subcommands on their own. Heavy libraries are imported inside the
command functions so that ``vigil --help`` stays instant.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from classifier.batch import (
    BadLine,
    InputError,
    RowWriter,
    ScorerSpec,
    input_files,
    output_format,
    read_inputs,
    read_postings,
    score_into,
)

__all__ = ["InputError", "main", "read_postings", "register"]


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def register(subparsers: Any) -> None:
    """Add the classifier subcommands to an ``argparse`` subparsers object."""
    train = subparsers.add_parser("train", help="train the risk model and write models/vigil-risk-<version>/")
    train.add_argument(
        "--version",
        required=True,
        help="model version (a new directory vigil-risk-<version>; never overwritten)",
    )
    train.add_argument("--models-dir", type=Path, default=None, help="where model directories live")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--target-recall", type=float, default=0.95, help="review recall on validation")
    train.add_argument(
        "--urgent-precision", type=float, default=0.80, help="urgent-band precision on validation"
    )
    train.add_argument(
        "--corpus-dir",
        type=Path,
        default=None,
        help="directory with the corpus JSONL files (default: shipped)",
    )
    train.add_argument(
        "--embedding-cache", type=Path, default=None, help="an .npz file caching embeddings across runs"
    )
    train.add_argument(
        "--reviewed",
        type=Path,
        default=None,
        help="`vigil dataset export` JSONL to train on as well; the candidate is compared with the active "
        "model on a grouped hold-out of it in the model card (a candidate never moves models/LATEST)",
    )
    train.add_argument(
        "--reviewed-weight",
        type=float,
        default=2.0,
        help="training weight of a reviewed row (a written corpus posting is 1, a template fill 0.5)",
    )
    train.add_argument(
        "--reviewed-holdout",
        type=float,
        default=0.25,
        help="share of reviewed clusters held out of training and threshold choice (default 0.25)",
    )
    train.add_argument(
        "--compare-with",
        default=None,
        help="model directory or version to compare a reviewed candidate with (default: models/LATEST)",
    )
    train.add_argument(
        "--corpus-limit",
        type=int,
        default=None,
        help="at most about N rows of each corpus (seeded, label-stratified): a small real model in "
        "seconds, for tests and trial runs; never serve it",
    )
    train.add_argument("--no-latest", action="store_true", help="do not point models/LATEST at the result")
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.set_defaults(handler=_cmd_train)

    score = subparsers.add_parser(
        "score", help="score JSONL, CSV or Parquet postings (id, text): a file or a directory of parts"
    )
    score.add_argument(
        "input", type=Path, help="a file with columns id,text (JSONL, CSV, Parquet) or a directory"
    )
    score.add_argument(
        "--output",
        "-o",
        type=Path,
        required=True,
        help="output file (.parquet = Parquet, else JSONL); with --engine ray a directory of parts",
    )
    score.add_argument("--format", choices=("auto", "jsonl", "csv", "parquet"), default="auto")
    score.add_argument("--output-format", choices=("auto", "jsonl", "parquet"), default="auto")
    score.add_argument("--strict", action="store_true", help="reject the whole run if any line is bad")
    score.add_argument("--include-text", action="store_true", help="copy the posting text into the output")
    score.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="local = this process; ray = a pool of Ray workers, resumable (needs the [scale] extra)",
    )
    score.add_argument("--address", default=None, help="Ray cluster to join (default: start a local one)")
    score.add_argument("--workers", type=int, default=None, help="Ray workers (default: one per CPU)")
    score.add_argument(
        "--part-rows",
        type=int,
        default=5000,
        help="Ray: input records per output part (the unit of resuming)",
    )
    _add_scorer_arguments(score)
    score.set_defaults(handler=_cmd_score)

    evaluate = subparsers.add_parser("evaluate", help="print metrics for a labeled JSONL file (label 0/1/2)")
    evaluate.add_argument("labeled", type=Path)
    evaluate.add_argument("--json", action="store_true", help="print the metrics as JSON")
    _add_scorer_arguments(evaluate)
    evaluate.set_defaults(handler=_cmd_evaluate)

    export = subparsers.add_parser(
        "export-encoder", help="export MiniLM to int8 ONNX (needs the [train] extra)"
    )
    export.add_argument("--output-dir", type=Path, default=None)
    export.add_argument("--max-tokens", type=int, default=256)
    export.add_argument("--agreement-texts", type=int, default=600, help="texts used for the torch check")
    export.set_defaults(handler=_cmd_export_encoder)


def _add_scorer_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model-dir", type=Path, default=None, help="model directory (default models/LATEST)"
    )
    parser.add_argument("--backend", choices=("onnx", "torch"), default="onnx")
    parser.add_argument(
        "--scorer", choices=("model", "keyword"), default="model", help="keyword = no-ML indicator baseline"
    )
    parser.add_argument("--threshold-review", type=float, default=None)
    parser.add_argument("--threshold-urgent", type=float, default=None)
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def _scorer_spec(args: argparse.Namespace, *, encoder_threads: int = 0) -> ScorerSpec:
    return ScorerSpec(
        scorer=args.scorer,
        # Resolved: Ray workers do not share the driver's working directory.
        model_dir=args.model_dir.resolve() if args.model_dir else None,
        backend=args.backend,
        threshold_review=args.threshold_review,
        threshold_urgent=args.threshold_urgent,
        encoder_threads=encoder_threads,
    )


def _build_scorer(args: argparse.Namespace) -> Any:
    return _scorer_spec(args).build()


# ---------------------------------------------------------------------------------------------- score


def score_file(
    *,
    scorer: Any,
    input_path: Path,
    output_path: Path,
    fmt: str = "auto",
    out_fmt: str = "auto",
    strict: bool = False,
    include_text: bool = False,
    progress: bool = True,
) -> tuple[int, list[BadLine]]:
    """Score a file (or a directory of parts) into one JSONL or Parquet file; ``(scored, bad_lines)``.

    Lenient (default): bad lines are reported and skipped. Strict: the input is validated first and
    nothing is written if any line is bad. The output is written to a temporary file and renamed, so a
    crash never leaves a silently shortened output behind.
    """
    from tqdm import tqdm

    from classifier.batch import count_records

    files = input_files(input_path, fmt)
    bad: list[BadLine] = []
    if strict:
        bad = [BadLine(item.label, n, error) for item, n, _, error in read_inputs(files) if error]
        if bad:
            return 0, bad
    total = sum(count_records(item.path, item.fmt) for item in files)
    with (
        RowWriter(output_path, output_format(output_path, out_fmt)) as writer,
        tqdm(total=total, desc="scoring", unit="posting", disable=not progress, file=sys.stderr) as bar,
    ):

        def report(item: BadLine) -> None:
            bad.append(item)
            tqdm.write(f"{item.file}:{item.line}: skipped: {item.reason}", file=sys.stderr)

        scored = score_into(
            scorer=scorer,
            records=read_inputs(files),
            writer=writer,
            include_text=include_text,
            on_bad=report,
            on_progress=bar.update,
        )
    return scored, bad


def _summary(scored: int, bad: Sequence[BadLine], *, scorer: str, output: Path) -> str:
    summary = f"scored {scored} posting(s) with {scorer} -> {output}"
    if bad:
        shown = ", ".join(f"{item.file}:{item.line}" for item in bad[:20]) + (" …" if len(bad) > 20 else "")
        summary += f"; SKIPPED {len(bad)} bad line(s): {shown}"
    return summary


def _cmd_score(args: argparse.Namespace) -> int:
    if args.engine == "ray":
        return _cmd_score_ray(args)
    try:
        scorer = _build_scorer(args)
        scored, bad = score_file(
            scorer=scorer,
            input_path=args.input,
            output_path=args.output,
            fmt=args.format,
            out_fmt=args.output_format,
            strict=args.strict,
            include_text=args.include_text,
            progress=not args.quiet,
        )
    except InputError as exc:
        _err(f"error: {exc}")
        return 2
    if args.strict and bad:
        for item in bad:
            _err(str(item))
        _err(f"rejected: {len(bad)} bad line(s) in {args.input.name}; nothing written (--strict)")
        return 1
    _err(_summary(scored, bad, scorer=f"{scorer.model_name} {scorer.model_version}", output=args.output))
    return 0


def _cmd_score_ray(args: argparse.Namespace) -> int:
    if args.strict:
        _err("error: --strict is not supported with --engine ray (bad lines are reported per part)")
        return 2
    try:
        from classifier import ray_engine
    except ImportError:
        _err("error: --engine ray needs Ray: pip install -e '.[scale]'")
        return 2
    try:
        files = input_files(args.input, args.format)
        # One ONNX thread per worker: each worker is granted one CPU by Ray.
        result = ray_engine.score_parts(
            files=files,
            input_root=args.input,
            output_dir=args.output,
            spec=_scorer_spec(args, encoder_threads=1),
            out_fmt="jsonl" if args.output_format == "auto" else args.output_format,
            include_text=args.include_text,
            address=args.address,
            workers=args.workers,
            part_rows=args.part_rows,
            progress=not args.quiet,
            log=_err,
        )
    except (InputError, ray_engine.ManifestMismatch) as exc:
        _err(f"error: {exc}")
        return 2
    _err(_summary(result.scored, result.bad, scorer=result.scorer, output=args.output))
    return 0


# ------------------------------------------------------------------------------------------- evaluate


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from classifier.evaluation import LabeledFileError, evaluate_rows, format_metrics, load_labeled

    try:
        rows = load_labeled(args.labeled)
    except (LabeledFileError, OSError) as exc:
        _err(f"error: {exc}")
        return 2
    scorer = _build_scorer(args)
    metrics = evaluate_rows(scorer, rows)
    if args.json:
        print(json.dumps(metrics, indent=2, sort_keys=True))
    else:
        title = (
            f"{scorer.model_name} {scorer.model_version} on {args.labeled.name} "
            f"(thresholds review {scorer.thresholds.review}, urgent {scorer.thresholds.urgent})"
        )
        print(format_metrics(metrics, title=title))
    return 0


# ---------------------------------------------------------------------------------------------- train


def _compare_with(value: str | None, models_dir: Path) -> Path | None:
    """``--compare-with``: a model directory, or a version whose directory is in the models directory."""
    if value is None:
        return None
    from classifier.scoring import MODEL_NAME

    path = Path(value)
    named = models_dir / f"{MODEL_NAME}-{value}"
    return named if not path.is_dir() and named.is_dir() else path


def _cmd_train(args: argparse.Namespace) -> int:
    from classifier.artifacts import ArtifactError
    from classifier.training import TrainOptions, train
    from classifier.training.reviewed import ReviewedFileError

    if args.corpus_limit is not None and args.corpus_limit < 1:
        _err("error: --corpus-limit must be a positive number of rows")
        return 2
    if args.reviewed_weight <= 0:
        _err("error: --reviewed-weight must be positive")
        return 2
    options = TrainOptions(
        version=args.version,
        seed=args.seed,
        target_recall=args.target_recall,
        urgent_target_precision=args.urgent_precision,
        corpus_dir=args.corpus_dir,
        embedding_cache=args.embedding_cache,
        corpus_limit=args.corpus_limit,
        reviewed=args.reviewed,
        reviewed_weight=args.reviewed_weight,
        reviewed_holdout=args.reviewed_holdout,
        # A reviewed model is a candidate: it serves only once promoted (`vigil model register / promote`).
        update_latest=not args.no_latest and args.reviewed is None,
        progress=not args.quiet,
        log=_err,
    )
    if args.models_dir is not None:
        options.models_dir = args.models_dir
    options.compare_with = _compare_with(args.compare_with, options.models_dir)
    try:
        metrics = train(options)
    except (FileExistsError, ReviewedFileError, ArtifactError) as exc:
        _err(f"error: {exc}")
        return 2
    from classifier.evaluation import format_metrics

    for name in ("test", "heldout", "craigslist_sample"):
        print(format_metrics(metrics["model_metrics"][name], title=f"== {name}"))
    if "reviewed" in metrics:
        overall = metrics["reviewed"]["comparison"]["overall"]
        print("== reviewed hold-out (AP, review recall / precision, urgent precision)")
        for model, values in overall.items():
            figures = "  ".join(
                f"{key} {values[key]['value']}"
                for key in ("average_precision", "review_recall", "review_precision", "urgent_precision")
            )
            print(f"{model:<10} {figures}")
    return 0


# ------------------------------------------------------------------------------------- export-encoder


def _agreement_texts(limit: int) -> list[str]:
    """Corpus texts (all languages and genres) for the ONNX-vs-torch agreement check."""
    import random

    from classifier.training.corpus import load_corpus

    texts = [
        row["text"] for name in ("generated", "written", "craigslist_sample") for row in load_corpus(name)
    ]
    random.Random(0).shuffle(texts)
    return texts[:limit]


def _cmd_export_encoder(args: argparse.Namespace) -> int:
    from classifier.encoders import DEFAULT_ONNX_ENCODER_DIR, export_onnx_encoder

    meta = export_onnx_encoder(
        args.output_dir or DEFAULT_ONNX_ENCODER_DIR,
        agreement_texts=_agreement_texts(args.agreement_texts),
        max_tokens=args.max_tokens,
        log=_err,
    )
    print(json.dumps(meta["agreement_vs_torch"]))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(prog="vigil", description="Vigil classifier commands")
    subparsers = parser.add_subparsers(dest="command", required=True)
    register(subparsers)
    args = parser.parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    raise SystemExit(main())
