"""Batch scoring rows in and rows out: the one code path behind single-process and Ray `vigil score`.

Inputs are JSONL, CSV or Parquet files, or a directory of such parts; every record carries its file and
line (the row number for Parquet) so a bad one is reported where it is, never silently dropped and never
quoted. Outputs are JSONL or Parquet, written to a temporary name and renamed into place, so a crash
never leaves a shortened file behind. The Ray engine (``classifier.ray_engine``) scores one shard of an
input file into one output part through :func:`score_into`, exactly as the single-process command scores
the whole input, so both produce the same rows.
"""

from __future__ import annotations

import csv
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

SCORE_BATCH = 64
MAX_TEXT_CHARS = 100_000
INPUT_SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
}
OUTPUT_FORMATS = ("jsonl", "parquet")
# Parquet rows per row group: bounds the writer's buffer without making row groups tiny.
PARQUET_ROW_GROUP = 10_000


class InputError(ValueError):
    """The input as a whole cannot be read (unknown format, missing columns, nothing to read)."""


@dataclass(frozen=True)
class BadLine:
    """A record that could not be scored: where it is and why (never its content)."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(frozen=True)
class InputFile:
    path: Path
    fmt: str

    @property
    def label(self) -> str:
        return self.path.name


Record = tuple[int, dict[str, Any] | None, str | None]


# ---------------------------------------------------------------------------------------------- input


def detect_format(path: Path, requested: str = "auto") -> str:
    if requested != "auto":
        return requested
    fmt = INPUT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot tell the format of {path.name}; pass --format jsonl, csv or parquet")
    return fmt


def input_files(path: Path, requested: str = "auto") -> list[InputFile]:
    """The files to score: ``path`` itself, or the data files under a directory in name order.

    Hidden files and ``_``-prefixed markers (``_SUCCESS``, ``_manifest.json``) are skipped, as Spark and
    Ray writers leave them beside their parts.
    """
    if not path.is_dir():
        fmt = detect_format(path, requested)
        if not path.is_file():
            raise InputError(f"{path} does not exist")
        return [InputFile(path, fmt)]
    files = [
        InputFile(item, detect_format(item, requested))
        for item in sorted(path.rglob("*"))
        if item.is_file()
        and not any(part.startswith((".", "_")) for part in item.relative_to(path).parts)
        and (requested != "auto" or item.suffix.lower() in INPUT_SUFFIXES)
    ]
    if not files:
        raise InputError(f"{path} holds no .jsonl, .csv or .parquet files")
    return files


def _check_record(record: Any) -> tuple[dict[str, Any] | None, str | None]:
    if not isinstance(record, dict):
        return None, "expected a JSON object"
    if "id" not in record or record["id"] is None or record["id"] == "":
        return None, "missing 'id'"
    if isinstance(record["id"], bool) or not isinstance(record["id"], str | int):
        return None, "'id' must be a string or an integer"
    text = record.get("text")
    if not isinstance(text, str):
        return None, "missing 'text' or 'text' is not a string"
    if not text.strip():
        return None, "'text' is empty"
    if len(text) > MAX_TEXT_CHARS:
        return None, f"'text' longer than {MAX_TEXT_CHARS} characters"
    return record, None


def count_records(path: Path, fmt: str) -> int:
    """How many records :func:`read_postings` yields for the file, without parsing them."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    with path.open(encoding="utf-8", newline="") as handle:
        if fmt == "jsonl":
            return sum(1 for line in handle if line.strip())
        return max(0, sum(1 for _ in csv.reader(handle)) - 1)


def read_postings(path: Path, fmt: str, *, start: int = 0, stop: int | None = None) -> Iterator[Record]:
    """Yield ``(line_number, record, error)`` for the data records ``start <= index < stop`` of a file.

    Line numbers are physical lines for JSONL and CSV and 1-based row numbers for Parquet. Records
    outside the range are counted but not parsed, so a shard of a big file costs little to reach.
    """
    if fmt == "parquet":
        yield from _read_parquet(path, start=start, stop=stop)
        return
    with path.open(encoding="utf-8", newline="") as handle:
        if fmt == "jsonl":
            index = -1
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                index += 1
                if index < start:
                    continue
                if stop is not None and index >= stop:
                    return
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
        for index, row in enumerate(reader):
            if index < start:
                continue
            if stop is not None and index >= stop:
                return
            number = reader.line_num
            if "\0extra" in row:
                yield number, None, "more fields than the header has columns"
                continue
            if any(value is None for value in row.values()):
                yield number, None, "fewer fields than the header has columns"
                continue
            checked, error = _check_record(dict(row))
            yield number, checked, error


def _read_parquet(path: Path, *, start: int, stop: int | None) -> Iterator[Record]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    if not {"id", "text"} <= set(parquet.schema_arrow.names):
        raise InputError(f"{path.name}: Parquet schema must contain the columns id and text")
    offset = 0
    for batch in parquet.iter_batches(batch_size=4096):
        first, offset = offset, offset + batch.num_rows
        if offset <= start:
            continue
        for position, record in enumerate(batch.to_pylist()):
            index = first + position
            if index < start:
                continue
            if stop is not None and index >= stop:
                return
            checked, error = _check_record(record)
            yield index + 1, checked, error


def read_inputs(
    files: Sequence[InputFile],
) -> Iterator[tuple[InputFile, int, dict[str, Any] | None, str | None]]:
    for item in files:
        for number, record, error in read_postings(item.path, item.fmt):
            yield item, number, record, error


# --------------------------------------------------------------------------------------------- output


def output_row(record: dict[str, Any], result: Any, *, include_text: bool) -> dict[str, Any]:
    """One output row: the input's own fields (text only on request) and the score's."""
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


def output_format(path: Path, requested: str = "auto") -> str:
    if requested != "auto":
        return requested
    return "parquet" if path.suffix.lower() == ".parquet" else "jsonl"


def _score_schema() -> dict[str, Any]:
    """Arrow types of the score fields, fixed so that every part has one schema (empty lists included)."""
    import pyarrow as pa

    span = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    indicator = pa.struct(
        [
            ("id", pa.string()),
            ("name", pa.string()),
            ("severity", pa.string()),
            ("explanation", pa.string()),
            ("spans", pa.list_(span)),
        ]
    )
    entity = pa.struct(
        [
            ("kind", pa.string()),
            ("text", pa.string()),
            ("value", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("platform", pa.string()),
            ("obfuscated", pa.bool_()),
        ]
    )
    return {
        # JSONL ids may mix strings and integers; a Parquet column cannot, so ids are strings there.
        "id": pa.string(),
        "risk_score": pa.float64(),
        "urgent_score": pa.float64(),
        "band": pa.string(),
        "flagged": pa.bool_(),
        "indicators": pa.list_(indicator),
        "entities": pa.list_(entity),
        "model_risk_score": pa.float64(),
        "floor": pa.list_(pa.string()),
        "language": pa.string(),
        "coverage": pa.string(),
        "model_version": pa.string(),
    }


def _arrow_table(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    fixed = _score_schema()
    names = list(dict.fromkeys(key for row in rows for key in row))
    arrays = []
    for name in names:
        values = [row.get(name) for row in rows]
        if name == "id":
            values = [None if value is None else str(value) for value in values]
        if name in fixed:
            arrays.append(pa.array(values, type=fixed[name]))
            continue
        try:  # the input's own columns keep the type Arrow infers
            arrays.append(pa.array(values))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed JSON types: keep each value as JSON text
            arrays.append(pa.array([None if v is None else json.dumps(v, default=str) for v in values]))
    return pa.Table.from_arrays(arrays, names=names)


class RowWriter:
    """Writes output rows to a temporary file and renames it into place on :meth:`commit`."""

    def __init__(self, path: Path, fmt: str) -> None:
        if fmt not in OUTPUT_FORMATS:
            raise InputError(f"unknown output format {fmt!r}")
        self.path, self.fmt = path, fmt
        # Unique per writer: two attempts at one Ray part never share a temporary file.
        self.temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
        self.rows = 0
        self._handle = self.temporary.open("w", encoding="utf-8") if fmt == "jsonl" else None
        self._buffer: list[dict[str, Any]] = []
        self._parquet: Any = None

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            if self._handle is not None:
                self._handle.write(json.dumps(row, default=str) + "\n")
            else:
                self._buffer.append(row)
            self.rows += 1
        if len(self._buffer) >= PARQUET_ROW_GROUP:
            self._flush_parquet()

    def _flush_parquet(self) -> None:
        import pyarrow.parquet as pq

        table = _arrow_table(self._buffer)
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self.temporary, table.schema)
        elif table.schema != self._parquet.schema:
            table = table.cast(self._parquet.schema)  # raises when a later row group has other columns
        self._parquet.write_table(table)
        self._buffer.clear()

    def commit(self) -> None:
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
        else:
            if self._buffer or self._parquet is None:
                if not self._buffer:  # an empty part still gets a valid file with the score columns
                    import pyarrow as pa
                    import pyarrow.parquet as pq

                    schema = pa.schema(list(_score_schema().items()))
                    pq.write_table(schema.empty_table(), self.temporary)
                else:
                    self._flush_parquet()
            if self._parquet is not None:
                self._parquet.close()
        os.replace(self.temporary, self.path)

    def abort(self) -> None:
        if self._handle is not None:
            self._handle.close()
        if self._parquet is not None:
            self._parquet.close()
        self.temporary.unlink(missing_ok=True)

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Rows of an output file, or of a Ray output directory's parts in part order."""
    if path.is_dir():
        return [row for part in sorted(path.glob("part-*")) for row in read_rows(part)]
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.read_table(path).to_pylist())
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -------------------------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class ScorerSpec:
    """How to build the scorer: picklable, so every Ray worker builds the same one the CLI would."""

    scorer: str = "model"
    model_dir: Path | None = None
    backend: str = "onnx"
    threshold_review: float | None = None
    threshold_urgent: float | None = None
    encoder_threads: int = 0

    def build(self) -> Any:
        from classifier.results import Thresholds

        if self.scorer == "keyword":
            from classifier.baseline import KeywordScorer

            scorer: Any = KeywordScorer()
        else:
            from classifier.scoring import load_scorer

            scorer = load_scorer(self.model_dir, backend=self.backend, encoder_threads=self.encoder_threads)
        if self.threshold_review is None and self.threshold_urgent is None:
            return scorer
        base = scorer.thresholds
        return scorer.with_thresholds(
            Thresholds(
                review=self.threshold_review if self.threshold_review is not None else base.review,
                urgent=self.threshold_urgent if self.threshold_urgent is not None else base.urgent,
            )
        )


def score_into(
    *,
    scorer: Any,
    records: Iterable[tuple[InputFile, int, dict[str, Any] | None, str | None]],
    writer: RowWriter,
    include_text: bool,
    on_bad: Callable[[BadLine], None],
    on_progress: Callable[[int], None] = lambda n: None,
) -> int:
    """Score records in batches of :data:`SCORE_BATCH` into ``writer``; returns how many were scored."""
    batch: list[dict[str, Any]] = []
    scored = 0

    def flush() -> None:
        nonlocal scored
        results = scorer.score_texts([record["text"] for record in batch])
        writer.write(
            output_row(record, result, include_text=include_text)
            for record, result in zip(batch, results, strict=True)
        )
        scored += len(batch)
        on_progress(len(batch))
        batch.clear()

    for source, number, record, error in records:
        if error or record is None:
            on_bad(BadLine(source.label, number, error or "unreadable"))
            on_progress(1)
            continue
        batch.append(record)
        if len(batch) >= SCORE_BATCH:
            flush()
    if batch:
        flush()
    return scored
