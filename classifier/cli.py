"""Classifier subcommands of the `vigil` CLI: train, score, evaluate, export-encoder.

``moderation_api/cli.py`` builds the top-level parser and calls :func:`register`; ``python -m
classifier.cli`` runs the same subcommands on their own. Heavy libraries are imported inside the
command functions so that ``vigil --help`` stays instant.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCORE_BATCH = 64
MAX_TEXT_CHARS = 100_000


class InputError(ValueError):
    """The input file as a whole cannot be read (unknown format, missing columns)."""


@dataclass(frozen=True)
class BadLine:
    line: int
    reason: str


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

    score = subparsers.add_parser("score", help="score a JSONL or CSV file of postings (id, text)")
    score.add_argument("input", type=Path, help="JSONL (one object per line) or CSV with columns id,text")
    score.add_argument("--output", "-o", type=Path, required=True, help="JSONL output path")
    score.add_argument("--format", choices=("auto", "jsonl", "csv"), default="auto")
    score.add_argument("--strict", action="store_true", help="reject the whole run if any line is bad")
    score.add_argument("--include-text", action="store_true", help="copy the posting text into the output")
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


def _build_scorer(args: argparse.Namespace) -> Any:
    from classifier.results import Thresholds

    if args.scorer == "keyword":
        from classifier.baseline import KeywordScorer

        scorer: Any = KeywordScorer()
    else:
        from classifier.scoring import load_scorer

        scorer = load_scorer(args.model_dir, backend=args.backend)
    if args.threshold_review is None and args.threshold_urgent is None:
        return scorer
    base = scorer.thresholds
    thresholds = Thresholds(
        review=args.threshold_review if args.threshold_review is not None else base.review,
        urgent=args.threshold_urgent if args.threshold_urgent is not None else base.urgent,
    )
    if args.scorer == "keyword":
        return KeywordScorer(thresholds)
    return scorer.with_thresholds(thresholds)


# ---------------------------------------------------------------------------------------------- score


def _detect_format(path: Path, requested: str) -> str:
    if requested != "auto":
        return requested
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    raise InputError(f"cannot tell the format of {path.name}; pass --format jsonl or --format csv")


def _check_record(record: Any) -> tuple[dict[str, Any] | None, str | None]:
    if not isinstance(record, dict):
        return None, "expected a JSON object"
    if "id" not in record or record["id"] is None or record["id"] == "":
        return None, "missing 'id'"
    if not isinstance(record["id"], str | int):
        return None, "'id' must be a string or an integer"
    text = record.get("text")
    if not isinstance(text, str):
        return None, "missing 'text' or 'text' is not a string"
    if not text.strip():
        return None, "'text' is empty"
    if len(text) > MAX_TEXT_CHARS:
        return None, f"'text' longer than {MAX_TEXT_CHARS} characters"
    return record, None


def read_postings(path: Path, fmt: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield ``(line_number, record, error)`` for every data line of a JSONL or CSV file."""
    with path.open(encoding="utf-8", newline="") as handle:
        if fmt == "jsonl":
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, None, f"not valid JSON ({exc.msg} at column {exc.colno})"
                    continue
                checked, error = _check_record(record)
                yield number, checked, error
            return
        reader = csv.DictReader(handle, restkey="\0extra")
        if reader.fieldnames is None or not {"id", "text"} <= set(reader.fieldnames):
            raise InputError(f"{path.name}: CSV header must contain the columns id and text")
        for row in reader:
            number = reader.line_num
            if "\0extra" in row:
                yield number, None, "more fields than the header has columns"
                continue
            if any(value is None for value in row.values()):
                yield number, None, "fewer fields than the header has columns"
                continue
            checked, error = _check_record(dict(row))
            yield number, checked, error


def _output_row(record: dict[str, Any], result: Any, *, include_text: bool) -> dict[str, Any]:
    scored = result.to_dict()
    row = {key: value for key, value in record.items() if include_text or key != "text"}
    row.update(
        {
            "id": record["id"],
            "risk_score": scored["risk_score"],
            "urgent_score": scored["urgent_score"],
            "band": scored["band"],
            "flagged": scored["flagged"],
            "category_scores": scored["category_scores"],
            "indicators": [
                {
                    "id": hit["id"],
                    "name": hit["name"],
                    "severity": hit["severity"],
                    "explanation": hit["explanation"],
                    "spans": hit["spans"],
                }
                for hit in scored["indicators"]
            ],
            "entities": scored["entities"],
            "model_risk_score": scored["model_risk_score"],
            "floor": scored["floor"],
            "language": scored["language"],
            "coverage": scored["coverage"],
            "model_version": scored["model_version"],
        }
    )
    return row


def score_file(
    *,
    scorer: Any,
    input_path: Path,
    output_path: Path,
    fmt: str = "auto",
    strict: bool = False,
    include_text: bool = False,
    progress: bool = True,
) -> tuple[int, list[BadLine]]:
    """Score a file into JSONL; returns ``(scored, bad_lines)``.

    Lenient (default): bad lines are reported and skipped. Strict: the file is validated first and
    nothing is written if any line is bad. The output is written to a temporary file and renamed, so a
    crash never leaves a silently shortened output behind.
    """
    from tqdm import tqdm

    fmt = _detect_format(input_path, fmt)
    bad: list[BadLine] = []
    if strict:
        bad = [BadLine(number, error) for number, _, error in read_postings(input_path, fmt) if error]
        if bad:
            return 0, bad
    total = sum(1 for _ in read_postings(input_path, fmt))
    temporary = output_path.with_name(f".{output_path.name}.partial")
    scored = 0
    try:
        with (
            temporary.open("w", encoding="utf-8") as out,
            tqdm(total=total, desc="scoring", unit="posting", disable=not progress, file=sys.stderr) as bar,
        ):
            batch: list[dict[str, Any]] = []

            def flush() -> None:
                nonlocal scored
                results = scorer.score_texts([record["text"] for record in batch])
                for record, result in zip(batch, results, strict=True):
                    out.write(json.dumps(_output_row(record, result, include_text=include_text)) + "\n")
                scored += len(batch)
                bar.update(len(batch))
                batch.clear()

            for number, record, error in read_postings(input_path, fmt):
                if error or record is None:
                    bad.append(BadLine(number, error or "unreadable"))
                    tqdm.write(f"{input_path.name}:{number}: skipped: {error}", file=sys.stderr)
                    bar.update(1)
                    continue
                batch.append(record)
                if len(batch) >= SCORE_BATCH:
                    flush()
            if batch:
                flush()
        os.replace(temporary, output_path)
    finally:
        temporary.unlink(missing_ok=True)
    return scored, bad


def _cmd_score(args: argparse.Namespace) -> int:
    try:
        fmt = _detect_format(args.input, args.format)
        if not args.input.is_file():
            raise InputError(f"{args.input} does not exist")
        scorer = _build_scorer(args)
        scored, bad = score_file(
            scorer=scorer,
            input_path=args.input,
            output_path=args.output,
            fmt=fmt,
            strict=args.strict,
            include_text=args.include_text,
            progress=not args.quiet,
        )
    except InputError as exc:
        _err(f"error: {exc}")
        return 2
    if args.strict and bad:
        for item in bad:
            _err(f"{args.input.name}:{item.line}: {item.reason}")
        _err(f"rejected: {len(bad)} bad line(s) in {args.input.name}; nothing written (--strict)")
        return 1
    summary = f"scored {scored} posting(s) with {scorer.model_name} {scorer.model_version} -> {args.output}"
    if bad:
        lines = ", ".join(str(item.line) for item in bad[:20]) + (" …" if len(bad) > 20 else "")
        summary += f"; SKIPPED {len(bad)} bad line(s): {lines}"
    _err(summary)
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
