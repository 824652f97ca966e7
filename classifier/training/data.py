"""Load step of `vigil train`: corpora, the grouped split, the leakage guards, augmentation.

The split is GROUPED: near duplicates of one template (and translations of one template or written
posting) never sit on two sides, which would inflate every metric. Evaluation sets are also
de-duplicated against training by normalized text, not only by id.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from classifier.estimator import CATEGORY_NAMES

Row = dict[str, Any]
# Template clusters are named "tpl:<lang>-<kind>"; siblings in other languages share the kind.
_TEMPLATE_CLUSTER = re.compile(r"^tpl:[a-z]{2}-(?P<kind>.+)$")


def split_group(row: Mapping[str, Any]) -> str:
    """The unit the split keeps together: the cluster, with template translations merged."""
    cluster = str(row["cluster"])
    match = _TEMPLATE_CLUSTER.match(cluster)
    return f"tpl:*-{match['kind']}" if match else cluster


def text_key(text: str) -> str:
    """Normalized text for duplicate checks: case, accents, spacing and punctuation ignored."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in folded if c.isalnum() or c.isspace()).split())


@dataclass
class Split:
    train: list[Row]
    validation: list[Row]
    test: list[Row]


def grouped_split(rows: Sequence[Row], *, seed: int) -> Split:
    """~60/20/20 split by :func:`split_group` with label stratification; no group spans two parts."""
    from sklearn.model_selection import StratifiedGroupKFold

    labels = np.array([row["label"] for row in rows])
    groups = np.array([split_group(row) for row in rows])
    folds = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=seed)
    assignment = np.empty(len(rows), dtype=np.int64)
    for fold, (_, held) in enumerate(folds.split(np.zeros(len(rows)), labels, groups)):
        assignment[held] = fold
    return Split(
        train=[row for row, fold in zip(rows, assignment, strict=True) if fold >= 2],
        validation=[row for row, fold in zip(rows, assignment, strict=True) if fold == 1],
        test=[row for row, fold in zip(rows, assignment, strict=True) if fold == 0],
    )


def check_no_leakage(split: Split) -> None:
    """Refuse a split where a group or a normalized text sits in training and an evaluation part."""
    train_groups = {split_group(row) for row in split.train}
    train_texts = {text_key(row["text"]) for row in split.train}
    for name, rows in (("validation", split.validation), ("test", split.test)):
        shared = train_groups & {split_group(row) for row in rows}
        if shared:
            raise RuntimeError(f"{len(shared)} clusters leak from train into {name}")
        texts = train_texts & {text_key(row["text"]) for row in rows}
        if texts:
            raise RuntimeError(f"{len(texts)} texts of {name} also appear in train")


def without_training_texts(rows: Sequence[Row], training: Sequence[Row]) -> tuple[list[Row], int]:
    """Evaluation rows whose normalized text is not in training (and not repeated); and how many left."""
    seen = {text_key(row["text"]) for row in training}
    kept = []
    for row in rows:
        key = text_key(row["text"])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept, len(rows) - len(kept)


def dedupe(rows: Sequence[Row]) -> list[Row]:
    """First row of each normalized text (corpora can repeat a short listing)."""
    return without_training_texts(rows, ())[0]


def augmented(rows: Sequence[Row], *, seed: int, positive: float, negative: float) -> list[Row]:
    """Obfuscated twins (same label, cluster) of a seeded share of rows."""
    from classifier.training.corpus.augment import obfuscate

    rng = random.Random(seed)
    twins = []
    for row in rows:
        if rng.random() < (positive if row["label"] >= 1 else negative):
            twins.append(
                {**row, "id": f"{row['id']}~aug", "text": obfuscate(row["text"], rng), "source": "augmented"}
            )
    return twins


def summary(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "n": len(rows),
        "labels": {str(k): v for k, v in sorted(Counter(row["label"] for row in rows).items())},
        "languages": dict(sorted(Counter(str(row.get("lang", "unknown")) for row in rows).items())),
        "genres": dict(sorted(Counter(str(row.get("genre", "unknown")) for row in rows).items())),
        "sources": dict(sorted(Counter(str(row.get("source", "unknown")) for row in rows).items())),
        "clusters": len({row.get("cluster") for row in rows}),
        "categories": {
            name: sum(name in (row.get("categories") or []) for row in rows) for name in CATEGORY_NAMES
        },
    }


def limited(rows: Sequence[Row], limit: int | None, *, seed: int) -> list[Row]:
    """A seeded sample of about ``limit`` rows, stratified by label (each label keeps its share, at least
    one row), in file order; all rows when ``limit`` is None or not smaller than the corpus."""
    if limit is None or len(rows) <= limit:
        return list(rows)
    if limit < 1:
        raise ValueError(f"a corpus limit must be positive, got {limit}")
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    counts = Counter(row["label"] for row in rows)
    quota = {label: max(1, round(limit * count / len(rows))) for label, count in counts.items()}
    kept = set()
    for index in order:
        label = rows[index]["label"]
        if quota[label] > 0:
            quota[label] -= 1
            kept.add(index)
    return [row for index, row in enumerate(rows) if index in kept]


def load_corpus_rows(name: str, *, directory: Path | None, limit: int | None, seed: int) -> list[Row]:
    from classifier.training.corpus import load_corpus

    return limited(load_corpus(name, directory=directory), limit, seed=seed)


def load_training_rows(
    corpora: Sequence[str], *, directory: Path | None = None, limit: int | None = None, seed: int = 0
) -> list[Row]:
    return dedupe(
        [
            row
            for name in corpora
            for row in load_corpus_rows(name, directory=directory, limit=limit, seed=seed)
        ]
    )
