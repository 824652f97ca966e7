"""Reviewed rows for `vigil train --reviewed`: the JSONL `vigil dataset export` writes, checked and split.

Each line is one decided case (``moderation_api.datasets.schemas.ReviewedRow``): ``text``, ``label``
0/1/2, ``categories``, ``case_id``, ``posting_id``, ``cluster_id``, ``language``, ``model_version``,
``decided_at``. They become corpus-shaped rows (``source`` ``reviewed``) with the corpus's labels:
label 2 is what LABELING.md makes minor cues in an exploitative context, so a label-2 row always carries
the ``minor_involved`` category, as every minor row of the corpus does.

A bad file is refused as a whole, before anything is trained or written, with the line number of every
problem and never a word of posting text (the file holds platform users' postings).

The hold-out is grouped and stable: a group (the network cluster, else the posting) falls on the
hold-out side when a salted hash of its key is below the hold-out share. The side depends on the group
alone — not on the seed, the other rows or their order — so a cluster held out from this month's
candidate stays held out from next month's, and a model trained by this command never saw the rows its
successor is compared on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from classifier.estimator import CATEGORY_NAMES
from classifier.results import Category

Row = dict[str, Any]
REVIEWED_SOURCE = "reviewed"
MINOR = str(Category.MINOR_INVOLVED)
MAX_LISTED = 20  # problems named in the error; the rest are counted
_HOLDOUT_SALT = "vigil-reviewed-holdout"


class ReviewedFileError(ValueError):
    """The reviewed file cannot be trained on; nothing was trained or written."""


@dataclass(frozen=True)
class ReviewedSplit:
    """Reviewed rows for training and the grouped hold-out (never trained on, never picks thresholds)."""

    train: list[Row]
    holdout: list[Row]
    sha256: str


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _problem(record: Any) -> str | None:
    """What is wrong with one parsed line, in words that quote no posting text."""
    if not isinstance(record, dict):
        return "expected a JSON object"
    text = record.get("text")
    if not isinstance(text, str):
        return "missing 'text' (or it is not a string)"
    if not text.strip():
        return "'text' is empty"
    label = record.get("label")
    if not _is_int(label) or label not in (0, 1, 2):
        shown = label if _is_int(label) else f"a {type(label).__name__}"
        return f"unknown label {shown}: labels are 0 (benign), 1 (review) or 2 (urgent / minor_involved)"
    categories = record.get("categories", [])
    if categories is None:
        categories = []
    if not isinstance(categories, list) or not all(isinstance(name, str) for name in categories):
        return "'categories' must be a list of category names"
    if set(categories) - set(CATEGORY_NAMES):
        return f"unknown category: categories are {', '.join(CATEGORY_NAMES)}"
    if label == 0 and categories:
        return "label 0 (benign) with categories"
    for key in ("case_id", "posting_id", "cluster_id"):
        if record.get(key) is not None and not _is_int(record[key]):
            return f"'{key}' must be an integer or null"
    if record.get("language") is not None and not isinstance(record["language"], str):
        return "'language' must be a string or null"
    if not isinstance(record.get("id"), str) and not _is_int(record.get("case_id")):
        return "missing 'id' and 'case_id'"
    return None


def group_key(record: Row) -> str:
    """The split unit: the network cluster, else the posting, else the row itself."""
    if record.get("cluster_id") is not None:
        return f"reviewed-cluster:{record['cluster_id']}"
    if record.get("posting_id") is not None:
        return f"reviewed-posting:{record['posting_id']}"
    return f"reviewed-row:{record.get('id') or record['case_id']}"


def _row(record: Row) -> Row:
    label = int(record["label"])
    categories = list(dict.fromkeys(record.get("categories") or []))
    if label == 2 and MINOR not in categories:
        categories.append(MINOR)
    return {
        "id": str(record.get("id") or f"reviewed-case:{record['case_id']}"),
        "text": record["text"],
        "label": label,
        "categories": categories,
        "lang": record.get("language") or "unknown",
        "cluster": group_key(record),
        "source": REVIEWED_SOURCE,
        "case_id": record.get("case_id"),
        "model_version": record.get("model_version"),
    }


def _refuse(path: Path, problems: Sequence[tuple[int, str]]) -> ReviewedFileError:
    listed = [f"  line {number}: {reason}" for number, reason in problems[:MAX_LISTED]]
    more = len(problems) - len(listed)
    return ReviewedFileError(
        f"{path.name}: {len(problems)} bad line(s), nothing trained or written:\n"
        + "\n".join(listed)
        + (f"\n  … and {more} more" if more else "")
    )


def load_reviewed(path: Path) -> tuple[list[Row], str]:
    """Every row of a reviewed file (corpus-shaped) and the file's sha256; refuses a bad file whole."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReviewedFileError(f"cannot read the reviewed file {path}: {exc.strerror}") from exc
    rows: list[Row] = []
    problems: list[tuple[int, str]] = []
    first_line: dict[str, int] = {}
    for number, data in enumerate(raw.splitlines(), start=1):
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError:
            problems.append((number, "not UTF-8"))
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append((number, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        problem = _problem(record)
        if problem is not None:
            problems.append((number, problem))
            continue
        row = _row(record)
        if row["id"] in first_line:
            problems.append((number, f"the same case as line {first_line[row['id']]}"))
            continue
        first_line[row["id"]] = number
        rows.append(row)
    if problems:
        raise _refuse(path, problems)
    if not rows:
        raise ReviewedFileError(
            f"{path.name}: no reviewed rows (is it the output of `vigil dataset export`?)"
        )
    return rows, hashlib.sha256(raw).hexdigest()


def holdout_position(group: str) -> float:
    """Where a group falls in [0, 1): a salted hash of its key alone (stable across exports)."""
    digest = hashlib.sha256(f"{_HOLDOUT_SALT}\x00{group}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def holdout_split(rows: Sequence[Row], *, share: float) -> tuple[list[Row], list[Row]]:
    """``(train, holdout)``: groups whose position is below ``share`` are held out, never split.

    Small files still get both sides: with no group below ``share`` the lowest one is held out, and with
    every group below it the highest one is trained on.
    """
    if not 0.0 < share < 1.0:
        raise ReviewedFileError(f"the reviewed hold-out share must be between 0 and 1, got {share}")
    groups = sorted({str(row["cluster"]) for row in rows}, key=holdout_position)
    if len(groups) < 2:
        raise ReviewedFileError(
            "the reviewed rows come from a single cluster / posting: a grouped hold-out needs at least two"
        )
    held = {group for group in groups if holdout_position(group) < share} or {groups[0]}
    if len(held) == len(groups):
        held.discard(groups[-1])
    return (
        [row for row in rows if row["cluster"] not in held],
        [row for row in rows if row["cluster"] in held],
    )


def read_reviewed(path: Path, *, share: float) -> ReviewedSplit:
    rows, sha256 = load_reviewed(path)
    train, holdout = holdout_split(rows, share=share)
    return ReviewedSplit(train=train, holdout=holdout, sha256=sha256)


def check_reviewed_split(train: Sequence[Row], holdout: Sequence[Row]) -> None:
    """Refuse a hold-out sharing a group or a normalized text with the reviewed training rows."""
    from classifier.training.data import text_key

    if {row["cluster"] for row in train} & {row["cluster"] for row in holdout}:
        raise RuntimeError("a reviewed cluster sits in training and in the hold-out")
    if {text_key(row["text"]) for row in train} & {text_key(row["text"]) for row in holdout}:
        raise RuntimeError("a reviewed hold-out text also appears in training")
